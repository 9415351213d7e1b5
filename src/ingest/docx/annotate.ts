import { Numbering, type Numeral } from "./numbering.js";
import { PAGE_BREAK, RENDERED_BREAK, paraMarker } from "./markers.js";
import { scanXml, type Scanned, type ScannedElement } from "./scan.js";
import { Styles } from "./styles.js";
import { child, childVal, children, descendants, onOff, parseXml, serializeXml } from "./xml.js";

/** What the XML says about one w:p that mammoth's HTML cannot tell us. */
export interface ParagraphInfo {
  /** The numeral Word prints before the paragraph (automatic numbering), if any. */
  numeral?: Numeral;
  /** All visible text is bold / italic after resolving styles; false when there is no visible text. */
  bold: boolean;
  italic: boolean;
  /** w:pageBreakBefore, set directly or by the paragraph style. */
  pageBreakBefore: boolean;
  /** The paragraph sits in a text box (w:txbxContent): floating text, not part of its anchor. */
  textBox: boolean;
}

/** The annotated main part and the facts gathered while annotating it. */
export interface Annotated {
  /** document.xml with paragraph and page-break markers written in. */
  xml: string;
  /** Indexed by the number in each paragraph marker. */
  paragraphs: ParagraphInfo[];
  /** True when Word recorded where it last broke pages (then page numbers can be known). */
  hasRenderedBreaks: boolean;
}

/** Containers whose runs belong to the enclosing paragraph's visible text. */
const RUN_CONTAINERS = new Set(["w:hyperlink", "w:ins", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml", "w:fldSimple", "w:moveTo"]);

/** The runs of a paragraph, not descending into deleted text or nested (text-box) paragraphs. */
function runs(el: Element, out: Element[] = []): Element[] {
  for (const c of children(el)) {
    if (c.nodeName === "w:r") out.push(c);
    else if (RUN_CONTAINERS.has(c.nodeName)) runs(c, out);
  }
  return out;
}

function inside(el: Element, name: string): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.nodeName === name) return true;
  return false;
}

/** Resolve bold/italic of every run with visible text; a paragraph is bold when all of them are. */
function paragraphFormat(p: Element, styles: Styles, paraStyle: string | undefined) {
  let visible = false;
  let bold = true;
  let italic = true;
  for (const r of runs(p)) {
    const text = children(r, "w:t").map((t) => t.textContent ?? "").join("");
    if (!/\S/.test(text)) continue;
    visible = true;
    const rPr = child(r, "w:rPr");
    const f = styles.runFormat(
      { bold: onOff(rPr, "w:b"), italic: onOff(rPr, "w:i") },
      childVal(rPr, "w:rStyle") || undefined,
      paraStyle,
    );
    bold &&= f.bold;
    italic &&= f.italic;
  }
  return { bold: visible && bold, italic: visible && italic };
}

/** Which list and level a paragraph belongs to: direct w:numPr first, then its style's. */
function numberingRef(pPr: Element | null, style: string | undefined, styles: Styles, numbering: Numbering) {
  const direct = child(pPr, "w:numPr");
  const directIlvl = childVal(direct, "w:ilvl");
  let numId = childVal(direct, "w:numId") || undefined;
  let ilvl = directIlvl ? Number(directIlvl) : undefined;
  if (numId === undefined) {
    const fromStyle = styles.numPr(style) ?? (style ? numbering.levelForStyle(style) : undefined);
    numId = fromStyle?.numId;
    ilvl ??= fromStyle?.ilvl;
  }
  // numId 0 switches numbering off (ECMA-376 Part 1 §17.9.18).
  if (numId === undefined || numId === "0") return undefined;
  ilvl ??= (style ? numbering.levelForStyle(style)?.ilvl : undefined) ?? 0;
  return { numId, ilvl };
}

/** What the XML says about paragraph `p` (a DOM or a scanned element), advancing the numbering counters. */
function describe(p: Element, styles: Styles, numbering: Numbering): ParagraphInfo {
  const pPr = child(p, "w:pPr");
  const style = childVal(pPr, "w:pStyle") || styles.defaultParagraph;
  // mammoth reads the VML fallback of mc:AlternateContent; paragraphs in mc:Choice are a second
  // copy of the same text box and must not advance the counters twice.
  const counted = !inside(p, "mc:Choice");
  const ref = counted ? numberingRef(pPr, style, styles, numbering) : undefined;
  return {
    numeral: ref ? numbering.next(ref.numId, ref.ilvl) : undefined,
    ...paragraphFormat(p, styles, style),
    pageBreakBefore: onOff(pPr, "w:pageBreakBefore") ?? styles.inherited(style, "pageBreakBefore") ?? false,
    textBox: inside(p, "w:txbxContent"),
  };
}

/**
 * Walk document.xml in document order: compute each paragraph's numeral (advancing Word's
 * counters), its style-resolved bold/italic and page-break-before, and write markers into the
 * XML so the facts can be joined to mammoth's output. Returns undefined when the XML is malformed.
 * Plain well-formed parts (all we have seen) are read in one pass and the markers spliced into
 * the text; anything else goes through the DOM, with the same result.
 */
