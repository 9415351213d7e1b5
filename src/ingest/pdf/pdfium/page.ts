import { compose, fontStyle, type Matrix, type TextRun } from "../geometry.js";
import { normalizeUnicode } from "../load.js";
import type { PageContent } from "../page.js";
import { mayHoldTable, NO_DRAWING } from "../page.js";
import { flattenMayAddText, hasTextAnnotation, type AnnotationInfo } from "./annotations.js";
import { readPaths, type PathRef } from "./drawing.js";
import { buildItemsOf, type Glyph, type GlyphList, type GlyphStyle } from "./items.js";
import { viewportTransform } from "./viewport.js";
import type { PdfiumRuntime } from "./wasm.js";

/**
 * One page read with PDFium into the same `PageContent` the pdf.js reader (../page.ts) builds:
 * characters are grouped into pdf.js's text items (items.ts), placed through pdf.js's viewport
 * transform (viewport.ts), styled from the font's PostScript name; rulings come from path objects
 * (drawing.ts) on the pages where the pdf.js reader builds an operator list; text drawn by
 * annotation appearances is read after flattening them into the page (annotations.ts).
 */

/** What a document keeps across its pages. */
export interface PdfiumDocState {
  rt: PdfiumRuntime;
  doc: number;
  fontNames: Map<number, string>;
  /** Advances per font and Unicode value (glyphWidth). */
  glyphWidths: Map<number, Float32Array>;
}

const OBJ_TEXT = 1;
const OBJ_PATH = 2;
const OBJ_IMAGE = 3;
const OBJ_FORM = 5;

/** Where a text object sits for the item grouping: its stream, its flush group, annotation or not. */
interface TextObjInfo {
  /** Set from the object's marked-content stack and `epoch` when its first character is read (-1 before). */
  group: number;
  stream: number;
  /** XObjects (forms, images) drawn before it in its stream: pdf.js ends an item at each. */
  epoch: number;
  field: boolean;
}

