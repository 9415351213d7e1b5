import type { Row } from "../src/model/document.js";
import { type Message, placeOf, type Severity } from "../src/model/message.js";
import type { ColumnRole, RecordTableKind } from "../src/model/records.js";
import type { LogicalTable } from "../src/tables/types.js";

/**
 * What the row-per-record extractors (indicators, tasks, targets) share: the loop over the
 * tables of their kind and their body rows, the place of a row's messages, and the cell
 * helpers. Each extractor says only how one row is read.
 */

/** One table being read: its records so far and a way to raise a message about one of its rows. */
export interface TableReading<R> {
  readonly table: LogicalTable;
  /** Records read from this table so far, in row order. */
  readonly records: R[];
  /** A message about body row `r` (0-based) of this table, placed at its provenance. */
  note(severity: Severity, ruleId: string, reason: string, r: number, extra?: { actual?: unknown }): void;
}

/**
 * Reads every logical table of `kind` in document order: `readRow` is called for each body row
 * (with its 0-based index) and pushes records onto `reading.records`; `endTable` may finish a
 * table's records (group rows, code paths). The records of all tables are returned in order,
 * each table's `table` field is the logical table's index (TableRecord.index).
 */
export function readRecordTables<R, S>(
  tables: LogicalTable[],
  kind: RecordTableKind,
  file: string,
  reader: {
    /** Per-table state (the group row above, the last record …). */
    start: (table: LogicalTable) => S;
    readRow: (row: Row, r: number, reading: TableReading<R>, state: S) => void;
    endTable?: (records: R[]) => void;
  },
): { value: R[]; messages: Message[] } {
  const value: R[] = [];
  const messages: Message[] = [];
  for (const table of tables) {
    if (table.kind !== kind) continue;
    const reading: TableReading<R> = {
      table,
      records: [],
      note: (severity, ruleId, reason, r, extra = {}) =>
        messages.push({ severity, ruleId, reason, place: placeOf(file, table.rows[r]?.prov, { table: table.index, row: r }), ...extra }),
    };
    const state = reader.start(table);
    table.rows.forEach((row, r) => reader.readRow(row, r, reading, state));
    reader.endTable?.(reading.records);
    value.push(...reading.records);
  }
  return { value, messages };
}

/**
 * Cell text of a plan/target table as the sample gold keeps it: inline
 * markup removed, cell line breaks turned into spaces, bullets that the source printed as
 * text ("- ") kept inline, whitespace collapsed. Null when the cell is empty or absent.
 */
export function cleanCell(row: Row, roles: (ColumnRole | null)[], role: ColumnRole): string | null {
  const col = roles.indexOf(role);
  if (col < 0) return null;
  const cell = row.cells[col];
  if (!cell || cell.spanned) return null;
  return cleanText(cell.text);
}

/** The text part of cleanCell, for callers that already hold the cell text. */
export function cleanText(text: string): string | null {
  const t = text
    // Residual HTML list/paragraph markup that an ingest may have left behind.
    .replace(/<\/?(?:ul|ol|li|p|br|span|div|b|i|strong|em|u)\b[^>]*>/gi, " ")
    // Typographic bullets at a line start become the "- " the templates print.
    .replace(/(^|\n)\s*[•●▪◦]\s*/g, "$1- ")
    .replace(/\s+/g, " ")
    .trim();
  return t === "" ? null : t;
}

/**
 * Joins the halves of a cell split by a page break (or a merged cell read as two rows) with a
 * single space. An absent half, null or "", leaves the other as it is; null only when both are.
 */
export function joinText(a: string, b: string | null): string;
export function joinText(a: string | null, b: string | null): string | null;
export function joinText(a: string | null, b: string | null): string | null {
  if (!a) return b || a;
  if (!b) return a;
  return `${a} ${b}`;
}

/** Cell text of the column holding `role`, whitespace collapsed only (markup kept), or null when empty or absent. */
export function cellOf(row: Row, roles: (ColumnRole | null)[], role: ColumnRole): string | null {
  const col = roles.indexOf(role);
  if (col < 0) return null;
  const t = (row.cells[col]?.text ?? "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

const ROMAN = /^[IVXLC]+\.?$/;

/** A Roman STT ("I", "XII.") numbers a group row in plan tables (the KẾ HOẠCH of data/samples/002). */
export function isRomanCode(code: string): boolean {
  return ROMAN.test(code.trim());
}

/**
 * An STT cell that does not start a record of its own: empty, or a dash the source printed
 * for "same as above". Such a row continues the record above when it follows a page break.
 */
export function isBlankCode(code: string | null): boolean {
  return code === null || /^[-–—]?$/.test(code.trim());
}
