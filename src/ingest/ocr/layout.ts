import type { Paragraph } from "../../model/document.js";
import { joinWrapped } from "../pdf/lines.js";
import { PSM, type OcrLine, type OcrPool } from "./engine.js";
import { REPAIRED_CONFIDENCE, repairRoman } from "./roman.js";
import { cropPgm, type PageImage, type PixelBox } from "./render.js";

/** A recognised line placed on the page (pixels), with what paragraph grouping needs. */
export interface PageLine extends OcrLine {
  /** True when the strokes are markedly thicker than the page's usual text (bold). */
  bold: boolean;
}

/**
 * A blank band at least this tall (pt) may be a cut between OCR chunks: wider than the gap
 * between a capital and its stacked diacritics, narrower than the gap between two lines.
 */
const MIN_CUT_GAP_PT = 1.5;
/** A baseline gap this much larger than the usual line pitch separates paragraphs (paragraph spacing). */
const PARA_GAP = 1.25;
/** Strokes this much thicker than the page's median line are bold. */
const BOLD_STROKE = 1.3;
/** Share of letters in capitals from which a line reads as an uppercase heading. */
const UPPER_SHARE = 0.8;
/** Page numbers as printed ("3", "- 3 -", "Trang 3", "3/10"), as the text-layer path reads them. */
const PAGE_NUMBER = /^(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|of|trên)\s*\d{1,4})?$/i;

/**
 * Recognise the page's text outside its tables. Table boxes are blanked, then the page is cut
 * at blank bands into as many chunks as the pool has workers (so both cores read one page),
 * each chunk is recognised with automatic layout (PSM 3: columns such as the two-column
 * national header stay apart), and the lines come back in page pixels in reading order.
 */
export async function recogniseText(img: PageImage, tables: PixelBox[], pool: OcrPool): Promise<PageLine[]> {
  const grey = tables.length ? blank(img, tables) : img.grey;
  const page = { ...img, grey };
  const ink = rowInk(img, tables);
  const chunks = cutChunks(ink, pool.size, img.scale);
  const results = await Promise.all(
    chunks.map(async ([y0, y1]) => {
      const lines = await pool.recognize({ image: cropPgm(page, [0, y0, img.width, y1]), psm: PSM.auto, dpi: img.dpi });
      return lines.map((l) => shift(l, y0));
    }),
  );
  const lines = results.flat().map((l) => repairLine(l, img));
  const isBold = boldTest(img, lines);
  return lines.map((l) => ({ ...l, bold: isBold(l.bbox) }));
}

/** A test of boldness for any box of the page: strokes markedly thicker than the page's lines' median. */
export function boldTest(img: PageImage, lines: OcrLine[]): (box: [number, number, number, number]) => boolean {
  const typical = median(lines.map((l) => strokeWidth(img, l.bbox)).filter((s) => s > 0));
  return (box) => typical > 0 && strokeWidth(img, box) > BOLD_STROKE * typical;
}

/** Copy of the grey image with the boxes painted white. */
function blank(img: PageImage, boxes: PixelBox[]): Uint8Array {
  const grey = img.grey.slice();
  for (const [x0, y0, x1, y1] of boxes)
    for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) grey.fill(255, y * img.width + Math.max(0, x0), y * img.width + Math.min(img.width, x1));
  return grey;
}

/** Ink pixels per row, table boxes left out. */
function rowInk(img: PageImage, tables: PixelBox[]): Uint32Array {
  const counts = new Uint32Array(img.height);
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    let n = 0;
    for (let x = 0; x < img.width; x++) n += img.ink[row + x];
    for (const [x0, y0, x1, y1] of tables) {
      if (y < y0 || y >= y1) continue;
      for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) n -= img.ink[row + x];
    }
    counts[y] = n;
  }
  return counts;
}

/**
 * Row ranges [y0, y1) holding ink, about equal in ink, cut only in blank bands (between text
 * lines), at most `parts` of them. Blank page margins are left out.
 */
