import type { Document } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import { emptyMetadata, type Metadata } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { chooseDate, chooseDocType, chooseIssuer, chooseNumber } from "./choose.js";
import { findTitleBlock, letterType } from "./doc-type.js";
import { findProvince } from "./issuer.js";
import { documentLines, tableCellLines, type TextLine } from "./lines.js";
import { Notes } from "./notes.js";
import { fold } from "../../src/rules/fold.js";
import { findCaptions, findNumberLine, findPlaceDate } from "./number-date.js";
import { findPeriod } from "./period-choice.js";
import { findRecipients } from "./recipients.js";
import { metadataRules } from "./rules.js";
import { findSignature } from "./signer.js";
import { fieldSubject, letterSubject, titleSubject, untypedTitle, type Subject } from "./subject.js";

/** Context the metadata extractor reads besides the Document. */
export interface MetadataContext {
  file: string;
  tables: LogicalTable[];
  /** Index of the first block after the narrative (signature block, appendix). */
  narrativeEnd: number;
}

/** Lines at the very top hold the header block when no document-type line was found. */
const HEADER_LINES_WITHOUT_TITLE = 8;
/** How many lines after the title count as the opening paragraphs. */
const OPENING_LINES = 4;
/** How far from the signing title a place-and-date line printed above the signature may sit. */
const SIGNATURE_RADIUS = 4;

/**
 * Document metadata (the Metadata schema of src/model/records.ts): type, number, date, issuer and its level,
 * parents, province, period, signer, recipients. Each field is read from where the forms put it
 * (header block — a layout table or the lines above the title —, title, appendix caption,
 * closing sentence, signature block), its provenance goes to `sources`, and a message records
 * a value that was inferred or sources that disagree (choose.ts, period-choice.ts).
 */
export function extractMetadata(doc: Document, ctx: MetadataContext): Result<Metadata> {
  const md = emptyMetadata();
  const notes = new Notes(ctx.file);
  const lines = documentLines(doc);
  const title = findTitleBlock(doc, lines);
  const headerLines = headerZone(lines, title?.at ?? HEADER_LINES_WITHOUT_TITLE, ctx.narrativeEnd);
  const selfLines = selfReferenceLines(lines, title?.end ?? 0);

  const numberLine = findNumberLine(headerLines);
  const captionsAll = findCaptions(lines);
  const { docType, docTypeId } = chooseDocType(title, lines, headerLines, numberLine, captionsAll, notes);
  md.docType = docType;
  const r = metadataRules();
  const attachment = docTypeId !== null && r.attachmentDocTypes.has(docTypeId);
  // A caption that attaches an appendix to another kind of document is not about this one; an
  // attachment's own caption names the document it belongs to (and stands for its number/date).
  const captions = captionsAll.filter((c) => !docTypeId || c.docTypeId === docTypeId || (attachment && c === captionsAll[0]));
  md.number = chooseNumber(numberLine, captions, notes);
  if (attachment && captionsAll[0]) {
    const c = captionsAll[0];
    const type = r.docTypes.find((d) => d.id === c.docTypeId);
    md.attachedTo = { docType: type?.name ?? null, number: c.number?.value ?? null, date: c.date, issuer: c.unit?.name ? c.unit.text : null };
    notes.source("attachedTo", c.line);
  }

  const recipients = findRecipients(lines);
  const sig = findSignature(lines, recipients?.at ?? null);
  // Some reports print the place-and-date line just above the signature instead of in the header.
  const placeDate = findPlaceDate(headerLines) ?? (sig ? findPlaceDate(near(lines, sig.titleLine, SIGNATURE_RADIUS)) : null);
  md.date = chooseDate(placeDate, captions, notes);

  const body = lines.filter((l) => !l.layout && (!title || lines.indexOf(l) >= title.end));
  // An attachment's caption names the report's issuer, not its own (LABELING.md: a document
  // without a header block has no issuer).
  const ownCaptions = captions.filter((c) => c.docTypeId === docTypeId);
  // The issuer's header block is printed above the type name: a layout table further down (a
  // list laid out in two columns) is not read for units.
  const unitLines = title ? headerLines.filter((l) => l.block < lines[title.at].block) : headerLines;
  const { issuer, parents, header } = chooseIssuer(unitLines, lines, title, ownCaptions, selfLines, notes, { body, report: docTypeId === "doctype.bao-cao" });
  if (issuer) {
    md.issuer = issuer.unit.text;
    md.unitLevel = issuer.unit.level;
    notes.source("issuer", issuer.line);
    notes.source("unitLevel", issuer.line);
  }
  md.parents = parents.map((p) => p.unit.text);
  md.parent = parents[parents.length - 1]?.unit.text ?? null;
  notes.source("parents", parents[0]?.line);
  const province = findProvince({ issuer, parents, place: placeDate ? { text: placeDate.place, line: placeDate.line } : null, hasHeader: header, lines });
  if (province) {
    md.province = province.name;
    notes.source("province", province.line);
  }

  // The subject: the title under the type name, a công văn's "V/v" lines, a form's "Trích yếu"
  // field, or the capitals a document without a type name opens with.
  const letter = letterType(headerLines);
  let subject: Subject | null = title ? titleSubject(title) : null;
  if (!subject && letter) subject = letterSubject(lines, lines.indexOf(letter.line));
  subject ??= fieldSubject([...lines, ...tableCellLines(doc)]);
  if (!subject && !title && !header) subject = untypedTitle(lines);
  if (subject) {
    md.subject = subject.text;
    notes.source("subject", subject.lines[0]);
  }

  const period = findPeriod({
    title,
    docTypeId,
    selfLines,
    lines,
    date: md.date,
    file: ctx.file,
    subjectLines: subject?.lines,
    agenda: title?.qualifier ? r.period.agenda.test(fold(title.qualifier)) : false,
  });
  md.period = period.value;
  notes.messages.push(...period.messages);
  notes.source("period", period.line);

  if (recipients) {
    md.recipients = recipients.entries;
    notes.source("recipients", recipients.line);
  }
  if (sig) {
    md.signer = sig.name;
    md.signerTitle = sig.title;
    if (sig.nameLine) notes.source("signer", sig.nameLine);
    notes.source("signerTitle", sig.titleLine);
  }
  for (const f of ["docType", "issuer", "signer"] as const) if (md[f] === null) notes.note("warning", `metadata.${f}.missing`, `No ${f} was found.`, null);
  md.sources = notes.sources;
  return { value: md, messages: notes.messages };
}

/**
 * The header zone: the lines above the document type, plus the layout tables before the
 * narrative's end that are not the signature block (the docx ingest marks both as layout).
 */
function headerZone(lines: TextLine[], end: number, narrativeEnd: number): TextLine[] {
  const r = metadataRules();
  const signatureBlocks = new Set(lines.filter((l) => l.layout && (r.recipientsStart.test(l.key) || r.signingPrefix.test(l.key))).map((l) => l.block));
  return lines.filter((l, i) => i < end || (l.layout && (narrativeEnd <= 0 || l.block < narrativeEnd) && !signatureBlocks.has(l.block)));
}

/** The lines within `radius` of `line`. */
function near(lines: TextLine[], line: TextLine, radius: number): TextLine[] {
  const at = lines.indexOf(line);
  return at < 0 ? [] : lines.slice(Math.max(0, at - radius), at + radius + 1);
}

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
