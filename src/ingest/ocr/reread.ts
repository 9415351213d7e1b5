import { isSyllable } from "../pdf/quality.js";
import { PSM, type OcrLine, type OcrPool, type Psm } from "./engine.js";
import type { PageLine } from "./layout.js";
import { cropPgm, type PageImage, type PixelBox } from "./render.js";

/**
 * Second readings of the fields that matter most for the metadata: the header block and the
 * signature block. Tesseract's page layout sometimes runs the words of a header line together
 * ("CÔNGANTÍNHLÂM ĐÔNG."), garbles a title crossed by a pen stroke ("lET, CA NEH VỐN PHÒNG"
 * for "KT. CHÁNH VĂN PHÒNG"), or drops a signing title beside a seal altogether; read again on
 * its own, cut out of the page, the same print comes out right. Each second reading replaces
 * the first one only where it reads as better Vietnamese (`readingScore`), so a good first
 * reading is never lost. Measured on the corpus scans (docs/OCR.md, "Second readings").
 */

/** A word whose letters are not one syllable and longer than this is words run together or garbage (codes in capitals such as "UBND", "HĐND", "CCHC" are shorter). */
const MAX_CODE_LETTERS = 5;

/**
 * How well a text reads as Vietnamese: +1 for each word that is one well-formed syllable, −1
 * for each word that cannot be one (letters and digits mixed as in "222TTTr", the case changing
 * inside the word as in "lET" — short kind codes such as "TTr" aside —, or more than MAX_CODE_LETTERS letters that are no syllable, as
 * in "CÔNGANTÍNHLÂM"); short codes, numbers and marks count 0.
 */
export function readingScore(text: string): number {
  let score = 0;
  for (const token of text.normalize("NFC").split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!token || !/\p{L}/u.test(token)) continue;
    const letters = [...token].filter((c) => /\p{L}/u.test(c)).length;
    if (/\p{N}/u.test(token)) {
      // "PC06", "QĐ932", "12a" are codes; "222TTTr", "D6ng" are misreadings.
      if (!/^\p{Lu}+\p{N}+$/u.test(token) && !/^\p{N}+\p{L}{0,3}$/u.test(token)) score--;
      continue;
    }
    if (letters === 1) continue;
    const lower = token.toLowerCase();
    const upper = token.toUpperCase();
    const capitalised = token[0] + token.slice(1).toLowerCase() === token;
    // Kind codes of numbers are short, open with a capital and mix case ("TTr", "CTr", "QyĐ"): neutral; "lET" is a misreading.
    if (token !== lower && token !== upper && !capitalised) score -= letters <= 3 && /^\p{Lu}/u.test(token) ? 0 : 1;
    else if (isSyllable(lower)) score++;
    else if (token !== upper || letters > MAX_CODE_LETTERS) score--;
  }
  return score;
}

/** An end piece whose every word is read with at most this confidence… */
const UNSURE_WORD = 60;
/** …on a line whose best piece reads with at least this mean confidence is a mark beside the text. */
const SURE_LINE = 80;

/** A gap between two words wider than this many line heights separates two pieces of a line (columns.ts uses the same measure). */
const PIECE_GAP = 0.9;

/**
 * Drop the pieces of a line (words between wide gaps) that Tesseract barely believes: the
 * residue of a receipt stamp or a seal in the margin beside a title line ("I VY Ti LÝ NV kế
 * | và nhiệm vụ thực hiện …", mean confidence 17), a pen stroke after the recipients. A piece
 * whose mean word confidence is below `noise` goes; the rest of the line stays as read. Lines
 * of one piece are left as they are (the caller drops whole lines of noise).
 */
