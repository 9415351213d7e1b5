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

/**
 * Reads a Vietnamese-printed number. "." groups thousands and "," marks decimals (1.034 = 1034,
 * 16,67 = 16.67), but English style appears too (98.66, 76.70): a separator followed by exactly
 * three digits, repeated to the end, groups thousands; otherwise the last separator is the
 * decimal point (DOMAIN.md, "Numbers as printed").
 */
export function parseVietnameseNumber(text: string): number | null {
  const s = text.trim();
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
 * "12/15 (80%)", "01/01" (a bare fraction gives its numerator: gold NOTES 003 L365–366),
 * "126 (+01 …)" (a number followed by a note gives the number), "9 870" (thousands grouped by
 * spaces), LaTeX fractions.
 */
export function parseValue(raw: string | null, unit: string | null = null): ParsedValue {
  if (raw === null) return NONE;
  const s = latexToText(raw).replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim().replace(SPACED, (g) => g.replace(/ /g, ""));
  if (!s) return NONE;
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
