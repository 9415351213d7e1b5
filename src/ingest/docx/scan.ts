/**
 * A single-pass reader for plain, well-formed OOXML parts, building the light element tree
 * (XmlElement) that both .docx paths read styles, numbering and paragraph facts from, and that
 * the own reader walks instead of a DOM. It is deliberately strict: anything outside the subset
 * Word and LibreOffice write — a DOCTYPE, a comment or CDATA section inside the root element
 * (xmldom keeps them as nodes), an unknown entity, a bare "&", an attribute without quotes, line
 * breaks or tabs inside attribute values, a carriage return inside the root element, a mismatched
 * end tag — makes it return null, and the caller parses with xmldom instead (xml.ts) or leaves
 * the file to mammoth. On what it accepts, xmldom (which mammoth parses with, giving up on any
 * warning) reports neither error nor warning and builds the same elements.
 *
 * The loop works on character codes rather than regular expressions: document.xml of a
 * 20-page report holds some 15 000 elements, and this scan is most of what docx ingest costs.
 */

const NO_ATTRIBUTES: string[] = [];

/** Element of the light tree: name, attributes, element children, and the text of w:t / w:instrText. */
export class XmlElement {
  firstChild: XmlElement | null = null;
  nextSibling: XmlElement | null = null;
  /** Text of the descendant text nodes, entities decoded; filled for `w:t` and `w:instrText` only. */
  textContent = "";
  /** 0-based position in its `byName` list, in document order; -1 when its name was not asked for. */
  index = -1;
  private lastChild: XmlElement | null = null;

  constructor(
    readonly nodeName: string,
    readonly parentNode: XmlElement | null,
    /** Attribute names and decoded values, alternating. */
    private readonly attributes: string[],
  ) {
    if (parentNode) {
      if (parentNode.lastChild) parentNode.lastChild.nextSibling = this;
      else parentNode.firstChild = this;
      parentNode.lastChild = this;
    }
  }

  /** The attribute's value, undefined when absent. */
  attr(name: string): string | undefined {
    const a = this.attributes;
    for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
    return undefined;
  }

  /** Namespace declarations on this element: [prefix ("" for the default namespace), URI] pairs. */
  namespaceDeclarations(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const a = this.attributes;
    for (let i = 0; i < a.length; i += 2) {
      if (a[i] === "xmlns") out.push(["", a[i + 1]]);
      else if (a[i].startsWith("xmlns:")) out.push([a[i].slice(6), a[i + 1]]);
    }
    return out;
  }
}

/** Element children of `el` with the given qualified name. */
export function children(el: XmlElement | null | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = el?.firstChild ?? null; c; c = c.nextSibling) if (c.nodeName === name) out.push(c);
  return out;
}

/** First element child with the given qualified name, or null. */
export function child(el: XmlElement | null | undefined, name: string): XmlElement | null {
  for (let c = el?.firstChild ?? null; c; c = c.nextSibling) if (c.nodeName === name) return c;
  return null;
}

/** The `w:val` attribute of the named child ("" when it has none), or undefined when the child is absent. */
export function childVal(el: XmlElement | null | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? (c.attr("w:val") ?? "") : undefined;
}

/**
 * An OOXML on/off property (`<w:b/>`, `<w:b w:val="0"/>`): true, false, or undefined when the
 * element is absent (ECMA-376 Part 1 §17.17.4 ST_OnOff).
 */
export function onOff(el: XmlElement | null | undefined, name: string): boolean | undefined {
  const v = childVal(el, name);
  return v === undefined ? undefined : !(v === "0" || v === "false" || v === "off");
}

