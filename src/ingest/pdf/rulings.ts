import { compose, type Matrix, type Segment } from "./geometry.js";
import { OPS } from "./load.js";

/** What the drawing operators of one page tell the table finder. */
export interface PageDrawing {
  /** Horizontal rulings (y fixed), merged where collinear and touching. */
  horizontal: Segment[];
  /** Vertical rulings (x fixed). */
  vertical: Segment[];
  /** True when the page paints an image: a page with images and no text needs OCR. */
  hasImage: boolean;
  /** True when the page paints anything (images, filled or stroked paths). */
  hasInk: boolean;
}

/** The operator list as pdfjs returns it. */
export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: readonly unknown[];
}

/** Thin filled rectangles up to this thickness (pt) are borders, not shading (Word draws 0.5–1.5 pt). */
const MAX_RULE = 3;
/** Shorter strokes than this are glyph-like decorations, not table borders. */
const MIN_LENGTH = 2;
/** Axis-alignment tolerance (pt) for a stroked segment. */
const SKEW = 1;

export const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

interface GState {
  ctm: Matrix;
  stroke: string;
  fill: string;
}

/**
 * Read rulings from a page's drawing operators: stroked lines and rectangle edges, and thin
 * filled rectangles (a common way to draw borders). The current transform is tracked through
 * save/restore, `cm` and form XObjects; `viewport` maps user space to top-left page points.
 * Paths painted in white are ignored: they erase, they do not rule.
 */
export function readDrawing(ops: OperatorList, viewport: Matrix): PageDrawing {
  const h: Segment[] = [];
  const v: Segment[] = [];
  let hasImage = false;
  let hasInk = false;
  let gs: GState = { ctm: viewport, stroke: "#000000", fill: "#000000" };
  const stack: GState[] = [];
  const { fnArray, argsArray } = ops;
  // Annotation appearances (signature fields, stamps) are drawn over the page, not part of its
  // layout: their frames are not table rulings, their seals not the page's ink.
  let annotation = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.beginAnnotation) annotation++;
    else if (fn === OPS.endAnnotation) annotation = Math.max(0, annotation - 1);
    if (annotation || fn === OPS.endAnnotation) continue;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...gs });
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform:
        gs.ctm = compose(gs.ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...gs });
        if (Array.isArray(args?.[0])) gs.ctm = compose(gs.ctm, args[0] as Matrix);
        break;
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.setStrokeRGBColor:
        gs.stroke = String(args?.[0] ?? "");
        break;
      case OPS.setFillRGBColor:
        gs.fill = String(args?.[0] ?? "");
        break;
      case OPS.constructPath: {
        const paint = args?.[0] as number;
        const data = (args?.[1] as ArrayLike<number>[] | undefined)?.[0];
        if (!data) break;
        const stroked = STROKES.has(paint) && !isWhite(gs.stroke);
        const filled = FILLS.has(paint) && !isWhite(gs.fill);
        if (stroked || filled) hasInk = true;
        if (stroked) strokeSegments(data, gs.ctm, h, v);
        if (filled) fillRules(data, gs.ctm, h, v);
        break;
      }
      default:
        if (IMAGES.has(fn)) hasImage = hasInk = true;
    }
  }
  return { horizontal: mergeCollinear(h), vertical: mergeCollinear(v), hasImage, hasInk };
}

function isWhite(color: string): boolean {
  return /^#f[ef]f[ef]f[ef]$/i.test(color);
}

