import { z } from "zod";
import { fold } from "../../src/rules/fold.js";
import { loadRules } from "../../src/rules/load.js";

const Level = z.enum(["xã", "huyện", "tỉnh", "sở", "trung ương"]);

/** rules/metadata.json: the vocabulary of document types, units, signing titles and periods. */
export const MetadataRules = z.object({
  $comment: z.string().optional(),
  docTypes: z.array(z.object({ id: z.string(), name: z.string().min(1), codes: z.array(z.string()) })).min(1),
  number: z.object({ $comment: z.string().optional(), line: z.string(), caption: z.string() }),
  unitTypes: z
    .array(z.object({ id: z.string(), word: z.string().min(1), level: Level, abbreviations: z.array(z.string()).default([]) }))
    .min(1),
  committee: z.object({
    $comment: z.string().optional(),
    patterns: z.array(z.string()).min(1),
    short: z.string(),
    bodies: z.array(z.object({ id: z.string(), patterns: z.array(z.string()).min(1), short: z.string() })).min(1),
  }),
  bodies: z.object({
    $comment: z.string().optional(),
    heads: z
      .array(
        z.object({
          id: z.string(),
          head: z.string().min(1),
          word: z.string().min(1),
          level: z.union([Level, z.literal("parent"), z.literal("agency")]),
          takesPlace: z.boolean().default(false),
          officeName: z.string().optional(),
        }),
      )
      .min(1),
  }),
  attachmentDocTypes: z.object({ $comment: z.string().optional(), ids: z.array(z.string()) }),
  subject: z.object({ $comment: z.string().optional(), lead: z.string(), field: z.string(), stop: z.array(z.string()) }),
  departments: z.object({
    $comment: z.string().optional(),
    heads: z.array(z.object({ id: z.string(), word: z.string() })).min(1),
    names: z.array(z.string()).min(1),
  }),
  signing: z.object({
    $comment: z.string().optional(),
    prefixes: z.array(z.string()).min(1),
    titles: z.array(z.string()).min(1),
    skip: z.array(z.string()),
    notName: z.string(),
    ranks: z.array(z.string()),
    spellings: z.array(z.string()).default([]),
  }),
  letter: z.object({ $comment: z.string().optional(), pattern: z.string(), ocrPattern: z.string(), docTypeId: z.string() }),
  recipients: z.object({ start: z.string() }),
  nameStopWords: z.object({ $comment: z.string().optional(), words: z.array(z.string()) }),
  period: z.object({
    $comment: z.string().optional(),
    quarter: z.string(),
    half: z.string(),
    nine: z.string(),
    year: z.string(),
    month: z.string(),
    multiYear: z.string(),
    programmes: z.string(),
    agenda: z.string(),
    yearAfter: z.string(),
    planTitle: z.string(),
    titleStop: z.array(z.string()),
    planDocTypes: z.array(z.string()),
    forwardMarkers: z.array(z.string()),
    range: z.string(),
    selfReference: z.object({ closing: z.array(z.string()), opening: z.array(z.string()) }),
  }),
});
export type MetadataRules = z.infer<typeof MetadataRules>;

/** rules/provinces.json: the 63 provinces before the 2025 merger and the 34 after it. */
export const ProvinceRules = z.object({
  $comment: z.string().optional(),
  provinces: z
    .array(
      z.object({
        name: z.string().min(1),
        city: z.boolean(),
        before2025: z.boolean(),
        after2025: z.boolean(),
        mergedInto: z.string().nullable(),
        aliases: z.array(z.string()).default([]),
      }),
    )
    .min(34),
});
export type ProvinceRules = z.infer<typeof ProvinceRules>;
export type Province = ProvinceRules["provinces"][number];

/** The rules with their patterns compiled; loaded once per process. */
export interface CompiledRules {
  raw: MetadataRules;
  docTypes: { id: string; name: string; key: string; codes: string[] }[];
  numberLine: RegExp;
  caption: RegExp;
  /** Longest unit-type words first, so "thị xã" wins over "xã"; abbreviations ("TP.") are entries of their own with the full word. */
  unitTypes: { id: string; word: string; key: string; level: z.infer<typeof Level> }[];
  committee: RegExp;
  /** UBND / HĐND: folded patterns and the short form the issuer uses. */
  committees: { id: string; patterns: string[]; short: string }[];
  /** Other issuing bodies, longest head first. */
  bodies: MetadataRules["bodies"]["heads"];
  attachmentDocTypes: Set<string>;
  subject: { lead: RegExp; field: RegExp; stop: RegExp[] };
  /** Folded military/police ranks, longest first. */
  ranks: string[];
  centralCities: Set<string>;
  deptHeads: { id: string; word: string; key: string }[];
  /** Longest department names first. */
  departments: { name: string; key: string }[];
  signingPrefix: RegExp;
  signingTitle: RegExp;
  signingSkip: RegExp[];
  /** Folded starts of lines that look like a name in capitals but are headings. */
  notName: RegExp;
  /** Every spelling of every province (names and aliases) folded → the province, longest first. */
  provinces: { key: string; name: string; province: Province }[];
  /** `ocr`: OCR readings of "V/v", only on the line right under the number line. */
  letter: { pattern: RegExp; ocr: RegExp; docTypeId: string };
  recipientsStart: RegExp;
  /** Lowercased printed words that end a unit name written in capitals. */
  nameStopWords: Set<string>;
  period: {
    quarter: RegExp;
    half: RegExp;
    nine: RegExp;
    year: RegExp;
    month: RegExp;
    multiYear: RegExp;
    programmes: RegExp;
    /** A qualifier of the type line that makes a CHƯƠNG TRÌNH an agenda, not a plan ("HỘI NGHỊ"). */
    agenda: RegExp;
    yearAfter: RegExp;
    planTitle: RegExp;
    titleStop: RegExp[];
    planDocTypes: Set<string>;
    forward: RegExp[];
    range: RegExp;
    /** "Trên đây là báo cáo …" anywhere after the title. */
    closing: RegExp[];
    /** "… báo cáo công tác …" in the opening paragraphs. */
    opening: RegExp[];
  };
}