export function dropNoisePieces(lines: PageLine[], noise: number): { lines: PageLine[]; dropped: OcrLine["words"][] } {
  if (!lines.length) return { lines, dropped: [] };
  const em = median(lines.map((l) => l.bbox[3] - l.bbox[1]));
  const dropped: OcrLine["words"][] = [];
  const out = lines.map((line) => {
    const pieces = piecesOf(line.words, em);
    if (pieces.length < 2) return line;
    // A piece at either end of a surely read line with no word read surely is a mark beside
    // the text, even above `noise` ("I VY" left of a centred title line). The number's piece
    // ("Số: 253 /TIr-CAT-PC06", the digits by hand) keeps its printed words, which read surely.
    const conf = pieces.map((p) => mean(p.map((w) => w.confidence)));
    const best = Math.max(...conf);
    const unsure = (p: OcrLine["words"]) => p.every((w) => w.confidence <= UNSURE_WORD);
    const kept = pieces.filter((p, i) => conf[i] >= noise && !((i === 0 || i === pieces.length - 1) && unsure(p) && best >= SURE_LINE));
    if (kept.length === pieces.length || !kept.length) return line;
    dropped.push(...pieces.filter((p) => !kept.includes(p)));
    return withWords(line, kept.flat());
  });
  return { lines: out, dropped };
}

function piecesOf(words: OcrLine["words"], em: number): OcrLine["words"][] {
  const out: OcrLine["words"][] = [];
  for (const w of words) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (prev && w.bbox[0] - prev.bbox[2] <= PIECE_GAP * em) cur.push(w);
    else out.push([w]);
  }
  return out;
}

function withWords<T extends OcrLine>(line: T, words: OcrLine["words"]): T {
  return {
    ...line,
    words,
    text: words.map((w) => w.text).join(" "),
    confidence: mean(words.map((w) => w.confidence)),
    bbox: [Math.min(...words.map((w) => w.bbox[0])), Math.min(...words.map((w) => w.bbox[1])), Math.max(...words.map((w) => w.bbox[2])), Math.max(...words.map((w) => w.bbox[3]))],
  };
}

/** One row of a layout cell as read: its text, extent in page pixels and mean word confidence (0–100). */
export interface CellRow {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  confidence: number;
}

/** A second reading must span this share of the first row's width: one that lost the row's end ("CÔNG AN TỈNH LÂM" of "… LÂM ĐỒNG") is no better reading. */
const MIN_COVER = 0.75;

/** True when the second reading's lines span the row's width (MIN_COVER). */
function covers(row: CellRow, lines: CellRow[]): boolean {
  if (!lines.length) return false;
  const x0 = Math.max(row.x0, Math.min(...lines.map((l) => l.x0)));
  const x1 = Math.min(row.x1, Math.max(...lines.map((l) => l.x1)));
  return x1 - x0 >= MIN_COVER * (row.x1 - row.x0);
}

/**
 * Merge a second reading of a cell into its first: each line of the second reading goes to the
 * first row it overlaps by more than half the smaller height, the one it shares most with; a first row is replaced
 * by its second-read lines when they span its width and score higher (`readingScore`), or as high with the same
 * count of letters, other accents and a higher confidence — never when the figures differ. A second-read line at a height where the first reading has nothing (a title lost
 * beside a seal) is added when it scores above zero. Returns the rows top to bottom.
 */
export function mergeReadings(first: CellRow[], second: CellRow[]): CellRow[] {
  const overlap = (a: CellRow, b: CellRow) => (Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)) / Math.max(1, Math.min(a.y1 - a.y0, b.y1 - b.y0));
  const assigned = new Map<CellRow, CellRow[]>();
  const added: CellRow[] = [];
  // Among the rows a line overlaps enough, the one it shares most of their joint extent with: a
  // row made tall by a pen stroke must not take the lines of the rows under it.
  const shared = (a: CellRow, b: CellRow) => (Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)) / Math.max(1, Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0));
  for (const s of second) {
    let best: CellRow | null = null;
    for (const f of first) if (overlap(f, s) > 0.5 && (!best || shared(f, s) > shared(best, s))) best = f;
    if (best) assigned.set(best, [...(assigned.get(best) ?? []), s]);
    else if (readingScore(s.text) > 0) added.push(s);
  }
  const out = first.map((row) => {
    const same = assigned.get(row);
    if (!same || !covers(row, same)) return row;
    const text = same.map((s) => s.text).join(" ");
    const confidence = same.reduce((a, s) => a + s.confidence, 0) / same.length;
    const [a, b] = [readingScore(text), readingScore(row.text)];
    // The figures of a row (the number, the date) are never traded for other figures or none:
    // a handwritten "932" read again as "332" is no better reading.
    const digits = (t: string) => t.replace(/\D+/gu, "");
    if (digits(text) !== digits(row.text)) return row;
    // As high a score: the surer reading, when the two differ only in the letters' accents and
    // shapes ("PHO CHÁNH VAN PHONG" / "PHÓ CHÁNH VĂN PHÒNG"), not in marks ("- Như kính gửi;"
    // keeps its dash) nor in what they hold ("Số 52 -CV/HNDT" is not "Số 52").
    const letters = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, "");
    const sameShape = letters(text) !== letters(row.text) && [...letters(text)].length === [...letters(row.text)].length;
    return a > b || (a === b && confidence > row.confidence && sameShape) ? { ...row, text, confidence } : row;
  });
  return [...out, ...added].sort((a, b) => a.y0 - b.y0);
}

