/** STT cells that do not number a row of their own: empty, a dash, "Trong đó" (of which). */
export function isContinuationCode(code: string): boolean {
  const c = code.trim().toLowerCase();
  return c === "" || /^[-–—+*•]$/.test(c) || c.startsWith("trong đó") || c.startsWith("trong do");
}

const ROMAN = /^[IVXLC]+\.?$/;

/**
 * Depth of a printed STT: Roman numerals are level 1, "2" is 2, "2.1" is 3, "2.1.3" is 4.
 * "1,5" (a comma typed for a dot, sample 000) counts like "1.5"; letters ("a", "b)") sit one
 * below the deepest numeric level seen in these templates. A Roman part followed by numbers
 * ("III.1", "III.1.2") sits half a level below its Roman group and above the plain numbers that
 * restart under it (a real 766 index table: "III", "III.1", then "1", "2", "3", then "III.2").
 */
export function codeDepth(code: string): number {
  const c = code.trim();
  if (ROMAN.test(c)) return 1;
  const parts = c.replace(/[.)]+$/, "").split(/[.,]/).filter(Boolean);
  if (parts.length > 1 && /^[IVXLC]+$/.test(parts[0]) && parts.slice(1).every((p) => /^\d+$/.test(p))) return parts.length - 0.5;
  if (parts.length && parts.every((p) => /^\d+$/.test(p))) return parts.length + 1;
  if (/^[a-zđ][).]?$/i.test(c)) return 5;
  return 6;
}
