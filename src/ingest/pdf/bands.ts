import type { Cell, Row, Table } from "../../model/document.js";
import type { UnruledTable } from "./columns.js";
import { bottomOf, roundBox, topOf, type Line, type TextRun } from "./geometry.js";
import { buildLines, sameLine } from "./lines.js";

/**
 * Two text columns side by side on the same lines: the header block (issuing body on the left,
 * national motto and place-and-date on the right) and the closing block (recipients "Nơi
 * nhận:" on the left, the signature block — authority and title lines, signature space, the
 * signer's name — on the right). Read line by line across the page they interleave ("- Như
 * trên; PHÓ GIÁM ĐỐC"), and lines of the two columns set in different sizes merge into one
 * line. A band is found from the geometry alone: consecutive lines whose runs leave one common
 * vertical gutter. It starts at a line with text on both sides of the gutter and grows down
 * over lines that keep the gutter clear; a line with text on one side only joins when it is
 * aligned (left edge, centre or right edge) with a line already in that column, so a centred
 * title under the header block or the body under the recipients is not taken in. Each column's
 * runs are then grouped into lines of their own, and the band becomes a `layout` table, one row
 * per line, the two columns' lines paired where they share a baseline.
 */

/**
 * A band starts at a line with a gap of at least this many em (the header block's columns sit
 * ≈ 1.3 em apart) and grows while its lines leave a gutter of at least KEEP em clear (a wrapped
 * line of a column may come closer to the other column than the first lines did).
 */
const GUTTER = 1;
const KEEP = 0.5;
/** Consecutive lines of a band are at most this many em apart (the signature space). */
const MAX_GAP = 8;
/** A line at most this many em below the previous one continues its column (line pitch ≈ 1.2–1.5 em). */
const NEAR = 2.2;
/** Alignment tolerance in points for a one-sided line (centred lines of one column agree to ≈ 1 pt). */
const ALIGN = 2.5;

type Interval = [number, number];

/** Sorted, merged x-intervals of runs. */
function union(runs: readonly TextRun[], into: Interval[] = []): Interval[] {
  const spans = [...into, ...runs.map((r): Interval => [r.x0, r.x1])].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** Gaps between merged intervals at least `min` wide. */
function gutters(spans: Interval[], min: number): Interval[] {
  const out: Interval[] = [];
  for (let k = 1; k < spans.length; k++) if (spans[k][0] - spans[k - 1][1] >= min) out.push([spans[k - 1][1], spans[k][0]]);
  return out;
}

/** The widest gutter. */
function widest(gs: Interval[]): Interval {
  return gs.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
}

/** The line's extent left and right of the gutter (null when it has no text on that side). */
function sides(line: Line, g: Interval): [Interval | null, Interval | null] {
  let left: Interval | null = null;
  let right: Interval | null = null;
  for (const r of line.runs) {
    if (r.x1 <= g[0] + 0.01) left = left ? [Math.min(left[0], r.x0), Math.max(left[1], r.x1)] : [r.x0, r.x1];
    else if (r.x0 >= g[1] - 0.01) right = right ? [Math.min(right[0], r.x0), Math.max(right[1], r.x1)] : [r.x0, r.x1];
  }
  return [left, right];
}

function centred(a: Interval, b: Interval): boolean {
  return Math.abs(a[0] + a[1] - b[0] - b[1]) / 2 <= ALIGN;
}

function aligned(a: Interval, b: Interval): boolean {
  return Math.abs(a[0] - b[0]) <= ALIGN || Math.abs(a[1] - b[1]) <= ALIGN || centred(a, b);
}

/** Find the two-column bands among a page's lines (top to bottom) and build their layout tables. */
export function findColumnBands(lines: Line[], page: number): UnruledTable[] {
  const found: UnruledTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const seed = lines[i];
    let spans = union(seed.runs);
    if (!gutters(spans, GUTTER * seed.size).length) {
      i++;
      continue;
    }
    const band = [seed];
    let gutter: Interval | null = null;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const cand = lines[j];
      const em = Math.min(cand.size, seed.size);
      if (cand.y - lines[j - 1].y > MAX_GAP * em) break;
      const next = union(cand.runs, spans);
      const gs = gutters(next, KEEP * em);
      if (!gs.length) break;
      const g = widest(gs);
      // The gutter stays where it was; a line with text on both sides leaves a column gap of
      // its own there (a justified body line's word spaces stay well under GUTTER).
      if (gutter && !(g[0] < gutter[1] && g[1] > gutter[0])) break;
      const [l, r] = sides(cand, g);
      if (l && r && !gutters(union(cand.runs), GUTTER * em).some((o) => o[0] <= g[0] + 0.01 && o[1] >= g[1] - 0.01)) break;
      if (!l || !r) {
        const side = l ? 0 : 1;
        const own = l ?? r!;
        // A line that continues its column right below (a recipients list, an issuer's third
        // line) may align by an edge; one across a gap or after the other column's lines (the
        // signer's name under the signature space) must be centred like the column's lines.
        const prev = band[band.length - 1];
        const close = sides(prev, g)[side] !== null && cand.y - prev.y <= NEAR * em;
        const fits = (b: Line) => {
          const s = sides(b, g)[side];
          return s !== null && (close ? aligned(s, own) : centred(s, own));
        };
        if (!band.some(fits)) break;
      }
      band.push(cand);
      spans = next;
      gutter = g;
    }
    const table = bandTable(band, spans, page);
    if (table) {
      found.push({ table, lines: band });
      i = j;
    } else i++;
  }
  return found;
}

