import { Document, type Block } from "../../model/document.js";
import { message, type Message, UnusableInputError } from "../../model/message.js";
import type { Ingest, IngestInput, IngestOptions } from "../types.js";
import { readWithMammoth } from "./mammoth-reader.js";
import { readOwn } from "./own-reader.js";
import { MAX_UNCOMPRESSED_BYTES, openPackage, type DocxPackage } from "./package.js";

/**
 * .docx ingest: open the package safely (package.ts), then read document.xml with the own reader
 * (own-reader.ts), which goes straight to blocks in one pass. When the document uses something
 * that reader does not port exactly, convert it with mammoth instead (mammoth-reader.ts, reading
 * mammoth's HTML in mammoth-html.ts): slower, but mammoth reads more of what Word can write.
 * Both paths share the styles and numbering model (styles.ts, numbering.ts), the paragraph facts
 * (paragraphs.ts) and the block builder (../blocks/), and give the same Document where both apply.
 */

/** Options of the docx ingest beyond the shared ones. */
export interface DocxOptions extends IngestOptions {
  /** Limit on the total uncompressed size of the package's XML parts, in bytes (default 200 MB). */
  maxUncompressedBytes?: number;
}

/** Which reader produced the blocks, and why the own reader declined when it did. */
export interface DocxRead {
  blocks: Block[];
  hasRenderedBreaks: boolean;
  messages: Message[];
  reader: "own" | "mammoth";
  /** Why the own reader left the document to mammoth. */
  fallbackReason?: string;
}

/** Blocks of an opened package: the own reader first, mammoth when it declines. */
export async function readPackage(pkg: DocxPackage, file: string): Promise<DocxRead> {
  try {
    return { ...readOwn(pkg), messages: [], reader: "own" };
  } catch (e) {
    // Any failure of the own reader, expected (Unsupported) or not, costs speed, never the document.
    const fallbackReason = (e as Error).message;
    return { ...(await readWithMammoth(pkg, file)), reader: "mammoth", fallbackReason };
  }
}

/** Read one .docx file into the Document model. Throws UnusableInputError for unusable files. */
export const ingestDocx: Ingest = async (input: IngestInput, options: DocxOptions = {}) => {
  const pkg = openPackage(input.bytes, options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES);
  for (const [path, xml] of pkg.parts) refuseTooDeep(path, xml);
  const { blocks, hasRenderedBreaks, messages, reader, fallbackReason } = await readPackage(pkg, input.file);
  // Which reader read the file is provenance: a user comparing two files' results should see it.
  if (reader === "mammoth")
    messages.push(
      message("info", "ingest.docx.mammoth-fallback", `Read with mammoth: the own reader left this file to it (${fallbackReason ?? "no reason given"}).`, { file: input.file }),
    );
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
      ...(hasRenderedBreaks && lastPage ? { pages: lastPage } : {}),
      conversions: [],
    },
    blocks,
  });
  return { value: document, messages };
};

/** Deepest XML element nesting read (Word's own files stay under ~40; each nested table adds 4). */
export const MAX_XML_DEPTH = 512;

/**
 * Refuses a part whose elements nest deeper than MAX_XML_DEPTH (2,000 tables nested in each
 * other), before any reader recurses into it and overflows the stack. One linear scan of the
 * tags; comments, CDATA and processing instructions do not count.
 */
export function refuseTooDeep(path: string, xml: string): void {
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)[A-Za-z_][^<>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g)) {
    if (m[0].startsWith("<!")) continue;
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > MAX_XML_DEPTH)
        throw new UnusableInputError(
          "ingest.docx.too-deep",
          `The part ${path} nests XML elements more than ${MAX_XML_DEPTH} levels deep (tables inside tables…); no Word document does, so it is refused as malformed or hostile.`,
        );
    }
  }
}
