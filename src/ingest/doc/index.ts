import { Document } from "../../model/document.js";
import type { Ingest, IngestInput } from "../types.js";
import { readDoc } from "./reader.js";

/**
 * Legacy Word 97–2003 (.doc, OLE2) ingest: the Word binary read natively (reader.ts) into the
 * same blocks the .docx path builds, so every later stage works on it unchanged.
 */
export const ingestDoc: Ingest = async (input: IngestInput) => {
  const { blocks, conversions } = readDoc(input.bytes);
  const document = Document.parse({
    source: { path: input.file, format: "doc", sha256: input.sha256, bytes: input.bytes.length, conversions },
    blocks,
  });
  return { value: document, messages: [] };
};
