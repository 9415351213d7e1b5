/**
 * Roman numerals as report headings print them (I … XXXIX): strict reading, writing, and the
 * typo-tolerant reading used when the context confirms it (see classify.ts).
 */

const VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

/** Writes 1…39 as a Roman numeral ("IV"); larger numbers never number report parts. */
export function toRoman(n: number): string {
  const tens = ["", "X", "XX", "XXX"][Math.floor(n / 10)] ?? "";
  const ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10];
  return tens + ones;
}

/**
 * Value of a canonical uppercase Roman numeral, or null. Non-canonical spellings ("IIII", "VX")
 * are refused, so a stray word of I/V/X letters is not read as a number.
 */
export function romanValue(token: string): number | null {
  if (!/^[IVX]{1,6}$/.test(token)) return null;
  let total = 0;
  for (let i = 0; i < token.length; i++) {
    const v = VALUES[token[i]];
    const next = VALUES[token[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 40 && toRoman(total) === token ? total : null;
}

/**
 * Reads a numeral whose "I"s were typed or recognised as look-alikes: lowercase "l", the digit
 * "1", a bar "|" ("Il", "ll", "1V"). Returns the corrected numeral, or null when the token is
 * already canonical or does not become one.
 */
export function romanTypo(token: string): { number: string; value: number } | null {
  if (romanValue(token) !== null) return null;
  const fixed = token.replace(/[l1|]/g, "I");
  const value = romanValue(fixed);
  return value === null ? null : { number: fixed, value };
}