/**
 * Read a box of the page again on its own, as one block of text (PSM 6), with a margin of
 * white around it, at `zoom` times its size (nearest neighbour: Tesseract's own scaling then
 * sees larger letters with the same strokes). Lines come back in page pixels; lines below `noise` mean confidence and
 * noise pieces are dropped, and marks without a letter or digit at a line's ends trimmed.
 */
export async function rereadBox(img: PageImage, box: PixelBox, pool: OcrPool, noise: number, zoom = 1, psm: Psm = PSM.block): Promise<OcrLine[]> {
  const [x0, y0, x1, y1] = [Math.max(0, box[0]), Math.max(0, box[1]), Math.min(img.width, box[2]), Math.min(img.height, box[3])];
  if (x1 - x0 < 4 || y1 - y0 < 4) return [];
  const pad = Math.round(6 * img.scale);
  const lines = await pool.recognize({ image: cropPgm(img, [x0, y0, x1, y1], pad, zoom), psm, dpi: img.dpi * zoom });
  const placed = lines.map((l) => place(l, zoom, x0 - pad / zoom, y0 - pad / zoom)).filter((l) => l.confidence >= noise);
  const { lines: kept } = dropNoisePieces(
    placed.map((l) => ({ ...l, bold: false })),
    noise,
  );
  return kept
    .map((l) => {
      const words = trimEnds(l.words, noise);
      return words.length ? withWords(l, words) : null;
    })
    .filter((l): l is PageLine => l !== null);
}

const HAS_TEXT = /[\p{L}\p{N}]/u;

/** Marks without a letter or digit, and words read below `noise`, at both ends of a line ('_.“GIÁM ĐÓC' → 'GIÁM ĐÓC'), and marks glued to the first or last word. */
function trimEnds(words: OcrLine["words"], noise: number): OcrLine["words"] {
  let a = 0;
  let b = words.length;
  // Words at the ends read below `noise` are specks of the seal the box also holds ("xin. “GIÁM ĐÓC").
  const mark = (w: OcrLine["words"][number]) => !HAS_TEXT.test(w.text) || w.confidence < noise;
  while (a < b && mark(words[a])) a++;
  while (b > a && mark(words[b - 1])) b--;
  const out = words.slice(a, b).map((w) => ({ ...w }));
  if (out.length) {
    out[0].text = out[0].text.replace(/^[^\p{L}\p{N}(“"'-]+/u, "");
    out[out.length - 1].text = out[out.length - 1].text.replace(/[^\p{L}\p{N}.)”"':;,]+$/u, "");
  }
  return out.filter((w) => w.text);
}

/** A line of a crop read at `zoom` back in page pixels (the crop's origin at dx, dy). */
function place(l: OcrLine, zoom: number, dx: number, dy: number): OcrLine {
  const move = (b: [number, number, number, number]): [number, number, number, number] => [b[0] / zoom + dx, b[1] / zoom + dy, b[2] / zoom + dx, b[3] / zoom + dy];
  return { ...l, bbox: move(l.bbox), baseline: l.baseline / zoom + dy, words: l.words.map((w) => ({ ...w, bbox: move(w.bbox) })) };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
