import type { Cell, Row } from "../../model/document.js";
import { roundBox, type Box, type Segment } from "./geometry.js";

/** A ruled table's cell grid on one page, in top-left page points. */
export interface Grid {
  /** Column edges, ascending (cols + 1 values). */
  xs: number[];
  /** Row edges, ascending top to bottom (rows + 1 values). */
  ys: number[];
  /**
   * For each grid position (row-major), the index of the merged region's origin position
   * (itself when the cell is not merged).
   */
  origin: number[];
  box: Box;
}

/** Rulings closer than this (pt) are one edge: double borders and rounding noise. */
const SNAP = 4;
/** A ruling "touches" another when it reaches within this distance (pt). */
const REACH = 2.5;

/**
 * Find ruled tables: connected sets of horizontal and vertical rulings, each turned into a
 * regular grid from the distinct ruling positions. A missing inner border between two grid
 * positions merges them (a merged cell). A single box (one cell) is a frame, not a table.
 */
export function findGrids(horizontal: Segment[], vertical: Segment[]): Grid[] {
  const n = horizontal.length;
  const parent = Array.from({ length: n + vertical.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // O(H·V) intersection tests; pages hold tens to a few hundred rulings.
  for (let i = 0; i < n; i++) {
    const hs = horizontal[i];
    for (let j = 0; j < vertical.length; j++) {
      const vs = vertical[j];
      if (vs.at >= hs.a - REACH && vs.at <= hs.b + REACH && hs.at >= vs.a - REACH && hs.at <= vs.b + REACH)
        parent[find(i)] = find(n + j);
    }
  }
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  for (let i = 0; i < parent.length; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < n) g.h.push(horizontal[i]);
    else g.v.push(vertical[i - n]);
  }
  const grids: Grid[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const grid = buildGrid(h, v);
    if (grid && grid.xs.length - 1 + grid.ys.length - 1 > 2) grids.push(grid);
  }
  return grids.sort((p, q) => p.box[1] - q.box[1]);
}

/** Distinct positions, snapping values within SNAP of the previous one (mean of each cluster). */
function snap(values: number[]): number[] {
  const sorted = [...values].sort((p, q) => p - q);
  const out: number[] = [];
  let sum = 0;
  let count = 0;
  let last = -Infinity;
  for (const v of sorted) {
    if (v - last > SNAP && count) {
      out.push(sum / count);
      sum = count = 0;
    }
    sum += v;
    count++;
    last = v;
  }
  if (count) out.push(sum / count);
  return out;
}

function buildGrid(h: Segment[], v: Segment[]): Grid | undefined {
  // Outer edges come from the rulings' extents too, so a table without side borders (only
  // horizontal rules reaching past the outer columns) still gets its first and last column.
  const xs = snap([...v.map((s) => s.at), Math.min(...h.map((s) => s.a)), Math.max(...h.map((s) => s.b))]);
  const ys = snap([...h.map((s) => s.at), Math.min(...v.map((s) => s.a)), Math.max(...v.map((s) => s.b))]);
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  if (cols < 1 || rows < 1) return undefined;
  const covers = (segs: Segment[], at: number, mid: number) =>
    segs.some((s) => Math.abs(s.at - at) <= SNAP && s.a - REACH <= mid && s.b + REACH >= mid);
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    // Keep the smaller index (top-left-most) as the root: it is the merged cell's origin.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r] + ys[r + 1]) / 2;
    for (let c = 1; c < cols; c++) if (!covers(v, xs[c], midY)) union(r * cols + c - 1, r * cols + c);
  }
  for (let r = 1; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (!covers(h, ys[r], midX)) union((r - 1) * cols + c, r * cols + c);
    }
  }
  return {
    xs,
    ys,
    origin: parent.map((_, i) => find(i)),
    box: [xs[0], ys[0], xs[cols], ys[rows]],
  };
}

/**
 * Walks a grid into rows × cells: `makeCell` builds the cell that starts at grid position
 * (r, c) covering `box` (points) and the spans; positions covered by a merged cell become
 * `{ text: "", spanned: true }`. Shared by the text-layer tables and the OCR'd ones.
 */
export function gridRows(
  grid: Grid,
  page: number,
  makeCell: (i: number, r: number, c: number, box: Box, colSpan: number, rowSpan: number) => Cell,
): Row[] {
  const { xs, ys, origin } = grid;
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const out: Row[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (origin[i] !== i) {
        cells.push({ text: "", bold: false, italic: false, spanned: true });
        continue;
      }
      let colSpan = 1;
      while (c + colSpan < cols && origin[r * cols + c + colSpan] === i) colSpan++;
      let rowSpan = 1;
      while (r + rowSpan < rows && origin[(r + rowSpan) * cols + c] === i) rowSpan++;
      cells.push(makeCell(i, r, c, [xs[c], ys[r], xs[c + colSpan], ys[r + rowSpan]], colSpan, rowSpan));
    }
    out.push({ cells, prov: { page, bbox: roundBox([xs[0], ys[r], xs[cols], ys[r + 1]]) } });
  }
  return out;
}
