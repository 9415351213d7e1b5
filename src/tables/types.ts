import type { Provenance, Row } from "../model/document.js";
import type { ColumnRole, TableKind } from "../model/records.js";
import type { ColumnMeaning } from "./meaning.js";

/**
 * A table as the reader sees it: page fragments joined, repeated header rows dropped, columns
 * given roles. Extractors read these, never raw Document tables.
 */
export interface LogicalTable {
  /**
   * 0-based index among all the document's tables in document order, page fragments joined and
   * layout tables counted (so it may skip numbers): the TableRecord.index of its stored table
   * and the `table` of its records and messages.
   */
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
