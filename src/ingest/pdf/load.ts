import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { UnusableInputError } from "../../model/message.js";

/**
 * pdfjs builds a DOMMatrix when its module loads and, in Node, borrows it from the optional
 * native `@napi-rs/canvas`; when that binary is missing (npm's optional-dependency bug) the
 * import itself throws. Text and operator extraction never use the matrix, so an inert
 * stand-in keeps PDF ingest working without the canvas binary.
 */
function ensureDomMatrix(): void {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix) return;
  try {
    const canvas = createRequire(import.meta.url)("@napi-rs/canvas") as { DOMMatrix?: unknown };
    if (canvas.DOMMatrix) return; // pdfjs will install it itself
  } catch {
    // fall through to the stand-in
  }
  g.DOMMatrix = class {
    a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  };
}
ensureDomMatrix();

/**
 * Imports a module of pdfjs's legacy build and puts back the built-ins its bundled core-js
 * replaced. On Node 20 (V8 before 12.2) core-js swaps Array.prototype.push and JSON.stringify /
 * JSON.parse process-wide for polyfills — for edge cases only (a TypeError on arrays with a
 * non-writable length, JSON.rawJSON) — which made every later push and JSON call in the
 * process, the whole pipeline and the store included, 2–6× slower once a PDF had been read.
 * Neither pdfjs nor we use those edge cases. Built-ins core-js only adds (Set methods,
 * Promise.withResolvers, …) stay: pdfjs may need them.
 */
async function importKeepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const push = Array.prototype.push;
  const { stringify, parse } = JSON;
  try {
    return await load();
  } finally {
    if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, "push", { value: push, writable: true, configurable: true, enumerable: false });
    if (JSON.stringify !== stringify) Object.defineProperty(JSON, "stringify", { value: stringify, writable: true, configurable: true, enumerable: false });
    if (JSON.parse !== parse) Object.defineProperty(JSON, "parse", { value: parse, writable: true, configurable: true, enumerable: false });
  }
}

const pdfjs = await importKeepingBuiltins(() => import("pdfjs-dist/legacy/build/pdf.mjs"));

/** The pdfjs document handle, re-exported so the rest of the module names one type. */
export type PdfDocument = PDFDocumentProxy;
/** One page of a pdfjs document. */
export type PdfPage = Awaited<ReturnType<PDFDocumentProxy["getPage"]>>;

/** pdfjs's operator codes (`OPS.constructPath`, `OPS.save`, …), used by the rulings reader. */
export const OPS = pdfjs.OPS;
/** pdfjs's annotation modes; the page reader disables annotations. */
export const AnnotationMode = pdfjs.AnnotationMode;

// pdfjs-dist is pinned (5.6.205); its data folders sit next to its package.json. The paths end
// in "/" because pdfjs appends file names to them.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const standardFontDataUrl = join(pdfjsRoot, "standard_fonts") + "/";
const cMapUrl = join(pdfjsRoot, "cmaps") + "/";

let workerReady: Promise<void> | undefined;

/**
 * Run pdfjs's worker code in this thread: pdfjs looks for `globalThis.pdfjsWorker` before it
 * tries to spawn a worker, so importing it once gives an in-process "fake worker" with no
 * network, no file-URL guessing and no extra thread.
 */
function ensureWorker(): Promise<void> {
  workerReady ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      const url = pathToFileURL(join(pdfjsRoot, "legacy/build/pdf.worker.mjs")).href;
      g.pdfjsWorker = await importKeepingBuiltins(() => import(url));
    }
  })();
  return workerReady;
}

