import type { Document, Provenance } from "../../src/model/document.js";
import { foldKeepLength } from "../../src/rules/fold.js";
import { isLayoutTable } from "../../src/tables/layout.js";

/**
 * One printed line of the document as the metadata extractor reads it: a line of a paragraph
 * (paragraphs keep soft breaks as "\n"), or a line of a layout-table cell (the two-column
 * header block and signature block, DOMAIN.md "Header block and signature").
 */
export interface TextLine {
  /** NFC text, markdown emphasis residue ("*") removed, whitespace collapsed. */
  text: string;
  /** foldKeepLength(text): same length, so a match index is an index into `text`. */
  key: string;
  /** Index of the source block in Document.blocks. */
  block: number;
  /** Where the line was read. */
  prov: Provenance;
  /** True when the line comes from a layout table. */
  layout: boolean;
  /** For layout-table lines, the 0-based column of the cell (0 = left column of the header block). */
  column?: number;
  /** True when the whole line is bold (headings, signing titles, names are often bold). */
  bold: boolean;
  /** True for a list item (recipients are usually one). */
  listItem: boolean;
}

// Markdown emphasis the txt ingest left in running text ("…Hành chính*(Kèm theo …)*",
// data/samples/000.txt line 250); the metadata lines never need a literal "*".
const clean = (s: string) => s.replace(/\u00a0/g, " ").replace(/\*+/g, " ").replace(/\s+/g, " ").trim();

/**
 * Provenance of line `i` of a block: its own source line when the block's lines map 1:1 to
 * source lines (txt soft breaks), else the block's provenance.
 */
function lineProv(prov: Provenance, i: number, count: number): Provenance {
  if (count > 1 && prov.line !== undefined && prov.endLine !== undefined && prov.endLine - prov.line + 1 === count) {
    const { endLine: _end, ...rest } = prov;
    return { ...rest, line: prov.line + i };
  }
  return prov;
}

/**
 * Every printed line of the document in reading order: paragraphs split at their soft breaks,
 * layout tables column by column (the left column of a header block, then its right column). Data tables are skipped: their text is for the record extractors.
 */
export function documentLines(doc: Document): TextLine[] {
  const out: TextLine[] = [];
  const push = (text: string, block: number, prov: Provenance, layout: boolean, bold: boolean, listItem: boolean, column?: number) => {
    const t = clean(text);
    if (!t) return;
    out.push({ text: t, key: foldKeepLength(t), block, prov, layout, bold, listItem, ...(column !== undefined ? { column } : {}) });
  };
  // Paragraphs laid out in two columns with tabs or runs of spaces ("Nơi nhận:\t TL. CHỦ TỊCH",
  // "- Như trên;\t CHÁNH VĂN PHÒNG"): a run of such lines is read like a layout table, column by
  // column, so the recipients and the signing titles are two flows again.
  let run: { left: string; right: string; block: number; prov: Provenance; bold: boolean }[] = [];
  const flush = () => {
    if (!run.length) return;
    const block = run[0].block;
    for (const r of run) push(r.left, block, r.prov, true, r.bold, /^\s*[-+•]\s/.test(r.left), 0);
    for (const r of run) push(r.right, block, r.prov, true, r.bold, false, 1);
    run = [];
  };
  doc.blocks.forEach((b, i) => {
    if (b.kind === "paragraph") {
      const parts = b.text.split("\n");
      const cols = parts.length === 1 ? columnsOf(b.text) : null;
      if (cols) {
        run.push({ left: cols[0], right: cols[1], block: i, prov: b.prov, bold: b.bold });
        return;
      }
      flush();
      parts.forEach((p, k) => push(p, i, lineProv(b.prov, k, parts.length), false, b.bold, b.listItem ?? false));
    } else if (b.kind === "table" && isLayoutTable(b)) {
      flush();
      // Column by column: each column of a layout table is one flow of text. A text export
      // prints one line per row ("- Lưu: VT. | CHỦ TỊCH"), so reading row by row would
      // interleave the recipients with the signing titles and the name.
      const width = Math.max(0, ...b.rows.map((r) => r.cells.length));
      for (let col = 0; col < width; col++)
        for (const row of b.rows) {
          const c = row.cells[col];
          if (!c || c.spanned) continue;
          for (const p of c.text.split("\n")) push(p, i, c.prov ?? row.prov, true, c.bold, /^\s*[-+•]\s/.test(p), col);
        }
    } else flush();
  });
  flush();
  return out;
}

/** Longest line that can be two columns laid out with spaces (a body paragraph is longer). */
const MAX_TWO_COLUMN_LINE = 180;

/**
 * The two columns of a one-line paragraph laid out with a tab or a run of four or more spaces,
 * each holding at least two letters; null for an ordinary line.
 */
function columnsOf(text: string): [string, string] | null {
  if (text.length > MAX_TWO_COLUMN_LINE) return null;
  const m = /\t\s*|\s{4,}/u.exec(text.trim());
  if (!m) return null;
  const t = text.trim();
  const left = t.slice(0, m.index).trim();
  const right = t.slice(m.index + m[0].length).trim();
  const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;
  return letters(left) >= 2 && letters(right) >= 2 ? [left, right] : null;
}

/**
 * Lines of the cells of the document's first data tables (a form's fields: the "Trích yếu" of
 * a phiếu trình sits in its table), in reading order. The metadata readers use them only for
 * labelled fields.
 */
export function tableCellLines(doc: Document, maxTables = 4): TextLine[] {
  const out: TextLine[] = [];
  let seen = 0;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "table" || isLayoutTable(b) || seen >= maxTables) return;
    seen++;
    for (const row of b.rows)
      for (const [col, c] of row.cells.entries()) {
        if (c.spanned) continue;
        for (const p of c.text.split("\n")) {
          const t = clean(p);
          if (t) out.push({ text: t, key: foldKeepLength(t), block: i, prov: c.prov ?? row.prov, layout: false, column: col, bold: c.bold, listItem: false });
        }
      }
  });
  return out;
}