export function readPdfiumPage(d: PdfiumDocState, number: number): PageContent {
  const { rt } = d;
  const x = rt.x;
  let page = x.FPDF_LoadPage(d.doc, number - 1);
  if (!page) throw new Error(`PDFium cannot load page ${number}`);
  let text = 0;
  try {
    const s = rt.scratch;
    x.FPDF_GetPageBoundingBox(page, s);
    const f32 = rt.f32();
    const [l, t, r, b] = [f32[s >> 2], f32[(s >> 2) + 1], f32[(s >> 2) + 2], f32[(s >> 2) + 3]];
    const view = [Math.min(l, r), Math.min(b, t), Math.max(l, r), Math.max(b, t)];
    const { transform: vt, width, height } = viewportTransform(view, x.FPDFPage_GetRotation(page) * 90);

    const annots: AnnotationInfo = hasTextAnnotation(rt, page);
    let original = Infinity;
    if (annots.text && flattenMayAddText(rt, page)) {
      // Annotation appearances become part of the page (in memory only): their text is then on
      // the text page, after the page's own objects, which are left as they were. Appearances
      // without text (a seal image) would add nothing: the page is read as loaded (no second
      // parse of its content), still as a page with annotations (annots.text).
      original = x.FPDFPage_CountObjects(page);
      if (x.FPDFPage_Flatten(page, 0) === 0) throw new Error("PDFium cannot flatten the page's annotations");
      x.FPDF_ClosePage(page);
      page = x.FPDF_LoadPage(d.doc, number - 1);
      if (!page) throw new Error(`PDFium cannot load page ${number}`);
    }

    // Page objects: text objects' groups, paths for the rulings.
    // Only the object's type is asked here; a text object's marks (its flush group) and font are
    // read when its first character comes (readGlyphs).
    const info = new Map<number, TextObjInfo>();
    const paths: PathRef[] = [];
    let streams = 0;
    const walk = (count: number, get: (i: number) => number, stream: number, matrix: Matrix | null, field: boolean, top: boolean) => {
      let epoch = 0;
      for (let i = 0; i < count; i++) {
        const obj = get(i);
        if (!obj) continue;
        const inField = field || (top && i >= original);
        const type = x.FPDFPageObj_GetType(obj);
        if (type === OBJ_TEXT) info.set(obj, { group: -1, stream, epoch, field: inField });
        else if (type === OBJ_PATH) {
          if (!inField) paths.push({ obj, parent: matrix });
        } else if (type === OBJ_FORM) {
          epoch++;
          x.FPDFPageObj_GetMatrix(obj, s);
          const f = rt.f32();
          const own: Matrix = [f[s >> 2], f[(s >> 2) + 1], f[(s >> 2) + 2], f[(s >> 2) + 3], f[(s >> 2) + 4], f[(s >> 2) + 5]];
          const m = matrix ? compose(matrix, own) : own;
          walk(x.FPDFFormObj_CountObjects(obj), (k) => x.FPDFFormObj_GetObject(obj, k), ++streams, m, inField, false);
          epoch++;
        } else if (type === OBJ_IMAGE) epoch++;
      }
    };
    walk(x.FPDFPage_CountObjects(page), (i) => x.FPDFPage_GetObject(page, i), 0, null, false, true);

    text = x.FPDFText_LoadPage(page);
    if (!text) throw new Error(`PDFium cannot read the text of page ${number}`);
    const { glyphs, fields } = readGlyphs(d, text, info);
    const runs: TextRun[] = [];
    const fonts: string[] = [];
    let decomposed = false;
    for (const item of buildItemsOf(glyphs, view)) {
      const raw = mayNormalize(item.str) ? normalizeUnicode(item.str) : item.str;
      if (raw.trim() === "") continue;
      const str = raw.normalize("NFC");
      if (str !== raw) decomposed = true;
      // compose(vt, [...item.m, item.x, item.y]), written out.
      const [ia, ib, ic, id] = item.m;
      const m2 = vt[0] * ic + vt[2] * id;
      const m3 = vt[1] * ic + vt[3] * id;
      const size = Math.hypot(m2, m3) || Math.hypot(vt[0] * ia + vt[2] * ib, vt[1] * ia + vt[3] * ib);
      if (!size) continue;
      const e = vt[0] * item.x + vt[2] * item.y + vt[4];
      runs.push({ text: str, x0: e, x1: e + item.width, y: vt[1] * item.x + vt[3] * item.y + vt[5], size, bold: false, italic: false });
      fonts.push(item.font);
    }
    let drawing = NO_DRAWING;
    // Rulings are read where the page itself says a table can be (the same rule as the pdf.js
    // reader, ../page.ts): nothing read on another page decides it, so any set of pages can
    // be read apart (by another worker) and give what reading the whole file gives.
    if (runs.length && (annots.text || mayHoldTable(runs))) {
      drawing = readPaths(rt, paths, vt);
      if (annots.text) runs.push(...fieldRuns(fields, vt));
    }
    const styles = new Map<string, { bold: boolean; italic: boolean }>();
    fonts.forEach((f, k) => {
      let style = styles.get(f);
      if (!style) styles.set(f, (style = fontStyle(f)));
      runs[k].bold = style.bold;
      runs[k].italic = style.italic;
    });
    return { number, width, height, runs, drawing, decomposed };
  } finally {
    if (text) x.FPDFText_ClosePage(text);
    x.FPDF_ClosePage(page);
  }
}

/**
 * False when pdf.js's normalizeUnicode leaves the text as it is: it rewrites only characters at
 * U+00A0, U+00B5, U+037E, U+0EB3, U+2000–U+2126 and from U+FB00 on (presentation forms), so a
 * text without any of those needs no pass of its expression.
 */
function mayNormalize(str: string): boolean {
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0xa0) continue;
    if (c === 0xa0 || c === 0xb5 || c === 0x37e || c === 0xeb3 || (c >= 0x2000 && c <= 0x2126) || c >= 0xfb00) return true;
  }
  return false;
}

const DIACRITIC = /\p{Mn}/u;

/** True when the glyph's text has a combining mark (all of them are at U+0300 or above). */
function isMark(ch: string): boolean {
  for (let i = 0; i < ch.length; i++) if (ch.charCodeAt(i) >= 0x300) return DIACRITIC.test(ch);
  return false;
}

/** A text object's characters drawn by an annotation appearance. */
interface FieldObject {
  glyphs: Glyph[];
  font: string;
}

/** One-unit strings by their code, made once (a glyph's text is mostly one of them). */
const unitStrings: (string | undefined)[] = new Array<string | undefined>(0x10000);

