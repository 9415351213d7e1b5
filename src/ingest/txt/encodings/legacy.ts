import { isVietnameseLetter } from "./letters.js";
import { type ByteMap, tcvn3Map, vniMaps, WINDOWS_1252_80_9F, windows1258Map } from "./tables.js";

/**
 * Decoders for the pre-Unicode Vietnamese encodings (DOMAIN.md, "Encodings in old files"), and
 * the matching encoders, which the tests and scripts/make-bad-inputs.ts use to write real legacy
 * bytes. Every decoder returns NFC text.
 */

function decodeWith(map: ByteMap, bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += map[b];
  return out;
}

/**
 * TCVN3 (ABC, .VnTime) bytes → NFC text. VN3 has no capitals with tone marks: .VnTimeH shows
 * lowercase codes as capitals, so a word typed in capitals ("B¸O C¸O") comes out as
 * "BáO CáO". Such words are upper-cased whole when their ASCII letters say the writer meant
 * capitals (see restoreCapitals).
 */
export function decodeTcvn3(bytes: Uint8Array): string {
  return restoreCapitals(decodeWith(tcvn3Map(), bytes)).normalize("NFC");
}

/** TCVN3 text read through Windows-1252 (mojibake such as "B¸o c¸o") → the text meant. */
export function tcvn3FromMojibake(text: string): string | null {
  const bytes = toWindows1252Bytes(text);
  return bytes ? decodeTcvn3(bytes) : null;
}

/**
 * Upper-cases words written in capitals whose toned letters TCVN3 could only store lowercase.
 * A word counts as capitals when it has no lowercase ASCII letter and either two uppercase ASCII
 * letters or an uppercase ASCII letter after a VN3 capital (Đ, Ô…): "BáO" → "BÁO", "ĐạI" →
 * "ĐẠI", but "Bộ" (one capital, then a toned vowel) stays as written. A line whose ASCII letters
 * are all capitals (at least four) is a heading typed in capitals and is upper-cased whole.
 */
export function restoreCapitals(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const ascii = line.match(/[A-Za-z]/g) ?? [];
      if (ascii.length >= 4 && ascii.every((c) => c >= "A" && c <= "Z") && /[^\x00-\x7f]/.test(line)) return line.toUpperCase();
      return line.replace(/[\p{L}\p{M}]+/gu, (word) => {
        if (/[a-z]/.test(word)) return word;
        const upper = word.match(/[A-Z]/g)?.length ?? 0;
        const startsCapital = /^[ĂÂÊÔƠƯĐ]/.test(word);
        return upper >= 2 || (upper >= 1 && startsCapital) ? word.toUpperCase() : word;
      });
    })
    .join("\n");
}

/**
 * VNI (VNI-Times) bytes → NFC text. An accent byte right after a vowel joins it when the two
 * make one Vietnamese letter ("a" + 0xF9 → "á"); anywhere else the byte keeps its
 * Windows-1252 meaning, so ordinary Latin-1 text passes through.
 */
export function decodeVni(bytes: Uint8Array): string {
  const { single, marks } = vniMaps();
  const out: string[] = [];
  for (const b of bytes) {
    const mark = marks[b];
    if (mark !== undefined && out.length > 0) {
      const joined = (out[out.length - 1] + mark).normalize("NFC");
      if (joined.length === 1 && isVietnameseLetter(joined)) {
        out[out.length - 1] = joined;
        continue;
      }
    }
    out.push(single[b]);
  }
  return out.join("").normalize("NFC");
}

/** VNI text read through Windows-1252 ("Xin chaøo") → the text meant. */
export function vniFromMojibake(text: string): string | null {
  const bytes = toWindows1252Bytes(text);
  return bytes ? decodeVni(bytes) : null;
}

/** Windows-1258 bytes → NFC text (the combining tone marks join their vowels). */
export function decodeWindows1258(bytes: Uint8Array): string {
  return decodeWith(windows1258Map(), bytes).normalize("NFC");
}

