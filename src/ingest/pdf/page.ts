import { readFieldText, type LoadedFont } from "./fields.js";
import { compose, fontStyle, type Matrix, type TextRun } from "./geometry.js";
import { AnnotationMode, type PdfPage } from "./load.js";
import { readDrawing, type OperatorList, type PageDrawing } from "./rulings.js";

/** What one page holds before layout analysis. */
export interface PageContent {
  /** 1-based page number. */
  number: number;
  /** Page size in points after rotation. */
  width: number;
  height: number;
  /** Non-blank text runs in content order. */
  runs: TextRun[];
  /** Rulings and ink; left empty for a page without text (see readDrawingOf). */
  drawing: PageDrawing;
  /** True when some run's text changed under NFC (the producer emitted decomposed Vietnamese). */
  decomposed: boolean;
}

/** pdfjs text item fields this module reads (TextMarkedContent items have no `str`). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/**
 * Read a page's text runs (in top-left points) and, when it has text, its drawing (rulings).
 * Font style comes from the embedded font's name ("BAAAAA+LiberationSerif-Bold"): pdfjs puts
 * loaded fonts in `commonObjs` only once the operator list is built, so styles are resolved
 * after it. A page without text skips the operator list here: building it decodes every image,
 * which for a 200 dpi scan costs far more than the rest of the page; `readDrawingOf` fetches it
 * later only if the caller needs to know whether the page has ink.
 */
export async function readPage(page: PdfPage, number: number): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const text = await page.getTextContent();
  const items = (text.items as unknown[]).filter((raw): raw is TextItem => {
    const item = raw as Partial<TextItem>;
    return typeof item.str === "string" && item.str.trim() !== "" && Array.isArray(item.transform);
  });
  let drawing = NO_DRAWING;
  let fieldRuns: TextRun[] = [];
  if (items.length) {
    const ops = await operatorList(page);
    drawing = readDrawing(ops.list, vt);
    if (ops.annotations) fieldRuns = readFieldText(ops.list, vt, (name) => loadedFont(page, name));
  }
  const styleCache = new Map<string, { bold: boolean; italic: boolean }>();
  const styleOf = (fontName: string) => {
    let s = styleCache.get(fontName);
    if (!s) {
      s = fontStyle(loadedFont(page, fontName)?.name ?? "");
      styleCache.set(fontName, s);
    }
    return s;
  };
  const runs: TextRun[] = [];
  let decomposed = false;
  for (const item of items) {
    const str = item.str.normalize("NFC");
    if (str !== item.str) decomposed = true;
    const m = compose(vt, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    if (!size) continue;
    const { bold, italic } = styleOf(item.fontName ?? "");
    runs.push({ text: str, x0: m[4], x1: m[4] + (item.width ?? 0), y: m[5], size, bold, italic });
  }
  runs.push(...fieldRuns);
  return { number, width: viewport.width, height: viewport.height, runs, drawing, decomposed };
}

/** The drawing of a page that was not read (a page without text, before its ink is checked). */
const NO_DRAWING: PageDrawing = { horizontal: [], vertical: [], hasImage: false, hasInk: false };

/**
 * Build the page's operator list and read rulings, images and ink from it (a page without
 * text: is it a scan?). Annotations are left out: a signature's seal is not the page's ink.
 */
export async function readDrawingOf(page: PdfPage): Promise<PageDrawing> {
  const ops = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  return readDrawing(ops, page.getViewport({ scale: 1 }).transform as Matrix);
}

/** Annotation types whose appearance never carries the page's text (links, popups, sounds …). */
const NO_TEXT_ANNOTATIONS = new Set(["Link", "Popup", "Sound", "Movie", "Screen", "PrinterMark", "TrapNet", "3D", "RichMedia"]);

/**
 * The page's operator list, with annotation appearances when the page has an annotation that
 * can draw text (a signature field, a stamp, a filled form field): their text is read by
 * `readFieldText`, their drawing is skipped by `readDrawing`. Pages without such annotations
 * keep annotations disabled, so no appearance (and no seal image) is decoded for them.
 */
async function operatorList(page: PdfPage): Promise<{ list: OperatorList; annotations: boolean }> {
  let annotations = false;
  try {
    const list = (await page.getAnnotations({ intent: "display" })) as { subtype?: string; hasAppearance?: boolean }[];
    annotations = list.some((a) => a.hasAppearance !== false && !NO_TEXT_ANNOTATIONS.has(a.subtype ?? ""));
  } catch {
    annotations = false;
  }
  const list = await page.getOperatorList({ annotationMode: annotations ? AnnotationMode.ENABLE : AnnotationMode.DISABLE });
  return { list, annotations };
}

/** A font pdfjs has loaded for the page (its PostScript name, font matrix), or null. */
function loadedFont(page: PdfPage, loadedName: string): LoadedFont | null {
  try {
    if (!loadedName || !page.commonObjs.has(loadedName)) return null;
    return (page.commonObjs.get(loadedName) as LoadedFont | null) ?? null;
  } catch {
    return null;
  }
}
