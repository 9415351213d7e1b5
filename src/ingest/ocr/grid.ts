import type { Segment } from "../pdf/geometry.js";
import { findGrids, type Grid } from "../pdf/grid.js";
import type { PageImage } from "./render.js";

/** Ruling lengths in points: shorter ink runs are glyph strokes, not table borders. */
const MIN_HORIZONTAL_PT = 20;
/** A one-line table row is ~18 pt tall; the tallest glyph stroke (with stacked diacritics) is ~12 pt. */
const MIN_VERTICAL_PT = 14;
/** A ruling thicker than this (pt) is a filled area (a black bar, a picture), not a line. */
const MAX_THICKNESS_PT = 3;
/** Pixel gaps a ruling may have and still count as one run (speckle and 1-bit dropouts). */
const GAP_PX = 1;

/** Rulings found in the image, in page points (top-left origin), ready for the grid builder. */
export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

/**
 * Find horizontal and vertical rulings in the binarised page: long ink runs along rows
 * (columns), merged across neighbouring rows (columns) into one segment per drawn line. Skewed
 * lines come out as several overlapping pieces, which the grid builder snaps together.
 */
export function findRulings(img: PageImage): Rulings {
  const { width, height, ink, scale } = img;
  const rowRuns = (y: number) => runs(width, MIN_HORIZONTAL_PT * scale, (x) => ink[y * width + x] === 1);
  const colRuns = (x: number) => runs(height, MIN_VERTICAL_PT * scale, (y) => ink[y * width + x] === 1);
  const maxThick = Math.max(2, MAX_THICKNESS_PT * scale);
  const toSegment = (s: Piece): Segment => ({ at: (s.p0 + s.p1 + 1) / 2 / scale, a: s.a / scale, b: (s.b + 1) / scale });
  return {
    horizontal: merge(height, rowRuns)
      .filter((s) => s.p1 - s.p0 + 1 <= maxThick)
      .map(toSegment),
    vertical: merge(width, colRuns)
      .filter((s) => s.p1 - s.p0 + 1 <= maxThick)
      .map(toSegment),
  };
}

/** The ruled tables of a page (grids in points), as the text-layer PDF path builds them. */
export function findTableGrids(img: PageImage): Grid[] {
  const { horizontal, vertical } = findRulings(img);
  return findGrids(horizontal, vertical);
}

/** Long runs along one line of pixels: [start, end] inclusive, gaps up to GAP_PX bridged. */
function runs(length: number, minLength: number, isInk: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  let last = -1;
  for (let i = 0; i < length; i++) {
    if (!isInk(i)) continue;
    if (start >= 0 && i - last - 1 <= GAP_PX) last = i;
    else {
      if (start >= 0 && last - start + 1 >= minLength) out.push([start, last]);
      start = last = i;
    }
  }
  if (start >= 0 && last - start + 1 >= minLength) out.push([start, last]);
  return out;
}

/** A drawn line in pixels: across positions p0..p1 (thickness), along a..b. */
interface Piece {
  p0: number;
  p1: number;
  a: number;
  b: number;
}

/**
 * Merge runs of neighbouring pixel lines that overlap along their length into one piece: a
 * 3-pixel-thick border gives three runs, one ruling.
 */
function merge(count: number, runsAt: (p: number) => [number, number][]): Piece[] {
  const done: Piece[] = [];
  let open: Piece[] = [];
  for (let p = 0; p < count; p++) {
    const next: Piece[] = [];
    for (const [a, b] of runsAt(p)) {
      const hit = open.find((o) => o.p1 >= p - 1 - GAP_PX && Math.min(o.b, b) - Math.max(o.a, a) > 0.5 * Math.min(o.b - o.a, b - a));
      if (hit) {
        hit.p1 = p;
        hit.a = Math.min(hit.a, a);
        hit.b = Math.max(hit.b, b);
        if (!next.includes(hit)) next.push(hit);
      } else next.push({ p0: p, p1: p, a, b });
    }
    // Pieces not continued for more than GAP_PX lines are finished.
    for (const o of open) if (!next.includes(o)) (o.p1 < p - 1 - GAP_PX ? done : next).push(o);
    open = next;
  }
  return [...done, ...open];
}
