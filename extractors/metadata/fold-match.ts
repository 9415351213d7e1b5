import type { TextLine } from "./lines.js";

/** A regex match on a line's folded key, with the printed text of the match. */
export interface LineMatch {
  line: TextLine;
  /** The RegExp match on the folded key (groups are folded). */
  m: RegExpExecArray;
  /** The printed text of the whole match. */
  text: string;
}

/**
 * Runs `re` on the folded key of a line and maps the match back to the printed text; the key
 * and text have the same length (foldKeepLength), so indices carry over.
 */
export function matchLine(line: TextLine, re: RegExp): LineMatch | null {
  re.lastIndex = 0;
  const m = re.exec(line.key);
  if (!m) return null;
  return { line, m, text: line.text.slice(m.index, m.index + m[0].length) };
}

/**
 * The printed text of capture group `g` of a match made on a folded key. The RegExp needs the
 * "d" flag (match indices); without it the group is located by search inside the match.
 */
export function printedGroup(text: string, key: string, m: RegExpExecArray, g: number): string | null {
  if (m[g] === undefined) return null;
  const at = m.indices?.[g]?.[0] ?? key.indexOf(m[g], m.index);
  return at < 0 ? null : text.slice(at, at + m[g].length);
}
