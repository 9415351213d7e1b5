import { z } from "zod";

/**
 * Store columns read off the zod row schemas (rows.ts), so each column is declared once: the
 * SQLite writer binds `columnNames(schema)` (write.ts), the PostgreSQL DDL and binders are
 * generated from `columnsOf(schema)` (postgres/schema.ts), and a test holds the SQLite
 * migrations' tables to the same names (columns.test.ts).
 */

/** The storage class of a column, engine-neutral. */
export type ColumnType = "integer" | "real" | "text";

export interface Column {
  name: string;
  type: ColumnType;
  /** False when the schema accepts null. */
  notNull: boolean;
  /** The allowed values when the schema is an enum (or a union of literals): a CHECK in DDL. */
  values?: (string | number)[];
}

interface Node {
  type?: string | string[];
  anyOf?: Node[];
  enum?: (string | number)[];
  const?: string | number;
}

/** Keys of a row schema that are not columns of its table (section topics go to their own table). */
const NOT_COLUMNS = new Set(["topicList"]);

/** The columns of a row schema, in the schema's key order. */
export function columnsOf(schema: z.ZodObject): Column[] {
  const json = z.toJSONSchema(schema) as { properties: Record<string, Node> };
  return Object.entries(json.properties)
    .filter(([name]) => !NOT_COLUMNS.has(name))
    .map(([name, node]) => {
      const alternatives = flatten(node);
      const nonNull = alternatives.filter((a) => a.type !== "null");
      const types = new Set(nonNull.map((a) => a.type));
      if (types.size !== 1) throw new Error(`Column ${name}: one storage type expected, got ${[...types].join(", ")}`);
      const t = [...types][0] as string | undefined;
      const values = nonNull.flatMap((a) => a.enum ?? (a.const !== undefined ? [a.const] : []));
      const literalOnly = nonNull.every((a) => a.enum || a.const !== undefined);
      const type: ColumnType =
        t === "string" ? "text" : t === "integer" || (t === "number" && literalOnly && values.every(Number.isInteger)) ? "integer" : t === "number" ? "real" : fail(name, t);
      return { name, type, notNull: nonNull.length === alternatives.length, ...(literalOnly && values.length ? { values } : {}) };
    });
}

/** The column names of a row schema, for binders. */
export function columnNames(schema: z.ZodObject): string[] {
  return columnsOf(schema).map((c) => c.name);
}

/** A node's alternatives, with `type: [a, b]` and nested anyOf spread out. */
function flatten(n: Node): Node[] {
  if (n.anyOf) return n.anyOf.flatMap(flatten);
  if (Array.isArray(n.type)) return n.type.map((type) => ({ ...n, type }));
  return [n];
}

function fail(name: string, t: string | undefined): never {
  throw new Error(`Column ${name}: type ${t} has no store type`);
}
