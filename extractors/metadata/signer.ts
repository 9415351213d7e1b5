import { fold } from "../../src/rules/fold.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

/** The signature block: the signing-title lines and the name under them. */
export interface Signature {
  /** Title lines as printed, joined with " / ": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  title: string;
  /** The name without a rank; null when the block prints no name (a draft). */
  name: string | null;
  titleLine: TextLine;
  nameLine: TextLine | null;
}

const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/**
 * A signing-title line (DOMAIN.md "Signature"): a prefix TM./KT./TL./TUQ./Q. followed by any
 * capitals ("TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH"), or a whole line that is an office title
 * ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC"). "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …" under a decision's title is
 * not one: the title must be the whole line.
 */
export function isSigningTitle(raw: string): boolean {
  const text = stripNoise(raw);
  if (!isCaps(text)) return false;
  const r = metadataRules();
  const key = fold(text).replace(/[\s.:]+$/, "");
  const m = r.signingPrefix.exec(key);
  if (m) return key.length > m[0].length;
  return r.signingTitle.test(key);
}

/**
 * A title line as printed ("TL.CHỦ TỊCH" stays: LABELING.md, upper case as printed), spaces
 * collapsed, OCR residue before it dropped; the words after the prefix take the rules'
 * spelling when they fold to it ("GIÁM ĐÓC" of a scan → "GIÁM ĐỐC").
 */
function tidyTitle(text: string): string {
  const t = stripNoise(text).replace(/\s+/g, " ");
  const m = metadataRules().signingPrefix.exec(fold(t));
  const prefix = m ? t.slice(0, m[0].length) : "";
  const rest = t.slice(prefix.length);
  const spelled = metadataRules().raw.signing.spellings.find((s) => fold(s) === fold(rest));
  return `${prefix}${spelled ?? rest}`.trim();
}

/** OCR and quoting residue around a line of the signature block ('"THỦ TƯỚNG', '“ Nguyễn Văn A'). */
function stripNoise(text: string): string {
  const t = text.replace(/^[^\p{L}]+/u, "");
  return t.slice(0, keptEnd(t)).trim();
}

const LETTER_OR_DOT = /^[\p{L}.]$/u;

/**
 * Where `[^\p{L}.]+$` would start in `t` (t.length when nothing trails): the end after its last
 * letter or full stop, found stepping back by code point (the expression, anchored at the end,
 * is tried from every position of the line).
 */
function keptEnd(t: string): number {
  let i = t.length;
  while (i > 0) {
    let start = i - 1;
    const u = t.charCodeAt(start);
    if (u >= 0xdc00 && u <= 0xdfff && start > 0) {
      const hi = t.charCodeAt(start - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) start--;
    }
    if (LETTER_OR_DOT.test(t.slice(start, i))) return i;
    i = start;
  }
  return 0;
}

/**
 * The name without a military or police rank printed before it ("Đại tá Lê Văn Bình" →
 * "Lê Văn Bình"; rules signing.ranks).
 */
export function withoutRank(text: string): string {
  const t = stripNoise(text).replace(/\.$/, "");
  const key = fold(t);
  const rank = metadataRules().ranks.find((r) => key.startsWith(`${r} `));
  return rank ? t.slice(rank.length).trim() : t;
}

/**
 * A post printed between the signing space and the name ("PHÓ CHỦ TỊCH UBND TỈNH"): a line in
 * capitals that starts with an office title and goes on; not part of the title nor the name.
 */
function isPost(text: string): boolean {
  if (!isCaps(text)) return false;
  const key = fold(text);
  return metadataRules().raw.signing.titles.some((t) => key.startsWith(`${t} `));
}

/**
 * A person's name as printed under a signature: 2–6 words, each capitalised ("Nguyễn Minh
 * Khâm") or all in capitals, letters only.
 */
export function isPersonName(text: string): boolean {
  // An appendix heading in capitals ("PHỤ LỤC 1", "BIỂU MẪU") right after an unsigned block.
  if (metadataRules().notName.test(fold(text)) || isPost(text) || isSigningTitle(text)) return false;
  const words = withoutRank(text).split(/\s+/);
  if (words.length < 2 || words.length > 6 || text.length > 50) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}]*$/u.test(w) || /^\p{Lu}+$/u.test(w));
}

