/**
 * The Vietnamese alphabet as Unicode sees it, used to check decodings (a VNI base + accent must
 * make one Vietnamese letter) and to score candidate decodings.
 */

/** The 12 vowels without tone, lowercase. */
export const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] as const;

/** The five tone marks as combining characters: huyền, sắc, hỏi, ngã, nặng. */
export const TONES = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"] as const;

function build(): string[] {
  const lower: string[] = ["đ", ...VOWELS.filter((v) => v > "z")];
  for (const v of VOWELS) for (const t of TONES) lower.push((v + t).normalize("NFC"));
  return [...lower, ...lower.map((c) => c.toUpperCase())];
}

/** The 134 non-ASCII Vietnamese letters (67 lowercase, 67 capitals), each one NFC code point. */
export const VIETNAMESE_LETTERS: readonly string[] = build();

const LETTER_SET = new Set([...VIETNAMESE_LETTERS, ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]);

/** True for an ASCII letter or one of the 134 Vietnamese letters. */
export function isVietnameseLetter(c: string): boolean {
  return LETTER_SET.has(c);
}
