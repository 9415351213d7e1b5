import type { Paragraph } from "../model/document.js";
import type { HeadingRules, MarkerKind } from "./rules.js";
import { romanTypo, romanValue } from "./roman.js";

/** One way of reading the numbering at the start of a paragraph. */
export interface Marker {
  /** Id of the rules/headings.json rule that read it. */
  ruleId: string;
  kind: MarkerKind;
  /** Section level the numbering gives (1 Roman … 6 dash); 0 for articles. */
  level: number;
  /** Numbering as printed without the trailing dot ("I", "2.1", "a", "*"); corrected for typos. */
  number: string;
  /** Numeric value for Roman, arabic and letter numbering (a = 1), for sequence checks. */
  value?: number;
  /** The token as printed when `number` is a correction of it ("Il" → "II"). */
  typoOf?: string;
  /** Heading text without the numbering, cleaned (see cleanTitle); lines kept ("\n"). */
  title: string;
  /** The text after the numbering as printed (trimmed), for splitting a title from prose. */
  rawTitle: string;
}

/**
 * Text the markers are read from: Word's automatic numbering (printed but not in the text) in
 * front of the text, then markup left by converters stripped until nothing changes.
 */
export function markerText(p: Paragraph, rules: HeadingRules): string {
  let text = p.numbering ? `${p.numbering.trim()} ${p.text}` : p.text;
  for (let pass = 0; pass < 4; pass++) {
    const before = text;
    for (const d of rules.dress) text = text.replace(d.re, d.replace);
    if (text === before) break;
  }
  return text.trim();
}

/**
 * Every reading of the paragraph's leading numbering, in rule order. A typo'd Roman numeral
 * ("Il.", "1.") comes first with its plain reading after it ("1." is also an arabic heading), so
 * the classifier can fall back when the context does not confirm the Roman reading.
 */
export function readMarkers(p: Paragraph, rules: HeadingRules): readonly Marker[] {
  // The narrative-end scan and the classifier both read every paragraph; read each once.
  let byParagraph = remembered.get(rules);
  if (!byParagraph) remembered.set(rules, (byParagraph = new WeakMap()));
  let markers = byParagraph.get(p);
  if (!markers) byParagraph.set(p, (markers = readMarkersOnce(p, rules)));
  return markers;
}

const remembered = new WeakMap<HeadingRules, WeakMap<Paragraph, readonly Marker[]>>();

function readMarkersOnce(p: Paragraph, rules: HeadingRules): Marker[] {
  const text = markerText(p, rules);
  const out: Marker[] = [];
  for (const rule of rules.markers) {
    const m = rule.re.exec(text);
    const num = m?.groups?.num;
    if (!m || num === undefined) continue;
    const rawTitle = (m.groups?.title ?? "").trim();
    const title = cleanTitle(rawTitle, rules);
    // "2.1.3" sits one level below "2.1": dotted numbering deepens with each part.
    const level = rule.deeperPerPart ? rule.level + num.split(/[.,]/).length - 2 : rule.level;
    const base = { ruleId: rule.id, kind: rule.kind, level, title, rawTitle };
    if (rule.kind === "roman") {
      const value = romanValue(num);
      if (value !== null) out.push({ ...base, number: num, value });
      else {
        const typo = romanTypo(num);
        if (typo) out.push({ ...base, number: typo.number, value: typo.value, typoOf: num });
      }
      continue;
    }
    const value =
      rule.kind === "arabic" ? Number(num) : rule.kind === "letter" ? letterValue(num) : undefined;
    out.push({ ...base, number: num, ...(value !== undefined ? { value } : {}) });
  }
  return out;
}

/** "a" → 1, "đ" → 6 (the Vietnamese alphabet puts đ after d). */
function letterValue(letter: string): number {
  const order = "abcdđeghiklmnopqrstuvxy";
  const i = order.indexOf(letter);
  return i >= 0 ? i + 1 : letter.charCodeAt(0) - 96;
}

/**
 * A heading title as the gold writes it: markup wrappers removed, trailing "." ":" ";" dropped
 * (sample 004 ends every heading with "."), spaces collapsed inside each line.
 */
export function cleanTitle(raw: string, rules: HeadingRules): string {
  let t = raw.trim();
  for (const d of rules.dress) t = t.replace(d.re, d.replace);
  return t
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n")
    .replace(/[\s.:;]+$/u, "")
    .trim();
}

/** Title on one line, as the contract's `title` carries it. */
export function oneLine(title: string): string {
  return title.replace(/\s*\n\s*/g, " ").trim();
}

/** Share of uppercase among the letters of a text (0 when it has none). */
export function upperShare(text: string): number {
  const letters = [...text].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (letters.length === 0) return 0;
  return letters.filter((c) => c === c.toUpperCase()).length / letters.length;
}

/** True when the first letter of the title is a capital: headings start with one, running text after "1,5" or "2.5" need not. */
export function startsUpper(title: string): boolean {
  const first = [...title].find((c) => c.toLowerCase() !== c.toUpperCase() || /\d/.test(c));
  return first !== undefined && !/\d/.test(first) && first === first.toUpperCase();
}

/** Bold throughout, or declared a heading by the source (markdown #, Word "Heading n"). */
export function emphasised(p: Paragraph): boolean {
  return p.bold || p.headingLevel !== undefined;
}
