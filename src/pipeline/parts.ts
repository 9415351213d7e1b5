import { z } from "zod";
import type { Block, Document } from "../model/document.js";
import { message, type Message, placeOf, type Result } from "../model/message.js";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";

/**
 * Several documents in one file (a cover letter and the report it sends, a scanned bundle):
 * the Document is cut into parts, each a Document of its own that every later stage reads as
 * if it were the whole file. A part begins at a national motto block (quốc hiệu "CỘNG HÒA XÃ
 * HỘI CHỦ NGHĨA VIỆT NAM" and/or tiêu ngữ "Độc lập - Tự do - Hạnh phúc") — in a layout table, a
 * paragraph or OCR text with small errors — but the motto alone decides nothing:
 *
 * - the block must carry a header around it: at least two of an issuer line, a "Số:" line, a
 *   place-and-date line and a document-type title ("BÁO CÁO") under it (a report quoting the
 *   motto in a sentence has none of them; OCR may lose the blank number and date of a draft);
 * - the document before it must have a body: a signature or recipients cue, a data table or a
 *   page of text (a cover page printing the motto above the report's own header has not);
 * - a header titled as an appendix ("PHỤ LỤC", "BIỂU MẪU") or carrying a "(Kèm theo …)"
 *   caption heads an appendix of the document before it, which stays in that document.
 *
 * Cues are data (rules/parts.json). The first part always starts at the first block, so a
 * file with one document is returned unchanged.
 */

const Rule = z.object({ id: z.string(), pattern: z.string(), $comment: z.string().optional() });
const PartsRules = z.object({
  $comment: z.string().optional(),
  motto: z.array(z.object({ id: z.string(), key: z.string().regex(/^[a-z]+$/), maxErrors: z.number().int().nonnegative() })).min(1),
  mottoLine: z.object({ $comment: z.string().optional(), extraLetters: z.number().int().nonnegative() }),
  numberLine: Rule,
  placeDate: Rule,
  issuer: Rule,
  title: Rule,
  appendix: Rule,
  body: z.object({ $comment: z.string().optional(), signature: z.string(), minChars: z.number().int().positive() }),
});

interface Compiled {
  motto: { id: string; key: string; maxErrors: number }[];
  extraLetters: number;
  /** The most letters a motto line can hold: every motto key with its errors, plus extraLetters. */
  mottoLetters: number;
  number: RegExp;
  placeDate: RegExp;
  issuer: RegExp;
  title: RegExp;
  appendix: RegExp;
  signature: RegExp;
  minChars: number;
}
let compiled: Compiled | undefined;
function rules(): Compiled {
  if (compiled) return compiled;
  const r = loadRules("parts.json", PartsRules);
  compiled = {
    motto: r.motto,
    extraLetters: r.mottoLine.extraLetters,
    mottoLetters: r.motto.reduce((n, m) => n + m.key.length + m.maxErrors, 0) + r.mottoLine.extraLetters,
    number: new RegExp(r.numberLine.pattern),
    placeDate: new RegExp(r.placeDate.pattern),
    issuer: new RegExp(r.issuer.pattern),
    title: new RegExp(r.title.pattern),
    appendix: new RegExp(r.appendix.pattern),
    signature: new RegExp(r.body.signature),
    minChars: r.body.minChars,
  };
  return compiled;
}

/** A part: its Document and where it begins in the file's blocks. */
export interface Part {
  /** 0-based position of the part in the file. */
  index: number;
  /** Index in the file's Document.blocks of the part's first block. */
  start: number;
  document: Document;
}

/** One text line of a block, with the block it came from. */
interface Line {
  block: number;
  text: string;
  folded: string;
}

/** Tables larger than this are data, never a header block (the docx reader's limit too). */
const HEADER_TABLE_ROWS = 12;
/** Lines after the motto block searched for the rest of the header. */
const HEADER_AFTER = 8;
/** Lines before the motto block that may hold the issuer (plain text prints the columns one after the other). */
const HEADER_BEFORE = 4;
/** Lines between the quốc hiệu and the tiêu ngữ of one block (a layout table interleaves the columns' lines). */
const MOTTO_GAP = 4;
/** A line this long is body text: the header window stops there. */
const LONG_LINE = 200;

/** Rows of the distance table, reused by every call (one table row per key letter is all it keeps). */
let rowA = new Int32Array(0);
let rowB = new Int32Array(0);

