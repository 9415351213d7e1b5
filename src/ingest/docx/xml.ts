import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { scanXml } from "./scan.js";

/**
 * Small helpers over the W3C DOM that @xmldom/xmldom builds from WordprocessingML parts.
 * Elements are matched by qualified name ("w:p"), which is how every producer we know of
 * (Word, LibreOffice, docx4j, python-docx) prefixes the main namespace.
 */

/** Namespace of WordprocessingML main parts (document.xml, numbering.xml, styles.xml). */
export const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Parse an XML part; malformed XML yields null instead of a half-built tree. */
export function parseXml(text: string): Document | null {
  let failed = false;
  const onError = () => {
    failed = true;
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: onError, fatalError: onError },
  }).parseFromString(text, "text/xml") as unknown as Document;
  if (failed || !doc || !doc.documentElement) return null;
  return doc;
}

/**
 * The root element of a part that is only read, never written back: through the one-pass
 * scanner when the part is plain (the same elements, several times faster), else through
 * xmldom. Null when the part is malformed.
 */
export function parseRoot(text: string): Element | null {
  const scanned = scanXml(text, [], { wordprocessing: false });
  if (scanned) return scanned.root as unknown as Element;
  return parseXml(text)?.documentElement ?? null;
}

/** Serialize a (possibly modified) part back to text. */
export function serializeXml(doc: Document): string {
  return new XMLSerializer().serializeToString(doc as never);
}

/** Element children of `el` with the given qualified name (all element children when omitted). */
export function children(el: Element | null | undefined, name?: string): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (name === undefined || (n as Element).nodeName === name)) out.push(n as Element);
  }
  return out;
}

/** First element child with the given qualified name, or null. */
export function child(el: Element | null | undefined, name: string): Element | null {
  if (!el) return null;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).nodeName === name) return n as Element;
  }
  return null;
}

/** All descendant elements with the given qualified name, in document order. */
export function descendants(el: Element | Document, name: string): Element[] {
  return Array.from(el.getElementsByTagName(name) as unknown as ArrayLike<Element>);
}

/** The `w:val` attribute of the named child, or undefined when the child is absent. */
export function childVal(el: Element | null | undefined, name: string): string | undefined {
  const c = child(el, name);
  if (!c) return undefined;
  return c.getAttribute("w:val") ?? "";
}

/**
 * Reads an OOXML on/off property (`<w:b/>`, `<w:b w:val="0"/>`): true, false, or undefined
 * when the element is absent (ECMA-376 Part 1 §17.17.4 ST_OnOff).
 */
export function onOff(el: Element | null | undefined, name: string): boolean | undefined {
  const c = child(el, name);
  if (!c) return undefined;
  const v = c.getAttribute("w:val");
  return !(v === "0" || v === "false" || v === "off");
}
