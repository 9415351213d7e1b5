import { z } from "zod";

/**
 * Row validation at the store's boundary, made cheap. A zod parse per row cost about a tenth
 * of a document's write (it also copies every row). Here each row schema is compiled once,
 * through its JSON Schema (z.toJSONSchema, zod's public description of what it accepts), into
 * a plain predicate that only reads the row. A row the predicate rejects is parsed by zod
 * itself, so the reason is zod's; zod stays the judge of what is valid (check.test.ts holds
 * the predicate to zod's verdict on generated rows).
 */

type Predicate = (v: unknown) => boolean;

/** A JSON Schema node, as far as z.toJSONSchema writes it for the row schemas. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  $schema?: string;
}

/** Keywords the compiler understands; any other one means "let zod judge this schema". */
const KNOWN = new Set([
  "$schema", "type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "const",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
]);

/** A JSON Schema keyword or type the compiler leaves to zod. */
class Unsupported extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function compile(s: JsonSchema): Predicate {
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Unsupported(k);
  const parts: Predicate[] = [];
  if (s.anyOf) {
    const options = s.anyOf.map(compile);
    parts.push((v) => options.some((p) => p(v)));
  }
  switch (s.type) {
    case undefined:
      if (!s.anyOf && s.const === undefined && !s.enum) throw new Unsupported("a schema without a type");
      break;
    case "string":
      parts.push((v) => typeof v === "string");
      // zod counts UTF-16 units (String.length), not code points as JSON Schema would.
      if (s.minLength !== undefined) parts.push((v) => (v as string).length >= s.minLength!);
      if (s.maxLength !== undefined) parts.push((v) => (v as string).length <= s.maxLength!);
      break;
    case "number":
      // zod numbers are finite: NaN and ±Infinity fail (a JSON number cannot be either).
      parts.push((v) => typeof v === "number" && Number.isFinite(v));
      break;
    case "integer":
      parts.push((v) => Number.isInteger(v));
      break;
    case "null":
      parts.push((v) => v === null);
      break;
    case "array": {
      const item = s.items ? compile(s.items) : undefined;
      parts.push(item ? (v) => Array.isArray(v) && v.every(item) : Array.isArray);
      break;
    }
    case "object":
      parts.push(compileObject(s));
      break;
    default:
      throw new Unsupported(`type ${s.type}`);
  }
  if (s.type === "number" || s.type === "integer") {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = s;
    if (minimum !== undefined) parts.push((v) => (v as number) >= minimum);
    if (maximum !== undefined) parts.push((v) => (v as number) <= maximum);
    if (exclusiveMinimum !== undefined) parts.push((v) => (v as number) > exclusiveMinimum);
    if (exclusiveMaximum !== undefined) parts.push((v) => (v as number) < exclusiveMaximum);
  }
  if (s.const !== undefined) {
    const c = s.const;
    parts.push((v) => v === c);
  }
  if (s.enum) {
    const values = new Set(s.enum);
    parts.push((v) => values.has(v));
  }
  if (parts.length === 1) return parts[0];
  return (v) => {
    for (const p of parts) if (!p(v)) return false;
    return true;
  };
}

function compileObject(s: JsonSchema): Predicate {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  // Only required, non-optional keys are compiled: an optional key would need zod's
  // distinction between absent and undefined, which the row schemas never use.
  for (const [k] of props) if (!required.has(k)) throw new Unsupported(`optional key ${k}`);
  const keys = props.map(([k]) => k);
  const checks = props.map(([, p]) => compile(p));
  // Unknown keys are allowed, as zod's default (strip) object allows them; the writer binds
  // the schema's columns only.
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) if (!checks[i](v[keys[i]])) return false;
    return true;
  };
}

/** A row check: true for rows zod would accept. `compiled` is false when zod runs on every row. */
export interface RowCheck {
  (row: unknown): boolean;
  compiled: boolean;
}

/**
 * The predicate for a schema, or zod's own safeParse when the schema uses something the
 * compiler does not know (a refinement, a pattern, a transform): correct either way, only
 * slower, and check.test.ts fails if a row schema lands there.
 */
export function compileCheck(schema: z.ZodType): RowCheck {
  let p: Predicate;
  try {
    p = compile(z.toJSONSchema(schema, { unrepresentable: "throw" }) as JsonSchema);
  } catch {
    // Unrepresentable in JSON Schema (a transform, a date) or a keyword not compiled here.
    return Object.assign((row: unknown) => schema.safeParse(row).success, { compiled: false });
  }
  return Object.assign((row: unknown) => p(row), { compiled: true });
}

/** Thrown for the first row of a kind that is not storable; the message says which and why. */
export class RowError extends Error {
  constructor(
    /** The kind of row: "indicators", "sections", … */
    readonly kind: string,
    /** 0-based position of the row among the document's rows of that kind. */
    readonly index: number,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const what = issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
    super(`${kind} row ${index}: ${what}`);
    this.name = "RowError";
  }
}

/**
 * A validator for one kind of row: checks a document's rows of that kind in one pass and
 * throws a RowError, with zod's reason, for the first row zod rejects.
 */
export function rowValidator(kind: string, schema: z.ZodType): (rows: readonly unknown[]) => void {
  const check = compileCheck(schema);
  return (rows) => {
    for (let i = 0; i < rows.length; i++) {
      if (check(rows[i])) continue;
      const r = schema.safeParse(rows[i]);
      // Should the predicate ever be stricter than zod, zod's acceptance stands.
      if (!r.success) throw new RowError(kind, i, r.error.issues);
    }
  };
}
