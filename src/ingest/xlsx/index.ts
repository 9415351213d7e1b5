import { read, type WorkBook } from "@e965/xlsx";
import { type Block, Document } from "../../model/document.js";
import { message, type Message, UnusableInputError } from "../../model/message.js";
import type { Ingest, IngestInput } from "../types.js";
import { sheetBlocks } from "./sheet.js";
import { zipEntries } from "../zip.js";

/**
 * .xlsx ingest (statistics forms are often filled in Excel): SheetJS reads the workbook, and
 * every visible sheet becomes its name as a heading, its caption rows as paragraphs and its
 * used range as one table (sheet.ts), so the table stages classify it like a Word appendix.
 * Hidden and very hidden sheets are skipped with an info message: they hold lookups and
 * helper calculations, not what the office sent.
 */

/** Limit on the declared uncompressed size of the package: 200 MB, as for .docx. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

/** SheetJS's sheet visibility: 0 visible, 1 hidden, 2 very hidden (set only from VBA). */
const VISIBILITY = ["visible", "hidden", "very hidden"] as const;

export const ingestXlsx: Ingest = async (input: IngestInput) => {
  const entries = zipEntries(input.bytes);
  if (!entries)
    throw new UnusableInputError("ingest.xlsx.corrupt", "The file is not a readable .xlsx (ZIP) package: its directory is missing or damaged. Re-save it from Excel or LibreOffice.");
  // Sizes are read as unsigned 32-bit numbers; SheetJS inflates every part in memory.
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > MAX_UNCOMPRESSED_BYTES)
    throw new UnusableInputError(
      "ingest.xlsx.too-large",
      `The .xlsx declares more than ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB of uncompressed data; it is refused as a possible zip bomb.`,
    );
  let wb: WorkBook;
  try {
    // cellNF keeps each cell's number format (percentages are shown as printed); formulas are
    // read as the cached values Excel saved (cellFormula only tells a formula saved without one).
    wb = read(input.bytes, { type: "array", cellNF: true, cellFormula: true, cellDates: false, cellStyles: false, dense: false });
  } catch (e) {
    throw new UnusableInputError(
      "ingest.xlsx.corrupt",
      `The file is not a readable .xlsx workbook (${(e as Error).message}). Re-save it from Excel or LibreOffice.`,
    );
  }
  if (!wb.SheetNames.length) throw new UnusableInputError("ingest.xlsx.corrupt", "The workbook has no sheets. Re-save it from Excel or LibreOffice.");

  const blocks: Block[] = [];
  const messages: Message[] = [];
  wb.SheetNames.forEach((name, i) => {
    const sheetNo = i + 1;
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    if (hidden) {
      messages.push(
        message("info", "ingest.xlsx.hidden-sheet", `Sheet "${name}" is ${VISIBILITY[hidden] ?? "hidden"} and was skipped.`, { file: input.file, page: sheetNo }, { actual: name }),
      );
      return;
    }
    const ws = wb.Sheets[name];
    if (!ws) return;
    const sheet = sheetBlocks(ws, { file: input.file, sheetNo, name });
    // A page break between sheets keeps one sheet's table from being joined to the next one's.
    if (blocks.length) blocks.push({ kind: "pageBreak", prov: { page: sheetNo } });
    blocks.push(...sheet.blocks);
    messages.push(...sheet.messages);
  });
  const document = Document.parse({
    source: { path: input.file, format: "xlsx", sha256: input.sha256, bytes: input.bytes.length, pages: wb.SheetNames.length, conversions: [] },
    blocks,
  });
  return { value: document, messages };
};
