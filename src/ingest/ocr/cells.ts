import type { Cell, Row, Table } from "../../model/document.js";
import { roundBox } from "../pdf/geometry.js";
import { gridRows, type Grid } from "../pdf/grid.js";
import { PSM, type OcrLine, type OcrPool } from "./engine.js";
import { REPAIRED_CONFIDENCE, repairRoman } from "./roman.js";
import { cropPgm, type PageImage, type PixelBox } from "./render.js";

/** Ink pixels (as a share of the cell's area) below which a cell is empty: specks, not text. */
const MIN_INK_SHARE = 0.002;
/** A first column narrower than this share of the table's width holds item numbers. */
const CODE_COLUMN_SHARE = 0.12;
/** A one-line cell read with less confidence than this is read again at double size. */
const REREAD_BELOW = 85;
/** White margin (px) put around a cell's ink before recognition. */
const PAD = 10;
/** The wider margin for one-line values, which Tesseract reads more reliably with room around them. */
const WIDE_PAD = 20;
/** A one-line cell narrower than this many text heights is a short value (a figure, a unit). */
const SHORT_TEXT = 4;
/** Confidence cap for a short value no two readings agreed on (under the review threshold, 70). */
const UNAGREED_CONFIDENCE = 65;
/** A short value read with at least this confidence is taken at once (no wrong reading seen above it). */
const SURE = 95;

/** A recognised cell: where it sits in the grid and what OCR read. */
export interface OcrCell {
  row: number;
  col: number;
  text: string;
  /** Mean word confidence 0–100; undefined for an empty cell (nothing was recognised). */
  confidence?: number;
}

/**
 * Rebuild a ruled table from its grid: every merged region is cut out of the page on its own
 * (borders trimmed), recognised as one block of text, and placed at its top-left grid
 * position; covered positions are `{ text: "", spanned: true }` as in the text-layer path.
 * Cells without ink are not sent to OCR. Cells are recognised concurrently (the pool bounds
 * how many run at once).
 */
export async function recogniseTable(
  img: PageImage,
  grid: Grid,
  page: number,
  pool: OcrPool,
): Promise<{ table: Table; cells: OcrCell[] }> {
  const { xs, ys } = grid;
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const jobs: Promise<OcrCell>[] = [];
  // A narrow first column is the STT (số thứ tự, item number) column: codes such as "3.1",
  // "II", "a)", where bold Roman numerals need a second look (see roman.ts).
  const codes = cols >= 3 && xs[1] - xs[0] < CODE_COLUMN_SHARE * (xs[cols] - xs[0]);
  const outRows = gridRows(grid, page, (_i, r, c, box, colSpan, rowSpan) => {
    const cell: Cell = { text: "", bold: false, italic: false, prov: { page, bbox: roundBox(box) } };
    if (colSpan > 1) cell.colSpan = colSpan;
    if (rowSpan > 1) cell.rowSpan = rowSpan;
    jobs.push(
      recogniseCell(img, box, pool, c === 0 && codes).then((res) => {
        if (res) {
          cell.text = res.text;
          cell.prov!.confidence = round1(res.confidence);
          cell.bold = res.bold;
        }
        return { row: r, col: c, text: cell.text, confidence: res?.confidence };
      }),
    );
    return cell;
  });
  const done = await Promise.all(jobs);
  // A row's and the table's confidence are the weakest cell's: one misread value is what a reviewer must see.
  for (let r = 0; r < rows; r++) {
    const confs = done.filter((d) => d.row === r && d.confidence !== undefined).map((d) => d.confidence!);
    if (confs.length) outRows[r].prov.confidence = round1(Math.min(...confs));
  }
  const all = done.filter((d) => d.confidence !== undefined).map((d) => d.confidence!);
  const table: Table = { kind: "table", rows: outRows, prov: { page, bbox: roundBox(grid.box) } };
  if (all.length) table.prov.confidence = round1(Math.min(...all));
  return { table, cells: done };
}

