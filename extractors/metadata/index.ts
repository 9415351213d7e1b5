import type { Document, Provenance } from "../../src/model/document.js";
import type { Message, Place, Result } from "../../src/model/message.js";
import { emptyMetadata, type Metadata } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { docTypeFromCode, findTitleBlock, letterType } from "./doc-type.js";
import { authorityUnit, captionUnit, findProvince, frequentUnit, headerUnits, sameUnit, selfReferenceUnit, type FoundUnit } from "./issuer.js";
import { documentLines, type TextLine } from "./lines.js";
import { findCaptions, findNumberLine, findPlaceDate } from "./number-date.js";
import { findPeriod } from "./period-choice.js";
import { findRecipients } from "./recipients.js";
import { metadataRules } from "./rules.js";
import { findSignature } from "./signer.js";

/** Context the metadata extractor reads besides the Document. */
export interface MetadataContext {
  file: string;
  tables: LogicalTable[];
  /** Index of the first block after the narrative (signature block, appendix). */
  narrativeEnd: number;
}

/** Lines above the document type (or at the very top when there is none) hold the header block. */
const HEADER_LINES_WITHOUT_TITLE = 8;

/**
 * Document metadata (CONTRACT.md "metadata"): type, number, date, issuer and its level,
 * parents, province, period, signer, recipients. Each field is read from where the forms put it
 * (header block — a layout table or the lines above the title —, title, appendix caption,
 * closing sentence, signature block), its provenance goes to `sources`, and a message records
 * a value that was inferred or sources that disagree.
 */
