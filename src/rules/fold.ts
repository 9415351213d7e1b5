/**
 * Accent- and case-insensitive form of Vietnamese text for matching rules against labels:
 * NFD, combining marks removed, đ→d, lowercase, whitespace collapsed.
 */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Like fold() but one output character per input UTF-16 unit (no whitespace collapsing), so a
 * match position in the folded string is the same position in the original.
 */
export function foldKeepLength(s: string): string {
  let out = "";
  for (const ch of s) {
    const base = ch === "đ" || ch === "Đ" ? "d" : ch.normalize("NFD")[0].toLowerCase();
    out += base.length === ch.length ? base : base.padEnd(ch.length, " ");
  }
  return out;
}