/** Recognise one cell given its box in points; undefined when the cell holds no text. */
async function recogniseCell(
  img: PageImage,
  boxPt: [number, number, number, number],
  pool: OcrPool,
  code: boolean,
): Promise<{ text: string; confidence: number; bold: boolean } | undefined> {
  const s = img.scale;
  const inner = trimBorders(img, [Math.round(boxPt[0] * s), Math.round(boxPt[1] * s), Math.round(boxPt[2] * s), Math.round(boxPt[3] * s)]);
  if (!inner) return undefined;
  const inkBox = inkBounds(img, inner);
  if (!inkBox) return undefined;
  const bands = textBands(img, inkBox);
  const width = inkBox[2] - inkBox[0];
  const read = async (zoom: number, pad = PAD) => {
    const lines = await pool.recognize({
      image: cropPgm(img, inkBox, pad, zoom),
      // One text line reads best as a line (PSM 7); a wrapped label as a block (PSM 6).
      psm: bands <= 1 ? PSM.line : PSM.block,
      dpi: img.dpi * zoom,
    });
    const words = lines.flatMap((l) => l.words);
    return {
      text: lines.length ? joinCellLines(lines, width * zoom + 2 * pad) : "",
      confidence: words.reduce((sum, w) => sum + w.confidence, 0) / Math.max(1, words.length),
    };
  };
  const height = inkBox[3] - inkBox[1];
  const oneLine = bands <= 1;
  const short = oneLine && width < SHORT_TEXT * height;
  let best = await read(1);
  if (code && oneLine) {
    // Item numbers and the STT header: three readings (natural size, double size, wide
    // margin), merged by readCode.
    best = readCode([best, await read(2), await read(1, WIDE_PAD)]);
  } else if (short && best.confidence < SURE) {
    // Tesseract drops or invents characters in tiny images, and which setting fails differs
    // from figure to figure: "11" → '1u"' at natural size but "11" at double size, "0" → "Ũ"
    // at double size, "97" → "37" with a wide margin (samples 000, 003). A doubtful short
    // value is read three more ways and the text with the most confidence summed over the
    // readings wins.
    const readings = [best, await read(2), await read(1, WIDE_PAD), await read(2, WIDE_PAD)];
    best = vote(readings, true);
  } else if (oneLine && best.confidence < REREAD_BELOW) {
    // A doubtful one-line label gets a second reading at double size; the more confident wins.
    const zoomed = await read(2);
    if (zoomed.text && zoomed.confidence > best.confidence) best = zoomed;
  }
  // Ink that OCR cannot read at all (a smudge, a stamp, a scribbled figure) is reported as an
  // empty reading with confidence 0, so the cell is flagged instead of passing as blank.
  if (!best.text) return { text: "", confidence: 0, bold: false };
  if (code) {
    const repaired = repairRoman(best.text, img, inkBox);
    if (repaired !== best.text) {
      best.text = repaired;
      // The repair is a reading of the shape, not of OCR: keep it below the review threshold.
      best.confidence = Math.min(best.confidence, REPAIRED_CONFIDENCE);
    }
  }
  return { ...best, bold: false };
}

/**
 * Merge readings of an item-number cell. The usual failures are a lost dot ("3.1.2." read as
 * "31.2.", most often after a 7) and, at double size, a wrong digit with every dot kept
 * ("7.8.3." read as "7.0.3.", sample 004). So the digits are voted on (confidence summed over
 * the readings that agree), and the dots come from the reading with the most levels among
 * those with that many digits. Codes without digits ("II", "a)") and header words ("STT") are
 * voted on as they are.
 */
function readCode(readings: { text: string; confidence: number }[]): { text: string; confidence: number } {
  const codes = readings.filter((r) => CODE.test(r.text));
  const numeric = codes.filter((r) => /\d/.test(r.text));
  if (!numeric.length) return vote(codes.length ? codes : readings);
  const digitsOf = (t: string) => t.replace(/\D/g, "");
  const winner = vote(numeric.map((r) => ({ text: digitsOf(r.text), confidence: r.confidence })));
  const levels = (t: string) => t.match(/\d[.,](?=\d)/g)?.length ?? 0;
  const shapes = numeric.filter((r) => digitsOf(r.text).length === winner.text.length);
  const shape = shapes.reduce((a, b) => (levels(b.text) > levels(a.text) || (levels(b.text) === levels(a.text) && b.confidence > a.confidence) ? b : a));
  let k = 0;
  return { text: shape.text.replace(/\d/g, () => winner.text[k++]), confidence: winner.confidence };
}

/** The reading whose text has the highest confidence summed over all readings (ties: the earlier). */
function vote(readings: { text: string; confidence: number }[], capUnagreed = false): { text: string; confidence: number } {
  const score = new Map<string, number>();
  for (const r of readings) if (r.text) score.set(r.text, (score.get(r.text) ?? 0) + r.confidence);
  let best = readings[0];
  let top = -1;
  for (const r of readings) {
    const s = score.get(r.text) ?? -1;
    if (s > top) {
      top = s;
      best = r;
    }
  }
  // The winner's confidence is its best single reading's; with `capUnagreed`, a text no two
  // readings agree on is doubtful whatever Tesseract says, so it is kept under the review
  // threshold.
  const same = readings.filter((r) => r.text === best.text);
  const confidence = Math.max(...same.map((r) => r.confidence));
  return { text: best.text, confidence: same.length >= 2 || !capUnagreed ? confidence : Math.min(confidence, UNAGREED_CONFIDENCE) };
}

