import { XMLSerializer } from "@xmldom/xmldom";
import JSZip from "jszip";
import mammoth from "mammoth";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import type { Block } from "../../model/document.js";
import { UnusableInputError, message, type Message } from "../../model/message.js";
import type { ParagraphInfo } from "../blocks/blocks.js";
import { htmlToBlocks, MARK_PREFIX } from "./mammoth-html.js";
import { Numbering } from "./numbering.js";
import type { DocxPackage } from "./package.js";
import { paragraphFacts } from "./paragraphs.js";
import { Styles } from "./styles.js";
import { parseDom, readRoot, treeOfDom } from "./xml.js";

/**
 * The mammoth path, for the files the own reader leaves: annotate document.xml with bookmarks
 * that say where each w:p and each page break is, convert with mammoth to HTML (its markdown
 * writer flattens tables), and read that HTML (mammoth-html.ts). mammoth cannot tell Word's
 * numerals, style-level bold or page breaks; the bookmarks come back as empty anchors that
 * point each HTML paragraph at the facts computed from the same styles, numbering and
 * paragraphs as the own reader uses (paragraphs.ts).
 */

/** Images are never needed for text; skipping them keeps mammoth from base64-encoding every picture. */
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

/**
 * The one annotation step: parse document.xml with xmldom, compute every w:p's facts, put a
 * bookmark named for its index right after its w:pPr (else first), and replace page breaks and
 * rendered page starts by bookmarks. Returns the annotated XML, or undefined when it is malformed.
 */
function annotate(documentXml: string, styles: Styles, numbering: Numbering): { xml: string; paragraphs: ParagraphInfo[]; hasRenderedBreaks: boolean } | undefined {
  const dom = parseDom(documentXml);
  if (!dom) return undefined;
  const paragraphs = paragraphFacts(treeOfDom(dom.documentElement).paragraphs, styles, numbering);
  const bookmark = (like: Element, name: string) => {
    const b = dom.createElementNS(like.namespaceURI ?? "", "w:bookmarkStart");
    b.setAttribute("w:name", MARK_PREFIX + name);
    return b;
  };
  const all = (name: string) => Array.from(dom.getElementsByTagName(name));
  all("w:p").forEach((p, i) => {
    let pPr: Node | null = p.firstChild;
    while (pPr && pPr.nodeName !== "w:pPr") pPr = pPr.nextSibling;
    p.insertBefore(bookmark(p, `p${i}`), pPr ? pPr.nextSibling : p.firstChild);
  });
  for (const br of all("w:br")) if (br.getAttribute("w:type") === "page") br.parentNode?.replaceChild(bookmark(br, "page"), br);
  const rendered = all("w:lastRenderedPageBreak");
  for (const lr of rendered) lr.parentNode?.replaceChild(bookmark(lr, "rendered"), lr);
  return { xml: new XMLSerializer().serializeToString(dom), paragraphs, hasRenderedBreaks: rendered.length > 0 };
}

/** Blocks of an opened package through mammoth. Throws UnusableInputError when mammoth cannot read it. */
export async function readWithMammoth(pkg: DocxPackage, file: string): Promise<{ blocks: Block[]; hasRenderedBreaks: boolean; messages: Message[] }> {
  const messages: Message[] = [];
  const styles = new Styles(readRoot(pkg.parts.get(pkg.paths.styles)));
  const numbering = new Numbering(readRoot(pkg.parts.get(pkg.paths.numbering)), styles);
  const annotated = annotate(pkg.parts.get(pkg.paths.mainDocument)!, styles, numbering);
  if (!annotated) throw new UnusableInputError("ingest.docx.corrupt", `The main document part ${pkg.paths.mainDocument} is not well-formed XML.`);
  const zip = new JSZip();
  for (const [name, text] of pkg.parts) zip.file(name, name === pkg.paths.mainDocument ? annotated.xml : text);

  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }) }, { convertImage: noImages });
    html = result.value;
    // mammoth's warnings are about unmapped style names, which carry no meaning for us; its errors do.
    for (const m of result.messages) if (m.type === "error") messages.push(message("warning", "ingest.docx.mammoth", `mammoth: ${m.message}`, { file }));
  } catch (e) {
    throw new UnusableInputError("ingest.docx.corrupt", `The .docx could not be converted: ${(e as Error).message}.`);
  }
  const root = unified().use(rehypeParse, { fragment: true }).parse(html);
  const blocks = htmlToBlocks(root, { paragraphs: annotated.paragraphs, pages: annotated.hasRenderedBreaks });
  return { blocks, hasRenderedBreaks: annotated.hasRenderedBreaks, messages };
}
