/**
 * Characters → text items, the way pdf.js's `getTextContent` groups them (pdfjs-dist 5.6.205,
 * `PartialEvaluator.getTextContent`: compareWithLastPosition, addFakeSpaces, flushTextContentItem),
 * so that a page read by PDFium gives the same runs as one read by pdf.js and every stage after
 * the reader (lines, tables, paragraphs …) sees the same input. PDFium gives one entry per
 * character with its origin and advance; pdf.js walks the same glyphs in content order, keeps
 * the end of the last glyph shown, and from the gap to the next one decides: same item, a space
 * inside the item, a whitespace item (the run ends), or a new line. Items also end where the
 * font or its size changes, at marked-content boundaries and around XObjects (`group` here).
 * Positions are PDF user space (before the viewport).
 */

/** One character as PDFium reports it, in content order. */
export interface Glyph {
  /** Unicode text of the character ("" when it has none). */
  ch: string;
  /** Origin (baseline start) in user space. */
  x: number;
  y: number;
  /** Advance in user space along the text direction (0 for a combining mark). */
  w: number;
  /** Linear part of the text-to-user matrix (text matrix × CTM), without the font size. */
  a: number;
  b: number;
  c: number;
  d: number;
  /** |(a, b)|: the advance scale (1 when zero). */
  k: number;
  /** Font size of the text-state (Tf operand). */
  size: number;
  /** The font's PostScript name (what pdf.js calls `font.name`; bold/italic come from it). */
  font: string;
  /** Text between which pdf.js flushes its item: marked content, XObjects, a form's own stream. */
  group: number;
  /** The content stream the glyph comes from (the page or a form XObject): each has its own item state. */
  stream: number;
}

/** What the glyphs of one text object share: everything of a Glyph but its text, origin and advance. */
export type GlyphStyle = Omit<Glyph, "ch" | "x" | "y" | "w">;

/**
 * Glyphs as the page reader keeps them, without an object per glyph: glyph `i` is `ch[i]` at
 * (`x[i]`, `y[i]`) advancing `w[i]`, styled by `style[i]` (shared by a text object's glyphs).
 * The arrays may be longer than `length`.
 */
export interface GlyphList {
  length: number;
  ch: string[];
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  style: GlyphStyle[];
}

