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
  /**
   * Pixels of coloured ink (red seals and receipt stamps, blue pen), which `grey` shows as paper:
   * official documents are printed in black, so coloured marks are never print.
   */
  coloured: number;
}

/**
 * Coloured ink: a pixel whose channels differ by more than this (0–255)… (chroma; black print,
 * grey scan noise and yellowed paper stay below it, red seals and blue pen are far above).
 */
const INK_CHROMA = 70;
/** …and whose darkest channel is below this (a pale tint of the paper is not ink). */
const INK_DARKEST = 170;
/** A pixel next to coloured ink with at least this chroma is its fringe (anti-aliased stroke edges, mixed tints). */
const FRINGE_CHROMA = 30;
/** How many pixels the fringe may grow from the coloured strokes. */
const FRINGE_STEPS = 2;

/**
 * Grey levels of an RGB(A) buffer of `width` pixels a row, with coloured ink (seals, receipt
 * stamps, signatures and handwriting in pen) and its fringe turned to paper so that only the
 * black print is recognised. Black print under a red seal stays: it is dark and grey. Returns
 * the count of pixels turned to paper.
 */
function toGrey(src: ArrayLike<number>, channels: number, grey: Uint8Array, width: number): number {
  const chroma = new Uint8Array(grey.length);
  const paper = new Uint8Array(grey.length);
  for (let i = 0, j = 0; i < grey.length; i++, j += channels) {
    const r = src[j];
    const g = src[j + 1];
    const b = src[j + 2];
    const hi = Math.max(r, g, b);
    const lo = Math.min(r, g, b);
    chroma[i] = hi - lo;
    if (hi - lo > INK_CHROMA && lo < INK_DARKEST) paper[i] = 1;
    grey[i] = (r * 77 + g * 150 + b * 29) >> 8;
  }
  for (let step = 0; step < FRINGE_STEPS; step++) {
    const grown: number[] = [];
    for (let i = width; i < grey.length - width; i++)
      if (!paper[i] && chroma[i] >= FRINGE_CHROMA && (paper[i - 1] || paper[i + 1] || paper[i - width] || paper[i + width])) grown.push(i);
    for (const i of grown) paper[i] = 1;
  }
  let coloured = 0;
  for (let i = 0; i < grey.length; i++)
    if (paper[i]) {
      grey[i] = 255;
      coloured++;
    }
  return coloured;
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
  const coloured = toGrey(rgba, 4, grey, width);
  return { width, height, grey, ink: binarise(grey), scale, dpi: chosen, coloured };
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
  const coloured = toGrey(data.data, channels, grey, data.width);
  const scale = data.width / widthPt;
  return { width: data.width, height: data.height, grey, ink: binarise(grey), scale, dpi: Math.round(scale * 72), coloured };
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

/** Grey level under which a pixel is dark enough to be a mark whatever the page's threshold. */
const MARK_GREY = 128;
/** Share of the page width and height at each edge left out of the ink measure (scanner shadows, punch holes, page edges). */
const EDGE_SHARE = 0.04;
/** A dark pixel counts as a mark when at least this many of its 8 neighbours are dark too (lone dust specks do not). */
const MARK_NEIGHBOURS = 4;

/**
 * Ink coverage of a page: the share (0–1) of the page inside its edge bands covered by dark
 * print marks. A pixel counts when it is darker than the Otsu threshold and than mid-grey (a
 * blank page's Otsu level falls inside paper noise) and when most of its neighbours are dark
 * too, so that dust specks of a pixel or two, which a copier leaves on blank paper, do not count.
 * Coloured ink is already paper in `grey`. One line of 12 pt text covers about 0.05 % of an A4 page.
 */
export function inkCoverage(img: PageImage): number {
  const { width, height, grey, ink } = img;
  const x0 = Math.max(1, Math.floor(width * EDGE_SHARE));
  const x1 = Math.min(width - 1, Math.ceil(width * (1 - EDGE_SHARE)));
  const y0 = Math.max(1, Math.floor(height * EDGE_SHARE));
  const y1 = Math.min(height - 1, Math.ceil(height * (1 - EDGE_SHARE)));
  if (x1 <= x0 || y1 <= y0) return 0;
  const dark = (i: number) => (ink[i] && grey[i] < MARK_GREY ? 1 : 0);
  let marks = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      if (!dark(i)) continue;
      const n =
        dark(i - width - 1) + dark(i - width) + dark(i - width + 1) + dark(i - 1) + dark(i + 1) + dark(i + width - 1) + dark(i + width) + dark(i + width + 1);
      if (n >= MARK_NEIGHBOURS) marks++;
    }
  return marks / ((x1 - x0) * (y1 - y0));
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
