import mammoth from "mammoth";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { Document } from "../../model/document.js";
import { UnusableInputError, message, type Message } from "../../model/message.js";
import { detectFormat } from "../detect.js";
import type { Ingest, IngestInput, IngestOptions } from "../types.js";
import { annotate } from "./annotate.js";
import { htmlToBlocks } from "./html-to-blocks.js";
import { MAX_UNCOMPRESSED_BYTES, openPackage, repack } from "./package.js";

/**
 * .docx ingest: open the package safely, annotate document.xml with what mammoth cannot tell us
 * (Word numerals, style-level bold, page breaks), convert with mammoth to HTML (its markdown
 * writer flattens tables), parse that HTML with rehype-parse and build the Document model.
 */

/** Options of the docx ingest beyond the shared ones. */
export interface DocxOptions extends IngestOptions {
  /** Limit on the total uncompressed size of the package's XML parts, in bytes (default 200 MB). */
  maxUncompressedBytes?: number;
}

/** Images are never needed for text; skipping them keeps mammoth from base64-encoding every picture. */
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

/** Read one .docx file into the Document model. Throws UnusableInputError for unusable files. */
export const ingestDocx: Ingest = async (input: IngestInput, options: DocxOptions = {}) => {
  const messages: Message[] = [];
  // A legacy .doc (OLE2) named .docx: let format detection explain how to convert it.
  if (input.bytes[0] === 0xd0 && input.bytes[1] === 0xcf && input.bytes[2] === 0x11 && input.bytes[3] === 0xe0)
    detectFormat(input.file, input.bytes);
  const pkg = await openPackage(input.bytes, options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES);
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
      if (m.type === "error")
        messages.push(message("warning", "ingest.docx.mammoth", `mammoth: ${m.message}`, { file: input.file }));
  } catch (e) {
    throw new UnusableInputError("ingest.docx.corrupt", `The .docx could not be converted: ${(e as Error).message}.`);
  }

  const root = unified().use(rehypeParse, { fragment: true }).parse(html);
  const blocks = htmlToBlocks(root, { paragraphs: annotated.paragraphs, pages: annotated.hasRenderedBreaks });
  const lastPage = Math.max(
    0,
    ...blocks.flatMap((b) => [b.prov.page ?? 0, ...(b.kind === "table" ? b.rows.map((r) => r.prov.page ?? 0) : [])]),
  );
  const document = Document.parse({
    source: {
      path: input.file,
      format: "docx",
      sha256: input.sha256,
      bytes: input.bytes.length,
      ...(annotated.hasRenderedBreaks && lastPage ? { pages: lastPage } : {}),
      conversions: [],
    },
    blocks,
  });
  return { value: document, messages };
};