let cp1252Reverse: Map<string, number> | undefined;
/**
 * Text → the Windows-1252 bytes it was read from, or null when a character has no such byte
 * (then the text was not legacy bytes read through Windows-1252). C1 controls U+0080–U+009F
 * count as their own byte because some tools read legacy files as ISO-8859-1.
 */
export function toWindows1252Bytes(text: string): Uint8Array | null {
  if (!cp1252Reverse) {
    cp1252Reverse = new Map();
    for (let b = 0; b < 256; b++) cp1252Reverse.set(String.fromCharCode(b), b);
    for (let b = 0x80; b < 0xa0; b++) cp1252Reverse.set(WINDOWS_1252_80_9F[b - 0x80], b);
  }
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const c of text) {
    const b = cp1252Reverse.get(c);
    if (b === undefined) return null;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

// ---- Encoders: Unicode → legacy bytes (for tests and fixture generation) ----

function reverse(map: ByteMap, from = 0x80): Map<string, number> {
  const r = new Map<string, number>();
  for (let b = 0; b < 0x80; b++) r.set(String.fromCharCode(b), b);
  for (let b = from; b < 256; b++) if (!r.has(map[b])) r.set(map[b], b);
  return r;
}

/**
 * NFC text → TCVN3 bytes. Capitals with tone marks have no VN3 code and are written as the
 * lowercase letter, as .VnTimeH documents store them; characters outside VN3 become "?".
 */
export function encodeTcvn3(text: string): Uint8Array {
  const r = reverse(tcvn3Map(), 0xa0);
  const out: number[] = [];
  for (const c of text.normalize("NFC")) out.push(r.get(c) ?? r.get(c.toLowerCase()) ?? 0x3f);
  return Uint8Array.from(out);
}

/** NFC text → VNI bytes (base letter + accent byte, accent case following the base). */
export function encodeVni(text: string): Uint8Array {
  const { single, marks } = vniMaps();
  const table = new Map<string, number[]>();
  // Composite letters: every base byte × accent byte that decodes to one Vietnamese letter.
  for (let base = 0; base < 256; base++)
    for (let m = 0; m < 256; m++) {
      const mark = marks[m];
      if (mark === undefined) continue;
      const joined = (single[base] + mark).normalize("NFC");
      if (joined.length !== 1 || !isVietnameseLetter(joined) || joined === single[base]) continue;
      // Capital accent bytes (0xC0–0xDC) go with capital bases, as VNI-Times documents have them.
      const capitalBase = single[base] !== single[base].toLowerCase();
      if (capitalBase === m < 0xe0 && !table.has(joined)) table.set(joined, [base, m]);
    }
  // Then single bytes, except accent bytes: in VNI 0xEA is the breve, never "ê".
  for (let b = 0; b < 256; b++) if (marks[b] === undefined && !table.has(single[b])) table.set(single[b], [b]);
  const out: number[] = [];
  for (const c of text.normalize("NFC")) out.push(...(table.get(c) ?? [0x3f]));
  return Uint8Array.from(out);
}

/**
 * NFC text → Windows-1258 bytes: a precomposed byte where the code page has one, otherwise the
 * base letter followed by a combining tone mark byte (how Windows writes "ạ", "ấ").
 */
export function encodeWindows1258(text: string): Uint8Array {
  const r = reverse(windows1258Map());
  const out: number[] = [];
  for (const c of text.normalize("NFC")) {
    const direct = r.get(c);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const d = c.normalize("NFD");
    const tone = [...d].find((x) => r.has(x) && /\p{M}/u.test(x));
    const base = (tone ? d.replace(tone, "") : d).normalize("NFC");
    const bb = r.get(base);
    const tb = tone ? r.get(tone) : undefined;
    if (bb === undefined || (tone && tb === undefined)) out.push(0x3f);
    else out.push(bb, ...(tb !== undefined ? [tb] : []));
  }
  return Uint8Array.from(out);
}
