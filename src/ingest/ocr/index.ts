import type { Block } from "../../model/document.js";
import type { Message, Result } from "../../model/message.js";
import type { PdfPage } from "../pdf/load.js";
import { recogniseTable } from "./cells.js";
import { OcrPool, defaultWorkers } from "./engine.js";
import { findTableGrids } from "./grid.js";
import { findColumnBlocks } from "./columns.js";
import { boldTest, groupParagraphs, recogniseText } from "./layout.js";
import { inkCoverage, renderPage, type PageImage, type PixelBox } from "./render.js";
import { dropNoisePieces, mergeReadings, readingScore, rereadBox } from "./reread.js";
import { fold } from "../../rules/fold.js";
import type { ColumnBlock } from "./columns.js";
import type { PageLine } from "./layout.js";

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
  const rereads: string[] = [];
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
  // A piece of a line beside a stamp or seal that Tesseract barely believes is its residue too.
  const pieces = dropNoisePieces(
    read.filter((l) => l.confidence >= NOISE_CONFIDENCE),
    NOISE_CONFIDENCE,
  );
  const lines = pieces.lines;
  for (const words of pieces.dropped)
    noise.push({ text: words.map((w) => w.text).join(" "), confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length, bbox: [words[0].bbox[0], Math.min(...words.map((w) => w.bbox[1])), words[words.length - 1].bbox[2], Math.max(...words.map((w) => w.bbox[3]))], words, baseline: 0, block: -1, bold: false });
  // The header and signature blocks (two columns side by side) become layout tables, as .docx gives them.
  const isBold = boldTest(img, lines);
  let columnBlocks = findColumnBlocks(lines, pageNumber, img.scale, isBold);
  // A signing title lost beside a seal: read the place beside "Nơi nhận" again, and find the blocks anew.
  const lost = lostTitleBox(lines, columnBlocks);
  if (lost) {
    const found = (await rereadBox(img, lost, pool, NOISE_CONFIDENCE)).filter((l) => readingScore(l.text) > 0).map((l) => ({ ...l, bold: isBold(l.bbox) }));
    if (found.length) {
      lines.push(...found);
      lines.sort((a, b) => a.bbox[1] - b.bbox[1]);
      columnBlocks = findColumnBlocks(lines, pageNumber, img.scale, isBold);
      rereads.push(`"${found.map((l) => l.text).join(" / ")}" beside the recipients`);
    }
  }
  // The cells of those blocks read again on their own, where the page's reading ran words together or garbled them.
  for (const block of columnBlocks) rereads.push(...(await rereadCells(block, img, pool)));
  const taken = new Set(columnBlocks.flatMap((c) => [...c.lines]));
  const paragraphs = groupParagraphs(lines.filter((l) => !taken.has(l)), img, pageNumber);
  const blocks: Block[] = [...paragraphs, ...columnBlocks.map((c) => c.table), ...tables.map((t) => t.table)];
  blocks.sort((a, b) => (a.prov.bbox?.[1] ?? 0) - (b.prov.bbox?.[1] ?? 0));

  const messages: Message[] = [];
  if (rereads.length)
    messages.push({
      severity: "info",
      ruleId: "ocr.reread",
      reason: `OCR read the header or signature block of page ${pageNumber} again on its own and kept the better reading: ${rereads.join("; ")}.`,
      place: { file, page: pageNumber },
      actual: rereads,
    });
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

/** Margin (line heights) around a layout cell when it is read again. */
const CELL_MARGIN = 0.35;

/**
 * Read each cell of a header or signature block again from its own crop and keep, row by row,
 * the better reading (reread.ts). Returns what changed, for the `ocr.reread` message.
 */
async function rereadCells(block: ColumnBlock, img: PageImage, pool: OcrPool): Promise<string[]> {
  const changed: string[] = [];
  const cells = block.table.rows[0].cells;
  for (const [i, cell] of block.cells.entries()) {
    if (!cell.rows.length) continue;
    const em = median(cell.rows.map((r) => r.y1 - r.y0));
    const m = Math.round(CELL_MARGIN * em);
    const box: PixelBox = [cell.box[0] - m, cell.box[1] - m, cell.box[2] + m, cell.box[3] + m];
    const rows = (lines: Awaited<ReturnType<typeof rereadBox>>) => lines.map((l) => ({ text: l.text, x0: l.bbox[0], x1: l.bbox[2], y0: l.bbox[1], y1: l.bbox[3], confidence: l.confidence }));
    let merged = mergeReadings(cell.rows, rows(await rereadBox(img, box, pool, NOISE_CONFIDENCE)));
    // Rows that still read badly (words run together, garbled) get one more reading at twice the size.
    if (merged.some((r) => readingScore(r.text) <= 0 && /\p{L}{2}/u.test(r.text))) merged = mergeReadings(merged, rows(await rereadBox(img, box, pool, NOISE_CONFIDENCE, 2)));
    const text = merged.map((r) => r.text).join("\n");
    if (text === cells[i].text) continue;
    changed.push(`"${cells[i].text.replace(/\n/g, " / ")}" → "${text.replace(/\n/g, " / ")}"`);
    cells[i] = { ...cells[i], text };
    cell.rows = merged;
  }
  return changed;
}

/** How far below "Nơi nhận" (line heights) the recipients column is measured, and how tall the place of the title is. */
const RECIPIENTS_SPAN = 6;
const TITLE_SPAN = 2.5;

/**
 * The place of a signing title the page reading lost: right of a "Nơi nhận" line that no block
 * took (the title sits in the right column at its height, NĐ 30/2020 Phụ lục I), from the
 * recipients column's right edge to the text's, from a line above it down to the next line in
 * that column (the name) and at most TITLE_SPAN line heights below it. Null when there is no such line or no room.
 */
function lostTitleBox(lines: PageLine[], blocks: ColumnBlock[]): PixelBox | null {
  const taken = new Set(blocks.flatMap((b) => [...b.lines]));
  const start = lines.find((l) => !taken.has(l) && /^noi nhan\b/u.test(fold(l.text)));
  if (!start) return null;
  const em = start.bbox[3] - start.bbox[1];
  const column = lines.filter((l) => l.bbox[1] >= start.bbox[1] - 0.5 * em && l.bbox[1] < start.bbox[1] + RECIPIENTS_SPAN * em && Math.abs(l.bbox[0] - start.bbox[0]) < 2 * em);
  const x0 = Math.max(...column.map((l) => l.bbox[2])) + em;
  const x1 = Math.max(...lines.map((l) => l.bbox[2])) + em;
  if (x1 - x0 < 6 * em) return null;
  const below = lines.find((l) => l.bbox[1] > start.bbox[3] && l.bbox[0] >= x0 - em && l.bbox[1] < start.bbox[1] + 2 * RECIPIENTS_SPAN * em);
  // The title's first line is printed at the height of "Nơi nhận"; a seal below it is not read.
  const y1 = Math.min(start.bbox[3] + TITLE_SPAN * em, below ? below.bbox[1] - 0.2 * em : Infinity);
  return [Math.round(x0), Math.round(start.bbox[1] - 1.5 * em), Math.round(x1), Math.round(y1)];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