/** Per-character arrays of readGlyphs, kept between pages (reading is synchronous) up to this many characters. */
const KEEP_CHARS = 100_000;
let charCapacity = 0;
let objsBuf = new Int32Array(0);
let oxBuf = new Float64Array(0);
let oyBuf = new Float64Array(0);
let lx0Buf = new Float64Array(0);
let lx1Buf = new Float64Array(0);
let ly0Buf = new Float64Array(0);
let ly1Buf = new Float64Array(0);
/** The glyphs' origins and advances (a glyph is one or more characters). */
let gxBuf = new Float64Array(0);
let gyBuf = new Float64Array(0);
let gwBuf = new Float64Array(0);

/** Arrays for at least `n` characters; every entry read is written first (see readGlyphs). */
function charArrays(n: number): void {
  if (n <= charCapacity) return;
  const cap = Math.max(n, Math.min(KEEP_CHARS, 2 * charCapacity));
  objsBuf = new Int32Array(cap);
  oxBuf = new Float64Array(cap);
  oyBuf = new Float64Array(cap);
  lx0Buf = new Float64Array(cap);
  lx1Buf = new Float64Array(cap);
  ly0Buf = new Float64Array(cap);
  ly1Buf = new Float64Array(cap);
  gxBuf = new Float64Array(cap);
  gyBuf = new Float64Array(cap);
  gwBuf = new Float64Array(cap);
  charCapacity = cap;
}

/** After a huge page: its arrays go with it. */
function releaseCharArrays(): void {
  if (charCapacity <= KEEP_CHARS) return;
  objsBuf = new Int32Array(0);
  oxBuf = oyBuf = lx0Buf = lx1Buf = ly0Buf = ly1Buf = gxBuf = gyBuf = gwBuf = new Float64Array(0);
  charCapacity = 0;
}

/**
 * The text page's characters: the page's own (in content order, PDFium's generated spaces and
 * line breaks left out) and, per text object, those drawn by annotation appearances.
 */
