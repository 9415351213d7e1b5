/**
 * Accent- and case-insensitive form of Vietnamese text for matching rules against labels:
 * NFD, combining marks removed, đ→d, lowercase, whitespace collapsed.
 *
 * Both folds run per UTF-16 unit through a table filled on first sight of each character
 * (folding is the inner loop of sections, metadata, catalog matching and the search index, and
 * `normalize("NFD")` per string or per character dominated them). Characters whose folding
 * depends on their neighbours (surrogate pairs, Greek capital sigma, which lowercases by
 * position) send the string down the direct path. src/rules/fold.test.ts holds both to it.
 */
export function fold(s: string): string {
  let out = "";
  let space = false; // a whitespace run is pending (written as one " " before the next character)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = FOLDED[c] ?? learn(c);
    if (f === SPACE) {
      space = true;
      continue;
    }
    if (f === CONTEXTUAL) return foldDirect(s);
    if (f === "") continue; // a combining mark: gone, and it must not split a whitespace run
    if (space) {
      if (out) out += " ";
      space = false;
    }
    out += f;
  }
  return out;
}

/**
 * Like fold() but one output character per input UTF-16 unit (no whitespace collapsing), so a
 * match position in the folded string is the same position in the original.
 */
export function foldKeepLength(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = KEEP_LENGTH[c] ?? (learn(c), KEEP_LENGTH[c]);
    if (f === CONTEXTUAL) return foldKeepLengthDirect(s);
    out += f;
  }
  return out;
}

/** The definitions the tables are filled from (and the path for contextual characters). */
export function foldDirect(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function foldKeepLengthDirect(s: string): string {
  let out = "";
  for (const ch of s) {
    const base = ch === "đ" || ch === "Đ" ? "d" : ch.normalize("NFD")[0].toLowerCase();
    out += base.length === ch.length ? base : base.padEnd(ch.length, " ");
  }
  return out;
}

const SPACE = "\u0000space";
const CONTEXTUAL = "\u0000contextual";
/** fold() of each UTF-16 unit: its folded text, "" for a combining mark, SPACE or CONTEXTUAL. */
const FOLDED: string[] = new Array(0x10000);
/** foldKeepLength() of each UTF-16 unit (one character), or CONTEXTUAL. */
const KEEP_LENGTH: string[] = new Array(0x10000);

function learn(c: number): string {
  const ch = String.fromCharCode(c);
  if ((c >= 0xd800 && c <= 0xdfff) || c === 0x3a3 || hasReorderableMark(ch)) {
    FOLDED[c] = CONTEXTUAL;
    KEEP_LENGTH[c] = CONTEXTUAL;
  } else {
    FOLDED[c] = /\s/.test(ch) ? SPACE : foldUnit(ch);
    KEEP_LENGTH[c] = foldKeepLengthDirect(ch);
  }
  return FOLDED[c];
}

/**
 * NFD puts combining marks of a character sequence in canonical order across character
 * boundaries; marks other than U+0300–U+036F survive folding, so their order could differ
 * between folding a string and folding its characters one by one.
 */
function hasReorderableMark(ch: string): boolean {
  return /[^\P{M}\u0300-\u036f]/u.test(ch.normalize("NFD"));
}

/** fold() of one non-space character, without trimming (a mark folds to ""). */
function foldUnit(ch: string): string {
  const f = ch
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
  // A character whose folded form holds whitespace or would be trimmed cannot be folded alone.
  return /\s/.test(f) ? CONTEXTUAL : f;
}