/** A pdf.js-like text item in user space: `x`,`y` of its first glyph, `width` its advance. */
export interface Item {
  str: string;
  x: number;
  y: number;
  /** Linear part of the item's text transform (font size included): [a, b, c, d]. */
  m: [number, number, number, number];
  width: number;
  font: string;
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** pdf.js's SpecialCharRegExp: the first match decides the category. */
const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

const SPACE = 1;
const MARK = 2;
const FORMAT = 4;
const categories = new Map<string, number>();
/** Categories of one-unit glyph texts by their code (-1: not known yet). */
const unitCategories = new Int8Array(0x10000).fill(-1);
/** pdf.js's getCharUnicodeCategory as bits (SPACE, MARK, FORMAT), cached per glyph text. */
function category(ch: string): number {
  if (ch.length === 1) {
    const u = ch.charCodeAt(0);
    let c = unitCategories[u];
    if (c < 0) c = unitCategories[u] = categoryOf(ch);
    return c;
  }
  let c = categories.get(ch);
  if (c === undefined) {
    c = categoryOf(ch);
    if (categories.size < 10_000) categories.set(ch, c);
  }
  return c;
}

function categoryOf(ch: string): number {
  const m = SPECIAL.exec(ch);
  return m ? (m[1] ? SPACE : 0) | (m[2] ? MARK : 0) | (m[3] ? FORMAT : 0) : 0;
}

/** The item state of one content stream (pdf.js runs one getTextContent per form XObject). */
class StreamState {
  initialized = false;
  /** The item's text so far, in pieces (glyphs, spaces; a glyph may have no text); the array is reused. */
  str: string[] = [];
  /** Width in user space (pdf.js keeps text units × advance scale; the sum is the same). */
  width = 0;
  height = 0;
  /** Position after the last glyph shown (user space); `hasPrev` false before the first. */
  hasPrev = false;
  prevX = 0;
  prevY = 0;
  scale = 1;
  x = 0;
  y = 0;
  m: [number, number, number, number] = [1, 0, 0, 1];
  font = "";
  size = 0;
  trackingSpaceMin = Infinity;
  notASpace = -Infinity;
  negativeSpaceMax = -Infinity;
  spaceInFlowMin = 0;
  spaceInFlowMax = 0;
  two: [string, string] = [" ", " "];
  pos = 0;
  /** Font (name, size) of the last font change that flushed (pdf.js's currentTextState). */
  curFont: string | null = null;
  curSize = 0;
  group = -1;
}

/** Group glyphs into items as pdf.js does (see the file comment). `view` is the page's view box [x0, y0, x1, y1]. */
export function buildItems(glyphs: readonly Glyph[], view: readonly number[]): Item[] {
  const n = glyphs.length;
  const list: GlyphList = { length: n, ch: [], x: new Float64Array(n), y: new Float64Array(n), w: new Float64Array(n), style: [] };
  glyphs.forEach((g, i) => {
    list.ch.push(g.ch);
    list.x[i] = g.x;
    list.y[i] = g.y;
    list.w[i] = g.w;
    list.style.push(g);
  });
  return buildItemsOf(list, view);
}

/** buildItems over a GlyphList. */
export function buildItemsOf(glyphs: GlyphList, view: readonly number[]): Item[] {
  const items: Item[] = [];
  const states = new Map<number, StreamState>();
  let lastStream = NaN;
  let st = new StreamState();
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs.style[i];
    if (g.stream !== lastStream) {
      lastStream = g.stream;
      let next = states.get(g.stream);
      if (!next) states.set(g.stream, (next = new StreamState()));
      st = next;
    }
    if (st.curFont === null) {
      st.curFont = g.font;
      st.curSize = g.size;
    }
    if (g.group !== st.group) {
      if (st.group !== -1) flush(st, items);
      st.group = g.group;
    }
    if (g.size !== st.curSize || g.font !== st.curFont) {
      flush(st, items);
      st.curFont = g.font;
      st.curSize = g.size;
    }
    const ch = glyphs.ch[i];
    const cat = category(ch);
    if (cat & FORMAT) continue;
    if (cat & SPACE) {
      saveLastChar(st, " ");
      continue;
    }
    const gx = glyphs.x[i];
    const gy = glyphs.y[i];
    const diacritic = (cat & MARK) !== 0;
    if (!diacritic && !compare(st, g, gx, gy, glyphs.w[i], items, view)) continue;
    if (!st.initialized) start(st, g, gx, gy);
    const w = diacritic ? 0 : glyphs.w[i];
    st.width += w;
    if (w) {
      st.hasPrev = true;
      st.prevX = gx + (w * g.a) / g.k;
      st.prevY = gy + (w * g.b) / g.k;
    }
    if (saveLastChar(st, ch)) st.str.push(" ");
    st.str.push(ch);
  }
  for (const state of states.values()) flush(state, items);
  return items;
}

function start(st: StreamState, g: GlyphStyle, x: number, y: number): void {
  st.x = x;
  st.y = y;
  st.m = [g.a * g.size, g.b * g.size, g.c * g.size, g.d * g.size];
  st.font = g.font;
  st.size = g.size;
  st.width = 0;
  st.height = Math.hypot(st.m[2], st.m[3]);
  st.scale = g.k;
  st.trackingSpaceMin = g.size * TRACKING_SPACE_FACTOR;
  st.notASpace = g.size * NOT_A_SPACE_FACTOR;
  st.negativeSpaceMax = g.size * NEGATIVE_SPACE_FACTOR;
  st.spaceInFlowMin = g.size * SPACE_IN_FLOW_MIN_FACTOR;
  st.spaceInFlowMax = g.size * SPACE_IN_FLOW_MAX_FACTOR;
  st.initialized = true;
}

function flush(st: StreamState, items: Item[]): void {
  if (!st.initialized) return;
  items.push({ str: st.str.join(""), x: st.x, y: st.y, m: st.m, width: Math.abs(st.width), font: st.font });
  st.initialized = false;
  st.str.length = 0;
}

