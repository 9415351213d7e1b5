import type { Paragraph } from "../../model/document.js";
import { bottomOf, roundBox, topOf, type Line } from "./geometry.js";
import { joinWrapped, wouldFit } from "./lines.js";

/** Document-wide layout measures that paragraph segmentation compares lines against. */
export interface FlowStats {
  /** Usual baseline-to-baseline distance inside a paragraph for a font size (pt). */
  pitch(size: number): number;
  /** Right edge of the text column (pt from the left of the page). */
  right: number;
  /** Left edge of the text column. */
  left: number;
}

/** A gap this much larger than the usual line pitch separates paragraphs (paragraph spacing). */
const PARA_GAP = 1.2;
/** An indent or outdent of this many em is a layout change, not jitter. */
const INDENT = 0.8;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/**
 * Measure the document's text flow from all pages' free lines: per font size, the lower
 * quartile of baseline distances between neighbouring lines (in-paragraph spacing, since most
 * neighbours share a paragraph); the column's right edge (95th percentile of line ends, where
 * justified lines stop) and left edge (10th percentile of line starts).
 */
export function flowStats(pages: Line[][]): FlowStats {
  const deltas = new Map<number, number[]>();
  const ends: number[] = [];
  const starts: number[] = [];
  for (const lines of pages) {
    for (let i = 0; i < lines.length; i++) {
      ends.push(lines[i].x1);
      starts.push(lines[i].x0);
      if (i === 0) continue;
      const p = lines[i - 1];
      const c = lines[i];
      const key = Math.round(c.size);
      const d = c.y - p.y;
      if (Math.round(p.size) === key && d > 0.8 * c.size && d < 2.2 * c.size) {
        let list = deltas.get(key);
        if (!list) deltas.set(key, (list = []));
        list.push(d);
      }
    }
  }
  const pitches = new Map<number, number>();
  for (const [k, list] of deltas) pitches.set(k, quantile(list, 0.25));
  return {
    pitch: (size) => pitches.get(Math.round(size)) ?? 1.2 * size,
    right: ends.length ? quantile(ends, 0.95) : Infinity,
    left: starts.length ? quantile(starts, 0.1) : 0,
  };
}

/** True when `prev` ends before the column edge although `next`'s first word would have fitted: a hard line end. */
export function endsShort(prev: Line, next: Line, stats: FlowStats): boolean {
  return wouldFit(prev, next, stats.right);
}

/**
 * Split consecutive lines (top to bottom, no table between them) into paragraphs. A new
 * paragraph starts at a vertical gap larger than the usual pitch, a change of font size or of
 * boldness (a heading is never merged into body text), after a line that ends short (a short
 * last line ends a paragraph), or at an indent/outdent against the paragraph's body lines.
 */
export function segment(lines: Line[], stats: FlowStats): Line[][] {
  const paras: Line[][] = [];
  let cur: Line[] = [];
  for (const line of lines) {
    if (cur.length && continues(cur, line, stats)) cur.push(line);
    else {
      if (cur.length) paras.push(cur);
      cur = [line];
    }
  }
  if (cur.length) paras.push(cur);
  return paras;
}

/** True when `line` continues the paragraph `cur` (see segment). */
export function continues(cur: Line[], line: Line, stats: FlowStats, acrossPage = false): boolean {
  const prev = cur[cur.length - 1];
  if (Math.abs(line.size - prev.size) > 0.6) return false;
  if (styleChanges(prev, line)) return false;
  if (!acrossPage && line.y - prev.y > PARA_GAP * stats.pitch(prev.size)) return false;
  if (endsShort(prev, line, stats)) return false;
  const em = line.size * INDENT;
  if (acrossPage) return line.x0 <= stats.left + em;
  // With two or more lines the second one shows where the body starts; a single first line may
  // be indented (first-line indent) or hang (a bullet), so it says nothing yet.
  if (cur.length >= 2 && Math.abs(line.x0 - cur[1].x0) > em) return false;
  return true;
}

/**
 * True when one line is entirely bold (italic) and the other has no bold (italic) at all: a
 * heading next to body text. Mixed lines (a bold bullet, an italic run-in lead "Kết quả …:"
 * followed by plain text) never force a break.
 */
function styleChanges(a: Line, b: Line): boolean {
  return (a.bold && !b.anyBold) || (b.bold && !a.anyBold) || (a.italic && !b.anyItalic) || (b.italic && !a.anyItalic);
}

/** The Paragraph block for a group of lines: soft-wrapped lines joined with a space. */
export function paragraphBlock(lines: Line[], page: number): Paragraph {
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const first = lines[0];
  const last = lines[lines.length - 1];
  const text = lines.map((l) => l.text).reduce(joinWrapped, "");
  const para: Paragraph = {
    kind: "paragraph",
    text,
    bold: lines.every((l) => l.bold),
    italic: lines.every((l) => l.italic),
    prov: { page, bbox: roundBox([x0, topOf(first.y, first.size), x1, bottomOf(last.y, last.size)]) },
  };
  if (BULLET.test(text)) para.listItem = true;
  return para;
}

/** A printed bullet: "-", "+", "•", "*", "–" followed by a space. The bullet stays in the text. */
const BULLET = /^[-+•*–]\s/;
