import { decodeTcvn3, decodeVni, decodeWindows1258, tcvn3FromMojibake, toWindows1252Bytes, vniFromMojibake } from "./legacy.js";
import { WINDOWS_1252_80_9F } from "./tables.js";
import { scoreValue, scoreVietnamese } from "./score.js";

/**
 * Chooses how to read text bytes that carry no BOM. Legacy decodings are tried only when the
 * bytes are not valid UTF-8, or, for valid UTF-8, on lines that read as TCVN3/VNI mojibake;
 * candidates are compared by how many words become valid Vietnamese syllables (score.ts).
 */

/** Text plus the conversions that produced it (names as in Document.source.conversions). */
export interface Decoding {
  text: string;
  conversions: string[];
}

// Scoring a prefix is enough to recognise an encoding and keeps huge files cheap.
const SAMPLE_BYTES = 256 * 1024;

const utf8Fatal = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8");

/** Whole-file decoders for bytes that are not valid UTF-8, in tie-break order. */
const LEGACY: { name: string; decode: (b: Uint8Array) => string }[] = [
  { name: "windows-1258→unicode", decode: decodeWindows1258 },
  { name: "tcvn3→unicode", decode: decodeTcvn3 },
  { name: "vni→unicode", decode: decodeVni },
];

/**
 * Bytes without a BOM → NFC-ready text. Valid UTF-8 is kept (with mojibake lines repaired);
 * otherwise the best of Windows-1258, TCVN3, VNI and lenient UTF-8 wins. Lenient UTF-8 is a
 * candidate because a UTF-8 file with a few broken bytes should lose only those bytes; each
 * U+FFFD counts as an invalid word against it.
 */
export function decodeUnmarked(bytes: Uint8Array): Decoding {
  let text: string | undefined;
  try {
    text = utf8Fatal.decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined) return repairMojibake(text);

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const lenientSample = utf8Lenient.decode(sample);
  const replacements = lenientSample.match(/\uFFFD/g)?.length ?? 0;
  let best = { name: "utf-8-invalid-bytes", score: scoreValue(scoreVietnamese(lenientSample)) - replacements, decode: (b: Uint8Array) => utf8Lenient.decode(b) };
  for (const c of LEGACY) {
    const score = scoreValue(scoreVietnamese(c.decode(sample)));
    // Strictly better only: a file with no Vietnamese at all stays with the first candidate
    // that reached the top score, and lenient UTF-8 loses ties to the code pages.
    if (score > best.score || (score === best.score && best.name === "utf-8-invalid-bytes")) best = { ...c, score };
  }
  return { text: best.decode(bytes), conversions: [best.name] };
}

/** A repair of text that is valid Unicode but was produced by reading legacy bytes wrongly. */
const REPAIRS: { name: string; repair: (line: string) => string | null }[] = [
  { name: "tcvn3→unicode", repair: tcvn3FromMojibake },
  { name: "vni→unicode", repair: vniFromMojibake },
  // UTF-8 read as Windows-1252 and saved again ("BÃ¡o cÃ¡o").
  {
    name: "utf-8-mojibake→unicode",
    repair: (line) => {
      const b = toWindows1252Bytes(line);
      if (!b) return null;
      try {
        return utf8Fatal.decode(b);
      } catch {
        return null;
      }
    },
  },
];

// Characters that only appear in text when legacy bytes were read through Windows-1252 or
// Latin-1: the Latin-1 supplement and C1 controls. Lines without them need no repair.
const SUSPECT = /[\u0080-\u00ff]/;
/** A character no Windows-1252 byte decodes to (the C1 controls count as their own bytes). */
const OUTSIDE_WINDOWS_1252 = new RegExp(`[^\\u0000-\\u00ff${WINDOWS_1252_80_9F}]`);

/**
 * Repairs TCVN3 / VNI / double-UTF-8 mojibake line by line, because old reports often mix a
 * Unicode header with body text pasted from a .VnTime document. A line is replaced only when
 * the repair scores strictly higher (more valid Vietnamese words) than the line as it is, so
 * correct Unicode Vietnamese, which already scores well, is left alone.
 */
export function repairMojibake(text: string): Decoding {
  if (!SUSPECT.test(text)) return { text, conversions: [] };
  const applied = new Set<string>();
  const lines = text.split("\n").map((line) => {
    // Every repair reads the line back as Windows-1252 bytes: a line with a character outside
    // that code page (ạ, ư, đ… in most Unicode Vietnamese) has nothing to repair.
    if (!SUSPECT.test(line) || OUTSIDE_WINDOWS_1252.test(line)) return line;
    let best = line;
    // Scored only once a repair applies: most Unicode lines hold a letter outside Windows-1252
    // (ạ, ế, ư…), which no repair accepts, and scoring is the costly part.
    let bestScore: number | undefined;
    let bestName = "";
    for (const r of REPAIRS) {
      const fixed = r.repair(line);
      if (fixed === null || fixed === line) continue;
      bestScore ??= scoreValue(scoreVietnamese(line));
      const s = scoreValue(scoreVietnamese(fixed));
      if (s >= bestScore + 1) {
        best = fixed;
        bestScore = s;
        bestName = r.name;
      }
    }
    if (bestName) applied.add(bestName);
    return best;
  });
  return { text: lines.join("\n"), conversions: [...applied] };
}

/**
 * "le" or "be" when bytes without a BOM read as UTF-16 text (Notepad's "Unicode" saved by a
 * tool that drops the BOM), else undefined. UTF-8 and the legacy code pages have no NUL bytes
 * in text, so NULs are required; then at least 95 % of the first 4,096 code units must be
 * characters a report uses: ASCII text, Latin letters and combining marks, Vietnamese (U+1E00–
 * U+1EFF), general punctuation.
 */
export function utf16WithoutBom(bytes: Uint8Array): "le" | "be" | undefined {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return undefined;
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  if (nul < n / 8) return undefined;
  for (const order of ["le", "be"] as const) {
    let textLike = 0;
    for (let i = 0; i < n; i += 2) {
      const u = order === "le" ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
      if (
        (u >= 0x20 && u < 0x7f) ||
        u === 0x09 || u === 0x0a || u === 0x0d ||
        (u >= 0xa0 && u <= 0x24f) ||
        (u >= 0x300 && u <= 0x36f) ||
        (u >= 0x1e00 && u <= 0x1eff) ||
        (u >= 0x2000 && u <= 0x206f)
      )
        textLike++;
    }
    if (textLike >= 0.95 * (n / 2)) return order;
  }
  return undefined;
}
