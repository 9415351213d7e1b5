import { codeForLabel, parseCodedLegend } from "./units.js";

/** A value cell read as a number, with the ratio it states when it states one. */
export interface ParsedValue {
  /** The number the cell states; null for text or an empty cell. */
  value: number | null;
  /** x of "x/y" forms, null otherwise. */
  numerator: number | null;
  /** y of "x/y" forms, null otherwise. */
  denominator: number | null;
}

const NONE: ParsedValue = { value: null, numerator: null, denominator: null };

// A number as printed in these reports: digits with "." or "," separators, optional sign.
const NUM = String.raw`[-+]?\d+(?:[.,]\d+)*`;
const RATIO_EQ = new RegExp(String.raw`^(${NUM})\s*/\s*(${NUM})\s*=\s*(${NUM})\s*%?$`);
const PCT_RATIO = new RegExp(String.raw`^(${NUM})\s*%?\s*\(\s*(${NUM})\s*/\s*(${NUM})\s*\)$`);
const RATIO = new RegExp(String.raw`^(${NUM})\s*/\s*(${NUM})$`);
const RATIO_PCT = new RegExp(String.raw`^(${NUM})\s*/\s*(${NUM})\s*\(\s*(?:=\s*)?(${NUM})\s*%?\s*\)$`);
// Thousands grouped with spaces as some Word templates print them ("9 870", "1 234 567").
const SPACED = /^(\d{1,3}(?: \d{3})+)(?=\s*(?:%|\(|$))/;
const LEADING = new RegExp(String.raw`^(${NUM})\s*(%|\(.*\)|[\p{L}].*)?$`, "u");

// Invisible characters that Word, web pages and copy-paste leave inside numbers ("1\u200b034",
// "98\u200c,5\u200d%"): zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * The text of a cell with the characters that only look like a number's made plain: invisible
 * characters removed; full-width digits, signs, separators and percent (０-９ ＋ － ， ． ％, from
 * East Asian input methods) and Arabic-Indic digits (٠-٩, ۰-۹, with ٫ decimal and ٬ thousands
 * marks) turned into ASCII, so they read as the number they show.
 */
export function plainDigits(text: string): string {
  let s = text.replace(INVISIBLE, "");
  if (!/[\uff01-\uff5e\u0660-\u066c\u06f0-\u06f9]/.test(s)) return s;
  s = s.replace(/[\uff10-\uff19\uff05\uff0b\uff0d\uff0c\uff0e\uff0f\uff1d\uff08\uff09]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660));
  s = s.replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
  return s.replace(/\u066b/g, ",").replace(/\u066c/g, ".");
}

/** Most significant digits a double holds exactly: longer digit strings are flagged, not stored rounded. */
export const MAX_DIGITS = 15;

/**
 * Why a value cell that is written as a number has no usable value, or null: a number too
 * large for a double ("1e999", 400 digits) or with more digits than a double keeps exactly.
 * parseValue then gives null, and normalize flags the row (`value.unreadable`) instead of
 * leaving an empty value without a word.
 */
export function valueProblem(raw: string | null): string | null {
  if (raw === null) return null;
  const s = plainDigits(raw).replace(/\s+/g, "");
  const m = /^[-+]?(\d[\d.,]*)(?:e[-+]?\d+)?%?$/i.exec(s);
  if (!m) return null;
  const digits = m[1].replace(/[.,]/g, "").replace(/^0+(?=\d)/, "");
  if (digits.length > MAX_DIGITS) return `The value "${cut(raw)}" has ${digits.length} digits, more than the ${MAX_DIGITS} a number can hold exactly; it is not stored.`;
  if (parseValue(raw).value === null) return `The value "${cut(raw)}" is written as a number but is too large to read; it is not stored.`;
  return null;
}

const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);

// Scientific notation ("1e5", "2,5E-3"): not how reports print numbers, but spreadsheets export it.
const SCIENTIFIC = /^([-+]?\d+(?:[.,]\d+)?)[eE]([-+]?\d{1,4})(?=\s*(?:%|$))/;

/**
 * Reads a Vietnamese-printed number. "." groups thousands and "," marks decimals (1.034 = 1034,
 * 16,67 = 16.67), but English style appears too (98.66, 76.70): a separator followed by exactly
 * three digits, repeated to the end, groups thousands; otherwise the last separator is the
 * decimal point (DOMAIN.md, "Numbers as printed").
 */
