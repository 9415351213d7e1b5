/**
 * Shapes shared by the PDF module's stages. All coordinates are PDF points with the origin at
 * the top-left of the page (y grows downwards), after the page's viewport transform (so
 * /Rotate and crop boxes are already applied).
 */

/** A 2-D affine matrix [a, b, c, d, e, f] as PDF and pdfjs write it. */
export type Matrix = [number, number, number, number, number, number];

/** m1 ∘ m2: apply m2 first, then m1 (pdfjs's `Util.transform` order). */
export function compose(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** A run of text as the producer drew it (one pdfjs text item, whitespace-only items dropped). */
export interface TextRun {
  /** NFC text; may contain inner spaces. */
  text: string;
  /** Left edge of the run. */
  x0: number;
  /** Right edge (x0 + advance width). */
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size in points (the text matrix's vertical scale). */
  size: number;
  bold: boolean;
  italic: boolean;
  /** True for text drawn by an annotation's appearance (a signature field filling a blank). */
  field?: boolean;
}

const BOLD = /bold|black|heavy|semibold|demibold/i;
const ITALIC = /italic|oblique/i;

/** Bold/italic from an embedded font's PostScript name ("BAAAAA+LiberationSerif-Bold"). */
export function fontStyle(name: string): { bold: boolean; italic: boolean } {
  return { bold: BOLD.test(name), italic: ITALIC.test(name) };
}

/** Runs on one baseline, left to right. */
export interface Line {
  runs: TextRun[];
  /** Text with word spaces restored, trimmed. */
  text: string;
  x0: number;
  x1: number;
  /** Baseline of the line (of its first run). */
  y: number;
  /** Largest font size on the line. */
  size: number;
  /** True when every run is bold / italic. */
  bold: boolean;
  italic: boolean;
  /** True when some run is bold / italic (a mixed line has `bold` false and `anyBold` true). */
  anyBold: boolean;
  anyItalic: boolean;
}

/** A horizontal (`y` fixed, from `a` to `b` in x) or vertical (`x` fixed, `a`..`b` in y) ruling. */
export interface Segment {
  /** The fixed coordinate: y for a horizontal ruling, x for a vertical one. */
  at: number;
  /** Start and end along the ruling (a < b). */
  a: number;
  b: number;
}

/** Axis-aligned box [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

/** Round to 0.01 pt so provenance is stable and compact in JSON. */
export function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A box rounded for provenance. */
export function roundBox(b: Box): Box {
  return [r2(b[0]), r2(b[1]), r2(b[2]), r2(b[3])];
}

/** Top of a line's glyphs (ascent ≈ 0.9 em for Times-like fonts): used for bboxes and for cell assignment. */
export function topOf(y: number, size: number): number {
  return y - size * 0.9;
}

/** Bottom of a line's glyphs (descent ≈ 0.22 em). */
export function bottomOf(y: number, size: number): number {
  return y + size * 0.22;
}

/** Index of the last value in ascending `edges` that is ≤ v, or -1: binary search, O(log n). */
export function bucket(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