/**
 * Edit distance of the best match of `key` anywhere in `text` (Sellers' algorithm: a
 * Levenshtein table whose first row is free, so the match may start at any position). With
 * `bound`, the answer is exact up to `bound`; past it, some value above `bound` comes back as
 * soon as no cell of a row is within it (a row's smallest cell never decreases down the table).
 */
export function substringDistance(key: string, text: string, bound = Infinity): number {
  const n = text.length;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  prev.fill(0, 0, n + 1);
  let best = 0;
  for (let i = 1; i <= key.length; i++) {
    const k = key.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      let d = prev[j - 1] + (k === text.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return rowMin;
    const t = prev;
    prev = cur;
    cur = t;
    best = rowMin;
  }
  return key.length ? best : 0;
}

/**
 * The key cut into `errors + 1` pieces of about equal length. A text holding the key with at
 * most `errors` edits holds one of the pieces unchanged (each edit touches one piece at most),
 * so a line holding none of them is passed over without the distance table.
 */
function piecesOf(key: string, errors: number): string[] {
  const n = errors + 1;
  return Array.from({ length: n }, (_, i) => key.slice(Math.round((i * key.length) / n), Math.round(((i + 1) * key.length) / n)));
}
const keyPieces = new Map<string, string[]>();

/** Which motto lines a line holds (ids of rules/parts.json), when the line is a header line. */
export function mottoIn(line: string): string[] {
  return mottoInFolded(fold(line));
}

function mottoInFolded(folded: string): string[] {
  const r = rules();
  // A body paragraph is too long to be a motto line whatever it holds: skip the matching
  // (its letters are counted only up to the limit).
  const limit = r.mottoLetters;
  let count = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a && ++count > limit) return [];
  }
  const letters = folded.replace(/[^a-z]/g, "");
  const found: string[] = [];
  let motto = 0;
  for (const m of r.motto) {
    // Cheap tests first: a line shorter than the key less the errors cannot hold it, nor a
    // line holding none of its pieces (piecesOf).
    if (letters.length < m.key.length - m.maxErrors) continue;
    let pieces = keyPieces.get(m.key);
    if (!pieces) keyPieces.set(m.key, (pieces = piecesOf(m.key, m.maxErrors)));
    if (!pieces.some((p) => letters.includes(p))) continue;
    if (substringDistance(m.key, letters, m.maxErrors) <= m.maxErrors) {
      found.push(m.id);
      motto += m.key.length;
    }
  }
  // A sentence that quotes the motto is longer than the motto and an issuer beside it.
  return found.length && letters.length - motto <= r.extraLetters ? found : [];
}

function linesOf(blocks: Block[]): Line[] {
  const out: Line[] = [];
  const push = (block: number, text: string) => {
    for (const t of text.split("\n")) if (t.trim()) out.push({ block, text: t.trim(), folded: fold(t) });
  };
  blocks.forEach((b, i) => {
    if (b.kind === "paragraph") push(i, b.text);
    else if (b.kind === "table" && b.rows.length <= HEADER_TABLE_ROWS) for (const row of b.rows) for (const c of row.cells) if (!c.spanned) push(i, c.text);
  });
  return out;
}

const isUpper = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase();
};
const isIssuerLine = (l: Line) => isUpper(l.text) && rules().issuer.test(l.folded);

/** What the header around a motto block holds. */
interface Header {
  /** Block where the document begins (the issuer lines above the motto, when printed apart). */
  start: number;
  /** Block of the header's last line: the body begins after it. */
  end: number;
  cues: string[];
  appendix: boolean;
}