/**
 * The layout table of a band, or null when it is not one: one gutter (a second gap as wide as
 * a column gap makes an unruled data table, left to columns.ts), and text on both sides of it
 * on two lines, or on one line with two lines in each column.
 */
function bandTable(band: Line[], spans: Interval[], page: number): Table | null {
  if (band.length < 2) return null;
  const em = Math.min(...band.map((l) => l.size));
  const gs = gutters(spans, KEEP * em);
  if (!gs.length) return null;
  const g = widest(gs);
  if (gs.some((o) => o !== g && o[1] - o[0] >= GUTTER * em)) return null;
  const split = band.map((l) => sides(l, g));
  const both = split.filter(([l, r]) => l && r).length;
  const lefts = split.filter(([l]) => l).length;
  const rights = split.filter(([, r]) => r).length;
  if (both < 2 && !(both >= 1 && lefts >= 2 && rights >= 2)) return null;
  const runs = band.flatMap((l) => l.runs);
  const left = buildLines(runs.filter((r) => r.x1 <= g[0] + 0.01));
  const right = buildLines(runs.filter((r) => r.x0 >= g[1] - 0.01));
  const columns: Interval[] = [
    [spans[0][0], g[0]],
    [g[1], spans[spans.length - 1][1]],
  ];
  const rows: Row[] = [];
  let a = 0;
  let b = 0;
  while (a < left.length || b < right.length) {
    const l = left[a];
    const r = right[b];
    const pair: [Line | undefined, Line | undefined] =
      l && r && sameLine(l, r) ? [left[a++], right[b++]] : l && (!r || l.y < r.y) ? [left[a++], undefined] : [undefined, right[b++]];
    const present = pair.filter((x): x is Line => x !== undefined);
    const top = Math.min(...present.map((x) => topOf(x.y, x.size)));
    const bottom = Math.max(...present.map((x) => bottomOf(x.y, x.size)));
    const cells: Cell[] = pair.map((x, c) => ({
      text: x?.text ?? "",
      bold: x?.bold ?? false,
      italic: x?.italic ?? false,
      prov: { page, bbox: roundBox([columns[c][0], top, columns[c][1], bottom]) },
    }));
    rows.push({ cells, prov: { page, bbox: roundBox([columns[0][0], top, columns[1][1], bottom]) } });
  }
  const first = rows[0].prov.bbox!;
  const last = rows[rows.length - 1].prov.bbox!;
  return { kind: "table", layout: true, rows, prov: { page, bbox: roundBox([columns[0][0], first[1], columns[1][1], last[3]]) } };
}
