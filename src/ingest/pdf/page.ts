import { compose, type Matrix, type TextRun } from "./geometry.js";
import type { PdfPage } from "./load.js";
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
 * Read a page's text runs (in top-left points) and drawing. Font style comes from the embedded
 * font's name ("BAAAAA+LiberationSerif-Bold"): pdfjs puts loaded fonts in `commonObjs` once the
 * operator list is built, so both are fetched before styles are resolved.
 */
export async function readPage(page: PdfPage, number: number): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const [text, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
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
  for (const raw of text.items as unknown[]) {
    const item = raw as Partial<TextItem>;
    if (typeof item.str !== "string" || !item.str.trim() || !item.transform) continue;
    const str = item.str.normalize("NFC");
    if (str !== item.str) decomposed = true;
    const m = compose(vt, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    if (!size) continue;
    const { bold, italic } = styleOf(item.fontName ?? "");
    runs.push({ text: str, x0: m[4], x1: m[4] + (item.width ?? 0), y: m[5], size, bold, italic });
  }
  return {
    number,
    width: viewport.width,
    height: viewport.height,
    runs,
    drawing: readDrawing(ops, vt),
    decomposed,
  };
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
