import { z } from "zod";
import { fold } from "../../src/rules/fold.js";
import { loadRules } from "../../src/rules/load.js";

const Level = z.enum(["xã", "huyện", "tỉnh", "sở"]);

/** rules/metadata.json: the vocabulary of document types, units, signing titles and periods. */
export const MetadataRules = z.object({
  $comment: z.string().optional(),
  docTypes: z.array(z.object({ id: z.string(), name: z.string().min(1), codes: z.array(z.string()) })).min(1),
  number: z.object({ $comment: z.string().optional(), line: z.string(), caption: z.string() }),
  unitTypes: z
    .array(z.object({ id: z.string(), word: z.string().min(1), level: Level, abbreviations: z.array(z.string()).default([]) }))
    .min(1),
  committee: z.object({ $comment: z.string().optional(), patterns: z.array(z.string()).min(1), short: z.string() }),
  centralCities: z.object({ $comment: z.string().optional(), names: z.array(z.string()) }),
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
  }),
  provinces: z.object({ $comment: z.string().optional(), names: z.array(z.string()).min(1) }),
  letter: z.object({ $comment: z.string().optional(), pattern: z.string(), docTypeId: z.string() }),
  recipients: z.object({ start: z.string() }),
  nameStopWords: z.object({ $comment: z.string().optional(), words: z.array(z.string()) }),
  period: z.object({
    $comment: z.string().optional(),
    quarter: z.string(),
    half: z.string(),
    nine: z.string(),
    year: z.string(),
    month: z.string(),
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

/** The rules with their patterns compiled; loaded once per process. */
export interface CompiledRules {
  raw: MetadataRules;
  docTypes: { id: string; name: string; key: string; codes: string[] }[];
  numberLine: RegExp;
  caption: RegExp;
  /** Longest unit-type words first, so "thị xã" wins over "xã"; abbreviations ("TP.") are entries of their own with the full word. */
  unitTypes: { id: string; word: string; key: string; level: z.infer<typeof Level> }[];
  committee: RegExp;
  centralCities: Set<string>;
  deptHeads: { id: string; word: string; key: string }[];
  /** Longest department names first. */
  departments: { name: string; key: string }[];
  signingPrefix: RegExp;
  signingTitle: RegExp;
  signingSkip: RegExp[];
  /** Folded starts of lines that look like a name in capitals but are headings. */
  notName: RegExp;
  /** Province names folded → as listed, longest first. */
  provinces: { key: string; name: string }[];
  letter: { pattern: RegExp; docTypeId: string };
  recipientsStart: RegExp;
  /** Lowercased printed words that end a unit name written in capitals. */
  nameStopWords: Set<string>;
  period: {
    quarter: RegExp;
    half: RegExp;
    nine: RegExp;
    year: RegExp;
    month: RegExp;
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
  compiled = {
    raw: r,
    docTypes: r.docTypes.map((d) => ({ ...d, key: fold(d.name) })),
    numberLine: new RegExp(r.number.line, "u"),
    caption: new RegExp(r.number.caption, "u"),
    unitTypes: byLength(r.unitTypes.flatMap((u) => [u.word, ...u.abbreviations].map((w) => ({ id: u.id, word: u.word, level: u.level, key: fold(w) })))),
    committee: new RegExp(`^(?:${r.committee.patterns.join("|")})$`, "u"),
    centralCities: new Set(r.centralCities.names.map(fold)),
    deptHeads: r.departments.heads.map((h) => ({ ...h, key: fold(h.word) })),
    departments: byLength(r.departments.names.map((n) => ({ name: n, key: fold(n) }))),
    signingPrefix: new RegExp(`^(${r.signing.prefixes.join("|")})\\s*\\.\\s*`, "u"),
    signingTitle: new RegExp(`^(${alt(r.signing.titles)})$`, "u"),
    signingSkip: r.signing.skip.map((s) => new RegExp(s, "u")),
    notName: new RegExp(r.signing.notName, "u"),
    provinces: byLength(r.provinces.names.map((n) => ({ key: fold(n), name: n }))),
    letter: { pattern: new RegExp(r.letter.pattern, "u"), docTypeId: r.letter.docTypeId },
    recipientsStart: new RegExp(r.recipients.start, "u"),
    nameStopWords: new Set(r.nameStopWords.words.map((w) => w.normalize("NFC").toLowerCase())),
    period: {
      quarter: new RegExp(p.quarter, "gu"),
      half: new RegExp(p.half, "gu"),
      nine: new RegExp(p.nine, "gu"),
      year: new RegExp(p.year, "gu"),
      month: new RegExp(p.month, "gu"),
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
