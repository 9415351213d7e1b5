import type { Row } from "../../src/model/document.js";
import type { ColumnRole } from "../../src/model/records.js";

/**
 * Cell text of a plan/target table as the gold keeps it (gold NOTES "Tasks (002)"): inline
 * markup removed, cell line breaks turned into spaces, bullets that the source printed as
 * text ("- ") kept inline, whitespace collapsed. Null when the cell is empty or absent.
 */
export function cleanCell(row: Row, roles: (ColumnRole | null)[], role: ColumnRole): string | null {
  const col = roles.indexOf(role);
  if (col < 0) return null;
  const cell = row.cells[col];
  if (!cell || cell.spanned) return null;
  return cleanText(cell.text);
}

/** The text part of cleanCell, for callers that already hold the cell text. */
export function cleanText(text: string): string | null {
  const t = text
    // Residual HTML list/paragraph markup that an ingest may have left behind.
    .replace(/<\/?(?:ul|ol|li|p|br|span|div|b|i|strong|em|u)\b[^>]*>/gi, " ")
    // Typographic bullets at a line start become the "- " the templates print.
    .replace(/(^|\n)\s*[•●▪◦]\s*/g, "$1- ")
    .replace(/\s+/g, " ")
    .trim();
  return t === "" ? null : t;
}

/** Joins the halves of a cell split by a page break with a single space (gold NOTES, task 7). */
export function joinText(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return `${a} ${b}`;
}

const ROMAN = /^[IVXLC]+\.?$/;

/** A Roman STT ("I", "XII.") numbers a group row in plan tables (sample 002's KẾ HOẠCH). */
export function isRomanCode(code: string): boolean {
  return ROMAN.test(code.trim());
}

/**
 * An STT cell that does not start a record of its own: empty, or a dash the source printed
 * for "same as above". Such a row continues the record above when it follows a page break.
 */
export function isBlankCode(code: string | null): boolean {
  return code === null || /^[-–—]?$/.test(code.trim());
}
