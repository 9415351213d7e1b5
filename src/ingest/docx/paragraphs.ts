import type { ParagraphInfo } from "../blocks/blocks.js";
import type { Numbering } from "./numbering.js";
import { child, childVal, children, onOff, type XmlElement } from "./scan.js";
import type { Styles } from "./styles.js";

/**
 * What document.xml says about each w:p that mammoth's HTML cannot tell: Word's numeral
 * (advancing the counters in document order), style-resolved bold/italic, page break before,
 * and whether the paragraph sits in a text box. Both readers compute it here, over the same
 * tree type, and point at it with paragraph marks (the w:p's index in document order).
 */

/** Containers whose runs belong to the enclosing paragraph's visible text. */
const RUN_CONTAINERS = new Set(["w:hyperlink", "w:ins", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml", "w:fldSimple", "w:moveTo"]);

/** The runs of a paragraph, not descending into deleted text or nested (text-box) paragraphs. */
function runs(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeName === "w:r") out.push(c);
    else if (RUN_CONTAINERS.has(c.nodeName)) runs(c, out);
  }
  return out;
}

function inside(el: XmlElement, name: string): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.nodeName === name) return true;
  return false;
}

/** Resolve bold/italic of every run with visible text; a paragraph is bold when all of them are. */
function paragraphFormat(p: XmlElement, styles: Styles, paraStyle: string | undefined) {
  let visible = false;
  let bold = true;
  let italic = true;
  for (const r of runs(p)) {
    const text = children(r, "w:t").map((t) => t.textContent).join("");
    if (!/\S/.test(text)) continue;
    visible = true;
    const rPr = child(r, "w:rPr");
    const f = styles.runFormat({ bold: onOff(rPr, "w:b"), italic: onOff(rPr, "w:i") }, childVal(rPr, "w:rStyle") || undefined, paraStyle);
    bold &&= f.bold;
    italic &&= f.italic;
  }
  return { bold: visible && bold, italic: visible && italic };
}

/** Which list and level a paragraph belongs to: direct w:numPr first, then its style's. */
function numberingRef(pPr: XmlElement | null, style: string | undefined, styles: Styles, numbering: Numbering) {
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

/** The facts of every w:p, in document order (`paragraphs` as the scanner or treeOfDom lists them). */
export function paragraphFacts(paragraphs: XmlElement[], styles: Styles, numbering: Numbering): ParagraphInfo[] {
  return paragraphs.map((p) => {
    const pPr = child(p, "w:pPr");
    const style = childVal(pPr, "w:pStyle") || styles.defaultParagraph;
    // mammoth reads the VML fallback of mc:AlternateContent; paragraphs in mc:Choice are a second
    // copy of the same text box and must not advance the counters twice.
    const ref = inside(p, "mc:Choice") ? undefined : numberingRef(pPr, style, styles, numbering);
    const numeral = ref ? numbering.next(ref.numId, ref.ilvl) : undefined;
    return {
      ...(numeral ? { numeral } : {}),
      ...paragraphFormat(p, styles, style),
      pageBreakBefore: onOff(pPr, "w:pageBreakBefore") ?? styles.inherited(style, "pageBreakBefore") ?? false,
      textBox: inside(p, "w:txbxContent"),
    };
  });
}