function cutChunks(ink: Uint32Array, parts: number, scale: number): [number, number][] {
  let first = 0;
  while (first < ink.length && !ink[first]) first++;
  let last = ink.length - 1;
  while (last >= first && !ink[last]) last--;
  if (first > last) return [];
  const margin = Math.round(4 * scale);
  const top = Math.max(0, first - margin);
  const bottom = Math.min(ink.length, last + 1 + margin);
  if (parts <= 1) return [[top, bottom]];
  // Blank bands inside the inked range, as candidate cuts (their middles).
  const minGap = Math.max(3, MIN_CUT_GAP_PT * scale);
  const cuts: number[] = [];
  for (let y = first; y <= last; ) {
    if (ink[y]) {
      y++;
      continue;
    }
    let e = y;
    while (e <= last && !ink[e]) e++;
    if (e - y >= minGap) cuts.push(Math.floor((y + e) / 2));
    y = e;
  }
  const total = ink.reduce((s, v) => s + v, 0);
  const chosen: number[] = [];
  let acc = 0;
  let k = 1;
  let prevCut = -1;
  const cumulative = new Map<number, number>();
  for (let y = first, ci = 0; y <= last && ci < cuts.length; y++) {
    acc += ink[y];
    if (y === cuts[ci]) cumulative.set(cuts[ci++], acc);
  }
  for (; k < parts; k++) {
    const target = (k * total) / parts;
    let best = -1;
    for (const c of cuts) if (c > prevCut && (best < 0 || Math.abs(cumulative.get(c)! - target) < Math.abs(cumulative.get(best)! - target))) best = c;
    if (best < 0) break;
    chosen.push(best);
    prevCut = best;
  }
  const edges = [top, ...chosen, bottom];
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < edges.length; i++) if (edges[i + 1] > edges[i]) out.push([edges[i], edges[i + 1]]);
  return out;
}

/**
 * Re-read the Roman numerals of a line from their shape (bold "II." comes out of Tesseract as
 * "I.", see roman.ts); a repaired word gets the repaired confidence, so the paragraph's drops.
 */
function repairLine(line: OcrLine, img: PageImage): OcrLine {
  let changed = false;
  const words = line.words.map((w) => {
    const text = repairRoman(w.text, img, w.bbox);
    if (text === w.text) return w;
    changed = true;
    return { ...w, text, confidence: Math.min(w.confidence, REPAIRED_CONFIDENCE) };
  });
  // A heading's Roman numeral whose dot OCR lost ("I KẾT QUẢ …" for "I. KẾT QUẢ …"): a line
  // that starts with a bare numeral followed by capitals. Vietnamese has no word "I", "II", "V"…
  const rest = words.slice(1).map((w) => w.text).join(" ");
  if (words.length >= 3 && BARE_ROMAN.test(words[0].text) && upperShare(rest) >= UPPER_SHARE) {
    words[0] = { ...words[0], text: `${words[0].text}.`, confidence: Math.min(words[0].confidence, REPAIRED_CONFIDENCE) };
    changed = true;
  }
  if (!changed) return line;
  return { ...line, words, text: words.map((w) => w.text).join(" ") };
}

/** A Roman numeral of a heading (up to XX) without its dot. */
const BARE_ROMAN = /^(?:X{0,2})(?:IX|IV|V?I{0,3})$(?<=.)/u;

function shift(l: OcrLine, dy: number): OcrLine {
  const move = (b: [number, number, number, number]): [number, number, number, number] => [b[0], b[1] + dy, b[2], b[3] + dy];
  return { ...l, bbox: move(l.bbox), baseline: l.baseline + dy, words: l.words.map((w) => ({ ...w, bbox: move(w.bbox) })) };
}

/** Mean horizontal ink run inside a box: the stroke width, which bold text roughly doubles. */
function strokeWidth(img: PageImage, [x0, y0, x1, y1]: [number, number, number, number]): number {
  let inked = 0;
  let runs = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    const row = y * img.width;
    let prev = 0;
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const v = img.ink[row + x];
      inked += v;
      if (v && !prev) runs++;
      prev = v;
    }
  }
  return runs ? inked / runs : 0;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Share of cased letters that are capitals (0 when the line has no cased letters). */
