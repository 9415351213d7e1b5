import type { Block } from "../model/document.js";
import { fold } from "../rules/fold.js";
import { isHeaderRow, layoutRules } from "./columns.js";

/**
 * Layout tables that no ingest marked. The docx and PDF ingests flag the two-column header block
 * ("UBND HUYỆN … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and the signature block ("Nơi nhận: … |
 * TM. ỦY BAN NHÂN DÂN") as layout; a text export prints the same blocks as TAB rows, which
 * arrive as ordinary tables. Such a table is recognised by what it says: few columns, no data
 * header row, and a header-block or signature marker in a cell (rules/table-columns.json
 * "layout").
 */

/** True for a table that lays out the header block or the signature block rather than holding data. */
export function isLayoutTable(b: Block): boolean {
  if (b.kind !== "table") return false;
  if (b.layout) return true;
  const r = layoutRules();
  const width = Math.max(0, ...b.rows.map((row) => row.cells.length));
  if (width === 0 || width > r.maxColumns) return false;
  if (b.rows.some((row) => row.header || isHeaderRow(row))) return false;
  return b.rows.some((row) =>
    row.cells.some((c) => {
      const first = fold(c.text.split("\n")[0] ?? "").replace(/[*_]/g, "").trim();
      return first !== "" && r.markers.some((m) => m.test(first));
    }),
  );
}