function readGlyphs(d: PdfiumDocState, text: number, info: Map<number, TextObjInfo>): { glyphs: GlyphList; fields: FieldObject[] } {
  const groups = new Map<string | number, number>();
  const { rt } = d;
  const x = rt.x;
  const s = rt.scratch;
  const n = x.FPDFText_CountChars(text);
  // Every character's object, origin and loose box first: a character's advance is read from
  // the next one (see below).
  charArrays(n);
  const objs = objsBuf;
  const ox = oxBuf;
  const oy = oyBuf;
  const lx0 = lx0Buf;
  const lx1 = lx1Buf;
  const ly0 = ly0Buf;
  const ly1 = ly1Buf;
  const glyphs: GlyphList = { length: 0, ch: [], x: gxBuf, y: gyBuf, w: gwBuf, style: [] };
  releaseCharArrays();
  const p64 = s >> 3;
  const q = (s + 16) >> 2;
  for (let i = 0; i < n; i++) {
    const obj = x.FPDFText_GetTextObject(text, i);
    const own = obj && x.FPDFText_IsGenerated(text, i) !== 1 ? obj : 0;
    objs[i] = own;
    // A glyph PDFium cannot map to Unicode: pdf.js guesses from glyph names and encodings in
    // its own way, so such a file is left to pdf.js (none of the samples or real files has one).
    if (own && x.FPDFText_HasUnicodeMapError(text, i) === 1) throw new Error("PDFium: a glyph without a Unicode mapping");
    x.FPDFText_GetCharOrigin(text, i, s, s + 8);
    const f64 = rt.f64();
    ox[i] = f64[p64];
    oy[i] = f64[p64 + 1];
    if (!own) continue;
    x.FPDFText_GetLooseCharBox(text, i, s + 16);
    const f32 = rt.f32();
    // FS_RECTF: left, top, right, bottom.
    lx0[i] = f32[q];
    ly1[i] = f32[q + 1];
    lx1[i] = f32[q + 2];
    ly0[i] = f32[q + 3];
  }
  const fields = new Map<number, FieldObject>();
  let lastObj = 0;
  let objInfo: TextObjInfo | undefined;
  let font = "";
  let fontHandle = 0;
  let widths: Float32Array | undefined;
  let size = 0;
  let a = 1, b = 0, c = 0, dd = 1, scale = 1;
  let group = -2;
  let stream = 0;
  let field = false;
  let style: GlyphStyle | undefined;
  // pdf.js does not advance past a glyph it takes for a combining mark (its Unicode value
  // contains one): the rest of the shown string is placed that much further left, until the
  // next text object (producers position each with its own text matrix).
  let lag = 0;
  for (let i = 0; i < n; i++) {
    const obj = objs[i];
    if (!obj) continue;
    if (obj !== lastObj) {
      lastObj = obj;
      lag = 0;
      objInfo = info.get(obj);
      fontHandle = x.FPDFTextObj_GetFont(obj);
      font = fontName(d, fontHandle);
      widths = widthTable(d, fontHandle);
      if (objInfo && objInfo.group < 0) {
        const marks = x.FPDFPageObj_CountMarks(obj);
        // The flush group's key: stream, XObject epoch and marks (a number when there are no marks).
        let key: string | number;
        if (marks === 0 && objInfo.epoch < 0x10000 && objInfo.stream < 0x8000) key = objInfo.stream * 0x10000 + objInfo.epoch;
        else {
          key = `${objInfo.stream}:${objInfo.epoch}`;
          for (let k = 0; k < marks; k++) key += `:${x.FPDFPageObj_GetMark(obj, k)}`;
        }
        let g = groups.get(key);
        if (g === undefined) groups.set(key, (g = groups.size));
        objInfo.group = g;
      }
      group = objInfo?.group ?? -2;
      stream = objInfo?.stream ?? 0;
      field = objInfo?.field ?? false;
      x.FPDFTextObj_GetFontSize(obj, s);
      size = rt.f32()[s >> 2];
      // The character's matrix is in page space (a form's matrix applied), unlike the object's.
      x.FPDFText_GetMatrix(text, i, s);
      const f = rt.f32();
      const m = s >> 2;
      const na = f[m];
      const nb = f[m + 1];
      if (na !== a || nb !== b) scale = Math.hypot(na, nb) || 1;
      a = na;
      b = nb;
      c = f[m + 2];
      dd = f[m + 3];
      // Consecutive text objects often share all of it (one marked-content span in one font).
      // (Object.is: a matrix entry of -0 stays -0.)
      if (!style || !Object.is(style.a, a) || !Object.is(style.b, b) || !Object.is(style.c, c) || !Object.is(style.d, dd) || !Object.is(style.k, scale) || !Object.is(style.size, size) || style.font !== font || style.group !== group || style.stream !== stream)
        style = { a, b, c, d: dd, k: scale, size, font, group, stream };
    }
    // One glyph whose Unicode mapping has several characters ("y" + U+0309) is several PDFium
    // characters at the same origin with the same box: pdf.js sees one glyph.
    let j = i;
    while (j + 1 < n && objs[j + 1] === obj && ox[j + 1] === ox[i] && oy[j + 1] === oy[i] && lx0[j + 1] === lx0[i] && lx1[j + 1] === lx1[i] && ly0[j + 1] === ly0[i] && ly1[j + 1] === ly1[i]) j++;
    let ch: string;
    let cp = 0;
    if (j === i) {
      const u = x.FPDFText_GetUnicode(text, i);
      // PDFium reports a hyphen that ends a line as U+0002 (FPDFText_IsHyphen); the file has "-".
      ch = u === 2 ? "-" : u ? (u > 0xffff ? String.fromCodePoint(u) : (unitStrings[u] ??= String.fromCharCode(u))) : "";
      cp = u === 2 ? 0x2d : u;
    } else {
      ch = "";
      for (let k = i; k <= j; k++) {
        const u = x.FPDFText_GetUnicode(text, k);
        ch += u === 2 ? "-" : u ? (u > 0xffff ? String.fromCodePoint(u) : String.fromCharCode(u)) : "";
      }
    }
    // The advance: the font's width of the character (PDFium maps the Unicode value back to the
    // font's code), scaled to user space. When the font cannot say, PDFium's loose box, the union
    // of the glyph's outline box and its advance, bounds it: its far edge is the advance's end
    // unless the glyph overhangs it (italics), and the next character on the same baseline
    // (PDFium's generated spaces and line ends sit at the end of the one before them) starts
    // where the advance ends plus any spacing or kerning: the nearer of the two is the end.
    let w: number;
    const vertical = Math.abs(b) > Math.abs(a);
    const units = cp > 32 && !vertical ? glyphWidth(d, fontHandle, widths, cp) : NaN;
    // (A width of 0 is believed only for a combining mark: PDFium also says 0 for a character it
    // cannot map back to a code.)
    const mark = cp < 0x300 && j === i ? false : isMark(ch);
    if ((units > 0 || (units === 0 && mark)) && ox[i] + (units * size * scale) / 1000 <= lx1[i] + 0.01) w = (units * size * scale) / 1000;
    else if (!vertical) {
      let end = lx1[i];
      if (j + 1 < n && Math.abs(oy[j + 1] - oy[i]) < 0.01 && ox[j + 1] > ox[i] && ox[j + 1] < end) end = ox[j + 1];
      w = Math.max(0, end - ox[i]);
    } else w = Math.abs(ly1[i] - ly0[i]);
    const gx = ox[i] - (lag * a) / scale;
    const gy = oy[i] - (lag * b) / scale;
    if (mark) lag += w;
    if (field) {
      let fo = fields.get(obj);
      if (!fo) fields.set(obj, (fo = { glyphs: [], font }));
      fo.glyphs.push({ ch, x: gx, y: gy, w, a, b, c, d: dd, k: scale, size, font, group, stream });
    } else {
      const k = glyphs.length++;
      glyphs.ch.push(ch);
      glyphs.x[k] = gx;
      glyphs.y[k] = gy;
      glyphs.w[k] = w;
      glyphs.style.push(style!);
    }
    i = j;
  }
  return { glyphs, fields: [...fields.values()] };
}

