import type { Block, Paragraph } from "../model/document.js";
import { type Message, message, placeOf } from "../model/message.js";
import { toRoman } from "./roman.js";
import { cleanTitle, emphasised, type Marker, oneLine, readMarkers, startsUpper, upperShare } from "./markers.js";
import type { HeadingRules } from "./rules.js";

/** A paragraph taken as a section heading. */
export interface Heading {
  marker: Marker;
  /** Title on one line, numbering and trailing "." ":" removed. */
  title: string;
  /** Lines of the heading paragraph that are body text, not title (a Roman title followed by prose in the same paragraph). */
  body: string[];
}

/** Which paragraphs of the narrative are headings. */
export interface Classification {
  /** Block index → heading. */
  headings: Map<number, Heading>;
  /** Blocks used up as the title of the heading before them ("I." alone, title on the next line). */
  consumed: Set<number>;
  messages: Message[];
}

interface Para {
  index: number;
  p: Paragraph;
  markers: readonly Marker[];
  emph: boolean;
  /** The printed title ends a sentence (".", ";", "!", "?") or holds a ";". */
  sentence: boolean;
}

/**
 * Decides which numbered paragraphs before `end` are headings. Signals, in the order they are
 * applied: Roman numerals need an uppercase or emphasised title, or the next number in sequence
 * with a short plain title; a typo'd Roman numeral needs the Roman headings around it to confirm
 * it; lower levels need a short title starting with a capital, and a run of numbered paragraphs
 * with no body between them is a list of items, not headings, when its entries read as sentences.
 */
export function classify(blocks: Block[], end: number, rules: HeadingRules, file: string): Classification {
  const paras: Para[] = [];
  for (let i = 0; i < end; i++) {
    const b = blocks[i];
    if (b.kind !== "paragraph" || b.text.trim() === "") continue;
    const markers = readMarkers(b, rules);
    paras.push({ index: i, p: b, markers, emph: emphasised(b), sentence: false });
  }
  const out: Classification = { headings: new Map(), consumed: new Set(), messages: [] };
  for (const x of paras) x.sentence = x.markers.length > 0 && endsSentence(x.markers[0].title, x.p.text);

  const roman = acceptRoman(paras, rules, out, file);
  const firstRoman = roman.length > 0 ? roman[0] : 0;
  acceptLower(blocks, paras, firstRoman, rules, out);
  return out;
}

