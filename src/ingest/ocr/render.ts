import { createRequire } from "node:module";
import type { PdfPage } from "../pdf/load.js";

// @napi-rs/canvas is the backend pdfjs-dist itself loads in Node; the version is pinned to the
// one pdfjs asks for so both share one native module (two copies cannot draw on each other).
const require = createRequire(import.meta.url);
const { createCanvas } = require("@napi-rs/canvas") as typeof import("@napi-rs/canvas");

/** A page rendered for OCR: 8-bit grey (0 = black) and its binarised twin. */
export interface PageImage {
  width: number;
  height: number;
  /** Grey levels, row-major, 0 = black, 255 = white. */
  grey: Uint8Array;
  /** 1 where the pixel is ink, 0 where it is paper (same layout as `grey`). */
  ink: Uint8Array;
  /** Pixels per PDF point (dpi / 72). */
  scale: number;
  /** Resolution the page was rendered at, in dots per inch. */
  dpi: number;
}

/** Resolution range for OCR: below 200 dpi Vietnamese diacritics blur; above 300 costs time for nothing. */
const MIN_DPI = 200;
const MAX_DPI = 300;
/** Most pixels a page is rendered to for OCR (canvas, grey and ink: ~6 bytes each). */
const MAX_RENDER_PIXELS = 100_000_000;

/**
 * Render a page for OCR. The resolution follows the page's largest embedded image (a scan's
 * own dpi, so its pixels are not resampled), clamped to 200–300 dpi; without images it is
 * 300 dpi. `dpi` overrides the choice.
 */
export async function renderPage(page: PdfPage, dpi?: number): Promise<PageImage> {
  const base = page.getViewport({ scale: 1 });
  if (dpi === undefined) {
    const scan = await scannedImage(page, base.width, base.height);
    if (scan) return scan;
  }
  let chosen = dpi ?? clampDpi(await imageDpi(page, base.width));
  // A huge page (a poster, a hostile MediaBox) is rendered at a lower dpi rather than past memory.
  const pixels = ((base.width * chosen) / 72) * ((base.height * chosen) / 72);
  if (pixels > MAX_RENDER_PIXELS) chosen = Math.max(1, Math.floor(chosen * Math.sqrt(MAX_RENDER_PIXELS / pixels)));
  const scale = chosen / 72;
  const viewport = page.getViewport({ scale });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) grey[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
  return { width, height, grey, ink: binarise(grey), scale, dpi: chosen };
}

/**
 * The fast path for a typical scan: a page that only paints one unrotated image over the whole
 * page. The decoded pixels are used as they are (no drawing, no resampling); any other page
 * returns undefined and is rendered.
 */
async function scannedImage(page: PdfPage, widthPt: number, heightPt: number): Promise<PageImage | undefined> {
  const { OPS } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  if (page.rotate % 360 !== 0) return undefined;
  const ops = await page.getOperatorList();
  let image: string | undefined;
  let matrix: number[] | undefined;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save || fn === OPS.restore || fn === OPS.dependency) continue;
    if (fn === OPS.transform && !matrix && !image) matrix = args as number[];
    else if (fn === OPS.paintImageXObject && !image) image = args[0] as string;
    else return undefined;
  }
  if (!image || !matrix) return undefined;
  const [a, b, c, d, e, f] = matrix;
  const near = (x: number, y: number) => Math.abs(x - y) <= 0.01 * Math.max(1, Math.abs(y));
  if (b || c || e > 1 || f > 1 || !near(a, widthPt) || !near(d, heightPt)) return undefined;
  const data = await new Promise<{ width: number; height: number; kind: number; data?: Uint8ClampedArray }>((resolve) =>
    page.objs.get(image!, resolve as (v: unknown) => void),
  );
  // kind 2 = RGB, 3 = RGBA (pdfjs ImageKind); 1-bit packed data is left to the renderer.
  const channels = data.kind === 2 ? 3 : data.kind === 3 ? 4 : 0;
  if (!channels || !data.data || data.data.length < data.width * data.height * channels) return undefined;
  const grey = new Uint8Array(data.width * data.height);
  const src = data.data;
  for (let i = 0, j = 0; i < grey.length; i++, j += channels) grey[i] = (src[j] * 77 + src[j + 1] * 150 + src[j + 2] * 29) >> 8;
  const scale = data.width / widthPt;
  return { width: data.width, height: data.height, grey, ink: binarise(grey), scale, dpi: Math.round(scale * 72) };
}

function clampDpi(found: number | undefined): number {
  if (!found) return MAX_DPI;
  return Math.round(Math.min(MAX_DPI, Math.max(MIN_DPI, found)));
}

/**
 * The largest image's pixel width per inch of page width. For a scan the image covers the page,
 * so this is its dpi; a smaller picture gives a lower figure, which the clamp lifts to 200.
 */
async function imageDpi(page: PdfPage, pageWidthPt: number): Promise<number | undefined> {
  const { OPS } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const ops = await page.getOperatorList();
  let widest = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn !== OPS.paintImageXObject && fn !== OPS.paintInlineImageXObject && fn !== OPS.paintImageMaskXObject) continue;
    const args = ops.argsArray[i] as unknown[];
    // paintImageXObject(objId, width, height); inline images carry the image object itself.
    const w = typeof args[1] === "number" ? args[1] : ((args[0] as { width?: number })?.width ?? 0);
    widest = Math.max(widest, w);
  }
  return widest ? widest / (pageWidthPt / 72) : undefined;
}

/**
 * Otsu's threshold over the grey histogram: a 1-bit scan splits at any level, a grey scan or
 * a faded photocopy gets the level that best separates ink from paper.
 */
export function binarise(grey: Uint8Array): Uint8Array {
  const hist = new Float64Array(256);
  for (const v of grey) hist[v]++;
  const total = grey.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t];
  let wB = 0;
  let sumB = 0;
  let best = 128;
  let bestVar = -1;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  const ink = new Uint8Array(total);
  for (let i = 0; i < total; i++) ink[i] = grey[i] <= best ? 1 : 0;
  return ink;
}

/** A rectangle in image pixels: [x0, y0, x1, y1), x1/y1 exclusive. */
export type PixelBox = [number, number, number, number];

/**
 * Encode a region of the grey image as binary PGM (P5), which Leptonica inside tesseract reads
 * without a PNG round trip. `pad` adds white paper around the crop: Tesseract finds text
 * touching the image edge poorly.
 */
export function cropPgm(img: PageImage, box: PixelBox, pad = 0, zoom = 1): Uint8Array {
  const [x0, y0, x1, y1] = box;
  const w = (x1 - x0) * zoom + 2 * pad;
  const h = (y1 - y0) * zoom + 2 * pad;
  const header = new TextEncoder().encode(`P5\n${w} ${h}\n255\n`);
  const out = new Uint8Array(header.length + w * h).fill(255);
  out.set(header, 0);
  for (let y = 0; y < (y1 - y0) * zoom; y++) {
    const src = (y0 + Math.floor(y / zoom)) * img.width;
    const dst = header.length + (y + pad) * w + pad;
    if (zoom === 1) out.set(img.grey.subarray(src + x0, src + x1), dst);
    else for (let x = 0; x < (x1 - x0) * zoom; x++) out[dst + x] = img.grey[src + x0 + Math.floor(x / zoom)];
  }
  return out;
}
