import { fold } from "../../src/rules/fold.js";
import type { TextLine } from "./lines.js";
import type { Caption } from "./number-date.js";
import { headerUnit, isCommitteeOnly, provinceMentions, unitMentions, type Unit } from "./units.js";

/** A unit with the line it was read from and how it was found. */
export interface FoundUnit {
  unit: Unit;
  line: TextLine;
  /** header | authority | caption | self-reference | inferred | frequent */
  how: string;
}

// The national motto sits beside the issuer in the header block; a PDF line may carry both.
const MOTTO = /\s*(CỘNG\s+H[OÒ]A|Độc\s+lập)[\s\S]*$/iu;

/**
 * Units of the header block, outermost first: "UBND HUYỆN TRỰC NINH", "UBND XÃ PHƯƠNG ĐỊNH"
 * (DOMAIN.md "Header block"). A lone "ỦY BAN NHÂN DÂN" line joins the unit line under it.
 * Only the left column of a layout table and the lines above the document type are read.
 */
export function headerUnits(lines: TextLine[]): FoundUnit[] {
  const out: FoundUnit[] = [];
  let afterCommittee = false;
  for (const line of lines) {
    if (line.layout && (line.column ?? 0) > 0) continue;
    const text = line.text.replace(MOTTO, "").trim();
    if (!text) continue;
    if (isCommitteeOnly(text)) {
      afterCommittee = true;
      continue;
    }
    const unit = headerUnit(text, afterCommittee);
    afterCommittee = false;
    if (unit) out.push({ unit, line, how: "header" });
  }
  return out;
}

/**
 * The issuing authority printed under a decision's title: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG
 * NGUYỄN NGHIÊM" (sample 002) or "ỦY BAN NHÂN DÂN TỈNH …". The office title before the unit is
 * dropped: the issuer is the unit (gold NOTES 002).
 */
export function authorityUnit(lines: TextLine[]): FoundUnit | null {
  for (const line of lines) {
    // "KÍNH GỬI: UBND HUYỆN …" names the addressee, not the issuer.
    if (line.text !== line.text.toUpperCase() || /^kinh gui\b/u.test(line.key)) continue;
    const m = unitMentions(line.text).find((u) => u.unit.name);
    if (m) return { unit: m.unit, line, how: "authority" };
  }
  return null;
}

/** The unit a caption attaches the appendix for ("… của UBND phường Hồng Gai)"). */
export function captionUnit(captions: Caption[]): FoundUnit | null {
  const c = captions.find((x) => x.unit);
  return c?.unit ? { unit: c.unit, line: c.line, how: "caption" } : null;
}

/**
 * The unit a report names itself by: "Trên đây là báo cáo … của UBND xã Phương Định" or
 * "UBND xã Thượng Long báo cáo …" (samples 001, 004). `selfLines` are the self-reference
 * sentences (period.selfReference rules).
 */
export function selfReferenceUnit(selfLines: TextLine[]): FoundUnit | null {
  for (const line of selfLines) {
    // A unit the report is sent to ("gửi UBND huyện", "đề nghị Sở Nội vụ") is not its author.
    const named = unitMentions(line.text).filter((m) => m.unit.name && !ADDRESSEE.test(line.key.slice(Math.max(0, m.index - 14), m.index)));
    // "<unit> báo cáo …": the subject of the report verb.
    const subject = named.find((m) => /^\s*(da\s+)?bao cao\b/u.test(fold(line.text.slice(m.end))));
    // "Trên đây là báo cáo … của <unit>": the owner of the report.
    const owner = named.find((m) => /\bcua\s*$/u.test(line.key.slice(Math.max(0, m.index - 6), m.index)));
    const pick = subject ?? (/^tren day la\b/u.test(line.key) ? (owner ?? named[0]) : undefined);
    if (pick) return { unit: pick.unit, line, how: "self-reference" };
  }
  return null;
}

const ADDRESSEE = /\b(gui|kinh gui|de nghi|trinh|len)\s*$/u;

/**
 * The most frequent named unit of the body, optionally restricted to a unit type ("xã" when a
 * caption says only "của UBND xã"). Ties keep the first mentioned.
 */
export function frequentUnit(lines: TextLine[], filter: (u: Unit) => boolean): FoundUnit | null {
  const counts = new Map<string, { n: number; found: FoundUnit }>();
  for (const line of lines)
    for (const m of unitMentions(line.text)) {
      if (!m.unit.name || !filter(m.unit)) continue;
      const k = fold(m.unit.text);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { n: 1, found: { unit: m.unit, line, how: "frequent" } });
    }
  let best: { n: number; found: FoundUnit } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.found ?? null;
}

/**
 * The province the text states (CONTRACT.md: only when the text states it): a header parent
 * "UBND TỈNH …", the issuer itself when it is province level, else the province named most
 * often ("tỉnh Quảng Ninh"). "UBND tỉnh" without a name states none (gold NOTES 004).
 */
export function findProvince(issuer: FoundUnit | null, parents: FoundUnit[], lines: TextLine[]): { name: string; line: TextLine } | null {
  for (const p of [...parents].reverse()) if (p.unit.level === "tỉnh" && p.unit.name) return { name: p.unit.name, line: p.line };
  if (issuer?.unit.level === "tỉnh" && issuer.unit.kind === "committee" && issuer.unit.name) return { name: issuer.unit.name, line: issuer.line };
  const counts = new Map<string, { n: number; name: string; line: TextLine }>();
  for (const line of lines)
    for (const name of provinceMentions(line.text)) {
      const k = fold(name);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { n: 1, name, line });
    }
  let best: { n: number; name: string; line: TextLine } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best ? { name: best.name, line: best.line } : null;
}

/** True when two units name the same body (case and accents ignored). */
export function sameUnit(a: Unit, b: Unit): boolean {
  return fold(a.text) === fold(b.text);
}

