/**
 * The type of every exported column, for the writers that keep types (Parquet, xlsx). SQLite
 * is dynamically typed and reports a declared type only for a column taken straight from a
 * table (`stmt.columns()[i].type`); columns reached through a view's expression or a JSON
 * function have none, so the names below settle them. Order of precedence: the name list,
 * then the declared type, then text.
 */
import { z } from "zod";

/** integer: a whole number (Parquet INT64); double: any number (DOUBLE); boolean: 0/1 stored; text: everything else. */
export const ColumnType = z.enum(["integer", "double", "boolean", "text"]);
export type ColumnType = z.infer<typeof ColumnType>;

/** A column of an export with the type it is written as. */
export interface ExportColumn {
  /** Column name as the SELECT names it (becomes the Parquet column / the xlsx header). */
  name: string;
  type: ColumnType;
}

/** Flags stored as INTEGER 0/1: written as booleans. */
const BOOLEAN_NAMES = new Set(["is_group", "is_main"]);
/** Whole numbers that a view or expression hands over without a declared type. */
const INTEGER_NAMES = new Set([
  "id", "pages", "bytes", "part", "period_year", "period_quarter", "period_month", "table_index", "kind_index",
  "row_index", "column_index", "header_rows", "body_rows", "column_count", "main_column", "fragments",
  "ordinal", "parent_ordinal", "level", "year", "quarter", "page", "line",
]);
/** Numbers with a fraction. */
const DOUBLE_NAMES = new Set(["value", "numerator", "denominator", "match_score", "target", "confidence"]);

/** The type of one column from its name and SQLite's declared type (null when it has none). */
export function columnType(name: string, declared: string | null | undefined): ColumnType {
  if (BOOLEAN_NAMES.has(name)) return "boolean";
  if (INTEGER_NAMES.has(name)) return "integer";
  if (DOUBLE_NAMES.has(name)) return "double";
  const d = (declared ?? "").toUpperCase();
  // SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), in its order.
  if (d.includes("INT")) return "integer";
  if (/CHAR|CLOB|TEXT/.test(d)) return "text";
  if (/REAL|FLOA|DOUB/.test(d)) return "double";
  return "text";
}

/** Typed columns of a prepared SELECT (better-sqlite3's `stmt.columns()`). */
export function exportColumns(columns: readonly { name: string; type: string | null }[]): ExportColumn[] {
  return columns.map((c) => ({ name: c.name, type: columnType(c.name, c.type) }));
}

/** A value that does not fit its column's type: the export stops rather than write it wrong. */
export class ExportTypeError extends Error {
  constructor(column: ExportColumn, row: number, value: unknown) {
    super(`column ${column.name} (${column.type}) of row ${row + 1} holds ${JSON.stringify(value)}, which is not of that type`);
    this.name = "ExportTypeError";
  }
}

/**
 * The value of one cell converted to its column's type: null stays null, booleans from 0/1,
 * numbers from numbers (an integer column refuses a fraction), text from anything (numbers
 * printed as JavaScript does). `row` (0-based) is for the error only.
 */
export function typedValue(column: ExportColumn, value: unknown, row: number): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      if (value === 0 || value === 1 || typeof value === "boolean") return value === 1 || value === true;
      break;
    case "integer":
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      if (typeof value === "bigint") return Number(value);
      break;
    case "double":
      if (typeof value === "number") return value;
      break;
    case "text":
      return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  throw new ExportTypeError(column, row, value);
}