/** True when the printed heading text ends as a sentence does, or holds a ";" (a clause list). */
function endsSentence(title: string, printed: string): boolean {
  return /;/.test(title) || /[.;!?…]["”)]?\s*$/u.test(printed.trim().replace(/[*_]+$/, ""));
}

/** Accepts Roman headings; returns their positions in `paras`. */
function acceptRoman(paras: Para[], rules: HeadingRules, out: Classification, file: string): number[] {
  const { limits } = rules;
  const romanOf = (x: Para) => x.markers.find((m) => m.kind === "roman");
  const shapeOk = (x: Para, m: Marker, title: string) =>
    title.length > 0 && title.length <= limits.maxRomanTitle && startsUpper(title) && !(x.sentence && /;/.test(title));
  const upper = (title: string) => upperShare(title) >= limits.upperRatio;

  const accepted: { pos: number; value: number }[] = [];
  let prev = 0;
  // Pass 1: canonical numerals.
  paras.forEach((x, pos) => {
    const m = romanOf(x);
    if (!m || m.typoOf || m.value === undefined) return;
    const t = titleOf(paras, pos, m, rules);
    if (!shapeOk(x, m, t.title)) return;
    const plainOk = m.value === prev + 1 && t.title.length <= limits.maxTitlePlain && !x.sentence;
    if (!(upper(t.title) || x.emph || plainOk)) return;
    accepted.push({ pos, value: m.value });
    prev = m.value;
  });
  // Pass 2: look-alike numerals ("Il", "ll", "1"), read as Roman only when the neighbours agree.
  paras.forEach((x, pos) => {
    const m = romanOf(x);
    if (!m || !m.typoOf || m.value === undefined) return;
    const t = titleOf(paras, pos, m, rules);
    if (!shapeOk(x, m, t.title) || !(upper(t.title) || x.emph)) return;
    const before = [...accepted].reverse().find((a) => a.pos < pos);
    const after = accepted.find((a) => a.pos > pos);
    const fitsBefore = before !== undefined && m.value === before.value + 1;
    const fitsAfter = after !== undefined && m.value === after.value - 1;
    // A digit ("1." for "I.") is also a plain arabic heading: it must agree with every Roman
    // neighbour. A letter look-alike ("Il") can only be a Roman numeral: one neighbour is enough.
    const ok = /\d/.test(m.typoOf)
      ? (fitsBefore || fitsAfter) && (before === undefined || fitsBefore) && (after === undefined || fitsAfter)
      : fitsBefore || fitsAfter;
    if (!ok) return;
    accepted.push({ pos, value: m.value });
    accepted.sort((a, b) => a.pos - b.pos);
    out.messages.push(
      message("info", m.ruleId, `Read the numeral "${m.typoOf}" as Roman ${m.number}: the Roman headings around it are in sequence with it.`, place(file, x.p), { actual: m.typoOf, expected: m.number }),
    );
  });

  let last = 0;
  for (const a of accepted) {
    const x = paras[a.pos];
    const m = romanOf(x)!;
    record(paras, a.pos, m, rules, out);
    if (a.value !== last + 1)
      out.messages.push(
        message("info", "sections.roman-sequence", `Roman heading ${m.number} comes after ${last ? toRoman(last) : "no Roman heading"}: the source numbering skips or repeats; kept as printed.`, place(file, x.p), { actual: m.number, expected: toRoman(last + 1) }),
      );
    last = a.value;
  }
  return accepted.map((a) => a.pos);
}

/** Accepts headings below the Roman level, after the first Roman heading (or anywhere when there is none). */
function acceptLower(blocks: Block[], paras: Para[], from: number, rules: HeadingRules, out: Classification): void {
  const { limits } = rules;
  const ruleOf = (m: Marker) => rules.markers.find((r) => r.id === m.ruleId);
  const candidates = new Map<number, Marker>();
  const inline = new Set<number>();
  let inArticle = false;
  for (let pos = from; pos < paras.length; pos++) {
    const x = paras[pos];
    if (out.headings.has(x.index)) {
      inArticle = false;
      continue;
    }
    if (out.consumed.has(x.index)) continue;
    // Clauses of a decision's article ("Điều 2. … 1. …") are not report sections.
    if (x.markers.some((m) => m.kind === "article")) inArticle = true;
    if (inArticle) continue;
    const m = x.markers.find((k) => k.kind !== "roman" && k.kind !== "article");
    // A canonical Roman numeral that was refused is an item of a list, never an arabic heading.
    if (!m || x.markers.some((k) => k.kind === "roman" && !k.typoOf)) continue;
    const t = titleOf(paras, pos, m, rules);
    if (!t.title || !startsUpper(t.title)) continue;
    if (ruleOf(m)?.requireEmphasis && !x.emph) continue;
    if (t.title.length > (x.emph ? limits.maxTitleEmphasised : limits.maxTitlePlain)) continue;
    // Plain "* Báo cáo …: UBND phường …" runs its heading into the prose: a paragraph, not a
    // heading — unless it is "5. Về …: Tổng số …" in sequence with its sibling headings (the
    // title in a bold run, its text in the same paragraph): then it is a heading whose text
    // continues as the section's first paragraph (inline, checked below).
    const whole = oneLine(m.title);
    if (!x.emph && /;/.test(whole) && !inlineSplit(m.rawTitle)) continue;
    if (!x.emph && /:\s*\S.{20,}/u.test(whole)) {
      if (inlineSplit(m.rawTitle) && m.value !== undefined) inline.add(pos);
      // "Kết quả thực hiện: đến thời điểm báo cáo ngày 06/11/2025": a lower-case phrase that
      // goes on with the title, not a sentence of its own.
      else if (!/:\s*\p{Ll}[^.;!?…]{19,60}$/u.test(whole)) continue;
    }
    candidates.set(pos, m);
  }
  // An inline heading needs a sibling of its kind numbered right before or after it.
  for (const pos of inline) {
    const m = candidates.get(pos)!;
    const siblings = [...candidates.entries()].filter(([p, k]) => p !== pos && !inline.has(p) && k.kind === m.kind && k.level === m.level);
    const before = siblings.filter(([p]) => p < pos).pop();
    const after = siblings.find(([p]) => p > pos);
    if (!((before && before[1].value === m.value! - 1) || (after && after[1].value === m.value! + 1))) candidates.delete(pos);
  }

  // A run of same-kind numbered paragraphs with nothing between them is a list when any of its
  // plain entries reads as a sentence (sample 000's "1. Tiếp tục …; …" under IV).
  const positions = [...candidates.keys()].sort((a, b) => a - b);
  const demoted = new Set<number>();
  // Each candidate's run and its index there (a run of 100,000 items must not be searched per item).
  const runOf = new Map<number, { run: number[]; at: number }>();
  for (let i = 0; i < positions.length; ) {
    let j = i + 1;
    const kind = candidates.get(positions[i])!.kind;
    while (j < positions.length && positions[j] === positions[j - 1] + 1 && candidates.get(positions[j])!.kind === kind && adjacent(blocks, paras[positions[j - 1]].index, paras[positions[j]].index)) j++;
    const run = positions.slice(i, j);
    run.forEach((pos, k) => runOf.set(pos, { run, at: k }));
    // An inline heading's sentence is its body ("5. Về …: Tổng số …."), not a list entry.
    if (run.length >= 2 && run.some((pos) => !paras[pos].emph && !inline.has(pos) && (paras[pos].sentence || candidates.get(pos)!.title.length > 100)))
      for (const pos of run) if (!paras[pos].emph && !inline.has(pos)) demoted.add(pos);
    i = j;
  }

  // Numbering that restarts under the same parent ("1." after "3.") is a list inside the
  // section, unless the source emphasises it as a heading (sample 000 repeats a bold "2.").
  const lastValue = new Map<string, number>();
  for (let pos = 0; pos < paras.length; pos++) {
    const x = paras[pos];
    const h = out.headings.get(x.index);
    if (h) {
      lastValue.clear();
      continue;
    }
    const m = candidates.get(pos);
    if (!m || demoted.has(pos)) continue;
    const prev = lastValue.get(m.kind);
    if (m.value !== undefined && prev !== undefined && m.value <= prev && !x.emph) {
      // The rest of the restarted run ("1. …", "2. …" listed under heading "1.") goes with it,
      // as far as it continues the restarted count.
      let next = m.value + 1;
      const own = runOf.get(pos);
      for (let k = own ? own.at + 1 : 0; own && k < own.run.length; k++) {
        const later = own.run[k];
        if (paras[later].emph || candidates.get(later)?.value !== next) break;
        demoted.add(later);
        next++;
      }
      continue;
    }
    for (const [kind] of lastValue) if (levelOf(rules, kind) > m.level) lastValue.delete(kind);
    if (m.value !== undefined) lastValue.set(m.kind, m.value);
    record(paras, pos, m, rules, out);
  }
}

function levelOf(rules: HeadingRules, kind: string): number {
  return rules.markers.find((r) => r.kind === kind)?.level ?? 0;
}

/** True when only page breaks or empty paragraphs lie between two blocks (a table counts as body). */
function adjacent(blocks: Block[], a: number, b: number): boolean {
  return blocks.slice(a + 1, b).every((x) => x.kind === "pageBreak" || (x.kind === "paragraph" && x.text.trim() === ""));
}

/**
 * The title of a heading: its own text, or the next paragraph's when the numbering stands alone
 * ("I." then "CÔNG TÁC CHỈ ĐẠO" on its own line, as PDF layout often gives).
 */
function titleOf(paras: Para[], pos: number, m: Marker, rules: HeadingRules): { title: string; body: string[]; consumes?: number } {
  if (m.title === "") {
    const next = paras[pos + 1];
    if (!next || next.markers.length > 0) return { title: "", body: [] };
    const title = oneLine(next.p.text);
    return title.length <= rules.limits.maxRomanTitle ? { title, body: [], consumes: next.index } : { title: "", body: [] };
  }
  const lines = m.rawTitle.split("\n");
  // A Roman title in capitals followed, in the same paragraph, by prose: the prose is body.
  if (m.kind === "roman" && lines.length > 1 && upperShare(lines[0]) >= rules.limits.upperRatio) {
    const k = lines.findIndex((l) => upperShare(l) < rules.limits.upperRatio);
    if (k > 0) return { title: oneLine(cleanTitle(lines.slice(0, k).join("\n"), rules)), body: lines.slice(k).map((l) => l.trim()) };
  }
  const split = inlineSplit(m.rawTitle);
  if (split) return { title: oneLine(cleanTitle(split.title, rules)), body: [split.body] };
  return { title: oneLine(m.title), body: [] };
}

/** Longest title of a heading that carries its text after a colon. */
const MAX_INLINE_TITLE = 120;

/**
 * A heading whose text follows in the same paragraph after a colon: "Về cải cách tổ chức bộ
 * máy: Tổng số …." or "KIẾN NGHỊ, ĐỀ XUẤT: Không.". The rest must read as text — a sentence
 * (ending in "." ";" "!" "?" or long) or prose under a title in capitals; "Kết quả thực hiện:
 * đến thời điểm báo cáo ngày 06/11/2025" is one title.
 */
export function inlineSplit(raw: string): { title: string; body: string } | null {
  const text = raw.replace(/\s*\n\s*/g, " ").trim();
  const at = text.indexOf(":");
  if (at <= 0 || at > MAX_INLINE_TITLE) return null;
  const title = text.slice(0, at).trim();
  const body = text.slice(at + 1).trim();
  if (!title || !body || !startsUpper(title)) return null;
  const sentence = /[.;!?…]["”)]?$/u.test(body) || body.length > 80;
  const capsTitle = upperShare(title) >= 0.7 && upperShare(body) < 0.7;
  return sentence || capsTitle ? { title, body } : null;
}

function record(paras: Para[], pos: number, m: Marker, rules: HeadingRules, out: Classification): void {
  const t = titleOf(paras, pos, m, rules);
  out.headings.set(paras[pos].index, { marker: m, title: t.title, body: t.body });
  if (t.consumes !== undefined) out.consumed.add(t.consumes);
}

function place(file: string, p: Paragraph) {
  return placeOf(file, p.prov);
}
