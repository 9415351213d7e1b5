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

// Markdown emphasis the txt ingest left in running text ("…Hành chính*(Kèm theo …)*", sample
// 000 L250); the metadata lines never need a literal "*".
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
  doc.blocks.forEach((b, i) => {
    if (b.kind === "paragraph") {
      const parts = b.text.split("\n");
      parts.forEach((p, k) => push(p, i, lineProv(b.prov, k, parts.length), false, b.bold, b.listItem ?? false));
    } else if (b.kind === "table" && isLayoutTable(b)) {
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
    }
  });
  return out;
}
