import { fold } from "../../src/rules/fold.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

/** The signature block: the signing-title lines and the name under them. */
export interface Signature {
  /** Title lines joined with " / ": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  title: string;
  name: string;
  titleLine: TextLine;
  nameLine: TextLine;
}

const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/**
 * A signing-title line (DOMAIN.md "Signature"): a prefix TM./KT./TL./TUQ./Q. followed by any
 * capitals ("TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH"), or a whole line that is an office title
 * ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC"). "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …" under a decision's title is
 * not one: the title must be the whole line.
 */
export function isSigningTitle(text: string): boolean {
  if (!isCaps(text)) return false;
  const r = metadataRules();
  const key = fold(text).replace(/[\s.:]+$/, "");
  const m = r.signingPrefix.exec(key);
  if (m) return key.length > m[0].length;
  return r.signingTitle.test(key);
}

/** "KT.CHỦ TỊCH" → "KT. CHỦ TỊCH": one space after the prefix dot. */
function tidyTitle(text: string): string {
  return text.replace(/^(TM|KT|TL|TUQ|Q)\s*\.\s*/u, "$1. ").replace(/\s+/g, " ").trim();
}

/**
 * A person's name as printed under a signature: 2–6 words, each capitalised ("Nguyễn Minh
 * Khâm") or all in capitals, letters only.
 */
export function isPersonName(text: string): boolean {
  // An appendix heading in capitals ("PHỤ LỤC 1", "BIỂU MẪU") right after an unsigned block.
  if (metadataRules().notName.test(fold(text))) return false;
  const words = text.trim().split(/\s+/);
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
  for (let i = 0; i < lines.length; i++) {
    if (!isSigningTitle(lines[i].text) || (i > 0 && isSigningTitle(lines[i - 1].text))) continue;
    const titles: TextLine[] = [];
    let j = i;
    while (j < lines.length && isSigningTitle(lines[j].text)) titles.push(lines[j++]);
    while (j < lines.length && r.signingSkip.some((re) => re.test(fold(lines[j].text)))) j++;
    if (j >= lines.length || !isPersonName(lines[j].text)) continue;
    found.push({ title: titles.map((t) => tidyTitle(t.text)).join(" / "), name: lines[j].text.trim(), titleLine: titles[0], nameLine: lines[j], at: i });
  }
  if (found.length === 0) return null;
  const after = recipientsAt === null ? undefined : found.find((f) => f.at > recipientsAt);
  const { at: _at, ...sig } = after ?? found[0];
  return sig;
}