function headerAround(lines: Line[], blocks: Block[], first: number, last: number): Header {
  const r = rules();
  // The block holding the motto (a layout table, a paragraph) is header throughout; then walk
  // back over the issuer and number lines printed above it, within the same page.
  while (first > 0 && lines[first - 1].block === lines[first].block) first--;
  while (last + 1 < lines.length && lines[last + 1].block === lines[last].block) last++;
  let from = first;
  for (let k = first - 1; k >= 0 && first - k <= HEADER_BEFORE; k--) {
    const l = lines[k];
    if (!(isIssuerLine(l) || r.number.test(l.folded))) break;
    const between = blocks.slice(l.block, lines[from].block);
    if (between.some((b) => b.kind === "pageBreak" || (b.kind === "table" && b.rows.length > HEADER_TABLE_ROWS))) break;
    from = k;
  }
  // …and forward over the rest of the header, up to the first line of body text.
  let to = last;
  const pageBreakBetween = (a: Line, b: Line) => blocks.slice(a.block, b.block).some((x) => x.kind === "pageBreak");
  while (to + 1 < lines.length && to - last < HEADER_AFTER && lines[to + 1].text.length < LONG_LINE && !pageBreakBetween(lines[to], lines[to + 1])) to++;
  const window = lines.slice(from, to + 1);
  const cues = [
    window.some(isIssuerLine) ? "issuer" : "",
    window.some((l) => r.number.test(l.folded)) ? "number" : "",
    window.some((l) => r.placeDate.test(l.folded)) ? "place-date" : "",
    window.some((l) => isUpper(l.text) && r.title.test(l.folded.trim())) ? "title" : "",
  ].filter(Boolean);
  const after = lines.slice(last + 1, to + 1);
  return { start: lines[from].block, end: lines[to].block, cues, appendix: after.some((l) => r.appendix.test(l.folded.replace(/^[\s*(]+/, ""))) };
}

/** True when blocks [from, to) hold a document's body (see the module comment). */
function hasBody(blocks: Block[], from: number, to: number): boolean {
  const r = rules();
  let chars = 0;
  for (let i = from; i < to; i++) {
    const b = blocks[i];
    if (b.kind === "table") {
      if (b.rows.length > HEADER_TABLE_ROWS || (!b.layout && b.rows.length > 2)) return true;
      if (b.rows.some((row) => row.cells.some((c) => c.text.split("\n").some((t) => r.signature.test(fold(t)))))) return true;
    } else if (b.kind === "paragraph") {
      if (b.text.split("\n").some((t) => r.signature.test(fold(t)))) return true;
      chars += b.text.length;
    }
  }
  return chars >= r.minChars;
}

/**
 * Cuts a Document into the documents it holds. Returns one part (the Document itself) for a
 * file with one document; an info message says where each further part begins.
 */
export function splitParts(doc: Document, file: string): Result<Part[]> {
  const lines = linesOf(doc.blocks);
  // Motto lines close together (quốc hiệu above tiêu ngữ, or both in one cell) are one block.
  const groups: { first: number; last: number }[] = [];
  lines.forEach((l, k) => {
    if (!mottoInFolded(l.folded).length) return;
    const g = groups[groups.length - 1];
    if (g && k - g.last <= MOTTO_GAP) g.last = k;
    else groups.push({ first: k, last: k });
  });
  const starts: number[] = [0];
  const messages: Message[] = [];
  // Where the current document's body begins: after its header.
  let bodyFrom = 0;
  let lastEnd = -1;
  groups.forEach((g) => {
    const header = headerAround(lines, doc.blocks, g.first, g.last);
    // A motto block inside the current header adds nothing; the first one heads the first
    // document unless a document body comes before it (a document without a header block).
    if (header.start <= lastEnd || (lastEnd < 0 && !hasBody(doc.blocks, 0, header.start))) {
      bodyFrom = Math.max(bodyFrom, header.end + 1);
      lastEnd = Math.max(lastEnd, header.end);
      return;
    }
    const prov = doc.blocks[header.start].prov;
    if (header.cues.length < 2 || header.appendix || !hasBody(doc.blocks, bodyFrom, header.start)) {
      if (header.cues.length >= 2)
        messages.push(
          message(
            "info",
            "pipeline.parts.kept",
            header.appendix
              ? "A second header block heads an appendix of the document before it; it stays in that document."
              : "A second header block follows a page without a document body (a cover page?); the file is read as one document.",
            placeOf(file, prov),
          ),
        );
      return;
    }
    starts.push(header.start);
    bodyFrom = header.end + 1;
    lastEnd = header.end;
    messages.push(
      message("info", "pipeline.parts.split", `A new document begins here (its own motto and header: ${header.cues.join(", ")}); it is read as part ${starts.length - 1}.`, placeOf(file, prov), {
        actual: starts.length - 1,
      }),
    );
  });
  const parts = starts.map((start, index): Part => {
    const end = starts[index + 1] ?? doc.blocks.length;
    return { index, start, document: index === 0 && starts.length === 1 ? doc : { ...doc, blocks: doc.blocks.slice(start, end) } };
  });
  return { value: parts, messages };
}