/** An item number as printed: "3", "3.1", "2.1.3", "II", "IV.", "a)", "1." */
const CODE = /^(?:[IVXLC]+|\d+(?:[.,]\d+)*|[a-zđ])[.)]?$/;

/**
 * Join a cell's lines: a line that stops well short of the cell's right edge ended on purpose
 * (a coded-option list "Có = 1;" / "Không = 0"), so the break is kept as "\n"; other breaks
 * are soft wraps and become a space.
 */
function joinCellLines(lines: OcrLine[], width: number): string {
  let text = lines[0].text;
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1];
    const next = lines[k];
    const firstWord = next.words[0] ? (next.bbox[2] - next.bbox[0]) * (next.words[0].text.length / Math.max(1, next.text.length)) : 0;
    const room = width - PAD - prev.bbox[2];
    text += room > firstWord + 0.5 * (prev.bbox[3] - prev.bbox[1]) ? `\n${next.text}` : ` ${next.text}`;
  }
  return text;
}

/**
 * Move each edge of a cell box inwards past its border line. Scanning from outside the grid
 * edge, the first pixel lines that are ink along most of the cell are the ruling; the first
 * line after them that is not ends the border (text may start right behind it, so the scan
 * stops there instead of testing glyph stems). Returns undefined for a box too small for text.
 */
function trimBorders(img: PageImage, box: PixelBox): PixelBox | undefined {
  const { width, height, ink } = img;
  const [x0, y0, x1, y1] = box;
  const reach = Math.ceil(3 * img.scale);
  const colInk = (x: number) => {
    if (x < 0 || x >= width) return 0;
    let n = 0;
    for (let y = y0; y < y1; y++) n += ink[y * width + x];
    return n / Math.max(1, y1 - y0);
  };
  const rowInk = (y: number) => {
    if (y < 0 || y >= height) return 0;
    let n = 0;
    for (let x = x0; x < x1; x++) n += ink[y * width + x];
    return n / Math.max(1, x1 - x0);
  };
  /** First position inside the border, scanning from `from` in direction `step`. */
  const inside = (from: number, step: 1 | -1, edge: number, share: (p: number) => number): number => {
    let seen = false;
    for (let k = 0; k <= 2 * reach; k++) {
      const p = from + step * k;
      const isLine = share(p) > 0.6;
      if (isLine) seen = true;
      else if (seen) return p;
    }
    return edge;
  };
  const nx0 = inside(x0 - reach, 1, x0, colInk) + 1;
  const nx1 = inside(x1 + reach, -1, x1, colInk) - 1;
  const ny0 = inside(y0 - reach, 1, y0, rowInk) + 1;
  const ny1 = inside(y1 + reach, -1, y1, rowInk) - 1;
  if (nx1 - nx0 < 4 || ny1 - ny0 < 4) return undefined;
  return [nx0, ny0, nx1 + 1, ny1 + 1];
}

/** The bounding box of the ink inside a box, or undefined when there is (almost) none. */
function inkBounds(img: PageImage, box: PixelBox): PixelBox | undefined {
  const [x0, y0, x1, y1] = box;
  let minX = x1;
  let minY = y1;
  let maxX = -1;
  let maxY = -1;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * img.width;
    for (let x = x0; x < x1; x++) {
      if (!img.ink[row + x]) continue;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (count < Math.max(6, MIN_INK_SHARE * (x1 - x0) * (y1 - y0))) return undefined;
  return [minX, minY, maxX + 1, maxY + 1];
}

/**
 * Count text lines in a box from its row profile: runs of inked rows separated by blank rows.
 * Bands thinner than a third of the tallest are diacritics or specks and do not count.
 */
export function textBands(img: PageImage, box: PixelBox): number {
  const [x0, y0, x1, y1] = box;
  const bands: number[] = [];
  let run = 0;
  for (let y = y0; y <= y1; y++) {
    let inked = false;
    if (y < y1) {
      const row = y * img.width;
      for (let x = x0; x < x1 && !inked; x++) inked = img.ink[row + x] === 1;
    }
    if (inked) run++;
    else if (run) {
      bands.push(run);
      run = 0;
    }
  }
  const tallest = Math.max(0, ...bands);
  return bands.filter((h) => h >= tallest / 3).length;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

