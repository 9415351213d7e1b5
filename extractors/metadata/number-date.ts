import { foldKeepLength } from "../../src/rules/fold.js";
import { parseDate } from "./dates.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";
import { unitMentions, type Unit } from "./units.js";

/** A document number as read: the normalised value, or null when the number was left blank. */
export interface ReadNumber {
  /** "63/BC-UBND"; null for a blank number ("Số:    /BC-UBND", "Báo cáo số /BC-SXD"). */
  value: string | null;
  /** The text as printed ("09 /BC-UBND"). */
  raw: string;
}

// "<n>/<kind>-<issuer code>" (DOMAIN.md "Number pattern"), the n possibly blank in a draft, an
// optional year for legal documents ("15/2024/QĐ-UBND"), spaces around "/" and "-" tolerated.
const NUMBER = /^\s*:?\s*(\d*(?:-\d+)?[a-zđ]?)\s*\/\s*((?:\d{4}\s*\/\s*)?[\p{L}\d]+(?:\s*-\s*[\p{L}\d]+)*(?:\([\p{L}\d]+\))?)/u;
// Party and mass-organisation documents put the kind before the slash: "36-HD/VPTW", "52 - CV/HNDT".
const PARTY_NUMBER = /^\s*:?\s*(\d+)\s*-\s*(\p{Lu}[\p{L}]*\s*\/\s*[\p{L}\d]+(?:\s*-\s*[\p{L}\d]+)*)/u;

// Figures OCR reads as letters in the number's digits ("l5" for 15, "2O1" for 201): a run of
// digits and these shapes right before the slash (or the party kind), with one real digit.
const DIGIT_SHAPES = /^(\s*:?\s*)([\dOoIl|]*\d[\dOoIl|]*)(?=\s*(?:-\s*\p{Lu}[\p{L}]*\s*)?\/)/u;
const SHAPE_DIGIT: Record<string, string> = { O: "0", o: "0", I: "1", l: "1", "|": "1" };

/** The number's digits with letter-shaped figures read back as figures ("Số: l5/BC" → "15/BC"). */
function digitsFromShapes(text: string): string {
  const m = DIGIT_SHAPES.exec(text);
  if (!m || /^\d+$/.test(m[2])) return text;
  return m[1] + m[2].replace(/[OoIl|]/g, (c) => SHAPE_DIGIT[c]) + text.slice(m[0].length);
}

/** Reads the number at the start of `text` (what follows "Số" / "số"). */
export function readNumber(printed: string): ReadNumber | null {
  const text = digitsFromShapes(printed);
  const party = PARTY_NUMBER.exec(text);
  if (party) return { value: `${party[1]}-${party[2].replace(/\s+/g, "")}`, raw: party[0].replace(/^\s*:?\s*/, "").trim() };
  const m = NUMBER.exec(text);
  if (!m) return null;
  const raw = m[0].replace(/^\s*:?\s*/, "").trim();
  if (!m[1]) return { value: null, raw };
  return { value: `${m[1]}/${m[2].replace(/\s+/g, "")}`, raw };
}

/** The "Số: …" line of the header block, among `lines` (the header zone). */
export function findNumberLine(lines: TextLine[]): { line: TextLine; number: ReadNumber } | null {
  const re = metadataRules().numberLine;
  for (const line of lines) {
    const m = re.exec(line.key);
    if (!m) continue;
    const number = readNumber(line.text.slice(m[0].length));
    if (number) return { line, number };
  }
  return null;
}

/**
 * The place-and-date line of the header block: "<place>, ngày 12 tháng 3 năm 2024", or with the
 * date in figures and no "ngày" ("Hải Dương, 18/6/2024"). `date` is null when the day or month
 * was left blank ("ngày    tháng 3 năm 2024").
 */
export function findPlaceDate(lines: TextLine[]): { line: TextLine; place: string; date: string | null } | null {
  for (const line of lines) {
    const m = /^([^,]{2,60}),\s*(?:ngay\b|(?=\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*$))/u.exec(line.key);
    if (!m) continue;
    return { line, place: line.text.slice(0, m[1].length).trim(), date: parseDate(line.text.slice(m[1].length + 1)) };
  }
  return null;
}

/** What an appendix caption "(Kèm theo Báo cáo số 63/BC-UBND ngày 04/6/2024 của UBND phường Hồng Gai)" states. */
export interface Caption {
  line: TextLine;
  /** Document-type id the caption refers to ("doctype.bao-cao"). */
  docTypeId: string | null;
  number: ReadNumber | null;
  /** ISO date, null when absent or incomplete ("ngày /12/2024"). */
  date: string | null;
  /** True when a "ngày" part is printed (even blank). */
  hasDate: boolean;
  /** The unit after "của", possibly without a name ("UBND xã"). */
  unit: Unit | null;
}

/**
 * Every caption line that attaches an appendix to a document ("(Ban hành) kèm theo <type> số
 * …"), in order. The caller keeps the captions whose type is the main document's.
 */
export function findCaptions(lines: TextLine[]): Caption[] {
  const r = metadataRules();
  const out: Caption[] = [];
  for (const line of lines) {
    const m = r.caption.exec(line.key);
    if (!m) continue;
    const after = m.index + m[0].length;
    const rest = line.text.slice(after);
    const type = r.docTypes.find((d) => d.key === m[1]);
    const number = readNumber(rest);
    const restKey = foldKeepLength(rest);
    const dm = /\bngay\b/u.exec(restKey);
    const date = dm ? parseDate(rest.slice(dm.index)) : null;
    const cm = /\bcua\s+/u.exec(restKey);
    const unit = cm ? (unitMentions(rest.slice(cm.index + cm[0].length))[0]?.unit ?? null) : null;
    out.push({ line, docTypeId: type?.id ?? null, number, date, hasDate: Boolean(dm), unit });
  }
  return out;
}
