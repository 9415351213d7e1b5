import type { Block, Document, Row } from "../model/document.js";
import type { StoredTableKind, TableRecord } from "../model/records.js";
import { isLayoutTable } from "./layout.js";
import type { LogicalTable } from "./types.js";

/**
 * Every table of the document as a record for the store: the logical tables (page fragments
 * joined) with their header paths and body cells, and the layout tables (header and signature
 * blocks) marked "layout" so analytics leave them out. In document order; `index` counts them
 * all and is the logical table's own index (buildTables numbers the same way), `kindIndex`
 * counts within a kind.
 */
export function describeTables(doc: Document, logical: LogicalTable[]): TableRecord[] {
  const byBlock = new Map(logical.map((t) => [t.blockIndex, t]));
  const out: TableRecord[] = [];
  const perKind = new Map<StoredTableKind, number>();
  const next = (k: StoredTableKind) => {
    const n = perKind.get(k) ?? 0;
    perKind.set(k, n + 1);
    return n;
  };
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "table") return;
    const t = byBlock.get(i);
    if (t) {
      if (t.index !== out.length) throw new Error(`Table numbering differs: logical table ${t.index} is stored table ${out.length}.`);
      out.push({
        index: out.length,
        kind: t.kind,
        kindIndex: next(t.kind),
        title: t.title ?? caption(doc.blocks, i),
        columns: t.columns.map((m, c) => ({ index: c, header: m.path, role: t.roles[c] ?? null, valueRole: m.valueRole, year: m.year, quarter: m.quarter })),
        headerRows: t.headerRows.length,
        rows: t.rows.map(bodyRow),
        mainColumn: t.kind === "indicators" && t.roles.includes("value") ? t.roles.indexOf("value") : null,
        fragments: t.fragments,
        prov: t.provs,
      });
      return;
    }
    // A fragment joined to the table above is part of that record; what is left is a layout
    // table or an empty one.
    if (!isLayoutTable(b) && b.rows.length > 0) return;
    const width = Math.max(0, ...b.rows.map((r) => r.cells.length));
    out.push({
      index: out.length,
      kind: b.rows.length > 0 ? "layout" : "other",
      kindIndex: next(b.rows.length > 0 ? "layout" : "other"),
      title: null,
      columns: Array.from({ length: width }, (_, c) => ({ index: c, header: [], role: null, valueRole: null, year: null, quarter: null })),
      headerRows: 0,
      rows: b.rows.map(bodyRow),
      mainColumn: null,
      fragments: 1,
      prov: [b.prov],
    });
  });
  return out;
}

function bodyRow(r: Row): TableRecord["rows"][number] {
  return { cells: r.cells.map((c) => (c.spanned ? null : c.text)), prov: r.prov };
}

/**
 * The caption of a table without an appendix label: the nearest non-empty paragraph above it
 * (no other table between), when it is short enough to be a caption rather than narrative.
 */
function caption(blocks: Block[], at: number): string | null {
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) {
    const b = blocks[i];
    if (b.kind === "table") return null;
    if (b.kind !== "paragraph") continue;
    const text = b.text.replace(/[*_]+/g, "").replace(/\s+/g, " ").trim();
    if (!text) continue;
    // Narrative sentences above a table are not its caption.
    return [...text].length <= 120 ? text : null;
  }
  return null;
}
