import mammoth from "mammoth";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import type { Block } from "../../model/document.js";
import { UnusableInputError, message, type Message } from "../../model/message.js";
import { annotate } from "./annotate.js";
import { htmlToBlocks } from "./html-to-blocks.js";
import { repack, type DocxPackage } from "./package.js";

/**
 * The mammoth path: annotate document.xml with what mammoth cannot tell us (Word numerals,
 * style-level bold, page breaks), repack, convert with mammoth to HTML (its markdown writer
 * flattens tables), parse that HTML with rehype-parse and build blocks. Slow but faithful to
 * everything mammoth reads; ingest uses it for the documents the own reader (reader.ts) leaves.
 */

/** Images are never needed for text; skipping them keeps mammoth from base64-encoding every picture. */
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

/** Blocks of an opened package through mammoth. Throws UnusableInputError when mammoth cannot read it. */
export async function readWithMammoth(
  pkg: DocxPackage,
  file: string,
): Promise<{ blocks: Block[]; hasRenderedBreaks: boolean; messages: Message[] }> {
  const messages: Message[] = [];
  const annotated = annotate(
    pkg.parts.get(pkg.documentPath)!,
    pkg.stylesPath ? pkg.parts.get(pkg.stylesPath) : undefined,
    pkg.numberingPath ? pkg.parts.get(pkg.numberingPath) : undefined,
  );
  if (!annotated)
    throw new UnusableInputError("ingest.docx.corrupt", `The main document part ${pkg.documentPath} is not well-formed XML.`);
  const parts = new Map(pkg.parts).set(pkg.documentPath, annotated.xml);

  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: await repack(parts) }, { convertImage: noImages });
    html = result.value;
    // mammoth's warnings are about unmapped style names, which carry no meaning for us; its errors do.
    for (const m of result.messages)
      if (m.type === "error") messages.push(message("warning", "ingest.docx.mammoth", `mammoth: ${m.message}`, { file }));
  } catch (e) {
    throw new UnusableInputError("ingest.docx.corrupt", `The .docx could not be converted: ${(e as Error).message}.`);
  }

  const root = unified().use(rehypeParse, { fragment: true }).parse(html);
  const blocks = htmlToBlocks(root, { paragraphs: annotated.paragraphs, pages: annotated.hasRenderedBreaks });
  return { blocks, hasRenderedBreaks: annotated.hasRenderedBreaks, messages };
}
