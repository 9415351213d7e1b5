import type { SourceFormat } from "../model/document.js";
import type { Ingest } from "../ingest/types.js";

/**
 * Ingest module per format, loaded on first use: pdf.js and mammoth are heavy, and a batch of
 * text files should not pay for them.
 */
const loaders: Record<SourceFormat, () => Promise<Ingest>> = {
  txt: async () => (await import("../ingest/txt/index.js")).ingestTxt,
  docx: async () => (await import("../ingest/docx/index.js")).ingestDocx,
  pdf: async () => {
    const pdf = await import("../ingest/pdf/index.js");
    // OCR for pages without a text layer, loaded only when a scanned page is met.
    pdf.registerOcr(async (n, page, context) => (await loadOcr()).ocrStage(n, page, context));
    return pdf.ingestPdf;
  },
};

let ocrModule: Promise<typeof import("../ingest/ocr/index.js")> | undefined;
function loadOcr() {
  ocrModule ??= import("../ingest/ocr/index.js");
  return ocrModule;
}

/** Stops background workers (OCR) so a command can exit at once; a no-op when none started. */
export async function shutdownStages(): Promise<void> {
  if (ocrModule) await (await ocrModule).terminateOcr();
}

const loaded = new Map<SourceFormat, Ingest>();

export async function ingestFor(format: SourceFormat): Promise<Ingest> {
  let ingest = loaded.get(format);
  if (!ingest) {
    ingest = await loaders[format]();
    loaded.set(format, ingest);
  }
  return ingest;
}
