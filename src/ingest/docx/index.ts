import { Document, type Block } from "../../model/document.js";
import { message, type Message } from "../../model/message.js";
import type { Ingest, IngestInput, IngestOptions } from "../types.js";
import { readWithMammoth } from "./mammoth-path.js";
import { MAX_UNCOMPRESSED_BYTES, openPackage, type DocxPackage } from "./package.js";
import { readOwn } from "./reader.js";

/**
 * .docx ingest: open the package safely, then read document.xml with the own reader (reader.ts),
 * which goes straight to blocks in one pass. When the document uses something that reader does
 * not port exactly, convert it with mammoth instead (mammoth-path.ts): slower, but mammoth reads
 * more of what Word can write, and both paths give the same Document where both apply.
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
  const pkg = await openPackage(input.bytes, options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES);
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
