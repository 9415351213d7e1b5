import { z } from "zod";
import { loadRules } from "../rules/load.js";

/**
 * rules/headings.json: how headings are read and where the narrative ends. Validated when
 * loaded; every rule's `id` is the `ruleId` of the messages it causes.
 */

/** Markup left in the text that hides a marker ("## **2. …**"); removed before markers are read. */
const DressRule = z.object({
  id: z.string(),
  /** JavaScript regular expression (flag "u"), matched against the raw paragraph text. */
  pattern: z.string(),
  /** Replacement string ("$2" keeps the wrapped text). */
  replace: z.string(),
});

/** Kinds of numbering, from the outermost part of a report to the innermost. */
export const MarkerKind = z.enum(["article", "roman", "dotted", "arabic", "letter", "star", "dash"]);
export type MarkerKind = z.infer<typeof MarkerKind>;

const MarkerRule = z.object({
  id: z.string(),
  kind: MarkerKind,
  /** Section level this numbering gives (1 = Roman); 0 for articles ("Điều 1."), never sections. */
  level: z.number().int().min(0),
  /** Regular expression (flag "u") with named groups `num` and `title`, against the raw text. */
  pattern: z.string(),
  /** Only a heading when the paragraph is emphasised (bold or heading-styled); default false. */
  requireEmphasis: z.boolean().default(false),
  /** Level grows by one per numbering part beyond two ("2.1" = level, "2.1.3" = level + 1); default false. */
  deeperPerPart: z.boolean().default(false),
});

const EndRule = z.object({
  id: z.string(),
  /** signature: the signing block or Nơi nhận; appendix: Phụ lục, Biểu mẫu, an attached plan. */
  kind: z.enum(["signature", "appendix"]),
  /** Regular expression against the folded first line of a paragraph or layout-table cell. */
  pattern: z.string(),
  /** Also needs a personal name right after (the line alone or the next paragraph). */
  needsName: z.boolean().default(false),
  /** Counts only once numbered structure (a Roman heading, an article) has been seen. */
  afterNarrativeOnly: z.boolean().default(false),
  /** Longer first lines are prose that merely starts with the label. */
  maxFirstLineChars: z.number().int().positive().default(160),
  /** A first line ending as a sentence (".", ";") is prose that mentions the label, not the label. */
  notSentence: z.boolean().default(false),
});

export const HeadingRulesFile = z.object({
  dress: z.array(DressRule),
  markers: z.array(MarkerRule).min(1),
  ends: z.array(EndRule),
  limits: z.object({
    /** Longest title, in characters, of a bold or heading-styled paragraph taken as a heading. */
    maxTitleEmphasised: z.number().int().positive(),
    /** Longest title of a plain paragraph taken as a heading. */
    maxTitlePlain: z.number().int().positive(),
    /** Longest title of a Roman heading. */
    maxRomanTitle: z.number().int().positive(),
    /** Share of uppercase among a title's letters (0–1) for it to count as an uppercase title. */
    upperRatio: z.number().min(0).max(1),
  }),
});
export type HeadingRulesFile = z.infer<typeof HeadingRulesFile>;

/** Heading rules with their patterns compiled. */
export interface HeadingRules {
  dress: { id: string; re: RegExp; replace: string }[];
  markers: { id: string; kind: MarkerKind; level: number; re: RegExp; requireEmphasis: boolean; deeperPerPart: boolean }[];
  ends: {
    id: string;
    kind: "signature" | "appendix";
    re: RegExp;
    needsName: boolean;
    afterNarrativeOnly: boolean;
    maxFirstLineChars: number;
    notSentence: boolean;
  }[];
  limits: HeadingRulesFile["limits"];
}

/** Compiles a validated rules object; a bad pattern fails with the rule id that holds it. */
export function compileHeadingRules(file: HeadingRulesFile): HeadingRules {
  const re = (id: string, pattern: string) => {
    try {
      return new RegExp(pattern, "u");
    } catch (e) {
      throw new Error(`rules/headings.json: rule ${id} has an invalid pattern: ${(e as Error).message}`);
    }
  };
  return {
    dress: file.dress.map((d) => ({ id: d.id, re: re(d.id, d.pattern), replace: d.replace })),
    markers: file.markers.map((m) => ({ ...m, re: re(m.id, m.pattern) })),
    ends: file.ends.map((e) => ({ ...e, re: re(e.id, e.pattern) })),
    limits: file.limits,
  };
}

let cached: HeadingRules | undefined;

/** The project's rules/headings.json, loaded and compiled once. */
export function headingRules(): HeadingRules {
  cached ??= compileHeadingRules(loadRules("headings.json", HeadingRulesFile));
  return cached;
}
