import { compose, type Matrix, type TextRun } from "./geometry.js";
import { AnnotationMode, type PdfPage } from "./load.js";
import { readDrawing, type PageDrawing } from "./rulings.js";

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

const BOLD = /bold|black|heavy|semibold|demibold/i;
const ITALIC = /italic|oblique/i;

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
  const drawing = items.length ? await readDrawingOf(page) : NO_DRAWING;
  const styleCache = new Map<string, { bold: boolean; italic: boolean }>();
  const styleOf = (fontName: string) => {
    let s = styleCache.get(fontName);
    if (!s) {
      const name = fontNameOf(page, fontName);
      s = { bold: BOLD.test(name), italic: ITALIC.test(name) };
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
  return { number, width: viewport.width, height: viewport.height, runs, drawing, decomposed };
}

/** The drawing of a page that was not read (a page without text, before its ink is checked). */
const NO_DRAWING: PageDrawing = { horizontal: [], vertical: [], hasImage: false, hasInk: false };

/**
 * Build the page's operator list and read rulings, images and ink from it. Annotations (form
 * fields, stamps) are not the document's text flow; leaving them out also skips their
 * appearance streams.
 */
export async function readDrawingOf(page: PdfPage): Promise<PageDrawing> {
  const ops = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  return readDrawing(ops, page.getViewport({ scale: 1 }).transform as Matrix);
}

/** The PostScript name of a loaded font, or "" when pdfjs has not published it. */
function fontNameOf(page: PdfPage, loadedName: string): string {
  try {
    if (!loadedName || !page.commonObjs.has(loadedName)) return "";
    const font = page.commonObjs.get(loadedName) as { name?: string } | null;
    return font?.name ?? "";
  } catch {
    return "";
  }
}
