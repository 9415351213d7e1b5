import type { Block, Document, Row, Table } from "../model/document.js";
import { tableTitle } from "./appendix.js";
import { parseValue } from "../normalize/value.js";
import { classifyTable, headerRole, isHeaderRow, resolveRoles } from "./columns.js";
import { isLayoutTable } from "./layout.js";
import { columnMeaning, type ColumnMeaning, headerPaths, isEntityHeader } from "./meaning.js";
import type { ColumnRole, TableKind } from "../model/records.js";
import type { LogicalTable } from "./types.js";
import { fold } from "../rules/fold.js";

/** A block that may sit between two page fragments of one table without ending it. */
function isSeparator(b: Block): boolean {
  if (b.kind === "pageBreak") return true;
  // Word/LibreOffice put a tiny paragraph holding a no-break space between split tables.
  return b.kind === "paragraph" && b.text.replace(/[\s\u00a0\u200b]/g, "") === "";
}

function headerCount(t: Table): number {
  let n = 0;
  while (n < t.rows.length) {
    const row = t.rows[n];
    if (row.header || isHeaderRow(row)) n++;
    // A group row over a recognised header row, naming what the rules do not know ("Tỉnh |
    // PAR Index | SIPAS" over "Điểm số | Thứ hạng"; "STT | Nội dung | Lâm Đồng | Đắk Nông"
    // over "Điểm số | Chỉ số | Thứ hạng"): text only, no number.
    else if (n + 1 < t.rows.length && !hasNumber(row) && headerLike(t.rows[n + 1])) n++;
    // The first row of a table whose first cell heads the STT column ("TT | Tên TTHC | Số lượng
    // hồ sơ …"), text only: the header, even when the rules know no other of its columns.
    // The second line of a merged header: its STT cell is covered by the header's merge, and it
    // holds text only ("〃 | 〃 | Tỷ lệ (%) | Điểm đánh giá").
    else if (n > 0 && row.cells[0]?.spanned && !hasNumber(row)) n++;
    // The same line in a text export, where the merge left the STT cell empty: every cell with
    // text is known header text ("| | Điểm số | Thứ hạng").
    else if (n > 0 && !row.cells[0]?.text.trim() && !hasNumber(row) && knownHeaderText(row)) n++;
    else if (n === 0 && t.rows.length > 1 && headerRole(row.cells[0]?.text ?? "") === "code" && !hasNumber(row)) n++;
    else break;
  }
  return n;
}

/** A recognised header row, or a text-only row of known header words ("Điểm số | Thứ hạng"). */
function headerLike(row: Row): boolean {
  return Boolean(row.header) || isHeaderRow(row) || (!hasNumber(row) && knownHeaderText(row));
}

function knownHeaderText(row: Row): boolean {
  const texts = row.cells.filter((c) => !c.spanned && c.text.trim());
  return texts.length > 0 && texts.every((c) => headerRole(c.text) !== undefined);
}

/** True when a cell of the row holds a number (a body row, not a header). */
function hasNumber(row: Row): boolean {
  return row.cells.some((c) => !c.spanned && /\d/.test(c.text) && parseValue(c.text.trim()).value !== null);
}

const signature = (rows: Row[]) => rows.map((r) => r.cells.map((c) => fold(c.text)).join("|")).join("||");

/**
 * Joins table fragments split at page breaks into logical tables and gives columns roles.
 * A fragment continues the previous table when only separators lie between them, the grid
 * widths agree, and it either repeats the same header rows or has none (sample 002's target
 * table breaks without repeating its header). Repeated header rows are dropped. Each table's
 * `index` counts every table of the document in order, layout ones included.
 */
export function buildTables(doc: Document): LogicalTable[] {
  const out: LogicalTable[] = [];
  // Every table of the document is numbered, layout and empty ones too, so a logical table's
  // index is its TableRecord.index (src/tables/describe.ts) and one number names it everywhere.
  let tablesSeen = 0;
  let open: { table: LogicalTable; width: number; headerSig: string } | null = null;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "table") {
      if (!isSeparator(b)) open = null;
      return;
    }
    if (isLayoutTable(b) || b.rows.length === 0) {
      tablesSeen++;
      open = null;
      return;
    }
    const width = b.rows[0].cells.length;
    const h = headerCount(b);
    const headerRows = b.rows.slice(0, h);
    const body = b.rows.slice(h);
    const sig = signature(headerRows);
    if (open && open.width === width && open.table.kind !== "other" && (h === 0 || sig === open.headerSig)) {
      open.table.rows.push(...body);
      open.table.fragmentStart.push(...body.map((_, k) => k === 0));
      open.table.fragments++;
      open.table.provs.push(b.prov);
      return;
    }
    const roles = resolveRoles(headerRows, width);
    const columns = headerPaths(headerRows, width).map(columnMeaning);
    const table: LogicalTable = {
      index: tablesSeen++,
      kind: h > 0 ? kindOf(roles, columns) : "other",
      roles,
      columns,
      headerRows,
      rows: body,
      fragmentStart: body.map(() => false),
      fragments: 1,
      title: tableTitle(doc.blocks, i),
      blockIndex: i,
      prov: b.prov,
      provs: [b.prov],
    };
    out.push(table);
    open = { table, width, headerSig: sig };
  });
  return out;
}

/** Roles that say what a column is about rather than holding a value. */
const DESCRIPTIVE = new Set<ColumnRole>(["code", "name", "unit", "note", "content", "output", "owner", "timeframe", "target", "coordinator", "monitor"]);

/**
 * The kind from the roles (rules/table-columns.json), then the score and ranking tables set
 * apart as matrices: a value column headed by a score or a rank ("Điểm số", "Thứ hạng") is never
 * a statistics appendix (a "STT | Nội dung | Tỷ lệ | Điểm số | Thứ hạng" table scores units,
 * it states no indicator values), and neither is a table without a label column whose rows are
 * units or provinces ("STT | Đơn vị | Năm 2023 | Năm 2024").
 */
function kindOf(roles: (ColumnRole | null)[], columns: ColumnMeaning[]): TableKind {
  const kind = classifyTable(roles);
  if (kind === "tasks" || kind === "targets") return kind;
  const valueCols = columns.filter((_, c) => !roles[c] || !DESCRIPTIVE.has(roles[c]!));
  if (valueCols.some((m) => m.valueRole === "score" || m.valueRole === "rank")) return "matrix";
  const entity = columns.some((m) => m.path.length > 0 && isEntityHeader(m.path[m.path.length - 1]));
  if (!roles.includes("name") && entity && valueCols.some((m) => m.valueRole !== null || m.year !== null)) return "matrix";
  return kind;
}