function saveLastChar(st: StreamState, ch: string): boolean {
  const next = (st.pos + 1) % 2;
  const ret = st.two[st.pos] !== " " && st.two[next] === " ";
  st.two[st.pos] = ch;
  st.pos = next;
  return ret;
}

function shouldAddWhitespace(st: StreamState): boolean {
  return st.two[st.pos] !== " " && st.two[(st.pos + 1) % 2] === " ";
}

function resetLastChars(st: StreamState): void {
  st.two[0] = st.two[1] = " ";
  st.pos = 0;
}

/** pdf.js's compareWithLastPosition for horizontal text: false when the glyph is outside the view box. */
function compare(st: StreamState, g: GlyphStyle, x: number, y: number, w: number, items: Item[], view: readonly number[]): boolean {
  let posX = x;
  let posY = y;
  if (posX + w < view[0] || posX > view[2] || posY < view[1] || posY > view[3]) return false;
  if (!st.hasPrev) return true;
  let lastX = st.prevX;
  let lastY = st.prevY;
  if (Math.abs(lastX - posX) < 1e-4 && Math.abs(lastY - posY) < 1e-4) return true;
  const eps = 1e-9;
  let rotate = -1;
  if (Math.abs(g.a) > eps && Math.abs(g.b) <= eps && Math.abs(g.c) <= eps) rotate = g.a > 0 ? 0 : 180;
  else if (Math.abs(g.b) > eps && Math.abs(g.a) <= eps && Math.abs(g.d) <= eps) rotate = g.b > 0 ? 90 : 270;
  switch (rotate) {
    case 0:
      break;
    case 90:
      [posX, posY, lastX, lastY] = [posY, posX, lastY, lastX];
      break;
    case 180:
      [posX, posY, lastX, lastY] = [-posX, -posY, -lastX, -lastY];
      break;
    case 270:
      [posX, posY, lastX, lastY] = [-posY, -posX, -lastY, -lastX];
      break;
    default: {
      const k = g.k;
      [posX, posY] = [(g.a * posX + g.b * posY) / k, (g.c * posX + g.d * posY) / k];
      [lastX, lastY] = [(g.a * lastX + g.b * lastY) / k, (g.c * lastX + g.d * lastY) / k];
    }
  }
  st.scale = g.k;
  const advanceX = (posX - lastX) / st.scale;
  const advanceY = posY - lastY;
  const orientation = Math.sign(st.width);
  if (advanceX < orientation * st.negativeSpaceMax) {
    if (Math.abs(advanceY) > 0.5 * st.height) {
      appendEOL(st, items);
      return true;
    }
    resetLastChars(st);
    flush(st, items);
    return true;
  }
  if (Math.abs(advanceY) > st.height) {
    appendEOL(st, items);
    return true;
  }
  if (advanceX <= orientation * st.notASpace) resetLastChars(st);
  if (advanceX <= orientation * st.trackingSpaceMin) {
    if (shouldAddWhitespace(st)) {
      resetLastChars(st);
      flush(st, items);
    } else st.width += advanceX * st.scale;
  } else if (!addFakeSpaces(st, advanceX, orientation, items)) {
    if (st.str.length !== 0) st.width += advanceX * st.scale;
    else resetLastChars(st);
  }
  if (Math.abs(advanceY) > st.height * VERTICAL_SHIFT_RATIO) flush(st, items);
  return true;
}

function appendEOL(st: StreamState, items: Item[]): void {
  resetLastChars(st);
  flush(st, items);
}

function addFakeSpaces(st: StreamState, width: number, orientation: number, items: Item[]): boolean {
  // PDFium's positions are single precision: a gap within 0.001 of the largest in-flow space
  // is taken as wider, as pdf.js's double-precision sums of the same operands come out on the
  // real files (Word justifies lines with word spacing that lands exactly on 0.6 em).
  if (orientation * st.spaceInFlowMin <= width && width <= orientation * st.spaceInFlowMax - 1e-3) {
    if (st.initialized) {
      resetLastChars(st);
      st.str.push(" ");
    }
    return false;
  }
  flush(st, items);
  resetLastChars(st);
  return true;
}
