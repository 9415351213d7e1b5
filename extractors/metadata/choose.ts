import { docTypeFromCode, letterType, type TitleBlock } from "./doc-type.js";
import { authorityUnit, captionUnit, frequentUnit, headerUnits, sameUnit, selfReferenceUnit, type FoundUnit } from "./issuer.js";
import type { TextLine } from "./lines.js";
import type { Caption, findNumberLine, findPlaceDate } from "./number-date.js";
import type { Notes } from "./notes.js";

/**
 * Choosing one value per field when several places state it, and saying so in messages. The
 * readers (doc-type.ts, number-date.ts, issuer.ts …) find candidates; these functions rank them.
 */

/**
 * The document type: the type line, else the "V/v" subject line of a công văn, else the kind
 * code of the number ("68/QĐ-UBND" → QUYẾT ĐỊNH), with an info message for the last two.
 */
export function chooseDocType(
  title: TitleBlock | null,
  lines: TextLine[],
  headerLines: TextLine[],
  numberLine: ReturnType<typeof findNumberLine>,
  captions: Caption[],
  notes: Notes,
): { docType: string | null; docTypeId: string | null } {
  if (title) {
    notes.source("docType", lines[title.at]);
    return { docType: title.docType, docTypeId: title.docTypeId };
  }
  const letter = letterType(headerLines);
  if (letter) {
    notes.source("docType", letter.line);
    notes.note("info", "metadata.docType.from-subject-line", `No document-type line; the "V/v" subject line makes it a ${letter.name}.`, letter.line);
    return { docType: letter.name, docTypeId: letter.id };
  }
  const numbered = numberLine?.number.value ? numberLine.line : captions.find((c) => c.number?.value)?.line;
  const byCode = docTypeFromCode(numberLine?.number.value ?? captions.find((c) => c.number?.value)?.number?.value ?? null);
  if (byCode) {
    notes.source("docType", numbered);
    notes.note("info", "metadata.docType.from-number", `No document-type line; "${byCode.name}" is inferred from the number's kind code.`, numbered);
    return { docType: byCode.name, docTypeId: byCode.id };
  }
  return { docType: null, docTypeId: null };
}

/**
 * The number: the header's "Số:" line, else the main document's appendix caption ("Kèm theo
 * Báo cáo số 63/BC-UBND …", for a report whose header was not kept). A blank number ("Số:   /BC-UBND") is null with an info message; a caption that
 * disagrees with the header gives a warning.
 */
export function chooseNumber(numberLine: ReturnType<typeof findNumberLine>, captions: Caption[], notes: Notes): string | null {
  let number: string | null = null;
  if (numberLine) {
    number = numberLine.number.value;
    notes.source("number", numberLine.line);
    const cap = captions.find((c) => c.number?.value);
    if (number && cap?.number?.value && cap.number.value !== number)
      notes.note("warning", "metadata.number.conflict", `The header says "${number}" but the appendix caption says "${cap.number.value}".`, cap.line, { actual: cap.number.value, expected: number });
  } else {
    const cap = captions.find((c) => c.number?.value) ?? captions.find((c) => c.number);
    if (cap?.number) {
      number = cap.number.value;
      notes.source("number", cap.line);
      notes.note("info", "metadata.number.from-caption", "No header block number; the number is read from the appendix caption.", cap.line);
    }
  }
  if (number === null && (numberLine || captions.some((c) => c.number)))
    notes.note("info", "metadata.number.blank", "The document number is left blank (a draft or an unnumbered copy).", numberLine?.line ?? captions[0]?.line);
  return number;
}

/**
 * The date of issue: the place-and-date line, else the main document's caption ("ngày
 * 04/6/2024"). A day left blank ("ngày /12/2024", "ngày   tháng 3") gives null and an info
 * message: month and year alone are not a date (the day is filled in at signing).
 */
export function chooseDate(placeDate: ReturnType<typeof findPlaceDate>, captions: Caption[], notes: Notes): string | null {
  if (placeDate?.date) {
    notes.source("date", placeDate.line);
    return placeDate.date;
  }
  const cap = captions.find((c) => c.date) ?? captions.find((c) => c.hasDate);
  if (cap?.date) {
    notes.source("date", cap.line);
    if (!placeDate) notes.note("info", "metadata.date.from-caption", "No place-and-date line; the date is read from the appendix caption.", cap.line);
    return cap.date;
  }
  if (placeDate || cap) notes.note("info", "metadata.date.blank", "The date of issue is printed without a day (left blank).", placeDate?.line ?? cap?.line);
  return null;
}

/**
 * The issuer, from the most formal statement: the header block's last unit, the authority
 * line under a decision's title, the caption "… của <unit>", the report's own sentence. When
 * none names a unit, the body's most named unit of the caption's type (info) or of any type
 * (warning). Two named sources of the same level that disagree give a warning.
 */
export function chooseIssuer(
  headerLines: TextLine[],
  lines: TextLine[],
  title: TitleBlock | null,
  captions: Caption[],
  selfLines: TextLine[],
  notes: Notes,
  opts: { body: TextLine[]; report: boolean } = { body: [], report: true },
): { issuer: FoundUnit | null; parents: FoundUnit[]; header: boolean } {
  const header = headerUnits(headerLines, opts.body);
  const authority = title ? authorityUnit(lines.slice(title.end, title.end + 3)) : null;
  const caption = captionUnit(captions);
  const self = selfReferenceUnit(selfLines);
  const named = [header[header.length - 1], authority, caption?.unit.name ? caption : null, self].filter((u): u is FoundUnit => Boolean(u));
  let issuer: FoundUnit | null = named[0] ?? null;
  // The body's most named unit stands for the issuer only in a report printed without its
  // header (a text export): an appendix, a programme or a handout without a header has none
  // (LABELING.md "A document without a header block").
  if (!issuer && header.length === 0 && opts.report) {
    // "của UBND xã" names only the unit type: take the body's most named unit of that type.
    const typed = caption?.unit ?? null;
    const found = frequentUnit(lines, (u) => (typed ? u.typeWord === typed.typeWord && u.kind === typed.kind : true));
    if (found) {
      issuer = { ...found, how: typed ? "inferred" : "frequent" };
      const among = typed ? ` among those of type "${typed.typeWord ?? typed.text}"` : "";
      notes.note(typed ? "info" : "warning", typed ? "metadata.issuer.inferred" : "metadata.issuer.guessed", `The issuer "${found.unit.text}" is the unit the text names most often${among}.`, found.line);
    }
  }
  for (const other of named.slice(1))
    if (issuer && !sameUnit(issuer.unit, other.unit) && other.unit.level === issuer.unit.level)
      notes.note("warning", "metadata.issuer.conflict", `The ${issuer.how} names "${issuer.unit.text}" but the ${other.how} names "${other.unit.text}".`, other.line, {
        actual: other.unit.text,
        expected: issuer.unit.text,
      });
  return { issuer, parents: header.slice(0, -1), header: header.length > 0 };
}
