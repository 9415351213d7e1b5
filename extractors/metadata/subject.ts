import { fold, foldKeepLength } from "../../src/rules/fold.js";
import type { TitleBlock } from "./doc-type.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

/** The trích yếu (subject) and the lines it was read from. */
export interface Subject {
  /** Lines joined with one space, "V/v" / "Về việc" and trailing punctuation dropped. */
  text: string;
  lines: TextLine[];
}

const MOTTO = /\s*(CỘNG\s+H[OÒ]A|Độc\s+lập|ĐỘC\s+LẬP)[\s\S]*$/u;
/** A V/v subject is a few short lines under the number (NĐ 30/2020, Phụ lục I: "V/v …" in 12–13 pt). */
const MAX_LETTER_LINES = 8;
const MAX_LETTER_LINE_CHARS = 160;
const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/** Joins subject lines and drops the leading "Về việc" / "V/v" and the trailing punctuation. */
export function tidySubject(parts: string[]): string | null {
  const lead = metadataRules().subject.lead;
  let text = parts.join(" ").replace(/\s+/g, " ").trim();
  const m = lead.exec(foldKeepLength(text));
  if (m) text = text.slice(m[0].length);
  text = text.replace(/[\s.,;:]+$/u, "").trim();
  return text || null;
}

/**
 * The subject under the type name: the title lines, without a parenthesised line that follows
 * them ("(Từ ngày … đến ngày …)", "(Kèm theo …)"), which is a note, not the subject.
 */
export function titleSubject(title: TitleBlock): Subject | null {
  const lines: TextLine[] = [];
  for (const l of title.title) {
    if (lines.length && /^\(/u.test(l.text.trim())) break;
    lines.push(l);
  }
  const text = tidySubject(lines.map((l) => l.text));
  return text ? { text, lines } : null;
}

/**
 * A công văn's subject: the "V/v" line and the lines that continue it (in the same layout cell,
 * or the short paragraphs under it) up to the salutation "Kính gửi", the body, another column
 * of the header, the motto or the place-and-date line.
 */
export function letterSubject(lines: TextLine[], at: number): Subject | null {
  const r = metadataRules();
  const head = lines[at];
  const picked: TextLine[] = [head];
  for (let i = at + 1; i < lines.length && picked.length < MAX_LETTER_LINES; i++) {
    const l = lines[i];
    const k = fold(l.text);
    if (head.layout ? !(l.layout && l.block === head.block && l.column === head.column) : l.layout) break;
    // "Thực hiện …" opens the body, but "thực hiện …" in lower case goes on with the V/v line.
    if ((r.subject.stop.some((re) => re.test(k)) && !/^\p{Ll}/u.test(l.text)) || r.numberLine.test(k) || /^[^,]{2,60},\s*ngay\b/u.test(k) || MOTTO.test(l.text.slice(0, 12))) break;
    if (l.text.length > MAX_LETTER_LINE_CHARS || l.listItem || isCaps(l.text)) break;
    picked.push(l);
  }
  const texts = picked.map((l) => l.text.replace(MOTTO, ""));
  // "VA cứ đại diện …": the OCR reading of "V/v" goes as "V/v" would.
  const ocr = r.letter.pattern.test(head.key) ? null : r.letter.ocr.exec(head.key);
  if (ocr) texts[0] = texts[0].slice(ocr[0].length);
  const text = tidySubject(texts);
  return text ? { text, lines: picked } : null;
}

/** A form's labelled subject field ("2. Trích yếu: V/v …", a phiếu trình), in the first lines. */
export function fieldSubject(lines: TextLine[]): Subject | null {
  const re = metadataRules().subject.field;
  for (const l of lines.slice(0, 60)) {
    const m = re.exec(l.key);
    if (!m) continue;
    const text = tidySubject([l.text.slice(m[0].length)]);
    if (text) return { text, lines: [l] };
  }
  return null;
}

/**
 * A document printed without a type name (a summary, a score sheet): its opening lines in
 * capitals before any heading, numbered line or table are its title ("TÓM TẮT TRỌNG TÂM …").
 */
export function untypedTitle(lines: TextLine[]): Subject | null {
  const picked: TextLine[] = [];
  for (const l of lines.slice(0, 8)) {
    if (l.layout || !isCaps(l.text) || /^([ivxlc]+|\d+)\s*[.)]\s/u.test(fold(l.text))) break;
    if (picked.length && l.block !== picked[picked.length - 1].block + 1 && l.block !== picked[picked.length - 1].block) break;
    picked.push(l);
    if (picked.length >= 5) break;
  }
  const text = tidySubject(picked.map((l) => l.text));
  return text ? { text, lines: picked } : null;
}