function upperShare(text: string): number {
  const letters = [...text].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (!letters.length) return 0;
  return letters.filter((ch) => ch === ch.toUpperCase()).length / letters.length;
}

/**
 * Group a page's lines into paragraphs, the way the text-layer path does it from geometry: a
 * new paragraph starts at a baseline gap larger than the usual pitch, where the previous line
 * ended short although the next line's first word would have fitted (the last line of a
 * paragraph, a centred title line), at an indent or outdent against the paragraph's body, at a
 * change of boldness or between an uppercase heading and mixed-case text, and where the next
 * line is not below the previous one (another column). Lone page numbers at the top or foot of
 * the page are dropped as running text.
 */
export function groupParagraphs(lines: PageLine[], img: PageImage, page: number): Paragraph[] {
  if (!lines.length) return [];
  const heights = lines.map((l) => l.bbox[3] - l.bbox[1]);
  const em = median(heights);
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const d = lines[i].baseline - lines[i - 1].baseline;
    if (d > 0.6 * em && d < 2.5 * em) pitches.push(d);
  }
  const pitch = pitches.length ? quantile(pitches, 0.25) : 1.2 * em;
  const wide = lines.filter((l) => l.bbox[2] - l.bbox[0] > 0.5 * img.width * 0.6);
  const right = quantile((wide.length ? wide : lines).map((l) => l.bbox[2]), 0.9);
  const space = 0.3 * em;

  const groups: PageLine[][] = [];
  let cur: PageLine[] = [];
  for (const line of lines) {
    if (cur.length && continues(cur, line)) cur.push(line);
    else {
      if (cur.length) groups.push(cur);
      cur = [line];
    }
  }
  if (cur.length) groups.push(cur);

  function continues(para: PageLine[], line: PageLine): boolean {
    const prev = para[para.length - 1];
    const gap = line.baseline - prev.baseline;
    if (gap <= 0.5 * em || gap > PARA_GAP * pitch) return false;
    if (line.bbox[0] > prev.bbox[2] || line.bbox[2] < prev.bbox[0]) return false;
    if (line.bold !== prev.bold) return false;
    if (upperShare(prev.text) >= UPPER_SHARE !== upperShare(line.text) >= UPPER_SHARE) return false;
    const firstWord = line.words[0] ? line.words[0].bbox[2] - line.words[0].bbox[0] : 0;
    if (prev.bbox[2] + space + firstWord < right - 0.5 * em) return false;
    if (para.length >= 2 && Math.abs(line.bbox[0] - para[1].bbox[0]) > 0.8 * em) return false;
    // A wrapped line never starts further right than the paragraph's first line plus an indent.
    if (para.length === 1 && line.bbox[0] > prev.bbox[0] + 0.8 * em) return false;
    return true;
  }

  const band = 0.08 * img.height;
  return groups
    .filter((g) => !(g.length === 1 && PAGE_NUMBER.test(g[0].text.trim()) && (g[0].bbox[3] < band || g[0].bbox[1] > img.height - band)))
    .map((g) => paragraphOf(g, img.scale, page));
}

function paragraphOf(lines: PageLine[], scale: number, page: number): Paragraph {
  const words = lines.flatMap((l) => l.words);
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / Math.max(1, words.length);
  const box = [
    Math.min(...lines.map((l) => l.bbox[0])),
    Math.min(...lines.map((l) => l.bbox[1])),
    Math.max(...lines.map((l) => l.bbox[2])),
    Math.max(...lines.map((l) => l.bbox[3])),
  ].map((v) => Math.round((v / scale) * 100) / 100) as [number, number, number, number];
  const text = lines.map((l) => l.text).reduce(joinWrapped, "");
  const para: Paragraph = {
    kind: "paragraph",
    text,
    bold: lines.every((l) => l.bold),
    italic: false,
    prov: { page, bbox: box, confidence: Math.round(confidence * 10) / 10 },
  };
  if (/^[-+•*–]\s/.test(text)) para.listItem = true;
  return para;
}
