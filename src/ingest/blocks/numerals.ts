/**
 * Printing a list counter in a numbering format, shared by the Word readers (.docx numbering
 * and the .doc list tables, which use the same format names, ECMA-376 Part 1 §17.18.59).
 */

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}

/**
 * Print a counter value in a w:numFmt. Letters follow Word: 27 → "aa", 28 → "bb".
 * Formats we do not know (ordinal words, Asian counting systems) fall back to decimal.
 */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "none":
      return "";
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "upperRoman":
      return n > 0 ? roman(n) : String(n);
    case "lowerRoman":
      return n > 0 ? roman(n).toLowerCase() : String(n);
    case "upperLetter":
    case "lowerLetter": {
      if (n <= 0) return String(n);
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === "upperLetter" ? letter.toUpperCase() : letter;
    }
    default:
      return String(n);
  }
}