/**
 * The signature block: a run of signing-title lines followed (after "(Đã ký)"-like lines) by a
 * name. The run nearest after the "Nơi nhận" line wins, since the signature sits beside or
 * under the recipients; without recipients, the first run that is followed by a name.
 */
export function findSignature(lines: TextLine[], recipientsAt: number | null): Signature | null {
  const r = metadataRules();
  const found: (Signature & { at: number })[] = [];
  // isSigningTitle of each line, asked once (every line is asked, most of them twice).
  const titleAt: (boolean | undefined)[] = [];
  const isTitle = (k: number): boolean => (titleAt[k] ??= isSigningTitle(lines[k].text));
  for (let i = 0; i < lines.length; i++) {
    if (!isTitle(i) || (i > 0 && isTitle(i - 1))) continue;
    const titles: TextLine[] = [];
    let j = i;
    while (j < lines.length && isTitle(j)) titles.push(lines[j++]);
    // "TL. BỘ TRƯỞNG" / "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "TUQ. CHỦ TỊCH" / "GIÁM ĐỐC SỞ NỘI VỤ": when
    // every line so far names only the authority signed for (a prefix), the capitals line right
    // under it that opens with an office title is the title held, with its unit (NĐ 30/2020,
    // Phụ lục I); a post printed after a plain title ("PHÓ CHỦ TỊCH UBND TỈNH") is not.
    if (j < lines.length && titles.every((t) => r.signingPrefix.test(fold(stripNoise(t.text)))) && isPost(lines[j].text)) titles.push(lines[j++]);
    // Between the titles and the name: "(Đã ký)", the post held ("PHÓ CHỦ TỊCH UBND TỈNH"), and
    // recipients lines when two columns laid out with spaces are read one after the other.
    let skipped = 0;
    while (
      j < lines.length &&
      skipped < MAX_SKIPPED &&
      (r.signingSkip.some((re) => re.test(fold(lines[j].text))) || isPost(lines[j].text) || isRecipientLine(lines[j]) || isResidue(lines[j].text))
    ) {
      j++;
      skipped++;
    }
    const title = titles.map((t) => tidyTitle(t.text)).join(" / ");
    if (j < lines.length && isPersonName(lines[j].text))
      found.push({ title, name: withoutRank(lines[j].text), titleLine: titles[0], nameLine: lines[j], at: i });
    else if (!titles.every((t) => r.signingTitle.test(fold(t.text).replace(/[\s.:]+$/, "")) && !t.layout && !t.bold))
      // A block with no printed name (a draft): the title alone, when it looks like a signature
      // block (a layout cell, bold, or an authority prefix) rather than a word in the body.
      found.push({ title, name: null, titleLine: titles[0], nameLine: null, at: i });
  }
  if (found.length === 0) return null;
  const after = recipientsAt === null ? undefined : found.find((f) => f.at > recipientsAt - 3 && f.name !== null) ?? found.find((f) => f.at > recipientsAt - 3);
  const { at: _at, ...sig } = after ?? found.find((f) => f.name !== null) ?? found[0];
  return sig;
}

/** How many lines may sit between the signing titles and the name. */
const MAX_SKIPPED = 10;

/** A recipients entry ("- Như trên;", "- Lưu: VT, NC.") read between the titles and the name. */
function isRecipientLine(l: TextLine): boolean {
  // "- Vụ/Ban TCCB, đ/v thường trực CCHC" / "của các bộ, …;": an entry and its wrapped rest.
  return /^\s*[-+•–]\s*\S/u.test(l.text) || /^luu\s*:/u.test(l.key) || /^\p{Ll}/u.test(l.text);
}

/** A line of two letters or fewer ("C", "2%", "Ế NT" is not): a speck of a seal or a pen stroke that a scan's OCR read between the title and the name. */
function isResidue(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length <= 2;
}
