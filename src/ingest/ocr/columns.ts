import type { Cell, Table } from "../../model/document.js";
import { layoutKind } from "../blocks/header-block.js";
import type { PageLine } from "./layout.js";
import type { CellRow } from "./reread.js";

/**
 * The two-column blocks of an official letter on a scanned page (Nghị định 30/2020/NĐ-CP): the
 * header block (issuing body and "Số: …" on the left, the national motto and the place and date
 * on the right) and the signature block ("Nơi nhận:" and the recipients on the left, the
 * signing authority, title and name on the right). Tesseract reads such a block either as one
 * line per height that runs across both columns ("BỘ CÔNG AN    CỘNG HÒA XÃ HỘI …") or as two
 * separate text blocks side by side; both come out here as a `layout` table of one row and two
 * cells, each cell the column's lines joined with "\n", as the .docx ingest emits these blocks.
 */

/** A gap between two words of a line wider than this many line heights (diacritics included) separates two columns; word spaces, even justified, stay under half. */
const COLUMN_GAP = 0.9;
/** The gutter between the two columns of a block is at least this many line heights wide. */
const MIN_GUTTER = 1;
/** Rows of one block are at most this many line heights apart (top to top): the header has a blank line or two inside it. */
const MAX_ROW_GAP = 3.2;

