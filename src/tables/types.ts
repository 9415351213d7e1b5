import type { Provenance, Row } from "../model/document.js";
import type { ColumnMeaning } from "./meaning.js";

/** What a column holds, decided from its header text (rules/table-columns.json). */
export type ColumnRole =
  | "code"
  | "name"
  | "unit"
  | "value"
  | "note"
  | "content"
  | "output"
  | "owner"
  | "timeframe"
  | "target"
  /** Phối hợp: the co-ordinating bodies of a plan task. */
  | "coordinator"
  /** Theo dõi, kiểm tra, đánh giá: who follows the task up. */
  | "monitor";

/**
 * What a logical table holds: statistics rows (indicators), plan tasks, targets, a matrix (one
 * row per unit, province or criterion, one column per measure, year or unit: score and ranking
 * tables), or other. Layout tables (header and signature blocks) never become logical tables;
 * the stored tables mark them "layout" (src/tables/describe.ts).
 */
export type TableKind = "indicators" | "tasks" | "targets" | "matrix" | "other";

/**
 * A table as the reader sees it: page fragments joined, repeated header rows dropped, columns
 * given roles. Extractors read these, never raw Document tables.
 */
export interface LogicalTable {
  /** 0-based index among the document's logical tables. */
  index: number;
  kind: TableKind;
  /** Role of each grid column, null when the header names no known role. */
  roles: (ColumnRole | null)[];
  /** Each grid column's header path and what it says (role, year, quarter), from the header rows. */
  columns: ColumnMeaning[];
  /** Header rows of the first fragment (kept for display and provenance). */
  headerRows: Row[];
  /** Body rows of all fragments, in order. */
  rows: Row[];
  /**
   * For each body row, true when it is the first row of a continuation fragment (a row that
   * may be the second half of a row split by the page break).
   */
  fragmentStart: boolean[];
  /** Number of Document table blocks joined into this table. */
  fragments: number;
  /** "<appendix label>: <subtitle>" when an appendix label precedes the table, else null. */
  title: string | null;
  /** Index in Document.blocks of the first fragment. */
  blockIndex: number;
  prov: Provenance;
  /** Provenance of every fragment, in order (a stitched table has several places). */
  provs: Provenance[];
}