export function parseVietnameseNumber(text: string): number | null {
  const s = plainDigits(text).trim();
  // Digits past what a double holds are not a value to store rounded (valueProblem says so).
  if (s.replace(/\D/g, "").replace(/^0+(?=\d)/, "").length > MAX_DIGITS) return null;
  if (!new RegExp(`^${NUM}$`).test(s)) return null;
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  const parts = body.split(/([.,])/);
  const digits = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  let n: number;
  if (seps.length === 0) n = Number(body);
  else if (new Set(seps).size === 1) {
    const groupsOfThree = digits.slice(1).every((d) => d.length === 3);
    // "1.034" and "1.234.567" group thousands; "16,67", "98.66", "76.70" are decimals. A lone
    // comma before three digits ("1,034") is a Vietnamese decimal comma unless repeated.
    const thousands = groupsOfThree && (seps[0] === "." || seps.length > 1);
    n = thousands ? Number(digits.join("")) : seps.length === 1 ? Number(`${digits[0]}.${digits[1]}`) : NaN;
  } else {
    // Both separators: the last one is the decimal mark ("1.234,5" or "1,234.5").
    const last = seps[seps.length - 1];
    const idx = body.lastIndexOf(last);
    n = Number(`${body.slice(0, idx).replace(/[.,]/g, "")}.${body.slice(idx + 1)}`);
  }
  return Number.isFinite(n) ? sign * n : null;
}

/** LaTeX as Word equations come out in text: $\frac{317}{1.034} = 31\%$ → "317/1.034 = 31%". */
export function latexToText(s: string): string {
  if (!s.includes("$") && !s.includes("\\")) return s;
  return s
    .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, "$1/$2")
    .replace(/\\%/g, "%")
    .replace(/\\(left|right|,|;|!|quad|qquad)/g, " ")
    .replace(/\\times/g, "×")
    .replace(/\$/g, "")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Parses a value cell. `unit` is the row's Đơn vị tính: when it is a coded legend ("Có = 1;
 * Không = 0") a word of the legend takes its code; a word outside the legend stays null.
 * Forms: "7", "1.034", "16,67%", "76.70 %", "317/1.034 = 31%", "184/184= 100%", "100% (19/19)",
 * "12/15 (80%)", "01/01" (a bare fraction gives its numerator: "01/01" units done of 01 is 1),
 * "126 (+01 …)" (a number followed by a note gives the number), "9 870" (thousands grouped by
 * spaces), LaTeX fractions.
 */
export function parseValue(raw: string | null, unit: string | null = null): ParsedValue {
  if (raw === null) return NONE;
  const s = latexToText(plainDigits(raw)).replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim().replace(SPACED, (g) => g.replace(/ /g, ""));
  if (!s) return NONE;
  const sci = SCIENTIFIC.exec(s);
  if (sci) {
    // Read whole, so "1e308%" is 1e308 (then flagged out of range), never the 1 before the "e".
    const mantissa = parseVietnameseNumber(sci[1]);
    const n = mantissa === null ? NaN : mantissa * 10 ** Number(sci[2]);
    return { value: Number.isFinite(n) ? n : null, numerator: null, denominator: null };
  }
  // A legend word first: "3 cấp" under "Chưa có = 0 2 cấp = 1 3 cấp = 2" is code 2, not 3.
  const legend = unit ? parseCodedLegend(unit) : null;
  if (legend) {
    const code = codeForLabel(legend, s);
    if (code !== null) return { value: code, numerator: null, denominator: null };
  }
  let m = RATIO_EQ.exec(s);
  if (m) return ratio(m[3], m[1], m[2]);
  m = PCT_RATIO.exec(s);
  if (m) return ratio(m[1], m[2], m[3]);
  m = RATIO_PCT.exec(s);
  if (m) return ratio(m[3], m[1], m[2]);
  m = RATIO.exec(s);
  if (m) return ratio(m[1], m[1], m[2]);
  m = LEADING.exec(s);
  if (m) return { value: parseVietnameseNumber(m[1]), numerator: null, denominator: null };
  return NONE;
}

function ratio(value: string, num: string, den: string): ParsedValue {
  return {
    value: parseVietnameseNumber(value),
    numerator: parseVietnameseNumber(num),
    denominator: parseVietnameseNumber(den),
  };
}
