import type { Block } from "../../model/document.js";
import type { Message, Result } from "../../model/message.js";
import type { PdfPage } from "../pdf/load.js";
import { recogniseTable } from "./cells.js";
import { OcrPool, defaultWorkers } from "./engine.js";
import { findTableGrids } from "./grid.js";
import { findColumnBlocks } from "./columns.js";
import { boldTest, groupParagraphs, recogniseText } from "./layout.js";
import { inkCoverage, renderPage, type PixelBox } from "./render.js";

/** A table cell read with less confidence (0–100) than this gets an `ocr.low-confidence` warning. */
export const LOW_CELL_CONFIDENCE = 70;
/** A paragraph whose mean word confidence is below this gets an `ocr.low-confidence` warning. */
export const LOW_TEXT_CONFIDENCE = 60;

/**
 * A page whose print marks cover less than this share of it (see `inkCoverage`) is blank: not
 * sent to OCR. One short line of text covers ~0.05 % of an A4 page; copier dust on a blank
 * sheet and a lone page number stay below 0.02 %.
 */
export const BLANK_INK_SHARE = 0.0002;

/** A recognised line with a mean word confidence below this is residue of a mark, not text (printed lines read ≥ 60 even on poor copies). */
export const NOISE_CONFIDENCE = 25;

/**
 * A word of the header or signature block, or a figure in the text, read with less confidence
 * than this gets an `ocr.low-confidence` warning (handwritten numbers and days read 2–60;
 * printed words 75 and more).
 */
export const LOW_WORD_CONFIDENCE = 60;

/** Options of one page's OCR. */
export interface OcrOptions {
  /** Input path for message places (default ""). */
  file?: string;
  /** Render resolution in dpi (default: the scan's own, 200–300). */
  dpi?: number;
  /** The worker pool (default: the shared process-wide pool). */
  pool?: OcrPool;
}

let shared: OcrPool | undefined;

/** The process-wide pool (BAOCAO_OCR_WORKERS workers, default 2), created on first use. */
export function sharedPool(): OcrPool {
  shared ??= new OcrPool(defaultWorkers());
  return shared;
}

/**
 * Terminate the shared OCR workers now. The pool also stops by itself after a short idle time,
 * so a forgotten call only delays the process exit; calling this at the end of a CLI command
 * makes the exit immediate.
 */
export async function terminateOcr(): Promise<void> {
  await shared?.terminate();
}

/**
 * OCR one page without a text layer into Document blocks. Ruled tables are found from their
 * lines in the image and read cell by cell (so rows × cells survive, for the table
 * extractors); the text around them is read as paragraphs. Every block, row and non-empty
 * cell carries `prov.page` (1-based), `prov.bbox` (points, top-left origin) and
 * `prov.confidence` (0–100). Cells and paragraphs read with low confidence are reported as
 * `ocr.low-confidence` warnings with their page; text is kept as recognised. A blank page
 * (print below BLANK_INK_SHARE of it) is not recognised: no blocks and an `ocr.blank-page`
 * info; a page with print where OCR found nothing gets an `ocr.no-text` warning. Either way
 * the page was handled, so the PDF ingest does not report it as waiting for OCR.
 */
