/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (Vietnamese intact) only when it starts with one. */
export const BOM = "\ufeff";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR/LF or leading/trailing
 * space, with quotes doubled. null and undefined are empty fields; numbers print as JavaScript
 * does (a dot decimal separator, whatever the locale).
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with CRLF, the line end RFC 4180 and Excel expect. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
