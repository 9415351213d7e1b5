import { z } from "zod";
import { loadRules } from "../../rules/load.js";

/**
 * Text-layer quality. A PDF may carry a text layer that is not the text: an old OCR pass laid
 * under a scan ("uY BAN NgAN nAN ceNG HoA"), or a font whose ToUnicode map points at the wrong
 * letters. Such a page reads as text and would be stored as `ok` with garbage. Its quality is
 * measured as the share of its words that are well-formed Vietnamese syllables (initial,
 * vowel nucleus, final, at most one tone mark: rules/syllables.json). Words with a
 * replacement or private-use character (a glyph without Unicode), with control characters, with
 * letters and digits mixed ("D6ng", "H4nh"), or with the case changing inside the word ("NgAN")
 * count against it; numbers, single letters and codes in capitals ("UBND", "PC06") are neutral.
 */

const Schema = z.object({
  id: z.string(),
  initials: z.array(z.string().min(1)),
  nuclei: z.array(z.string().min(1)),
  finals: z.array(z.string().min(1)),
  minimumWords: z.number().int().positive(),
  threshold: z.number().min(0).max(1),
});

interface Compiled {
  id: string;
  syllable: RegExp;
  minimumWords: number;
  threshold: number;
}

let compiled: Compiled | undefined;

function rules(): Compiled {
  if (compiled) return compiled;
  const r = loadRules("syllables.json", Schema);
  // Longest first, so "ngh" is tried before "ng" and "uyê" before "uy".
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map((x) => x.normalize("NFC")).join("|");
  compiled = {
    id: r.id,
    syllable: new RegExp(`^(?:${alt(r.initials)})?(?:${alt(r.nuclei)})(?:${alt(r.finals)})?$`, "u"),
    minimumWords: r.minimumWords,
    threshold: r.threshold,
  };
  return compiled;
}

/** The five tone marks as combining characters (grave, acute, tilde, hook above, dot below). */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** True when a lower-case word is one well-formed Vietnamese syllable. */
export function isSyllable(word: string): boolean {
  const nfd = word.normalize("NFD");
  const tones = nfd.match(TONES)?.length ?? 0;
  if (tones > 1) return false;
  return rules().syllable.test(nfd.replace(TONES, "").normalize("NFC"));
}

type Verdict = "good" | "bad" | "neutral";

const BAD_CHAR = /[\p{Co}\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Verdicts of words seen before (a page repeats its syllables; bounded so a hostile file cannot grow it). */
const verdicts = new Map<string, Verdict>();

function judge(token: string): Verdict {
  let v = verdicts.get(token);
  if (v === undefined) {
    v = judgeWord(token);
    if (verdicts.size >= 50_000) verdicts.clear();
    verdicts.set(token, v);
  }
  return v;
}

function judgeWord(token: string): Verdict {
  if (BAD_CHAR.test(token)) return "bad";
  if (!/\p{L}/u.test(token)) return "neutral";
  if (/\p{N}/u.test(token)) {
    // Codes: capitals then digits ("PC06", "QĐ932"), digits then a letter ("12a", "2025NĐ").
    if (/^\p{Lu}+\p{N}+$/u.test(token) || /^\p{N}+\p{L}{0,3}$/u.test(token)) return "neutral";
    return "bad";
  }
  if ([...token].length === 1) return "neutral";
  const lower = token.toLowerCase();
  const upper = token.toUpperCase();
  const capitalised = token[0] + token.slice(1).toLowerCase() === token;
  if (token !== lower && token !== upper && !capitalised) return "bad";
  if (isSyllable(lower)) return "good";
  return token === upper ? "neutral" : "bad";
}

/** A page's text-layer quality: the share of scored words that are syllables, and how many were scored. */
export interface TextQuality {
  score: number;
  words: number;
}

/** What a word is made of: letters, digits, marks, private-use and replacement characters, control characters. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Co}\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const WORD_SPLIT = /[^\p{L}\p{N}\p{M}\p{Co}\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]+/u;
/** Per UTF-16 unit outside the surrogates: 1 a word character, 2 not, 0 not known yet. */
const unitKind = new Uint8Array(0x10000);

/**
 * The words of a text: its runs of WORD_CHAR (what splitting at WORD_SPLIT gives, empty pieces
 * left out), found through unitKind; a text with surrogate pairs is split with the expression.
 */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdfff) return text.split(WORD_SPLIT).filter((t) => t !== "");
    let k = unitKind[u];
    if (k === 0) k = unitKind[u] = WORD_CHAR.test(text[i]) ? 1 : 2;
    if (k === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/** Score the text of a page (its runs' strings). */
export function textQuality(texts: readonly string[]): TextQuality {
  let good = 0;
  let bad = 0;
  for (const text of texts)
    for (const token of wordsOf(text.normalize("NFC"))) {
      // Only \v and \f among the word characters are whitespace.
      const first = token.charCodeAt(0);
      if ((first === 0x0b || first === 0x0c) && /^\s+$/u.test(token)) continue;
      const v = judge(token);
      if (v === "good") good++;
      else if (v === "bad") bad++;
    }
  const words = good + bad;
  return { score: words ? good / words : 1, words };
}

/** True when the page has enough words for a verdict and too few of them are syllables. */
export function isGarbled(q: TextQuality): boolean {
  const r = rules();
  return q.words >= r.minimumWords && q.score < r.threshold;
}

/** The rule id messages about text-layer quality carry, and the threshold (for messages). */
export function qualityRule(): { id: string; threshold: number } {
  const r = rules();
  return { id: r.id, threshold: r.threshold };
}
