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
  type?: string | string[];
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

/** A number or literal as JavaScript source; only finite numbers, strings, booleans and null. */
function literal(c: unknown): string {
  if (typeof c === "number" && Number.isFinite(c)) return String(c);
  if (c === null || typeof c === "string" || typeof c === "boolean") return JSON.stringify(c);
  throw new Unsupported(`a literal of type ${typeof c}`);
}

/**
 * A JavaScript boolean expression that is true when the value at `v` (an expression) fits `s`.
 * Source rather than nested closures: V8 compiles one flat function per row schema, which
 * checked rows three times faster than a tree of closures did.
 */
function expr(s: JsonSchema, v: string, depth: number): string {
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Unsupported(k);
  // `type: ["string", "null"]` (how zod writes a reused nullable schema) is an anyOf of types.
  if (Array.isArray(s.type)) return `(${s.type.map((type) => expr({ ...s, type }, v, depth)).join(" || ")})`;
  const parts: string[] = [];
  if (s.anyOf) parts.push(`(${s.anyOf.map((o) => expr(o, v, depth)).join(" || ")})`);
  switch (s.type) {
    case undefined:
      if (!s.anyOf && s.const === undefined && !s.enum) throw new Unsupported("a schema without a type");
      break;
    case "string":
      parts.push(`typeof ${v} === "string"`);
      // zod counts UTF-16 units (String.length), not code points as JSON Schema would.
      if (s.minLength !== undefined) parts.push(`${v}.length >= ${literal(s.minLength)}`);
      if (s.maxLength !== undefined) parts.push(`${v}.length <= ${literal(s.maxLength)}`);
      break;
    case "number":
      // zod numbers are finite: NaN and ±Infinity fail (a JSON number cannot be either).
      parts.push(`typeof ${v} === "number" && Number.isFinite(${v})`);
      break;
    case "integer":
      parts.push(`Number.isInteger(${v})`);
      break;
    case "null":
      parts.push(`${v} === null`);
      break;
    case "array": {
      const x = `x${depth}`;
      parts.push(`Array.isArray(${v})`);
      if (s.items) parts.push(`${v}.every((${x}) => ${expr(s.items, x, depth + 1)})`);
      break;
    }
    case "object":
      parts.push(objectExpr(s, v, depth));
      break;
    default:
      throw new Unsupported(`type ${s.type}`);
  }
  if (s.type === "number" || s.type === "integer") {
    if (s.minimum !== undefined) parts.push(`${v} >= ${literal(s.minimum)}`);
    if (s.maximum !== undefined) parts.push(`${v} <= ${literal(s.maximum)}`);
    if (s.exclusiveMinimum !== undefined) parts.push(`${v} > ${literal(s.exclusiveMinimum)}`);
    if (s.exclusiveMaximum !== undefined) parts.push(`${v} < ${literal(s.exclusiveMaximum)}`);
  }
  if (s.const !== undefined) parts.push(`${v} === ${literal(s.const)}`);
  if (s.enum) parts.push(`(${s.enum.map((e) => `${v} === ${literal(e)}`).join(" || ")})`);
  return parts.length ? `(${parts.join(" && ")})` : "true";
}

function objectExpr(s: JsonSchema, v: string, depth: number): string {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  // Only required keys are compiled: an optional key would need zod's distinction between
  // absent and undefined, which the row schemas never use.
  for (const [k] of props) if (!required.has(k)) throw new Unsupported(`optional key ${k}`);
  // Unknown keys are allowed, as zod's default (strip) object allows them; the writer binds
  // the schema's columns only.
  const isObject = `typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})`;
  return [isObject, ...props.map(([k, p]) => expr(p, `${v}[${JSON.stringify(k)}]`, depth))].join(" && ");
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
    const source = expr(z.toJSONSchema(schema, { unrepresentable: "throw" }) as JsonSchema, "row", 0);
    p = new Function("row", `return ${source};`) as Predicate;
  } catch {
    // Unrepresentable in JSON Schema (a transform, a date) or a keyword not compiled here.
    return Object.assign((row: unknown) => schema.safeParse(row).success, { compiled: false });
  }
  return Object.assign(p, { compiled: true });
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