/** A piece of a recognised line: the words between two column gaps. */
interface Segment {
  line: PageLine;
  words: PageLine["words"];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Segments at the same height (their vertical extents overlap by half the smaller one): one printed row. */
interface Band {
  segs: Segment[];
  y0: number;
  y1: number;
}

/** A two-column block found on the page, with the lines it took. */
export interface ColumnBlock {
  table: Table;
  lines: Set<PageLine>;
  /** Per cell (left, right): its box in image pixels and its rows as read, top to bottom. */
  cells: { box: [number, number, number, number]; rows: CellRow[] }[];
}

function segmentsOf(line: PageLine, em: number): Segment[] {
  const out: Segment[] = [];
  let cur: PageLine["words"] = [];
  const flush = () => {
    if (!cur.length) return;
    out.push({
      line,
      words: cur,
      x0: Math.min(...cur.map((w) => w.bbox[0])),
      x1: Math.max(...cur.map((w) => w.bbox[2])),
      y0: Math.min(...cur.map((w) => w.bbox[1])),
      y1: Math.max(...cur.map((w) => w.bbox[3])),
    });
    cur = [];
  };
  for (const w of line.words) {
    const prev = cur[cur.length - 1];
    if (prev && w.bbox[0] - prev.bbox[2] > COLUMN_GAP * em) flush();
    cur.push(w);
  }
  flush();
  return out;
}

/** Group segments into bands of one printed row each, top to bottom. */
function bandsOf(segs: Segment[]): Band[] {
  const sorted = [...segs].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const bands: Band[] = [];
  for (const s of sorted) {
    const mid = (s.y0 + s.y1) / 2;
    const band = bands.find((b) => mid > b.y0 && mid < b.y1 && !b.segs.some((o) => o.x1 > s.x0 && o.x0 < s.x1));
    if (band) {
      band.segs.push(s);
      band.y0 = Math.min(band.y0, s.y0);
      band.y1 = Math.max(band.y1, s.y1);
    } else bands.push({ segs: [s], y0: s.y0, y1: s.y1 });
  }
  for (const b of bands) b.segs.sort((p, q) => p.x0 - q.x0);
  return bands.sort((a, b) => a.y0 - b.y0);
}

/**
 * Find the page's two-column blocks. Bands (printed rows) are taken top to bottom; a block
 * starts at a band of two or more pieces with a gutter between them, and takes the following
 * bands while none of their pieces crosses the gutter (which narrows to stay clear of every
 * piece) and they follow closely; bands on one side only are that column's lines. A block of
 * two or more bands whose text is a header or signature block (the .docx cues: the national
 * motto, "Số:" with a date, "Nơi nhận", a signing authority or title) becomes a layout table;
 * any other stays as lines, so a body line with a wide gap is never taken.
 */
export function findColumnBlocks(lines: PageLine[], page: number, scale: number, isBold: (box: [number, number, number, number]) => boolean): ColumnBlock[] {
  if (!lines.length) return [];
  const em = median(lines.map((l) => l.bbox[3] - l.bbox[1]));
  const bands = bandsOf(lines.flatMap((l) => segmentsOf(l, em)));
  const textCentre = (Math.min(...lines.map((l) => l.bbox[0])) + Math.max(...lines.map((l) => l.bbox[2]))) / 2;
  const found: ColumnBlock[] = [];
  const used = new Set<Band>();
  for (let i = 0; i < bands.length; i++) {
    const start = bands[i];
    if (start.segs.length < 2 || used.has(start)) continue;
    // The widest gap of the starting band is the gutter.
    let gL = 0;
    let gR = 0;
    for (let k = 1; k < start.segs.length; k++) {
      const a = start.segs[k - 1].x1;
      const b = start.segs[k].x0;
      if (b - a > gR - gL) [gL, gR] = [a, b];
    }
    if (gR - gL < MIN_GUTTER * em) continue;
    // A line on one side only that is centred on the text area rather than on its column is a
    // centred title under the block ("TỜ TRÌNH"), not a line of the column.
    const centre = (s: Segment) => (s.x0 + s.x1) / 2;
    const rightCentre = centre(start.segs[start.segs.length - 1]);
    const leftCentre = centre(start.segs[0]);
    const centred = (b: Band) =>
      b.segs.length === 1 &&
      Math.abs(centre(b.segs[0]) - textCentre) < Math.min(Math.abs(centre(b.segs[0]) - rightCentre), Math.abs(centre(b.segs[0]) - leftCentre));
    const taken: Band[] = [start];
    // Right-column lines just above the first two-sided band (a signing authority over "Nơi nhận").
    for (let k = i - 1; k >= 0; k--) {
      const b = bands[k];
      if (used.has(b) || taken[0].y0 - b.y0 > MAX_ROW_GAP * em || b.segs.some((s) => s.x0 < gL) || centred(b)) break;
      taken.unshift(b);
    }
    for (let k = i + 1; k < bands.length; k++) {
      const b = bands[k];
      if (used.has(b) || b.y0 - taken[taken.length - 1].y0 > MAX_ROW_GAP * em || centred(b)) break;
      let l = gL;
      let r = gR;
      let crosses = false;
      const middle = (gL + gR) / 2;
      for (const s of b.segs) {
        if (s.x0 < gL && s.x1 > gR) crosses = true;
        else if (s.x0 < gL || (s.x1 <= gR && (s.x0 + s.x1) / 2 < middle)) l = Math.max(l, s.x1);
        else r = Math.min(r, s.x0);
      }
      if (crosses || r - l < MIN_GUTTER * em) break;
      gL = l;
      gR = r;
      taken.push(b);
    }
    if (taken.length < 2) continue;
    const mid = (gL + gR) / 2;
    const columns: Segment[][] = [[], []];
    for (const b of taken) for (const s of b.segs) columns[s.x0 < mid ? 0 : 1].push(s);
    if (!columns[0].length || !columns[1].length) continue;
    const { table, cells } = tableOf(taken, columns, page, scale, isBold);
    if (!layoutKind(table.rows)) continue;
    for (const b of taken) used.add(b);
    found.push({ table, lines: new Set(taken.flatMap((b) => b.segs.map((s) => s.line))), cells });
  }
  return found;
}

function tableOf(
  bands: Band[],
  columns: Segment[][],
  page: number,
  scale: number,
  isBold: (box: [number, number, number, number]) => boolean,
): { table: Table; cells: ColumnBlock["cells"] } {
  const pt = (v: number) => Math.round((v / scale) * 100) / 100;
  const boxOf = (segs: { x0: number; y0: number; x1: number; y1: number }[]): [number, number, number, number] => [
    pt(Math.min(...segs.map((s) => s.x0))),
    pt(Math.min(...segs.map((s) => s.y0))),
    pt(Math.max(...segs.map((s) => s.x1))),
    pt(Math.max(...segs.map((s) => s.y1))),
  ];
  const read: ColumnBlock["cells"] = [];
  const cells: Cell[] = columns.map((segs) => {
    // One line per band: pieces of one column in the same band are one line.
    const byBand = bands.map((b) => segs.filter((s) => b.segs.includes(s))).filter((g) => g.length);
    // Marks without a letter or digit at a line's ends are specks of a seal or a pen stroke ("— GIÁM ĐỐC").
    const rows: CellRow[] = byBand
      .map((g) => {
        const words = g.flatMap((s) => s.words);
        const confidence = words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, words.length);
        return {
          text: trimMarks(words.map((w) => w.text)).join(" "),
          x0: Math.min(...g.map((s) => s.x0)),
          x1: Math.max(...g.map((s) => s.x1)),
          y0: Math.min(...g.map((s) => s.y0)),
          y1: Math.max(...g.map((s) => s.y1)),
          confidence,
        };
      })
      .filter((r) => r.text);
    read.push({ box: [Math.min(...segs.map((s) => s.x0)), Math.min(...segs.map((s) => s.y0)), Math.max(...segs.map((s) => s.x1)), Math.max(...segs.map((s) => s.y1))], rows });
    const text = rows.map((r) => r.text).join("\n");
    // The weakest word's confidence: a layout cell holds the number, the date and the names, and
    // one of them read from handwriting is what a reviewer must see (as a table row's weakest cell).
    const words = segs.flatMap((s) => s.words).filter((w) => HAS_TEXT.test(w.text));
    const confidence = words.length ? Math.min(...words.map((w) => w.confidence)) : 0;
    return {
      text,
      bold: segs.every((s) => isBold([s.x0, s.y0, s.x1, s.y1])),
      italic: false,
      prov: { page, bbox: boxOf(segs), confidence: Math.round(confidence * 10) / 10 },
    };
  });
  const all = columns.flat();
  const confidence = Math.min(...cells.map((c) => c.prov!.confidence!));
  return {
    table: {
      kind: "table",
      layout: true,
      rows: [{ cells, prov: { page, bbox: boxOf(all), confidence } }],
      prov: { page, bbox: boxOf(all), confidence },
    },
    cells: read,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}


const HAS_TEXT = /[\p{L}\p{N}]/u;
const LIST_MARK = /^[-+•]$/;

function trimMarks(words: string[]): string[] {
  let a = 0;
  let b = words.length;
  // A list dash ("- Như trên;") is kept: the recipients are read as list items.
  while (a < b && !HAS_TEXT.test(words[a]) && !(LIST_MARK.test(words[a]) && a + 1 < b)) a++;
  while (b > a && !HAS_TEXT.test(words[b - 1])) b--;
  return words.slice(a, b);
}
