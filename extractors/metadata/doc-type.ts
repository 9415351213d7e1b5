import type { Document } from "../../src/model/document.js";
import { fold, foldKeepLength } from "../../src/rules/fold.js";
import { isLayoutTable } from "../../src/tables/layout.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

/** The document-type line and the title lines printed under it. */
export interface TitleBlock {
  /** Document type as printed ("BÁO CÁO"), trailing ":" removed. */
  docType: string;
  /** Rule id of the type (rules/metadata.json docTypes). */
  docTypeId: string;
  /** Index in the lines array of the document-type line. */
  at: number;
  /** The title lines under it ("Kết quả công tác cải cách hành chính Quý I năm 2024"). */
  title: TextLine[];
  /** Index of the first line after the title block. */
  end: number;
  /**
   * Words printed after the type name on its line that qualify the type rather than start the
   * subject ("CHƯƠNG TRÌNH HỘI NGHỊ", "ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)"), or null.
   */
  qualifier: string | null;
}

const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();
/** The title sits near the top: a doc-type word further down is an attached document's (002's KẾ HOẠCH). */
const MAX_TITLE_LINE = 40;
const MAX_TITLE_LINES = 5;
const MAX_TITLE_CHARS = 250;

/**
 * Finds the main document's type line: the first line, before the first data table and within
 * the top of the document, that is exactly a document-type word in capitals ("BÁO CÁO",
 * "QUYẾT ĐỊNH"). The first one wins, so the KẾ HOẠCH attached to a QUYẾT ĐỊNH (the decision
 * issues the plan) is not taken. Then collects the title lines under it up to a heading, a "Căn cứ" /
 * "Kính gửi" / "Thực hiện" paragraph, a sentence (a line ending in ".", ":" or ";"), a line in
 * capitals (the issuing authority of a decision), or a long paragraph (rules/metadata.json
 * period.titleStop).
 */
export function findTitleBlock(doc: Document, lines: TextLine[]): TitleBlock | null {
  const r = metadataRules();
  // A one-row box ("Dự thảo" stamped above the type name, a "Kính gửi" row) is not a data table.
  const firstTable = doc.blocks.findIndex((b) => b.kind === "table" && !isLayoutTable(b) && b.rows.length > 1);
  for (let i = 0; i < lines.length && i < MAX_TITLE_LINE; i++) {
    const l = lines[i];
    if (firstTable >= 0 && l.block >= firstTable) break;
    if (l.layout || !isCaps(l.text)) continue;
    const key = fold(l.text).replace(/[\s:.]+$/, "");
    // "BÁO CÁO" on its own line, or "BÁO CÁO KẾT QUẢ CÔNG TÁC …" with the subject on the same line.
    const type = r.docTypes.find((d) => key === d.key || key.startsWith(`${d.key} `));
    if (!type) continue;
    const typeText = l.text.slice(0, type.name.length);
    let rest = l.text.slice(type.name.length).trim();
    let qualifier: string | null = null;
    // "ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)": a parenthesised rest qualifies the type.
    if (/^\(.*\)$/u.test(rest)) [qualifier, rest] = [rest, ""];
    const title: TextLine[] = rest ? [{ ...l, text: rest, key: foldKeepLength(rest) }] : [];
    let j = i + 1;
    for (; j < lines.length && title.length < MAX_TITLE_LINES; j++) {
      const t = lines[j];
      const k = fold(t.text);
      // A title printed in capitals ("CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024") continues in
      // capitals; otherwise a line in capitals is the authority of a decision ("CHỦ TỊCH ỦY BAN
      // NHÂN DÂN PHƯỜNG …", sample 002) and ends the title.
      const capsTitle = isCaps(t.text) && title.every((x) => isCaps(x.text)) && !namesAuthority(k);
      if (t.layout || t.text.length > MAX_TITLE_CHARS || (isCaps(t.text) && !capsTitle) || r.period.titleStop.some((re) => re.test(k))) break;
      title.push(t);
    }
    // "CHƯƠNG TRÌNH HỘI NGHỊ" over a subject in sentence case: the capitals on the type line
    // name the kind of programme, the subject is the lines under it.
    if (rest && isCaps(rest) && title.length > 1 && !isCaps(title[1].text)) {
      qualifier = rest;
      title.shift();
    }
    return { docType: (rest || qualifier ? typeText : l.text).replace(/[\s:.]+$/, ""), docTypeId: type.id, at: i, title, end: j, qualifier };
  }
  return null;
}

/** A folded line that opens with an office title or a committee: the authority of a decision, not a title. */
function namesAuthority(key: string): boolean {
  const r = metadataRules();
  return r.raw.signing.titles.some((t) => key === t || key.startsWith(`${t} `)) || r.raw.committee.patterns.some((p) => new RegExp(`^(?:${p})\\b`, "u").test(key));
}

/** The document type a number's kind code names ("68/QĐ-UBND" → QUYẾT ĐỊNH, "52-CV/HNDT" → CÔNG VĂN), or null. */
export function docTypeFromCode(number: string | null): { name: string; id: string } | null {
  if (!number) return null;
  // A Party or mass-organisation number puts the kind before the slash ("52-CV/HNDT").
  const code = /^\d+-([\p{L}]+)\//u.exec(number)?.[1] ?? /\/\s*(?:\d{4}\s*\/\s*)?([\p{L}]+)/u.exec(number)?.[1];
  if (!code) return null;
  const t = metadataRules().docTypes.find((d) => d.codes.some((c) => fold(c) === fold(code)));
  return t ? { name: t.name, id: t.id } : null;
}

/**
 * A công văn prints no type line; its "V/v …" (về việc, subject) line in the header names it.
 * Returns the type and the line, or null.
 */
export function letterType(headerLines: TextLine[]): { name: string; id: string; line: TextLine } | null {
  const r = metadataRules();
  const line = headerLines.find((l) => r.letter.pattern.test(l.key)) ?? ocrLetterLine(headerLines);
  const type = r.docTypes.find((d) => d.id === r.letter.docTypeId);
  return line && type ? { name: type.name, id: type.id, line } : null;
}

/**
 * The "V/v" line as OCR may read it ("VA cứ đại diện …"): only the line right under the number
 * line, in the same column of the header block, where nothing else is printed.
 */
function ocrLetterLine(headerLines: TextLine[]): TextLine | undefined {
  const r = metadataRules();
  const at = headerLines.findIndex((l) => r.numberLine.test(l.key));
  const next = at >= 0 ? headerLines[at + 1] : undefined;
  if (!next || next.block !== headerLines[at].block || next.column !== headerLines[at].column) return undefined;
  return r.letter.ocr.test(next.key) ? next : undefined;
}
