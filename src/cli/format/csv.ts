/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (Vietnamese intact) only when it starts with one. */
export const BOM = "\ufeff";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR/LF or leading/trailing
 * space, with quotes doubled. null and undefined are empty fields; numbers print as JavaScript
 * does (a dot decimal separator, whatever the locale).
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  if (typeof v === "string") s = neutralizeFormula(s);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, or a TAB/CR
 * before one: OWASP "CSV injection") gets a leading apostrophe, which Excel and LibreOffice
 * show as text and do not print. Plain signed numbers ("-12", "+3,5") are not formulas and
 * stay as they are, so numeric columns keep their values; numbers (not strings) are never
 * touched.
 */
export function neutralizeFormula(s: string): string {
  if (!/^[=+\-@\t\r]/.test(s)) return s;
  if (/^[-+]?\d[\d.,]*%?$/.test(s)) return s;
  return `'${s}`;
}

/** One CSV record with CRLF, the line end RFC 4180 and Excel expect. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