/** Walk pdfjs's flattened path data, calling `onPoly` with each subpath's transformed points and whether it was closed. */
function forEachSubpath(data: ArrayLike<number>, m: Matrix, onPoly: (pts: number[], closed: boolean) => void): void {
  let pts: number[] = [];
  const point = (x: number, y: number) => pts.push(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
  const flush = (closed: boolean) => {
    if (pts.length >= 4) onPoly(pts, closed);
    pts = [];
  };
  for (let i = 0; i < data.length; ) {
    switch (data[i]) {
      case DRAW.moveTo:
        flush(false);
        point(data[i + 1], data[i + 2]);
        i += 3;
        break;
      case DRAW.lineTo:
        point(data[i + 1], data[i + 2]);
        i += 3;
        break;
      case DRAW.curveTo:
        // A curve ends a straight run: rulings are straight, so start a new polyline at its end.
        flush(false);
        point(data[i + 5], data[i + 6]);
        i += 7;
        break;
      case DRAW.quadraticCurveTo:
        flush(false);
        point(data[i + 3], data[i + 4]);
        i += 5;
        break;
      case DRAW.closePath: {
        const [x, y] = [pts[0], pts[1]];
        if (pts.length >= 2) pts.push(x, y);
        flush(true);
        if (x !== undefined) pts.push(x, y);
        i += 1;
        break;
      }
      default:
        i = data.length; // unknown opcode: stop rather than misread coordinates
    }
  }
  flush(false);
}

export function strokeSegments(data: ArrayLike<number>, m: Matrix, h: Segment[], v: Segment[]): void {
  forEachSubpath(data, m, (pts) => {
    for (let k = 0; k + 3 < pts.length; k += 2) addLine(pts[k], pts[k + 1], pts[k + 2], pts[k + 3], h, v);
  });
}

function addLine(x0: number, y0: number, x1: number, y1: number, h: Segment[], v: Segment[]): void {
  const dx = Math.abs(x1 - x0);
  const dy = Math.abs(y1 - y0);
  if (dy <= SKEW && dx >= MIN_LENGTH) h.push({ at: (y0 + y1) / 2, a: Math.min(x0, x1), b: Math.max(x0, x1) });
  else if (dx <= SKEW && dy >= MIN_LENGTH) v.push({ at: (x0 + x1) / 2, a: Math.min(y0, y1), b: Math.max(y0, y1) });
}

/** A filled subpath whose bounding box is a thin bar is a ruling along its long side. */
export function fillRules(data: ArrayLike<number>, m: Matrix, h: Segment[], v: Segment[]): void {
  forEachSubpath(data, m, (pts) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < pts.length; k += 2) {
      x0 = Math.min(x0, pts[k]);
      x1 = Math.max(x1, pts[k]);
      y0 = Math.min(y0, pts[k + 1]);
      y1 = Math.max(y1, pts[k + 1]);
    }
    const w = x1 - x0;
    const ht = y1 - y0;
    if (ht <= MAX_RULE && w >= MIN_LENGTH && w > ht) h.push({ at: (y0 + y1) / 2, a: x0, b: x1 });
    else if (w <= MAX_RULE && ht >= MIN_LENGTH && ht > w) v.push({ at: (x0 + x1) / 2, a: y0, b: y1 });
  });
}

/**
 * Join rulings on the same line (within 1 pt) that overlap or nearly touch: producers draw a
 * table border cell by cell, and the grid wants whole lines.
 */
export function mergeCollinear(segs: Segment[], tol = 1, gap = 2): Segment[] {
  const sorted = [...segs].sort((p, q) => p.at - q.at || p.a - q.a);
  const out: Segment[] = [];
  // Bucket by position first (sorted by `at`), then merge along the line inside each bucket.
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].at - sorted[j - 1].at <= tol) j++;
    const group = sorted.slice(i, j).sort((p, q) => p.a - q.a);
    const at = group.reduce((s, g) => s + g.at, 0) / group.length;
    let cur = { at, a: group[0].a, b: group[0].b };
    for (const g of group.slice(1)) {
      if (g.a <= cur.b + gap) cur.b = Math.max(cur.b, g.b);
      else {
        out.push(cur);
        cur = { at, a: g.a, b: g.b };
      }
    }
    out.push(cur);
    i = j;
  }
  return out;
}
