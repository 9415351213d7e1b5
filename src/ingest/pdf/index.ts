import type { Block, Document } from "../../model/document.js";
import { UnusableInputError, type Message, type Result } from "../../model/message.js";
import type { Ingest, IngestInput, IngestOptions } from "../types.js";
import type { Line } from "./geometry.js";
import { layoutPages } from "./layout.js";
import { buildLines } from "./lines.js";
import { openPdf, toUnusable, type OpenedPdf, type PdfPage } from "./load.js";
import { readDrawingOf, readPage, type PageContent } from "./page.js";
import { readWithPdfium } from "./pdfium/document.js";
import type { PageHelp } from "./pdfium/share.js";
import { isGarbled, qualityRule, textQuality } from "./quality.js";

/**
 * The seam for OCR (a later issue): given a page without a text layer, return its blocks.
 * `pageNumber` is 1-based; `page` is the pdfjs page, which can be rendered to an image.
 * Blocks should carry `prov.page`, `prov.bbox` and `prov.confidence`.
 */
export type OcrPage = (pageNumber: number, page: PdfPage, context: { file: string }) => Promise<Result<Block[]>>;

let ocrStage: OcrPage | undefined;

/** Which library reads text-layer pages: PDFium (default) or pdf.js (`BAOCAO_PDF_READER=pdfjs`). */
export type PdfReader = "pdfium" | "pdfjs";
let reader: PdfReader = process.env.BAOCAO_PDF_READER === "pdfjs" ? "pdfjs" : "pdfium";

/** Choose the text-layer reader for later `ingestPdf` calls (tests compare the two); returns the previous one. */
export function setPdfReader(next: PdfReader): PdfReader {
  const prev = reader;
  reader = next;
  return prev;
}

/**
 * Register (or with `undefined`, remove) the OCR stage that `ingestPdf` calls for pages without
 * text when `options.ocr !== false`. Without one, such pages are reported, not read.
 */
export function registerOcr(stage: OcrPage | undefined): void {
  ocrStage = stage;
}

let pageHelp: PageHelp | undefined;

/**
 * Register (or with `undefined`, remove) a way to have another worker read some pages of a long
 * file (pdfium/share.ts): the batch's workers do, when there is more than one.
 */
export function registerPageHelp(help: PageHelp | undefined): void {
  pageHelp = help;
}

export { readPagesFromEnd } from "./pdfium/document.js";
export { SharedPages } from "./pdfium/share.js";

/**
 * Default per-file time limit (ms) when `options.timeoutMs` is not given. It bounds reading the
 * PDF; time spent in OCR is not counted (OCR is slow by nature, seconds per page, and bounded
 * by the batch's own per-file limit).
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * PDF ingest: pdfjs text layer → lines → paragraphs and tables, one `pageBreak` between pages,
 * `prov.page` (1-based) and `prov.bbox` (points, top-left origin) on every block, row and cell.
 * Tables are emitted per page fragment; joining fragments across pages is the tables stage's
 * job. Throws `ingest.pdf.encrypted` (user password), `ingest.pdf.corrupt`, `ingest.pdf.timeout`,
 * or `ingest.pdf.no-text-layer` (status needs_ocr) when no page has text; a file with some
 * textless pages keeps the others and gets a `ingest.pdf.no-text-layer-pages` warning naming them.
 */
export const ingestPdf: Ingest = async (input, options = {}) => {
  let destroy: (() => Promise<void>) | undefined;
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const clock = new PausableTimer(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, (ms) => {
    void destroy?.().catch(() => {});
    fail(
      new UnusableInputError(
        "ingest.pdf.timeout",
        `Reading the PDF took longer than ${ms} ms and was stopped; the file is probably damaged or pathological.`,
      ),
    );
  });
  try {
    return await Promise.race([read(input, options, (d) => (destroy = d), clock), failed]);
  } finally {
    clock.stop();
  }
};

/** A time limit that can be paused while a slow but legitimate stage (OCR) runs. */
class PausableTimer {
  private timer: NodeJS.Timeout | undefined;
  private left: number;
  private since = 0;
  constructor(
    private readonly limit: number,
    private readonly onExpire: (limitMs: number) => void,
  ) {
    this.left = limit;
    this.resume();
  }
  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left -= Date.now() - this.since;
  }
  resume(): void {
    // A limit of 0 (or none) means no limit, as with the batch's --timeout 0.
    if (this.timer || !(this.limit > 0) || !Number.isFinite(this.limit)) return;
    this.since = Date.now();
    this.timer = setTimeout(() => this.onExpire(this.limit), Math.max(0, this.left));
    this.timer.unref?.();
  }
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

