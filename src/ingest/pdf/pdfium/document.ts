import type { PageContent } from "../page.js";
import { readPdfiumPage, type PdfiumDocState } from "./page.js";
import { SharedPages, type PageHelp } from "./share.js";
import { discardPdfium, pdfium, releaseIfLarge } from "./wasm.js";

/**
 * Read every page of a PDF with PDFium, or say it cannot (`undefined`): the caller then reads the
 * file with pdf.js, which also gives the errors a bad file deserves (encrypted, corrupt). The rule
 * is per document: PDFium does not open it (damaged, a user password, not a PDF), or any page
 * fails, or the wasm module traps (its instance is then dropped and a fresh one made for the next
 * file). The document's memory is freed before returning, whatever happens.
 *
 * With `help` (a batch with more than one worker), a file of MIN_SHARED_PAGES pages or more is
 * offered to an idle worker, which reads pages from the end (readPagesFromEnd) while this one
 * reads from the start; the pages it could not deliver are read here. The result is the same
 * either way.
 */
export async function readWithPdfium(
  bytes: Uint8Array,
  stop: { stopped: boolean },
  help?: PageHelp,
): Promise<{ pages: number; contents: PageContent[] } | undefined> {
  let shared: SharedPages | undefined;
  let helper: ReturnType<PageHelp> | undefined;
  try {
    return await withDocument(bytes, async (state, pages) => {
      shared = help && SharedPages.create(bytes, pages);
      helper = shared && help?.(shared);
      const contents: PageContent[] = [];
      let next = 1;
      for (let n = shared ? shared.claimFirst() : next++; n && n <= pages; n = shared ? shared.claimFirst() : next++) {
        // Let the caller's time limit fire between pages (a page is read synchronously).
        if (contents.length) await new Promise((r) => setImmediate(r));
        if (stop.stopped) return undefined;
        contents.push(readPdfiumPage(state, n));
      }
      const from = shared ? shared.helperFrom() : pages + 1;
      if (from > pages) return { pages, contents };
      const helped = await helper!.pages;
      if (stop.stopped) return undefined;
      if (helped?.length === pages - from + 1 && helped.every((c, i) => c.number === from + i)) contents.push(...helped);
      else for (let n = from; n <= pages; n++) contents.push(readPdfiumPage(state, n));
      return { pages, contents };
    });
  } finally {
    // A helper still reading stops at its next page; one not started yet is not sent.
    shared?.cancel();
    helper?.withdraw();
  }
}

/**
 * The helper's side of a shared file: pages claimed from the end, one at a time, until the
 * owner's and its own claims meet or the owner cancels; ascending. Undefined when it read no
 * page, was cancelled, or PDFium failed on the file or a page (the owner then reads them).
 */
export async function readPagesFromEnd(shared: SharedPages): Promise<PageContent[] | undefined> {
  if (shared.cancelled) return undefined;
  const read = await withDocument(shared.bytes, (state, pages) => {
    if (pages !== shared.pages) return undefined;
    const contents: PageContent[] = [];
    for (let n = shared.claimLast(); n && !shared.cancelled; n = shared.claimLast()) contents.push(readPdfiumPage(state, n));
    return contents.reverse();
  });
  return read?.length && !shared.cancelled ? read : undefined;
}

/**
 * Opens the PDF in the thread's PDFium, runs `body` on it and closes it; undefined when PDFium
 * cannot open it or fails (a trap drops the instance).
 */
async function withDocument<T>(bytes: Uint8Array, body: (state: PdfiumDocState, pages: number) => T | undefined | Promise<T | undefined>): Promise<T | undefined> {
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
    return await body({ rt, doc, fontNames: new Map(), glyphWidths: new Map() }, pages);
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
