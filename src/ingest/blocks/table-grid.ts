import type { Cell, Provenance, Row } from "../../model/document.js";

/** A cell as HTML gives it: text plus how many grid columns and rows it covers. */
export interface SpanCell {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Columns covered (HTML colspan), at least 1. */
  colSpan: number;
  /** Rows covered (HTML rowspan), at least 1. */
  rowSpan: number;
}

/** A row as HTML gives it, before merged cells are expanded. */
export interface SpanRow {
  cells: SpanCell[];
  /** Row came from <thead> (Word "repeat as header row"). */
  header: boolean;
  prov: Provenance;
}

/**
 * Expand rowspan/colspan into a regular grid so that columns line up: the origin of a merge keeps
 * its text and records colSpan/rowSpan; every position it covers becomes `{ text: "", spanned: true }`.
 * Rows shorter than the widest one are padded with empty cells (Word allows ragged rows).
 * The HTML table algorithm (WHATWG §4.9.12.1) places each cell in the first free column.
 */
/** The HTML table algorithm's limit on colspan (WHATWG §4.9.11, the colspan attribute). */
const MAX_COLSPAN = 1000;

export function expandGrid(rows: SpanRow[]): Row[] {
  const grid: (Cell | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (grid[r][col]) col++;
      // A rowspan reaching past the last row is clipped, as browsers do.
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      // WHATWG clamps colspan to 1000: a w:gridSpan of a billion must not build a billion cells.
      const colSpan = Math.max(1, Math.min(cell.colSpan, MAX_COLSPAN));
      for (let dr = 0; dr < rowSpan; dr++)
        for (let dc = 0; dc < colSpan; dc++)
          grid[r + dr][col + dc] =
            dr === 0 && dc === 0
              ? {
                  text: cell.text,
                  bold: cell.bold,
                  italic: cell.italic,
                  ...(colSpan > 1 ? { colSpan } : {}),
                  ...(rowSpan > 1 ? { rowSpan } : {}),
                }
              : { text: "", bold: false, italic: false, spanned: true };
      col += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  return rows.map((row, r) => ({
    cells: Array.from({ length: width }, (_, c) => grid[r][c] ?? { text: "", bold: false, italic: false }),
    ...(row.header ? { header: true } : {}),
    prov: row.prov,
  }));
}