export interface Scanned {
  root: XmlElement;
  /** Elements of each requested name, in document (start-tag) order. */
  byName: Map<string, XmlElement[]>;
  /** Elements below the root that declare namespaces (xmlns or xmlns:*). */
  declaring: XmlElement[];
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five predefined and numeric entities; null for any other "&". */
function decode(raw: string): string | null {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let last = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (!m) return null;
    const code = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? parseInt(m[3], 16) : -1;
    if (code > 0x10ffff) return null;
    out += raw.slice(last, amp) + (code >= 0 ? String.fromCodePoint(code) : NAMED[m[1]]);
    last = amp + m[0].length;
    amp = raw.indexOf("&", last);
  }
  return out + raw.slice(last);
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** [A-Za-z_] */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
/** [A-Za-z0-9_.-] */
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;

/**
 * End of the XML name starting at `at` — `[A-Za-z_][A-Za-z0-9_.-]*` with at most one
 * `:`-separated second part of the same form — or -1 when there is none there.
 */
function nameEnd(xml: string, at: number): number {
  if (!isNameStart(xml.charCodeAt(at))) return -1;
  let j = at + 1;
  let colon = false;
  for (;;) {
    const c = xml.charCodeAt(j);
    if (isNameChar(c)) j++;
    else if (c === 58 /* : */ && !colon && isNameStart(xml.charCodeAt(j + 1))) {
      colon = true;
      j += 2;
    } else return j;
  }
}

/** Checks text between tags inside the root: no carriage return, only known entities. */
function plainText(xml: string, from: number, to: number): boolean {
  let amp = false;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c === 13) return false;
    if (c === 38 /* & */) amp = true;
  }
  return !amp || decode(xml.slice(from, to)) !== null;
}

/** Whether [from, to) holds only XML whitespace. */
function blank(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(xml.charCodeAt(k))) return false;
  return true;
}

/**
 * The names to skip, found by length, first and last character — looking a freshly sliced name
 * up in a Set meant hashing it, a sixth of the scan's time.
 */
type SkipIndex = Map<number, Array<{ name: string; endTag: string }>>;
const skipKey = (length: number, first: number, last: number) => length * 65536 + first * 256 + last;

function skipIndex(names: ReadonlySet<string>): SkipIndex {
  const index: SkipIndex = new Map();
  for (const n of names) {
    const key = skipKey(n.length, n.charCodeAt(0), n.charCodeAt(n.length - 1));
    if (!index.has(key)) index.set(key, []);
    index.get(key)!.push({ name: n, endTag: `</${n}>` });
  }
  return index;
}

/** When `xml` holds a name to skip at `at` (`length` characters long), its end tag. */
function skipped(index: SkipIndex, xml: string, at: number, length: number): string | undefined {
  const candidates = index.get(skipKey(length, xml.charCodeAt(at), xml.charCodeAt(at + length - 1)));
  if (candidates) for (const c of candidates) if (xml.startsWith(c.name, at)) return c.endTag;
  return undefined;
}

/**
 * Reads `xml`, collecting the elements named in `names`; null when it is outside the strict subset.
 * Elements named in `skipNames` (which no reader consults, disjoint from `names`) are checked like
 * any other but left out of the tree when empty, declaring no namespace and not inside a w:t or w:instrText.
 */
