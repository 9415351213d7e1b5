import type { Line, TextRun } from "./geometry.js";

/**
 * A gap wider than this fraction of the font size between two runs is a word space. A Times
 * space is 0.25 em and justification only widens it; kerning gaps between runs of one word
 * stay far below 0.1 em.
 */
export const WORD_GAP = 0.15;

/**
 * Two runs share a line when their glyph boxes overlap vertically by at least this share of
 * the smaller box: a superscript ("m²") overlaps its line almost fully, while the next line
 * of text, even set solid, overlaps by a few percent at most.
 */
const SAME_LINE = 0.5;

/**
 * Group runs into lines. Sorting once by baseline and sweeping keeps this O(n log n) for a
 * page; a run joins the open line when its glyph box overlaps the box of the line's largest
 * run (see SAME_LINE).
 */
export function buildLines(runs: readonly TextRun[]): Line[] {
  return lineGroups(runs).map(makeLine);
}

/** The runs of each line, in baseline order (not yet sorted left to right): see buildLines. */
export function lineGroups(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const groups: TextRun[][] = [];
  let current: TextRun[] = [];
  // The glyph box of the open line's largest run: ascent ≈ 0.9 em above the baseline, descent ≈ 0.22 em below.
  let top = 0;
  let bottom = 0;
  let size = 0;
  for (const run of sorted) {
    if (current.length) {
      const rt = run.y - 0.9 * run.size;
      const rb = run.y + 0.22 * run.size;
      const inter = Math.min(bottom, rb) - Math.max(top, rt);
      if (inter >= SAME_LINE * Math.min(bottom - top, rb - rt)) {
        current.push(run);
        // Follow the larger text: superscripts should not define the line.
        if (run.size > size) {
          top = rt;
          bottom = rb;
          size = run.size;
        }
        continue;
      }
      groups.push(current);
    }
    current = [run];
    top = run.y - 0.9 * run.size;
    bottom = run.y + 0.22 * run.size;
    size = run.size;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** True when two lines' glyph boxes overlap as runs of one line do (see SAME_LINE). */
export function sameLine(a: Line, b: Line): boolean {
  return overlaps([a.y - 0.9 * a.size, a.y + 0.22 * a.size], [b.y - 0.9 * b.size, b.y + 0.22 * b.size]);
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  const inter = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  return inter >= SAME_LINE * Math.min(a[1] - a[0], b[1] - b[0]);
}

/** Build a Line from runs that share a baseline. */
export function makeLine(runs: TextRun[]): Line {
  const sorted = runs.length > 1 ? [...runs].sort((p, q) => p.x0 - q.x0) : [...runs];
  let size = 0;
  let y = sorted[0].y;
  let x1 = -Infinity;
  let bold = true;
  let italic = true;
  let anyBold = false;
  let anyItalic = false;
  for (const r of sorted) {
    if (r.size > size) {
      size = r.size;
      y = r.y;
    }
    if (r.x1 > x1) x1 = r.x1;
    if (r.bold) anyBold = true;
    else bold = false;
    if (r.italic) anyItalic = true;
    else italic = false;
  }
  return { runs: sorted, text: joinRuns(sorted), x0: sorted[0].x0, x1, y, size, bold, italic, anyBold, anyItalic };
}

/**
 * Concatenate runs left to right, inserting a space where the gap between them is a word gap
 * and neither side already carries one (pdfjs often emits explicit space items or trailing
 * spaces; those must not be doubled). A run drawn twice at nearly the same spot (fake bold by
 * overprinting) is kept once.
 */
export function joinRuns(runs: readonly TextRun[]): string {
  let out = "";
  let prev: TextRun | undefined;
  for (const r of runs) {
    if (prev) {
      if (r.text === prev.text && Math.abs(r.x0 - prev.x0) < 0.2 * r.size) continue;
      const gap = r.x0 - prev.x1;
      // A field's text fills a blank: it is its own word whatever the gap (some producers
      // place it flush against "ngày"), except at a joiner of a number ("329" + "/BC-UBND").
      const field = !prev.field !== !r.field;
      const space = field ? !joins(prev, r) : gap > WORD_GAP * Math.min(r.size, prev.size);
      if (space && !/\s$/.test(out) && !/^\s/.test(r.text)) out += " ";
    }
    out += r.text;
    prev = r;
  }
  return out.trim();
}

/**
 * True when a field's text meets printed text at a joiner: the blank of "Số:     /BC-UBND"
 * filled with "329" reads "329/BC-UBND"; the gap is the blank left for the field, not a space.
 */
function joins(prev: TextRun, next: TextRun): boolean {
  return /^[/‐‑-]/.test(next.text) || /[/‐‑-]$/.test(prev.text);
}

/**
 * Rough relative advance of a character in a Times-like font (em): capitals are half again as
 * wide as lower case, punctuation narrow. Only ratios matter; see firstWordWidth.
 */
function relWidth(ch: string): number {
  if (ch.length !== 1) return widthOf(ch);
  const u = ch.charCodeAt(0);
  let w = unitWidths[u];
  if (w === 0) w = unitWidths[u] = widthOf(ch);
  return w;
}

/** relWidth of the one-unit characters seen (0: not yet). */
const unitWidths = new Float64Array(0x10000);

function widthOf(ch: string): number {
  if (/\s/.test(ch)) return 0.25;
  if (/[.,:;'’!|()[\]/-]/.test(ch)) return 0.3;
  if (/\d/.test(ch)) return 0.5;
  if (ch !== ch.toLowerCase()) return 0.7;
  return 0.45;
}

/**
 * Width of the first word of a line, estimated from its first run: the run's measured width
 * shared among its characters in proportion to their typical advances (so "UBND" is not
 * priced like "của"). The "word" is the first unit the producer could not have split.
 */
export function firstWordWidth(line: Line): number {
  const r = line.runs[0];
  const chars = [...r.text];
  // Closing punctuation after a space cannot start a line (UAX #14 rule LB13), so
  // "nô, ..." wraps as one unit.
  const word = [...(r.text.trimStart().match(/^\S*(?:\s+[.,;:!?)\]}…%]\S*)*/)?.[0] ?? "")];
  const total = chars.reduce((sum, ch) => sum + relWidth(ch), 0);
  if (!total) return 0;
  return ((r.x1 - r.x0) * word.reduce((sum, ch) => sum + relWidth(ch), 0)) / total;
}

/** Approximate width of a space in the line's font (Times: 0.25 em). */
export function spaceWidth(size: number): number {
  return 0.25 * size;
}

/**
 * True when `next`'s first word would have fitted at the end of `prev` before `right`, i.e. the
 * producer broke the line on purpose. The word width is an estimate, so a word must fit with
 * half an em to spare; doubtful cases count as soft wraps (joining with a space is the safer
 * error for text that must match the source).
 */
export function wouldFit(prev: Line, next: Line, right: number): boolean {
  return prev.x1 + spaceWidth(prev.size) + firstWordWidth(next) < right - 0.5 * prev.size;
}

/**
 * Join a soft-wrapped line to the text before it. Vietnamese is not hyphenated, so a line
 * ending in a hyphen or slash right after a character broke inside a compound code
 * ("05/KH-" + "UBND", "2021-" + "2025") and joins without a space; "kinh tế -" + "xã hội"
 * (a spaced dash) keeps its space.
 */
export function joinWrapped(before: string, after: string): string {
  if (!before) return after;
  if (/[^\s][-/‐‑]$/.test(before)) return before + after;
  return `${before} ${after}`;
}