export function annotate(documentXml: string, stylesXml?: string, numberingXml?: string): Annotated | undefined {
  const scanned = scanDocument(documentXml);
  if (!scanned) return annotateDom(documentXml, stylesXml, numberingXml);
  const paragraphs = paragraphFacts(scanned, stylesXml, numberingXml);
  /** Splices into documentXml: replace [from, to) by text. */
  const edits: Array<{ from: number; to: number; text: string }> = [];
  for (const p of scanned.byName.get("w:p")!) {
    const run = `<w:r><w:t>${paraMarker(p.index)}</w:t></w:r>`;
    // Where the DOM path inserts the run: right after w:pPr, else before the first child.
    if (p.selfClosing) {
      const tag = documentXml.slice(p.start, p.end - 2).trimEnd();
      edits.push({ from: p.start, to: p.end, text: `${tag}>${run}</w:p>` });
    } else {
      const pPr = child(p as unknown as Element, "w:pPr") as unknown as ScannedElement | null;
      const at = pPr ? pPr.end : p.openEnd;
      edits.push({ from: at, to: at, text: run });
    }
  }
  for (const br of scanned.byName.get("w:br")!)
    if (br.getAttribute("w:type") === "page") edits.push({ from: br.start, to: br.end, text: `<w:t>${PAGE_BREAK}</w:t>` });
  const rendered = scanned.byName.get("w:lastRenderedPageBreak")!;
  for (const lr of rendered) edits.push({ from: lr.start, to: lr.end, text: `<w:t>${RENDERED_BREAK}</w:t>` });
  // Stable sort: paragraph runs were listed before break replacements, so where a break is the
  // first thing after w:pPr the run still comes first, as in the DOM path.
  edits.sort((a, b) => a.from - b.from);
  let xml = "";
  let last = 0;
  for (const e of edits) {
    if (e.from < last) return annotateDom(documentXml, stylesXml, numberingXml); // a break wrapping a paragraph
    xml += documentXml.slice(last, e.from) + e.text;
    last = e.to;
  }
  xml += documentXml.slice(last);
  return { xml, paragraphs, hasRenderedBreaks: rendered.length > 0 };
}

/**
 * document.xml read in one pass with the elements annotation needs listed, or null when the
 * part is outside the plain subset (then only the DOM path reads it).
 */
export function scanDocument(documentXml: string): Scanned | null {
  return documentXml.includes(XHTML_NS) ? null : scanXml(documentXml, SCANNED_NAMES, { skip: UNREAD });
}

/** The facts of every w:p of a scanned document.xml, in document order (paragraph marker order). */
export function paragraphFacts(scanned: Scanned, stylesPart?: string | Element, numberingPart?: string | Element): ParagraphInfo[] {
  const styles = new Styles(stylesPart);
  const numbering = new Numbering(numberingPart, styles.numberingFacts());
  return scanned.byName.get("w:p")!.map((p) => describe(p as unknown as Element, styles, numbering));
}

/**
 * Formatting and layout elements of document.xml that neither annotation, the own reader nor
 * mammoth reads for anything the Document model carries (alignment, spacing, borders, widths,
 * fonts, sizes, proofing marks); when empty they are left out of the scanned tree, which halves
 * the tree of a typical report. w:rPr is here because an empty one says as much as none.
 */
export const UNREAD: ReadonlySet<string> = new Set([
  "w:bidi", "w:jc", "w:spacing", "w:ind", "w:top", "w:left", "w:bottom", "w:right", "w:start", "w:end",
  "w:insideH", "w:insideV", "w:tcW", "w:tblW", "w:tblInd", "w:tblLayout", "w:tblLook", "w:gridCol", "w:vAlign",
  "w:widowControl", "w:suppressLineNumbers", "w:keepNext", "w:keepLines", "w:snapToGrid", "w:contextualSpacing",
  "w:rFonts", "w:sz", "w:szCs", "w:lang", "w:color", "w:kern", "w:noProof", "w:shd", "w:position", "w:bCs", "w:iCs",
  "w:proofErr", "w:bookmarkEnd", "w:rPr",
]);

/** The elements annotation needs listed when document.xml is scanned. */
export const SCANNED_NAMES = ["w:p", "w:br", "w:lastRenderedPageBreak"] as const;
/** Elements in the XHTML namespace get HTML parsing rules in xmldom; leave such parts to it. */
export const XHTML_NS = "http://www.w3.org/1999/xhtml";

/** The DOM path of `annotate`: parse with xmldom, insert marker elements, serialise. */
export function annotateDom(documentXml: string, stylesXml?: string, numberingXml?: string): Annotated | undefined {
  const doc = parseXml(documentXml);
  if (!doc) return undefined;
  const styles = new Styles(stylesXml);
  const numbering = new Numbering(numberingXml, styles.numberingFacts());
  const paragraphs: ParagraphInfo[] = [];

  for (const p of descendants(doc, "w:p")) {
    const pPr = child(p, "w:pPr");
    paragraphs.push(describe(p, styles, numbering));
    const run = doc.createElementNS(p.namespaceURI ?? "", "w:r");
    const t = doc.createElementNS(p.namespaceURI ?? "", "w:t");
    t.appendChild(doc.createTextNode(paraMarker(paragraphs.length - 1)));
    run.appendChild(t);
    p.insertBefore(run, pPr ? pPr.nextSibling : p.firstChild);
  }

  const replaceWithText = (el: Element, text: string) => {
    const t = doc.createElementNS(el.namespaceURI ?? "", "w:t");
    t.appendChild(doc.createTextNode(text));
    el.parentNode?.replaceChild(t, el);
  };
  for (const br of descendants(doc, "w:br")) if (br.getAttribute("w:type") === "page") replaceWithText(br, PAGE_BREAK);
  const rendered = descendants(doc, "w:lastRenderedPageBreak");
  for (const lr of rendered) replaceWithText(lr, RENDERED_BREAK);

  return { xml: serializeXml(doc), paragraphs, hasRenderedBreaks: rendered.length > 0 };
}