export function scanXml(xml: string, names: readonly string[], skipNames?: ReadonlySet<string>): Scanned | null {
  const skip = skipNames ? skipIndex(skipNames) : undefined;
  const lists = names.map(() => [] as XmlElement[]);
  /** Per attribute of the current start tag: name start, name end (the "="), closing quote, whether the value holds "&". */
  const attrPos: number[] = [];
  // xmldom rewrites these line ends before parsing; leave such parts to it.
  if (xml.length === 0 || xml.includes("\u0085") || xml.includes("\u2028")) return null;
  const byName = new Map<string, XmlElement[]>(names.map((n, k) => [n, lists[k]]));
  const declaring: XmlElement[] = [];
  const stack: XmlElement[] = [];
  /** Open elements whose text is collected (w:t, w:instrText); nested ones are possible in odd files. */
  const openTexts: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const n = xml.length;
  for (;;) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length === 0) {
        if (!blank(xml, i, textEnd)) return null; // text outside the root element
      } else if (openTexts.length) {
        const raw = xml.slice(i, textEnd);
        if (raw.includes("\r")) return null;
        const text = decode(raw);
        if (text === null) return null;
        for (const t of openTexts) t.textContent += text;
      } else if (!plainText(xml, i, textEnd)) return null;
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const el = stack.pop();
      if (!el) return null;
      const name = el.nodeName;
      const gt = lt + 2 + name.length;
      if (xml.charCodeAt(gt) !== 62 || !xml.startsWith(name, lt + 2)) return null;
      if (openTexts.length && openTexts[openTexts.length - 1] === el) openTexts.pop();
      i = gt + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      if (stack.length) return null; // processing instructions only in the prolog
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) return null;
      i = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      // Comments only outside the root element; CDATA, DOCTYPE and the like not at all.
      if (stack.length || !xml.startsWith("<!--", lt)) return null;
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) return null;
      i = end + 3;
      continue;
    }
    // Start tag: name, then name="value" pairs each after whitespace, then ">" or "/>".
    let j = nameEnd(xml, lt + 1);
    if (j < 0) return null;
    const nameLength = j - lt - 1;
    let count = 0;
    let selfClosing = false;
    let declares = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const c = xml.charCodeAt(j);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        if (xml.charCodeAt(j + 1) !== 62) return null;
        selfClosing = true;
        j++;
        break;
      }
      if (j === before || j >= n) return null; // attributes must be separated by whitespace
      const eq = nameEnd(xml, j);
      if (eq < 0 || xml.charCodeAt(eq) !== 61 /* = */) return null;
      const quote = xml.charCodeAt(eq + 1);
      if (quote !== 34 && quote !== 39) return null;
      const close = xml.indexOf(quote === 34 ? '"' : "'", eq + 2);
      if (close < 0) return null;
      let amp = 0;
      for (let k = eq + 2; k < close; k++) {
        const v = xml.charCodeAt(k);
        if (v === 60 || v === 9 || v === 10 || v === 13) return null;
        if (v === 38) amp = 1;
      }
      if (amp && decode(xml.slice(eq + 2, close)) === null) return null;
      // Duplicate names: xmldom stops with a fatal error.
      for (let k = 0; k < count; k++) {
        const from = attrPos[4 * k];
        if (attrPos[4 * k + 1] - from === eq - j && xml.startsWith(xml.slice(j, eq), from)) return null;
      }
      if (xml.charCodeAt(j) === 120 /* x */ && xml.startsWith("xmlns", j) && (eq === j + 5 || xml.charCodeAt(j + 5) === 58)) declares = true;
      attrPos[4 * count] = j;
      attrPos[4 * count + 1] = eq;
      attrPos[4 * count + 2] = close;
      attrPos[4 * count + 3] = amp;
      count++;
      j = close + 1;
    }
    const parent = stack.length ? stack[stack.length - 1] : null;
    if (!parent && root) return null; // a second root element
    // An empty element nobody reads is checked but not built: most of document.xml is formatting.
    // Never inside w:t or w:instrText: mammoth fails on any element there, and must be seen to.
    const empty = selfClosing || (xml.charCodeAt(j + 1) === 60 && xml.charCodeAt(j + 2) === 47);
    const endTag = empty && skip && parent && !declares && openTexts.length === 0 ? skipped(skip, xml, lt + 1, nameLength) : undefined;
    if (endTag !== undefined && (selfClosing || xml.startsWith(endTag, j + 1))) {
      i = selfClosing ? j + 1 : j + 1 + endTag.length;
      continue;
    }
    const name = xml.slice(lt + 1, lt + 1 + nameLength);
    let attributes = NO_ATTRIBUTES;
    if (count) {
      attributes = new Array<string>(2 * count);
      for (let k = 0; k < count; k++) {
        const eq = attrPos[4 * k + 1];
        const raw = xml.slice(eq + 2, attrPos[4 * k + 2]);
        attributes[2 * k] = xml.slice(attrPos[4 * k], eq);
        attributes[2 * k + 1] = attrPos[4 * k + 3] ? decode(raw)! : raw;
      }
    }
    const el = new XmlElement(name, parent, attributes);
    if (!parent) root = el;
    else if (declares) declaring.push(el);
    for (let k = 0; k < names.length; k++)
      if (names[k] === name) {
        el.index = lists[k].length;
        lists[k].push(el);
        break;
      }
    if (!selfClosing) {
      stack.push(el);
      if (name === "w:t" || name === "w:instrText") openTexts.push(el);
    }
    i = j + 1;
  }
  if (stack.length || !root) return null;
  return { root, byName, declaring };
}
