import type { PageContent } from "../page.js";
import { readPdfiumPage, type PdfiumDocState } from "./page.js";
import { discardPdfium, pdfium, releaseIfLarge } from "./wasm.js";

/**
 * Read every page of a PDF with PDFium, or say it cannot (`undefined`): the caller then reads the
 * file with pdf.js, which also gives the errors a bad file deserves (encrypted, corrupt). The rule
 * is per document: PDFium does not open it (damaged, a user password, not a PDF), or any page
 * fails, or the wasm module traps (its instance is then dropped and a fresh one made for the next
 * file). The document's memory is freed before returning, whatever happens.
 */
export async function readWithPdfium(bytes: Uint8Array, stop: { stopped: boolean }): Promise<{ pages: number; contents: PageContent[] } | undefined> {
  let rt;
  try {
    rt = await pdfium();
  } catch {
    return undefined;
  }
  const x = rt.x;
  let buf = 0;
  let doc = 0;
  try {
    buf = x.malloc(bytes.length || 1);
    if (!buf) return undefined;
    rt.u8().set(bytes, buf);
    doc = x.FPDF_LoadMemDocument(buf, bytes.length, 0);
    if (!doc) return undefined;
    const pages = x.FPDF_GetPageCount(doc);
    if (!(pages > 0)) return undefined;
    const state: PdfiumDocState = { rt, doc, fontNames: new Map(), glyphWidths: new Map() };
    const contents: PageContent[] = [];
    for (let n = 1; n <= pages; n++) {
      // Let the caller's time limit fire between pages (a page is read synchronously).
      if (n > 1) await new Promise((r) => setImmediate(r));
      if (stop.stopped) return undefined;
      contents.push(readPdfiumPage(state, n));
    }
    return { pages, contents };
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError || !(err instanceof Error) || /abort/i.test(err.message)) {
      // A trap leaves the instance's memory in an unknown state: never reuse it.
      discardPdfium();
      doc = buf = 0;
    }
    return undefined;
  } finally {
    try {
      if (doc) x.FPDF_CloseDocument(doc);
      if (buf) x.free(buf);
    } catch {
      discardPdfium();
    }
    await releaseIfLarge();
  }
}
