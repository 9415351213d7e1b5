import type { Cell, Row, Table } from "../../model/document.js";
import { bucket, roundBox, type Box, type Line, type TextRun } from "./geometry.js";
import { gridRows, type Grid } from "./grid.js";
import { buildLines, joinWrapped, wouldFit } from "./lines.js";

/** Where a glyph's ink sits relative to its baseline (about a third of the em above it). */
const INK_CENTER = 0.3;

/** True when the run's ink centre lies inside the box (1 pt of slack for text touching a border). */
export function runInBox(run: TextRun, box: Box): boolean {
  const cx = (run.x0 + run.x1) / 2;
  const cy = run.y - INK_CENTER * run.size;
  return cx >= box[0] - 1 && cx <= box[2] + 1 && cy >= box[1] - 1 && cy <= box[3] + 1;
}

/**
 * Fill a ruled grid with the runs inside it and build a Table block: one row per grid row,
 * one cell per grid column; a merged cell's text sits at its top-left position and the
 * positions it covers are `{ text: "", spanned: true }`. A run that crosses an inner border
 * (some producers draw a whole row as one string) is split at the border in proportion to
 * its width.
 */
export function tableFromGrid(grid: Grid, runs: readonly TextRun[], page: number): Table {
  const { xs, ys, origin } = grid;
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const perCell: TextRun[][] = Array.from({ length: rows * cols }, () => []);
  for (const run of runs) {
    const r = clamp(bucket(ys, run.y - INK_CENTER * run.size), rows);
    for (const piece of splitAtEdges(run, xs)) {
      const c = clamp(bucket(xs, (piece.x0 + piece.x1) / 2), cols);
      perCell[origin[r * cols + c]].push(piece);
    }
  }
  const outRows = gridRows(grid, page, (i, _r, _c, box, colSpan, rowSpan) => makeCell(perCell[i], box, page, colSpan, rowSpan));
  return { kind: "table", rows: outRows, prov: { page, bbox: roundBox(grid.box) } };
}

function clamp(i: number, n: number): number {
  return Math.min(Math.max(i, 0), n - 1);
}

/** Split a run at the column edges it crosses, by character in proportion to its width. */
function splitAtEdges(run: TextRun, xs: number[]): TextRun[] {
  const first = bucket(xs, run.x0 + 1);
  const last = bucket(xs, run.x1 - 1);
  if (first === last || first < 0) return [run];
  const chars = [...run.text];
  const per = (run.x1 - run.x0) / chars.length;
  const out: TextRun[] = [];
  let start = 0;
  for (let k = first + 1; k <= last && k < xs.length; k++) {
    const end = Math.round((xs[k] - run.x0) / per);
    if (end > start) out.push(piece(run, chars, start, end, per));
    start = Math.max(start, end);
  }
  if (start < chars.length) out.push(piece(run, chars, start, chars.length, per));
  return out.filter((p) => p.text.trim());
}

function piece(run: TextRun, chars: string[], from: number, to: number, per: number): TextRun {
  return { ...run, text: chars.slice(from, to).join(""), x0: run.x0 + from * per, x1: run.x0 + to * per };
}

/**
 * A cell's text: its lines top to bottom. A line that ends before the cell's right edge would
 * have allowed the next word ends with a hard break ("\n"); otherwise the break is a soft wrap
 * and becomes a space, so wrapped labels read as the source wrote them.
 */
function makeCell(runs: TextRun[], box: Box, page: number, colSpan: number, rowSpan: number): Cell {
  const cell: Cell = { text: "", bold: false, italic: false, prov: { page, bbox: roundBox(box) } };
  if (colSpan > 1) cell.colSpan = colSpan;
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  if (!runs.length) return cell;
  const lines = buildLines(runs);
  cell.text = joinLines(lines, box);
  cell.bold = runs.every((r) => r.bold);
  cell.italic = runs.every((r) => r.italic);
  return cell;
}

/** Join a block's lines with " " for soft wraps and "\n" for hard breaks (see makeCell). */
export function joinLines(lines: Line[], box: Box): string {
  const pad = Math.max(0, Math.min(...lines.map((l) => l.x0)) - box[0]);
  const right = box[2] - pad;
  let text = lines[0].text;
  for (let k = 1; k < lines.length; k++) {
    text = wouldFit(lines[k - 1], lines[k], right) ? `${text}\n${lines[k].text}` : joinWrapped(text, lines[k].text);
  }
  return text;
}
