import { createRequire } from "node:module";
import { openPdf } from "../ingest/pdf/load.js";

// The same @napi-rs/canvas pdfjs itself draws with in Node (src/ingest/ocr/render.ts).
const require = createRequire(import.meta.url);
const { createCanvas } = require("@napi-rs/canvas") as typeof import("@napi-rs/canvas");

/** Pixels per PDF point the crop is drawn at (144 dpi: a table row is legible, the PNG small). */
const SCALE = 2;
/** Paper kept around the box, in points, so the reviewer sees the row's neighbours. */
const PAD = 18;
/** Largest crop drawn, in pixels per side. */
const MAX_SIDE = 2400;

/**
 * The page of a PDF (a text PDF or a scan) drawn with pdf.js and cropped to `bbox` (PDF points,
 * top-left origin, as the ingest's provenance), padded; the whole page when bbox is absent.
 * Returns PNG bytes. Throws for a page the PDF does not have.
 */
export async function cropPng(bytes: Uint8Array, page: number, bbox?: [number, number, number, number]): Promise<Buffer> {
  const opened = await openPdf(bytes);
  try {
    if (!Number.isInteger(page) || page < 1 || page > opened.doc.numPages) throw new RangeError(`The PDF has no page ${page}.`);
    const p = await opened.doc.getPage(page);
    const viewport = p.getViewport({ scale: SCALE });
    const full = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = full.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, full.width, full.height);
    await p.render({ canvas: full as never, canvasContext: ctx as never, viewport }).promise;
    const [x0, y0, x1, y1] = bbox ?? [0, 0, viewport.width / SCALE, viewport.height / SCALE];
    const sx = Math.max(0, Math.floor((Math.min(x0, x1) - PAD) * SCALE));
    const sy = Math.max(0, Math.floor((Math.min(y0, y1) - PAD) * SCALE));
    const sw = Math.min(full.width - sx, Math.ceil((Math.abs(x1 - x0) + 2 * PAD) * SCALE), MAX_SIDE);
    const sh = Math.min(full.height - sy, Math.ceil((Math.abs(y1 - y0) + 2 * PAD) * SCALE), MAX_SIDE);
    if (sw <= 0 || sh <= 0) throw new RangeError("The box lies outside the page.");
    const crop = createCanvas(sw, sh);
    const c2 = crop.getContext("2d");
    c2.drawImage(full, sx, sy, sw, sh, 0, 0, sw, sh);
    // The record's own box, outlined so it stands out from the padding.
    if (bbox) {
      c2.strokeStyle = "rgba(220, 38, 38, 0.9)";
      c2.lineWidth = 2;
      c2.strokeRect(Math.min(x0, x1) * SCALE - sx, Math.min(y0, y1) * SCALE - sy, Math.abs(x1 - x0) * SCALE, Math.abs(y1 - y0) * SCALE);
    }
    return crop.toBuffer("image/png");
  } finally {
    await opened.destroy();
  }
}