async function read(
  input: IngestInput,
  options: IngestOptions,
  onDestroy: (d: () => Promise<void>) => void,
  clock: PausableTimer,
): Promise<{ value: Document; messages: Message[] }> {
  // Text-layer pages are read with PDFium (pdfium/: about 5× faster than pdf.js, same
  // PageContent); a file PDFium cannot read — damaged, encrypted with a user password, a wasm
  // trap, any page failing — is read with pdf.js, which also gives such files their errors.
  const stop = { stopped: false };
  onDestroy(async () => {
    stop.stopped = true;
  });
  const viaPdfium = reader === "pdfium" ? await readWithPdfium(input.bytes, stop, pageHelp) : undefined;
  // Stopped by the time limit (already reported): do not start over with pdf.js.
  if (stop.stopped) throw new UnusableInputError("ingest.pdf.timeout", "Reading the PDF was stopped by its time limit.");
  let opened: OpenedPdf | undefined;
  if (!viaPdfium) opened = await openPdf(input.bytes, (task) => onDestroy(() => task.destroy()), { textOnly: true });
  const numPages = viaPdfium?.pages ?? opened!.doc.numPages;
  // Pages are read from a document opened without glyph outlines and images (load.ts); a page
  // without text is checked for ink and OCR'd from the same file opened a second time, for
  // drawing, once, when first needed.
  let drawable: OpenedPdf | undefined;
  const messages: Message[] = [];
  try {
    const contents: PageContent[] = viaPdfium?.contents ?? [];
    const blank: number[] = [];
    const garbled: { page: number; score: number }[] = [];
    // The lines each page's quality was measured on: layout starts from the same lines.
    const pageLines = new Map<PageContent, Line[]>();
    if (opened)
      for (let n = 1; n <= numPages; n++) {
        try {
          const page = await opened.doc.getPage(n);
          contents.push(await readPage(page, n));
          page.cleanup();
        } catch (err) {
          const e = toUnusable(err);
          messages.push({ severity: "error", ruleId: "ingest.pdf.page-unreadable", reason: `Page ${n} could not be read: ${e.message}`, place: { file: input.file, page: n } });
        }
      }
    for (const content of contents) {
      const n = content.number;
      if (content.runs.length) {
        // A text layer that is not text (an old OCR pass under a scan, a font mapping glyphs
        // to the wrong letters) is no text layer: the page is read as a scan.
        const lines = buildLines(content.runs);
        const q = textQuality(lines.map((l) => l.text));
        if (!isGarbled(q)) pageLines.set(content, lines);
        else {
          garbled.push({ page: n, score: Math.round(q.score * 100) / 100 });
          content.runs = [];
          content.drawing = { horizontal: [], vertical: [], hasImage: false, hasInk: false };
        }
      }
      if (!content.runs.length) blank.push(n);
    }
    if (!contents.length)
      throw new UnusableInputError("ingest.pdf.corrupt", "The PDF has no readable page: it is damaged or empty.");
    const ocr = options.ocr !== false ? ocrStage : undefined;
    if (garbled.length) {
      const pages = garbled.map((g) => g.page);
      messages.push({
        severity: "info",
        ruleId: "ingest.pdf.text-layer-garbled",
        reason: `${capitalise(describePages(pages))} ${pages.length === 1 ? "has a text layer that is" : "have text layers that are"} not readable text (quality ${garbled.map((g) => g.score.toFixed(2)).join(", ")}, below ${qualityRule().threshold.toFixed(2)}: the share of words that are Vietnamese syllables); ${pages.length === 1 ? "it is" : "they are"} read as ${pages.length === 1 ? "a scan" : "scans"}${ocr ? " (OCR)" : ""}.`,
        place: { file: input.file, page: pages[0] },
        actual: garbled,
      });
    }
    const noText = garbled.length ? "no usable text layer" : "no text layer";
    // A file without any text is a scan: say so at once, without decoding its images.
    if (blank.length === contents.length && !ocr) {
      throw new UnusableInputError(
        "ingest.pdf.no-text-layer",
        `The PDF has ${noText} (${describePages(blank)}): it is a scan or image-only file and needs OCR.`,
        "needs_ocr",
      );
    }
    // Pages without text: blank pages are fine; pages with ink are scans (OCR them if we can).
    const ocrBlocks = new Map<number, Block[]>();
    // Pages left unread: no OCR stage (or --no-ocr), or OCR failed on them. A page OCR read and
    // found blank or empty is not among them: the OCR stage reports it (ocr.blank-page, ocr.no-text).
    const textless: number[] = [];
    const ocrFailed: number[] = [];
    let sentToOcr = 0;
    const unreadable = new Set(garbled.map((g) => g.page));
    for (const n of blank) {
      // Its images decide whether the page has ink, and OCR draws it: read from the drawable document.
      drawable ??= await openPdf(input.bytes, (task) => onDestroy(() => Promise.all([task.destroy(), opened?.destroy()]).then(() => {})));
      const page = await drawable.doc.getPage(n);
      try {
        // A page with a garbage text layer has ink (its glyphs, perhaps a scan under them).
        if (!unreadable.has(n) && !(await readDrawingOf(page)).hasInk) continue;
        if (!ocr) {
          textless.push(n);
          continue;
        }
        sentToOcr++;
        try {
          clock.pause();
          const recognised = await ocr(n, page, { file: input.file });
          clock.resume();
          if (recognised.value.length) ocrBlocks.set(n, recognised.value);
          messages.push(...recognised.messages);
        } catch (err) {
          clock.resume();
          ocrFailed.push(n);
          messages.push({ severity: "error", ruleId: "ingest.pdf.ocr-failed", reason: `OCR of page ${n} failed: ${(err as Error)?.message ?? String(err)}`, place: { file: input.file, page: n } });
        }
      } finally {
        // The page's decoded images and operator list are dropped as soon as it is read.
        page.cleanup();
      }
    }
    if (blank.length === contents.length && !ocrBlocks.size) {
      // Nothing drawn on any page: no OCR ran, so do not say it found nothing. pdf.js drops an
      // image over the decoding limit (load.ts maxImageSize) before drawing, so such a page looks blank too.
      if (!textless.length && !ocrFailed.length && !sentToOcr)
        throw new UnusableInputError(
          "ingest.pdf.no-text",
          `No page of this PDF has a text layer or anything drawn that could be read (${describePages(blank)}): every page is blank, or its images are over the 100-megapixel decoding limit (scan at a lower resolution, e.g. 300 dpi).`,
        );
      if (!textless.length && !ocrFailed.length)
        throw new UnusableInputError("ingest.pdf.no-text", `OCR found no text on any page of this image-only PDF (${describePages(blank)}): its pages are blank or hold only pictures or marks.`);
      throw new UnusableInputError(
        "ingest.pdf.no-text-layer",
        `The PDF has ${noText} (${describePages(textless.length ? textless : blank)}): it is a scan or image-only file and needs OCR${ocrFailed.length ? ", which failed" : ""}.`,
        "needs_ocr",
      );
    }
    const unread = [...textless, ...ocrFailed].sort((a, b) => a - b);
    if (unread.length)
      messages.push({
        severity: "warning",
        ruleId: "ingest.pdf.no-text-layer-pages",
        reason: `${capitalise(describePages(unread))} ${unread.length === 1 ? "has" : "have"} no text layer (scanned or image-only); ${unread.length === 1 ? "its" : "their"} content is missing ${
          ocrFailed.length ? "because OCR failed (see ingest.pdf.ocr-failed)" : "until OCR is run"
        }.`,
        place: { file: input.file, page: unread[0] },
        actual: unread,
      });
    const { blocks: perPage } = layoutPages(contents, pageLines);
    const blocks: Block[] = [];
    for (const c of contents) {
      if (c.number > 1) blocks.push({ kind: "pageBreak", prov: { page: c.number - 1, bbox: [0, 0, 0, 0] } });
      blocks.push(...(ocrBlocks.get(c.number) ?? perPage.get(c.number) ?? []));
    }
    fixBreakBoxes(blocks, contents);
    const doc: Document = {
      source: {
        path: input.file,
        format: "pdf",
        sha256: input.sha256,
        bytes: input.bytes.length,
        pages: numPages,
        conversions: contents.some((c) => c.decomposed) ? ["nfd→nfc"] : [],
      },
      blocks,
    };
    return { value: doc, messages };
  } finally {
    await drawable?.destroy().catch(() => {});
    await opened?.destroy().catch(() => {});
  }
}

/** A page break's box is the bottom edge of the page it ends. */
function fixBreakBoxes(blocks: Block[], contents: PageContent[]): void {
  const size = new Map(contents.map((c) => [c.number, c]));
  for (const b of blocks) {
    if (b.kind !== "pageBreak" || !b.prov.page) continue;
    const c = size.get(b.prov.page);
    if (c) b.prov.bbox = [0, Math.round(c.height * 100) / 100, Math.round(c.width * 100) / 100, Math.round(c.height * 100) / 100];
  }
}

/** "page 3" or "pages 2, 4, 5". */
function describePages(pages: number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(", ")}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