export function extractMetadata(doc: Document, ctx: MetadataContext): Result<Metadata> {
  const md = emptyMetadata();
  const messages: Message[] = [];
  const note = (severity: "info" | "warning", ruleId: string, reason: string, line: TextLine | null, extra: { actual?: unknown; expected?: unknown } = {}) =>
    messages.push({ severity, ruleId, reason, place: placeOf(ctx.file, line?.prov), ...extra });
  const source = (field: string, line: TextLine | null | undefined) => {
    if (line) md.sources[field] = line.prov;
  };

  const lines = documentLines(doc);
  const title = findTitleBlock(doc, lines);
  // Header zone: the lines above the title, plus any layout table before the narrative.
  const headerEnd = title ? title.at : Math.min(lines.length, HEADER_LINES_WITHOUT_TITLE);
  const headerLines = lines.filter((l, i) => i < headerEnd || (l.layout && (ctx.narrativeEnd <= 0 || l.block < ctx.narrativeEnd) && !isSignatureCell(l, lines)));

  // Number and date: the header block first, then the appendix caption of the main document.
  const numberLine = findNumberLine(headerLines);
  const captionsAll = findCaptions(lines);

  md.docType = title?.docType ?? null;
  let docTypeId = title?.docTypeId ?? null;
  source("docType", title ? lines[title.at] : null);
  if (!md.docType) {
    const byCode = docTypeFromCode(numberLine?.number.value ?? captionsAll[0]?.number?.value ?? null);
    const letter = byCode ? null : letterType(headerLines);
    if (letter) {
      md.docType = letter.name;
      docTypeId = letter.id;
      source("docType", letter.line);
      note("info", "metadata.docType.from-subject-line", `No document-type line; the "V/v" subject line makes it a ${letter.name}.`, letter.line);
    } else if (byCode) {
      md.docType = byCode.name;
      docTypeId = byCode.id;
      source("docType", numberLine?.line ?? captionsAll[0]?.line);
      note("info", "metadata.docType.from-number", `No document-type line; "${byCode.name}" is inferred from the number's kind code.`, numberLine?.line ?? captionsAll[0]?.line ?? null);
    }
  }
  // A caption that attaches an appendix to another kind of document is not about this one.
  const captions = captionsAll.filter((c) => !docTypeId || c.docTypeId === docTypeId);

  if (numberLine) {
    md.number = numberLine.number.value;
    source("number", numberLine.line);
    const cap = captions.find((c) => c.number?.value);
    if (md.number && cap?.number?.value && cap.number.value.replace(/\s/g, "") !== md.number)
      note("warning", "metadata.number.conflict", `The header says "${md.number}" but the appendix caption says "${cap.number.value}".`, cap.line, { actual: cap.number.value, expected: md.number });
  } else {
    const cap = captions.find((c) => c.number);
    if (cap?.number) {
      md.number = cap.number.value;
      source("number", cap.line);
      note("info", "metadata.number.from-caption", "No header block number; the number is read from the appendix caption.", cap.line);
    }
  }
  if (md.number === null && (numberLine || captions.some((c) => c.number)))
    note("info", "metadata.number.blank", "The document number is left blank (a draft or an unnumbered copy).", numberLine?.line ?? captions[0]?.line ?? null);

  const sig = findSignature(lines, findRecipients(lines)?.at ?? null);
  // Some reports print the place-and-date line just above the signature instead of in the header.
  const placeDate = findPlaceDate(headerLines) ?? (sig ? findPlaceDate(near(lines, sig.titleLine, 4)) : null);
  if (placeDate) {
    md.date = placeDate.date;
    source("date", placeDate.line);
  }
  if (!md.date) {
    const cap = captions.find((c) => c.date) ?? captions.find((c) => c.hasDate);
    if (cap?.date) {
      md.date = cap.date;
      source("date", cap.line);
      if (!placeDate) note("info", "metadata.date.from-caption", "No place-and-date line; the date is read from the appendix caption.", cap.line);
    } else if (placeDate || cap) note("info", "metadata.date.blank", "The date of issue is printed without a day (left blank).", placeDate?.line ?? cap?.line ?? null);
  }

  // Issuer: header block, the authority line of a decision, the caption, the report's own words.
  const selfLines = selfReferenceLines(lines, title?.end ?? 0);
  const header = headerUnits(headerLines);
  const authority = title ? authorityUnit(lines.slice(title.end, title.end + 3)) : null;
  const caption = captionUnit(captions);
  const self = selfReferenceUnit(selfLines);
  const named = [header[header.length - 1], authority, caption?.unit.name ? caption : null, self].filter((u): u is FoundUnit => Boolean(u));
  let issuer: FoundUnit | null = named[0] ?? null;
  if (!issuer) {
    // "của UBND xã" names only the unit type: take the body's most named unit of that type.
    const typed = caption?.unit ?? null;
    issuer = frequentUnit(lines, (u) => (typed ? u.typeWord === typed.typeWord && u.kind === typed.kind : true));
    if (issuer) {
      issuer = { ...issuer, how: typed ? "inferred" : "frequent" };
      note(typed ? "info" : "warning", typed ? "metadata.issuer.inferred" : "metadata.issuer.guessed", `The issuer "${issuer.unit.text}" is the unit the text names most often${typed ? ` among those of type "${typed.typeWord}"` : ""}.`, issuer.line);
    }
  }
  for (const other of named.slice(1))
    if (issuer && !sameUnit(issuer.unit, other.unit) && other.unit.level === issuer.unit.level)
      note("warning", "metadata.issuer.conflict", `The ${issuer.how} names "${issuer.unit.text}" but the ${other.how} names "${other.unit.text}".`, other.line, { actual: other.unit.text, expected: issuer.unit.text });
  if (issuer) {
    md.issuer = issuer.unit.text;
    md.unitLevel = issuer.unit.level;
    source("issuer", issuer.line);
    source("unitLevel", issuer.line);
  }
  const parents = header.slice(0, -1);
  md.parents = parents.map((p) => p.unit.text);
  if (parents.length) source("parents", parents[0].line);

  const province = findProvince(issuer, parents, lines);
  if (province) {
    md.province = province.name;
    source("province", province.line);
  }

  const period = findPeriod({ title, docTypeId, selfLines, lines, date: md.date, file: ctx.file });
  md.period = period.value;
  messages.push(...period.messages);
  if (period.line) source("period", period.line);

  const recipients = findRecipients(lines);
  if (recipients) {
    md.recipients = recipients.entries;
    source("recipients", recipients.line);
  }
  if (sig) {
    md.signer = sig.name;
    md.signerTitle = sig.title;
    source("signer", sig.nameLine);
    source("signerTitle", sig.titleLine);
  }
  for (const f of ["docType", "issuer", "signer"] as const)
    if (md[f] === null) note("warning", `metadata.${f}.missing`, `No ${f} was found.`, null);
  return { value: md, messages };

  function placeOf(file: string, prov: Provenance | undefined): Place {
    return { file, ...(prov?.page ? { page: prov.page } : {}), ...(prov?.line ? { line: prov.line } : {}) };
  }
}

/** The lines within `radius` of `line` (the signature block's neighbourhood). */
function near(lines: TextLine[], line: TextLine, radius: number): TextLine[] {
  const at = lines.indexOf(line);
  return at < 0 ? [] : lines.slice(Math.max(0, at - radius), at + radius + 1);
}

/** A layout-table line of the signature block (its table holds "Nơi nhận" or a signing title). */
function isSignatureCell(l: TextLine, lines: TextLine[]): boolean {
  const r = metadataRules();
  return lines.some((o) => o.block === l.block && (r.recipientsStart.test(o.key) || r.signingPrefix.test(o.key)));
}

/** How many lines after the title count as the opening paragraphs. */
const OPENING_LINES = 4;

/**
 * Sentences in which a report names its own period and unit (rules period.selfReference):
 * "Trên đây là báo cáo …" anywhere after the title, and "… báo cáo công tác …" in the opening
 * paragraphs (sample 004: "UBND xã Thượng Long báo cáo công tác CCHC quý III năm 2021").
 */
function selfReferenceLines(lines: TextLine[], from: number): TextLine[] {
  const p = metadataRules().period;
  return lines.filter(
    (l, i) => i >= from && !l.layout && (p.closing.some((x) => x.test(l.key)) || (i < from + OPENING_LINES && p.opening.some((x) => x.test(l.key)))),
  );
}
