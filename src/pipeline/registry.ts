import type { SourceFormat } from "../model/document.js";
import type { Ingest } from "../ingest/types.js";

/**
 * Ingest module per format, loaded on first use: pdf.js and mammoth are heavy, and a batch of
 * text files should not pay for them.
 */
const loaders: Record<SourceFormat, () => Promise<Ingest>> = {
  txt: async () => (await import("../ingest/txt/index.js")).ingestTxt,
  docx: async () => (await import("../ingest/docx/index.js")).ingestDocx,
  pdf: async () => (await import("../ingest/pdf/index.js")).ingestPdf,
};

const loaded = new Map<SourceFormat, Ingest>();

export async function ingestFor(format: SourceFormat): Promise<Ingest> {
  let ingest = loaded.get(format);
  if (!ingest) {
    ingest = await loaders[format]();
    loaded.set(format, ingest);
  }
  return ingest;
}
