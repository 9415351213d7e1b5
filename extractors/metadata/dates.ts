import { foldKeepLength } from "../../src/rules/fold.js";

/**
 * Date forms of these reports (DOMAIN.md "Dates"): "ngày 12 tháng 3 năm 2024", "12/3/2024",
 * "04/6/2024", "07/03/2024", also "-" or "." as separators. Day first, no padding needed.
 */
const NUMERIC = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/u;
const WORDS = /(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})(?!\d)/u;

/** ISO "YYYY-MM-DD" for a real calendar date, else null (31/2 is not a date). */
export function isoDate(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The first complete date in `text` as ISO, or null. Month and year alone ("/12/2024": a day left for the signing) are no date. */
export function parseDate(text: string): string | null {
  const key = foldKeepLength(text);
  const m = WORDS.exec(key) ?? NUMERIC.exec(key);
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days from ISO date a to ISO date b. */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}
