import { readFieldText, type LoadedFont } from "./fields.js";
import { compose, fontStyle, type Matrix, type TextRun } from "./geometry.js";
import { AnnotationMode, type PdfPage } from "./load.js";
import { lineGroups } from "./lines.js";
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

/**
 * A page whose lines never leave a gap this many em wide between two runs holds no ruled table:
 * cells are separated by their borders and padding (on the samples and the real corpus every
 * page with a ruled grid has a gap of 8 em or more, body text stays under 1 em).
 */
const TABLE_GAP = 1;

/**
 * Read a page's text runs (in top-left points) and, when it may hold a ruled table, its drawing
 * (rulings). Building the operator list decodes every image of the page (seals, signature
 * scans: most of the time on real files), so it is built only when needed: when a line of the
 * page has a gap a table's cells would leave (TABLE_GAP), when the page has annotations that
 * may draw text (signature fields: see fields.ts), or when a font of the page is not known yet
 * (its rulings are then not read: only the first two reasons decide that, from the page alone).
 * Font style comes from the embedded font's name ("BAAAAA+LiberationSerif-Bold"): pdfjs puts
 * loaded fonts in the document's `commonObjs` only once an operator list that uses them is
 * built, so a page whose fonts an earlier page already loaded needs no operator list for its
 * styles. A page without text skips the operator list here: `readDrawingOf` fetches it later
 * only if the caller needs to know whether the page has ink.
 */
export async function readPage(page: PdfPage, number: number): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const text = await page.getTextContent();
  const items = (text.items as unknown[]).filter((raw): raw is TextItem => {
    const item = raw as Partial<TextItem>;
    return typeof item.str === "string" && item.str.trim() !== "" && Array.isArray(item.transform);
  });
  const runs: TextRun[] = [];
  const fonts: string[] = [];
  let decomposed = false;
  for (const item of items) {
    const str = item.str.normalize("NFC");
    if (str !== item.str) decomposed = true;
    const m = compose(vt, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    if (!size) continue;
    runs.push({ text: str, x0: m[4], x1: m[4] + (item.width ?? 0), y: m[5], size, bold: false, italic: false });
    fonts.push(item.fontName ?? "");
  }
  let drawing = NO_DRAWING;
  if (runs.length) {
    const annotations = await hasTextAnnotations(page);
    const mayHaveTable = annotations || mayHoldTable(runs);
    if (mayHaveTable || fonts.some((f) => f && !loadedFont(page, f))) {
      const list = await page.getOperatorList({ annotationMode: annotations ? AnnotationMode.ENABLE : AnnotationMode.DISABLE });
      // An operator list built only to load a font's name is not read for rulings: whether
      // rulings are read depends on this page alone, never on which fonts earlier pages loaded.
      if (mayHaveTable) drawing = readDrawing(list, vt);
      if (annotations) runs.push(...readFieldText(list, vt, (name) => loadedFont(page, name)));
    }
  }
  const styleCache = new Map<string, { bold: boolean; italic: boolean }>();
  fonts.forEach((f, k) => {
    let style = styleCache.get(f);
    if (!style) styleCache.set(f, (style = fontStyle(loadedFont(page, f)?.name ?? "")));
    runs[k].bold = style.bold;
    runs[k].italic = style.italic;
  });
  return { number, width: viewport.width, height: viewport.height, runs, drawing, decomposed };
}

/** True when some line of the page has a gap between runs as wide as table cells leave (TABLE_GAP). */
export function mayHoldTable(runs: TextRun[]): boolean {
  // The lines' runs left to right, as buildLines orders them (their text is not needed here).
  for (const group of lineGroups(runs)) {
    if (group.length < 2) continue;
    const line = [...group].sort((p, q) => p.x0 - q.x0);
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (b.x0 - a.x1 >= TABLE_GAP * Math.min(a.size, b.size)) return true;
    }
  }
  return false;
}

/** The drawing of a page that was not read (a page without text, before its ink is checked). */
export const NO_DRAWING: PageDrawing = { horizontal: [], vertical: [], hasImage: false, hasInk: false };

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
 * True when the page has an annotation that can draw text (a signature field, a stamp, a filled
 * form field): its operator list is then built with appearances, whose text `readFieldText`
 * reads and whose drawing `readDrawing` skips. Other pages keep annotations disabled, so no
 * appearance (and no seal image) is decoded for them.
 */
async function hasTextAnnotations(page: PdfPage): Promise<boolean> {
  try {
    // The printable annotations (what the paper copy shows): with intent "display" pdfjs also
    // extracts the page's whole text layer a second time whenever a link is on the page, to
    // match links to the text under them, which doubled the text cost of pages with a table of
    // contents or a web address. On every PDF of the samples, fixtures and real corpus (199
    // pages, 19 with a signature field or stamp) the two intents give the same annotations.
    const list = (await page.getAnnotations({ intent: "print" })) as { subtype?: string; hasAppearance?: boolean }[];
    return list.some((a) => a.hasAppearance !== false && !NO_TEXT_ANNOTATIONS.has(a.subtype ?? ""));
  } catch {
    return false;
  }
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
