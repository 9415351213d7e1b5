/**
 * A single-pass reader for plain, well-formed WordprocessingML parts that keeps each element's
 * offsets in the source, so markers can be spliced into the text instead of parsing into
 * @xmldom/xmldom and serialising the whole part again (that round trip was most of docx ingest
 * time on the samples). It builds a light element tree exposing the few DOM members the xml.ts
 * helpers read (nodeType, nodeName, parentNode, firstChild, nextSibling, getAttribute,
 * textContent), and it is deliberately strict: anything outside the subset Word and
 * LibreOffice write — a DOCTYPE, an unknown entity, a bare "&", an attribute without quotes,
 * line breaks or tabs inside attribute values, a carriage return inside the root element, a
 * re-bound w: prefix, a mismatched end tag — makes it return null, and the caller falls back to
 * the DOM. On what it accepts, xmldom reports no error and builds the same elements, and mammoth
 * (which parses with xmldom too) reads the spliced text as it reads the serialised DOM.
 */

/** Element of the light tree, shaped like the W3C DOM Element members that xml.ts reads. */
export class ScannedElement {
  readonly nodeType = 1;
  firstChild: ScannedElement | null = null;
  nextSibling: ScannedElement | null = null;
  /** Text of the descendant text and CDATA nodes, entities decoded; filled for `w:t` only. */
  textContent = "";
  /** Offset just past the end tag (just past "/>" for an empty-element tag). */
  end = -1;
  /** Written as an empty-element tag (`<w:p/>`). */
  selfClosing = false;
  private lastChild: ScannedElement | null = null;

  constructor(
    readonly nodeName: string,
    readonly parentNode: ScannedElement | null,
    /** Attribute names and decoded values, alternating. */
    private readonly attributes: string[],
    /** Offset of the start tag's "<". */
    readonly start: number,
    /** Offset just past the start tag's ">". */
    readonly openEnd: number,
  ) {
    if (parentNode) {
      if (parentNode.lastChild) parentNode.lastChild.nextSibling = this;
      else parentNode.firstChild = this;
      parentNode.lastChild = this;
    }
  }

  /** The attribute's value, "" when absent (as xmldom's getAttribute). */
  getAttribute(name: string): string {
    for (let i = 0; i < this.attributes.length; i += 2) if (this.attributes[i] === name) return this.attributes[i + 1];
    return "";
  }
}

export interface Scanned {
  root: ScannedElement;
  /** Elements of each requested name, in document (start-tag) order. */
  byName: Map<string, ScannedElement[]>;
}

// A subset of XML names (xmldom's tagNamePattern accepts these and more).
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/;
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

/** Reads `xml`, collecting the elements named in `names`; null when it is outside the strict subset. */
export function scanXml(xml: string, names: readonly string[]): Scanned | null {
  // xmldom rewrites these line ends before parsing; leave such parts to it.
  if (xml.length === 0 || xml.includes("\u0085") || xml.includes("\u2028")) return null;
  const byName = new Map<string, ScannedElement[]>(names.map((n) => [n, []]));
  const stack: ScannedElement[] = [];
  const openTexts: ScannedElement[] = [];
  let root: ScannedElement | null = null;
  let i = 0;
  const n = xml.length;
  const addText = (text: string) => {
    for (const t of openTexts) t.textContent += text;
  };
  for (;;) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length === 0) {
        if (!/^[ \t\r\n]*$/.test(raw)) return null; // text outside the root element
      } else {
        if (raw.includes("\r")) return null;
        const text = decode(raw);
        if (text === null) return null;
        if (openTexts.length) addText(text);
      }
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const gt = xml.indexOf(">", lt + 2);
      if (gt < 0) return null;
      const el = stack.pop();
      if (!el || el.nodeName !== xml.slice(lt + 2, gt)) return null;
      el.end = gt + 1;
      if (el.nodeName === "w:t") openTexts.pop();
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
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) return null;
        i = end + 3;
        continue;
      }
      if (stack.length && xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) return null;
        const text = xml.slice(lt + 9, end);
        if (text.includes("\r")) return null;
        if (openTexts.length) addText(text);
        i = end + 3;
        continue;
      }
      return null; // DOCTYPE and the like
    }
    // Start tag: name, then name="value" pairs each after whitespace, then ">" or "/>".
    let j = lt + 1;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62) break;
      j++;
    }
    const name = xml.slice(lt + 1, j);
    if (!NAME.test(name)) return null;
    const attributes: string[] = [];
    let selfClosing = false;
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
      const eq = xml.indexOf("=", j);
      if (eq < 0) return null;
      const attr = xml.slice(j, eq);
      if (!NAME.test(attr)) return null;
      const quote = xml[eq + 1];
      if (quote !== '"' && quote !== "'") return null;
      const close = xml.indexOf(quote, eq + 2);
      if (close < 0) return null;
      const raw = xml.slice(eq + 2, close);
      if (/[<\t\n\r]/.test(raw)) return null;
      const value = decode(raw);
      if (value === null) return null;
      for (let k = 0; k < attributes.length; k += 2) if (attributes[k] === attr) return null;
      attributes.push(attr, value);
      j = close + 1;
    }
    const parent = stack.length ? stack[stack.length - 1] : null;
    if (!parent && root) return null; // a second root element
    // The w: prefix is bound once, on the root, so an element we write as <w:r> there is in the
    // same namespace as the paragraph it goes into.
    const binding = attributes.indexOf("xmlns:w");
    if (binding >= 0 && (binding % 2 !== 0 || parent || attributes[binding + 1] === "")) return null;
    const el = new ScannedElement(name, parent, attributes, lt, j + 1);
    if (!parent) {
      if (binding < 0) return null;
      root = el;
    }
    byName.get(name)?.push(el);
    if (selfClosing) {
      el.selfClosing = true;
      el.end = j + 1;
    } else {
      stack.push(el);
      if (name === "w:t") openTexts.push(el);
    }
    i = j + 1;
  }
  if (stack.length || !root) return null;
  return { root, byName };
}