export async function ocrPage(page: PdfPage, pageNumber: number, options: OcrOptions = {}): Promise<Result<Block[]>> {
  const pool = options.pool ?? sharedPool();
  const file = options.file ?? "";
  const img = await renderPage(page, options.dpi);
  const coverage = inkCoverage(img);
  const percent = `${Math.round(coverage * 10000) / 100} %`;
  if (coverage < BLANK_INK_SHARE)
    return {
      value: [],
      messages: [
        {
          severity: "info",
          ruleId: "ocr.blank-page",
          reason: `Page ${pageNumber} is blank (print covers ${percent} of it): not sent to OCR.`,
          place: { file, page: pageNumber },
          actual: { inkCoverage: coverage },
        },
      ],
    };
  const grids = findTableGrids(img);
  const boxes: PixelBox[] = grids.map((g) => {
    // A little beyond the outer border so the border's own ink is blanked with the table.
    const m = Math.ceil(2 * img.scale);
    return [Math.floor(g.box[0] * img.scale) - m, Math.floor(g.box[1] * img.scale) - m, Math.ceil(g.box[2] * img.scale) + m, Math.ceil(g.box[3] * img.scale) + m];
  });
  // Text and tables share the pool's queue, so two workers stay busy on one page.
  const [read, tables] = await Promise.all([
    recogniseText(img, boxes, pool),
    Promise.all(grids.map((g) => recogniseTable(img, g, pageNumber, pool))),
  ]);
  // Lines Tesseract itself barely believes are the leftovers of seals, stamps, signatures and
  // handwriting outside the text lines (their coloured ink is already removed): not text.
  const noise = read.filter((l) => l.confidence < NOISE_CONFIDENCE);
  const lines = read.filter((l) => l.confidence >= NOISE_CONFIDENCE);
  // The header and signature blocks (two columns side by side) become layout tables, as .docx gives them.
  const columnBlocks = findColumnBlocks(lines, pageNumber, img.scale, boldTest(img, lines));
  const taken = new Set(columnBlocks.flatMap((c) => [...c.lines]));
  const paragraphs = groupParagraphs(lines.filter((l) => !taken.has(l)), img, pageNumber);
  const blocks: Block[] = [...paragraphs, ...columnBlocks.map((c) => c.table), ...tables.map((t) => t.table)];
  blocks.sort((a, b) => (a.prov.bbox?.[1] ?? 0) - (b.prov.bbox?.[1] ?? 0));

  const messages: Message[] = [];
  if (noise.length)
    messages.push({
      severity: "info",
      ruleId: "ocr.noise-dropped",
      reason: `OCR dropped ${noise.length} mark${noise.length === 1 ? "" : "s"} on page ${pageNumber} read with confidence below ${NOISE_CONFIDENCE} (stamp, seal, signature or handwriting residue): ${noise.map((l) => JSON.stringify(l.text.slice(0, 30))).join(", ")}.`,
      place: { file, page: pageNumber },
      actual: noise.map((l) => ({ text: l.text, confidence: Math.round(l.confidence), bbox: l.bbox.map((v) => Math.round((v / img.scale) * 100) / 100) })),
    });
  if (!blocks.length)
    messages.push({
      severity: "warning",
      ruleId: "ocr.no-text",
      reason: `OCR found no text on page ${pageNumber} although print covers ${percent} of it (a picture, a seal or handwriting only?); check the scan.`,
      place: { file, page: pageNumber },
      actual: { inkCoverage: coverage },
    });
  // Words read with low confidence where a field or a figure is: any word of the header and
  // signature blocks (the number and the day are often handwritten in their blanks, and come out
  // as digits, letters or marks such as "“%“"), and figures in the text. One message per line.
  for (const line of lines) {
    const inBlock = taken.has(line);
    const doubtful = line.words.filter((w) => w.confidence < LOW_WORD_CONFIDENCE && (inBlock || /\p{N}/u.test(w.text)));
    if (!doubtful.length) continue;
    const box = line.bbox.map((v) => Math.round((v / img.scale) * 100) / 100);
    messages.push({
      severity: "warning",
      ruleId: "ocr.low-confidence",
      reason: `OCR read ${doubtful.map((w) => `"${w.text}" (confidence ${Math.round(w.confidence)})`).join(", ")} in "${line.text.slice(0, 80)}" on page ${pageNumber}${
        inBlock ? ", in the header or signature block" : ""
      }: handwriting, a stamp or a smudge? Check it against the scan.`,
      place: { file, page: pageNumber },
      actual: { text: line.text, words: doubtful.map((w) => ({ text: w.text, confidence: Math.round(w.confidence) })), bbox: box, layout: inBlock },
    });
  }
  tables.forEach(({ cells }, t) => {
    for (const c of cells) {
      if (c.confidence === undefined || c.confidence >= LOW_CELL_CONFIDENCE) continue;
      messages.push({
        severity: "warning",
        ruleId: "ocr.low-confidence",
        reason: `OCR read table ${t + 1} of page ${pageNumber}, row ${c.row + 1}, column ${c.col + 1} as "${c.text}" with confidence ${Math.round(c.confidence)}; check it against the scan.`,
        place: { file, page: pageNumber, column: c.col },
        actual: { text: c.text, confidence: Math.round(c.confidence * 10) / 10, tableOnPage: t, rowOnPage: c.row },
      });
    }
  });
  for (const p of paragraphs) {
    const conf = p.prov.confidence ?? 100;
    if (conf >= LOW_TEXT_CONFIDENCE) continue;
    messages.push({
      severity: "warning",
      ruleId: "ocr.low-confidence",
      reason: `OCR read a paragraph on page ${pageNumber} with confidence ${Math.round(conf)}: "${p.text.slice(0, 60)}"; check it against the scan.`,
      place: { file, page: pageNumber },
      actual: { text: p.text, confidence: conf, bbox: p.prov.bbox },
    });
  }
  return { value: blocks, messages };
}

/** The OCR stage in the shape the PDF ingest's seam (`registerOcr` in ../pdf/index.ts) calls. */
export function ocrStage(pageNumber: number, page: PdfPage, context: { file: string }): Promise<Result<Block[]>> {
  return ocrPage(page, pageNumber, { file: context.file });
}