let compiled: CompiledRules | undefined;

const alt = (keys: string[]) => keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")).join("|");

/** Loads rules/metadata.json (zod-validated) and compiles its patterns. */
export function metadataRules(): CompiledRules {
  if (compiled) return compiled;
  const r = loadRules("metadata.json", MetadataRules);
  const byLength = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => b.key.length - a.key.length);
  const p = r.period;
  const pr = loadRules("provinces.json", ProvinceRules);
  const docTypes = byLength(r.docTypes.map((d) => ({ ...d, key: fold(d.name) })));
  compiled = {
    raw: r,
    docTypes,
    numberLine: new RegExp(r.number.line, "u"),
    caption: new RegExp(r.number.caption.replace("{types}", alt([...new Set(docTypes.map((d) => d.key))])), "u"),
    unitTypes: byLength(r.unitTypes.flatMap((u) => [u.word, ...u.abbreviations].map((w) => ({ id: u.id, word: u.word, level: u.level, key: fold(w) })))),
    committee: new RegExp(`^(?:${r.committee.patterns.join("|")})$`, "u"),
    committees: r.committee.bodies,
    bodies: [...r.bodies.heads].sort((a, b) => b.head.length - a.head.length),
    attachmentDocTypes: new Set(r.attachmentDocTypes.ids),
    subject: { lead: new RegExp(r.subject.lead, "u"), field: new RegExp(r.subject.field, "u"), stop: r.subject.stop.map((x) => new RegExp(x, "u")) },
    ranks: [...r.signing.ranks].sort((a, b) => b.length - a.length),
    centralCities: new Set(pr.provinces.filter((x) => x.city).flatMap((x) => [x.name, ...x.aliases]).map(fold)),
    deptHeads: r.departments.heads.map((h) => ({ ...h, key: fold(h.word) })),
    departments: byLength(r.departments.names.map((n) => ({ name: n, key: fold(n) }))),
    // "TM." / "KT." with their dot; the slash forms of Party and mass-organisation documents ("K/T", "T/M") without one.
    signingPrefix: new RegExp(`^(?:(?:${r.signing.prefixes.filter((x) => !x.includes("/")).join("|")})\\s*\\.|(?:${r.signing.prefixes.filter((x) => x.includes("/")).join("|")})(?![a-z]))\\s*`, "u"),
    signingTitle: new RegExp(`^(${alt(r.signing.titles)})$`, "u"),
    signingSkip: r.signing.skip.map((s) => new RegExp(s, "u")),
    notName: new RegExp(r.signing.notName, "u"),
    provinces: byLength(pr.provinces.flatMap((p) => [p.name, ...p.aliases].map((n) => ({ key: fold(n), name: p.name, province: p })))),
    letter: { pattern: new RegExp(r.letter.pattern, "u"), ocr: new RegExp(r.letter.ocrPattern, "u"), docTypeId: r.letter.docTypeId },
    recipientsStart: new RegExp(r.recipients.start, "u"),
    nameStopWords: new Set(r.nameStopWords.words.map((w) => w.normalize("NFC").toLowerCase())),
    period: {
      quarter: new RegExp(p.quarter, "gu"),
      half: new RegExp(p.half, "gu"),
      nine: new RegExp(p.nine, "gu"),
      year: new RegExp(p.year, "gu"),
      month: new RegExp(p.month, "gu"),
      multiYear: new RegExp(p.multiYear, "gu"),
      programmes: new RegExp(p.programmes, "gu"),
      agenda: new RegExp(p.agenda, "u"),
      yearAfter: new RegExp(p.yearAfter, "u"),
      planTitle: new RegExp(p.planTitle, "u"),
      titleStop: p.titleStop.map((t) => new RegExp(t, "u")),
      planDocTypes: new Set(p.planDocTypes),
      forward: p.forwardMarkers.map((m) => new RegExp(m, "u")),
      range: new RegExp(p.range, "gu"),
      closing: p.selfReference.closing.map((s) => new RegExp(s, "u")),
      opening: p.selfReference.opening.map((s) => new RegExp(s, "u")),
    },
  };
  return compiled;
}

/** Escapes a folded literal for use inside a RegExp, spaces matching any whitespace run. */
export const literalAlternatives = alt;
