/**
 * How Vietnamese a piece of text looks: the measure used to choose between candidate decodings
 * of the same bytes (UTF-8, Windows-1258, TCVN3, VNI) and to spot TCVN3/VNI mojibake in text that
 * is valid UTF-8. A right decoding turns words into valid Vietnamese syllables ("Báo cáo"); a
 * wrong one leaves symbols inside words ("B¸o c¸o") or letters Vietnamese does not use ("chaøo").
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

// Written syllable = initial consonant? + vowel nucleus + final consonant? (standard Vietnamese
// orthography; "qu" and "gi" count as initials, so "quá", "giá" parse).
const INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]";
const NUCLEI = [
  "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "uêu",
  "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo",
  "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê",
  "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
].join("|");
const FINAL = "ch|nh|ng|[cmnpt]";
const SYLLABLE = new RegExp(`^(?:${INITIAL})?(?:${NUCLEI})(${FINAL})?$`);

/** Everyday words of these reports; a decoding that produces them is very likely right. */
const COMMON = new Set(
  "và của các báo cáo hành chính cải cách công tác thủ tục được đã trong năm người theo với cho có không số đơn vị tỉnh huyện xã thực hiện kết quả về những một này tại đến từ quản lý nhà nước cấp sở ban ngành ủy nhân dân".split(
    " ",
  ),
);

/**
 * True for a lowercase NFC word that is a possible Vietnamese syllable: at most one tone mark,
 * a valid initial + nucleus + final, and syllables ending in -c, -ch, -p, -t carrying only the
 * sắc or nặng tone (the phonotactic rule that rejects "tèt", a TCVN3 misreading of "tốt").
 */
export function isVietnameseSyllable(word: string): boolean {
  const d = word.normalize("NFD");
  const tones = d.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  const base = d.replace(TONE_MARKS, "").normalize("NFC");
  const m = SYLLABLE.exec(base);
  if (!m) return false;
  if (m[1] && /^(c|ch|p|t)$/.test(m[1]) && tones.length === 1 && tones[0] !== "\u0301" && tones[0] !== "\u0323") return false;
  return true;
}

/** Tally of the words that distinguish one decoding from another (those with non-ASCII characters). */
export interface VietnameseScore {
  /** Words with a non-ASCII character that are valid Vietnamese syllables. */
  valid: number;
  /** Words with a non-ASCII character that are not (symbols inside words, foreign letters, U+FFFD). */
  invalid: number;
  /** Words from the list of everyday report words ("và", "của", "báo cáo"…). */
  common: number;
}

/** Scores text for choosing a decoding; higher `scoreValue` means more Vietnamese-looking. */
export function scoreVietnamese(text: string): VietnameseScore {
  const s: VietnameseScore = { valid: 0, invalid: 0, common: 0 };
  for (const raw of text.split(/\s+/)) {
    // Punctuation and digits around a word ("(báo", "cáo,", "1.") do not belong to it.
    const word = raw.replace(/^[\p{P}\p{N}\p{S}]+|[\p{P}\p{N}]+$/gu, "").toLowerCase();
    if (!word) continue;
    if (COMMON.has(word)) s.common++;
    if (!/[^\x00-\x7f]/.test(word)) continue;
    if (/^[\p{L}\p{M}]+$/u.test(word) && isVietnameseSyllable(word)) s.valid++;
    else s.invalid++;
  }
  return s;
}

/** One number per score: valid words count, invalid words count against, common words add half. */
export function scoreValue(s: VietnameseScore): number {
  return s.valid - s.invalid + 0.5 * s.common;
}
