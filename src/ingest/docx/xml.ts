import { DOMParser } from "@xmldom/xmldom";
import { scanXml, XmlElement } from "./scan.js";

/**
 * Parts the scanner refuses, read with xmldom (the parser mammoth uses): for the mammoth path,
 * which reads every well-formed part, and for its one annotation step on document.xml.
 */

/** Namespace of WordprocessingML main parts (document.xml, numbering.xml, styles.xml). */
export const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Parse a part with xmldom; malformed XML yields null instead of a half-built tree. */
export function parseDom(text: string): Document | null {
  let failed = false;
  const onError = () => {
    failed = true;
  };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: onError, fatalError: onError } }).parseFromString(text, "text/xml");
  return failed || !doc?.documentElement ? null : doc;
}

/**
 * The light tree of a DOM element, with the w:p elements listed in document order (as the
 * scanner lists them) and the text of w:t / w:instrText filled in.
 */
export function treeOfDom(root: Element): { root: XmlElement; paragraphs: XmlElement[] } {
  const paragraphs: XmlElement[] = [];
  const build = (el: Element, parent: XmlElement | null): XmlElement => {
    const attributes: string[] = [];
    for (let i = 0; i < el.attributes.length; i++) attributes.push(el.attributes[i].name, el.attributes[i].value);
    const node = new XmlElement(el.nodeName, parent, attributes);
    if (node.nodeName === "w:p") node.index = paragraphs.push(node) - 1;
    if (node.nodeName === "w:t" || node.nodeName === "w:instrText") node.textContent = el.textContent ?? "";
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) build(c as Element, node);
    return node;
  };
  return { root: build(root, null), paragraphs };
}

/** The root of a part for reading only: through the scanner when the part is plain, else through xmldom; null when malformed. */
export function readRoot(text: string | undefined): XmlElement | null {
  if (text === undefined) return null;
  const scanned = scanXml(text, []);
  if (scanned) return scanned.root;
  const dom = parseDom(text);
  return dom ? treeOfDom(dom.documentElement).root : null;
}