/**
 * Glyph outlines are not needed to read text. With `disableFontFace: true` pdfjs's worker
 * compiles and sends the outline of every glyph shown whenever an operator list is built; with
 * `false` it hands each embedded font to the document's font set instead, and in Node, without
 * a DOM, it would fall back to a base64 @font-face rule of the whole font file (the real office
 * PDFs embed full Times New Roman files). Together ~10 % of the CPU time on real PDFs. So a
 * document opened `textOnly` gets a font set that keeps nothing (FONTLESS_DOCUMENT, passed to
 * that document only) and pdfjs a `FontFace` stand-in that holds nothing and is "loaded" at
 * once (defined only where the runtime has none, as the DOMMatrix stand-in above). Any other
 * document keeps the outlines: canvas draws text through them (OCR).
 */
const FONTLESS_DOCUMENT = { fonts: { add: () => {}, delete: () => {} } };
function ensureFontFace(): void {
  const g = globalThis as { FontFace?: unknown };
  g.FontFace ??= class {
    readonly loaded: Promise<unknown>;
    constructor(readonly family: string) {
      this.loaded = Promise.resolve(this);
    }
  };
}
ensureFontFace();

/** An opened PDF and a way to release it (also cancels work still running inside pdfjs). */
export interface OpenedPdf {
  doc: PdfDocument;
  destroy(): Promise<void>;
}

/**
 * Open PDF bytes with pdfjs. A file protected only by an owner password opens (pdfjs ignores
 * permissions); a user password throws `ingest.pdf.encrypted`; anything pdfjs cannot parse
 * throws `ingest.pdf.corrupt`. The loading task is returned through `onTask` before opening so
 * a caller's timeout can destroy it even while the open is still pending. `textOnly: true`
 * opens it for reading only: its pages' text and drawing operators can be read, but images are
 * left out and glyph outlines are not built, so its pages cannot be drawn (rendered).
 */
export async function openPdf(
  bytes: Uint8Array,
  onTask: (task: PDFDocumentLoadingTask) => void = () => {},
  options: { textOnly?: boolean } = {},
): Promise<OpenedPdf> {
  await ensureWorker();
  const task = pdfjs.getDocument({
    // A plain copy: pdfjs refuses Node Buffers and may detach the buffer it is given, and the
    // caller's bytes must stay intact (Buffer#slice would only make a view).
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    // Glyph outlines only where pages are drawn (see FONTLESS_DOCUMENT).
    disableFontFace: !options.textOnly,
    ...(options.textOnly ? { ownerDocument: FONTLESS_DOCUMENT as never } : {}),
    stopAtErrors: false,
    verbosity: 0,
    // Reading text and rulings needs no image: with a limit of 0 pixels pdfjs skips every image
    // (and its paint operator) instead of decoding it — the seals and signature scans of
    // e-signed files were most of the operator lists' time. Drawing (OCR, the ink check of a
    // page without text) decodes them, up to 100 megapixels: a 20,000 × 20,000 scan is 1.2 GB
    // of RGB, past a parser worker's 1 GB (issue 19). An A3 page scanned at 600 dpi is 70 megapixels.
    maxImageSize: options.textOnly ? 0 : 100_000_000,
  });
  onTask(task);
  try {
    const doc = await task.promise;
    return { doc, destroy: () => task.destroy() };
  } catch (err) {
    await task.destroy().catch(() => {});
    throw toUnusable(err);
  }
}

/** Map pdfjs's exceptions (matched by name: they are not exported as classes we can rely on) to ours. */
export function toUnusable(err: unknown): Error {
  if (err instanceof UnusableInputError) return err;
  const name = (err as { name?: string })?.name;
  const msg = (err as { message?: string })?.message ?? String(err);
  if (name === "PasswordException")
    return new UnusableInputError(
      "ingest.pdf.encrypted",
      "The PDF is encrypted with a user (open) password; it cannot be read without the password. Remove the protection (e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`) and ingest again.",
    );
  return new UnusableInputError("ingest.pdf.corrupt", `The PDF cannot be parsed (${name ?? "Error"}: ${msg}). The file is damaged or not a PDF.`);
}

/** pdf.js's own normalisation of text items (ligatures and compatibility forms, NFKC), for readers that must match it. */
export const normalizeUnicode: (s: string) => string = pdfjs.normalizeUnicode;