/**
 * The document's table of a font's advances for the code points below U+2000 (Latin with
 * Vietnamese; -1: not asked yet), for at most 256 fonts of a document (undefined beyond).
 */
function widthTable(d: PdfiumDocState, font: number): Float32Array | undefined {
  if (!font) return undefined;
  let widths = d.glyphWidths.get(font);
  if (!widths && d.glyphWidths.size < 256) d.glyphWidths.set(font, (widths = new Float32Array(0x2000).fill(-1)));
  return widths;
}

/** The font's advance for a Unicode character, in 1/1000 em (NaN when the font has no code for it); `widths`: its widthTable. */
function glyphWidth(d: PdfiumDocState, font: number, widths: Float32Array | undefined, u: number): number {
  if (!font) return NaN;
  // Code points above the table are asked each time.
  let w = widths && u < 0x2000 ? widths[u] : -1;
  if (w === -1) {
    const s = d.rt.scratch + 128;
    w = d.rt.x.FPDFFont_GetGlyphWidth(font, u, 1000, s) ? d.rt.f32()[s >> 2] : NaN;
    if (widths && u < 0x2000) widths[u] = w;
  }
  return w;
}

function fontName(d: PdfiumDocState, font: number): string {
  if (!font) return "";
  let name = d.fontNames.get(font);
  if (name !== undefined) return name;
  const { rt } = d;
  const len = rt.x.FPDFFont_GetBaseFontName(font, 0, 0);
  name = "";
  if (len > 1) {
    const p = rt.x.malloc(len);
    rt.x.FPDFFont_GetBaseFontName(font, p, len);
    name = new TextDecoder().decode(rt.u8().subarray(p, p + len - 1));
    rt.x.free(p);
  }
  d.fontNames.set(font, name);
  return name;
}

/**
 * Runs of the text drawn by annotation appearances, one per text object (a shown string) as
 * ../fields.ts reads them from pdf.js's operator list: outer whitespace trimmed, marked `field`.
 */
function fieldRuns(fields: FieldObject[], vt: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  for (const fo of fields) {
    const gs = fo.glyphs;
    let first = -1;
    let last = -1;
    for (let k = 0; k < gs.length; k++)
      if (gs[k].ch.trim() !== "") {
        if (first < 0) first = k;
        last = k;
      }
    if (first < 0) continue;
    const text = gs
      .slice(first)
      .map((g) => g.ch)
      .join("")
      .trimEnd();
    const g0 = gs[first];
    const gl = gs[last];
    const m = compose(vt, [g0.a, g0.b, g0.c, g0.d, 0, 0]);
    const k = Math.hypot(gl.a, gl.b) || 1;
    const [ax, ay] = apply(vt, g0.x, g0.y);
    const [bx] = apply(vt, gl.x + (gl.w * gl.a) / k, gl.y + (gl.w * gl.b) / k);
    const size = g0.size * Math.hypot(m[2], m[3]);
    if (size > 0 && Math.abs(m[1]) < 0.1 * Math.abs(m[0]))
      runs.push({ text: text.normalize("NFC"), x0: Math.min(ax, bx), x1: Math.max(ax, bx), y: ay, size, ...fontStyle(fo.font), field: true });
  }
  return runs;
}

function apply(m: Matrix, px: number, py: number): [number, number] {
  return [m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5]];
}
