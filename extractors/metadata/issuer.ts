import { fold } from "../../src/rules/fold.js";
import type { TextLine } from "./lines.js";
import type { Caption } from "./number-date.js";
import { provinceMentions, provinceNamed, unitMentions, type Unit } from "./units.js";

/** A unit with the line it was read from and how it was found. */
export interface FoundUnit {
  unit: Unit;
  line: TextLine;
  /** header | authority | caption | self-reference | inferred | frequent */
  how: string;
}

export { headerUnits } from "./header.js";

/**
 * The issuing authority printed under a decision's title: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG
 * NGUYỄN NGHIÊM" (sample 002) or "ỦY BAN NHÂN DÂN TỈNH …". The office title before the unit is
 * dropped: the issuer is the unit (the chair signs for it).
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

/** Where the province comes from. */
export interface ProvinceInput {
  issuer: FoundUnit | null;
  parents: FoundUnit[];
  /** The place of the place-and-date line ("Lâm Đồng" of "Lâm Đồng, ngày …") and its line. */
  place: { text: string; line: TextLine } | null;
  /** True when the document has a header block (units, a number or a place-and-date line). */
  hasHeader: boolean;
  lines: TextLine[];
}

/**
 * The province the issuer belongs to (LABELING.md "province"), only as a whole name of
 * rules/provinces.json: a header parent or the issuer ("UBND TỈNH LÂM ĐỒNG", "CÔNG AN TỈNH LÂM
 * ĐỒNG"), else the place of the date line when it is a province ("Lâm Đồng, ngày …": a
 * provincial body dates its documents with the province's name), else the province the text
 * names most often. Central bodies and documents without an issuer have none. "UBND tỉnh"
 * without a name states none.
 */
export function findProvince(input: ProvinceInput): { name: string; line: TextLine } | null {
  const { issuer, parents } = input;
  if (!issuer || issuer.unit.level === "trung ương") return null;
  for (const u of [issuer, ...[...parents].reverse()]) {
    if (u.unit.kind === "committee" && u.unit.level === "tỉnh" && u.unit.name) {
      const name = provinceNamed(u.unit.name) ?? (u.unit.typeWord === "thành phố" ? u.unit.name : null);
      if (name) return { name, line: u.line };
    }
    const named = provinceMentions(u.unit.text)[0];
    if (named) return { name: named, line: u.line };
  }
  const place = input.place ? provinceNamed(input.place.text) : null;
  if (place && input.place) return { name: place, line: input.place.line };
  const counts = new Map<string, { n: number; name: string; line: TextLine }>();
  for (const line of input.lines)
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

