import { compose, fontStyle, type Matrix, type TextRun } from "./geometry.js";
import { OPS } from "./load.js";
import type { OperatorList } from "./rulings.js";

/**
 * Text drawn by annotation appearance streams: e-signing software fills the blanks of the
 * header ("Số:    /BC-UBND", "ngày    tháng 12 năm 2025") with signature-field widgets whose
 * appearance draws the number and the day, and stamps or filled form fields draw text the same
 * way. pdfjs's text layer (`getTextContent`) reads only the page's content stream, so these
 * strings are read here from the operator list built with annotations enabled: between
 * `beginAnnotation` and `endAnnotation`, the text operators are replayed (text matrix, line
 * moves, leading, font size, character/word spacing, horizontal scale, rise) and each shown
 * string becomes a run at its place on the page. Images inside appearances (a seal, a scanned
 * scribble) are not text and are not read.
 */

/** A font as pdfjs publishes it in `commonObjs` once the operator list is built. */
export interface LoadedFont {
  name?: string;
  fontMatrix?: ArrayLike<number>;
  vertical?: boolean;
}

/** pdfjs's glyph object in a `showText` argument (numbers in the array are TJ adjustments). */
interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

interface TextState {
  ctm: Matrix;
  font: LoadedFont | null;
  fontName: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function asMatrix(v: unknown): Matrix | null {
  if (!v || typeof (v as ArrayLike<number>).length !== "number" || (v as ArrayLike<number>).length < 6) return null;
  const m = Array.from(v as ArrayLike<number>).slice(0, 6);
  return m.every((x) => Number.isFinite(x)) ? (m as Matrix) : null;
}

/**
 * Replay the text operators inside annotation appearances. `viewport` maps user space to
 * top-left page points; `fontOf` resolves a loaded font name (style and font matrix). Runs are
 * marked `field`; whitespace around a shown string is trimmed (producers pad the number with
 * spaces to centre it in the field).
 */
export function readFieldText(ops: OperatorList, viewport: Matrix, fontOf: (loadedName: string) => LoadedFont | null): TextRun[] {
  const runs: TextRun[] = [];
  const { fnArray, argsArray } = ops;
  let depth = 0;
  let st: TextState = fresh(viewport);
  const stack: TextState[] = [];
  let tm: Matrix = IDENTITY;
  let x = 0;
  let y = 0;
  let lineX = 0;
  let lineY = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.beginAnnotation) {
      if (depth++ === 0) {
        const args = argsArray[i] as unknown[] | null;
        st = fresh(viewport);
        stack.length = 0;
        const t = asMatrix(args?.[2]);
        const m = asMatrix(args?.[3]);
        if (t) st.ctm = compose(st.ctm, t);
        if (m) st.ctm = compose(st.ctm, m);
      }
      continue;
    }
    if (fn === OPS.endAnnotation) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (!depth) continue;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform: {
        const m = asMatrix(args);
        if (m) st.ctm = compose(st.ctm, m);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const m = asMatrix(args?.[0]);
        if (m) st.ctm = compose(st.ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.beginText:
        tm = IDENTITY;
        x = y = lineX = lineY = 0;
        break;
      case OPS.setTextMatrix: {
        const m = asMatrix(args?.length === 1 ? args[0] : args);
        if (m) tm = m;
        x = y = lineX = lineY = 0;
        break;
      }
      case OPS.moveText:
        x = lineX += Number(args?.[0]) || 0;
        y = lineY += Number(args?.[1]) || 0;
        break;
      case OPS.setLeadingMoveText:
        st.leading = Number(args?.[1]) || 0;
        x = lineX += Number(args?.[0]) || 0;
        y = lineY += st.leading;
        break;
      case OPS.setLeading:
        st.leading = -(Number(args?.[0]) || 0);
        break;
      case OPS.nextLine:
        x = lineX;
        y = lineY += st.leading;
        break;
      case OPS.setFont:
        st.fontName = String(args?.[0] ?? "");
        st.size = Math.abs(Number(args?.[1]) || 0);
        st.font = fontOf(st.fontName);
        break;
      case OPS.setCharSpacing:
        st.charSpacing = Number(args?.[0]) || 0;
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = Number(args?.[0]) || 0;
        break;
      case OPS.setHScale:
        st.hScale = (Number(args?.[0]) || 100) / 100;
        break;
      case OPS.setTextRise:
        st.rise = Number(args?.[0]) || 0;
        break;
      case OPS.showText: {
        const glyphs = args?.[0] as readonly (Glyph | number | null)[] | undefined;
        if (!glyphs || st.font?.vertical) break;
        const shown = show(glyphs, st);
        if (shown.text) {
          const m = compose(st.ctm, tm);
          const at = (u: number): [number, number] => {
            const tx = x + u * st.hScale;
            const ty = y + st.rise;
            return [m[0] * tx + m[2] * ty + m[4], m[1] * tx + m[3] * ty + m[5]];
          };
          const [ax, ay] = at(shown.start);
          const [bx] = at(shown.end);
          const size = st.size * Math.hypot(m[2], m[3]);
          if (size > 0 && Math.abs(m[1]) < 0.1 * Math.abs(m[0])) {
            runs.push({ text: shown.text.normalize("NFC"), x0: Math.min(ax, bx), x1: Math.max(ax, bx), y: ay, size, ...fontStyle(st.font?.name ?? ""), field: true });
          }
        }
        x += shown.x * st.hScale;
        break;
      }
    }
  }
  return runs;
}

function fresh(viewport: Matrix): TextState {
  return { ctm: viewport, font: null, fontName: "", size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
}

/**
 * Advance through a shown string from 0, in text space before the horizontal scale: the text
 * with its outer whitespace trimmed, where the trimmed text starts and ends, and the advance.
 */
function show(glyphs: readonly (Glyph | number | null)[], st: TextState): { text: string; start: number; end: number; x: number } {
  const scale = st.size * (st.font?.fontMatrix?.[0] ?? 0.001);
  let x = 0;
  let text = "";
  let start = NaN;
  let end = 0;
  for (const g of glyphs) {
    if (typeof g === "number") {
      x -= (g * st.size) / 1000;
      continue;
    }
    if (!g) continue;
    const ch = g.unicode ?? "";
    const advance = (g.width ?? 0) * scale + st.charSpacing + (g.isSpace ? st.wordSpacing : 0);
    const blank = ch.trim() === "";
    if (!blank) {
      if (Number.isNaN(start)) start = x;
      end = x + advance;
    }
    if (!Number.isNaN(start)) text += ch;
    x += advance;
  }
  return { text: text.trimEnd(), start: Number.isNaN(start) ? 0 : start, end, x };
}
