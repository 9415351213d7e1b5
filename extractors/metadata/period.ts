import type { Period } from "../../src/model/records.js";
import { daysBetween, parseDate } from "./dates.js";
import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

type Kind = NonNullable<Period["kind"]>;

/** A period phrase found in a text. */
export interface PeriodPhrase {
  kind: Kind;
  quarter: number | null;
  year: number | null;
  /** 1–12 for a month phrase. */
  month?: number | null;
  /** First and last day of a multi_year phrase. */
  from?: string | null;
  to?: string | null;
  /** Index of the phrase in its text. */
  index: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Period phrases of a folded text, in order: "quý I năm 2024", "quý IV/2021", "6 tháng đầu
 * năm 2024", "9 tháng", "năm 2024" (kind year, only where no other phrase covers it). A phrase
 * right after a forward-looking marker ("phương hướng nhiệm vụ quý III", "nhiệm vụ trong quý
 * IV") names the next period and is skipped. A phrase without its own year takes the next
 * "năm YYYY" of the same text.
 */
export function periodPhrases(folded: string): PeriodPhrase[] {
  const p = metadataRules().period;
  // Programme names are not periods ("Đề án 06" is not "06 tháng"): blanked, positions kept.
  const key = folded.replace(p.programmes, (m) => " ".repeat(m.length));
  const out: PeriodPhrase[] = [];
  const covered: [number, number][] = [];
  const add = (re: RegExp, make: (m: RegExpExecArray) => Omit<PeriodPhrase, "year" | "index">) => {
    re.lastIndex = 0;
    for (let m = re.exec(key); m; m = re.exec(key)) {
      const end = m.index + m[0].length;
      const before = key.slice(Math.max(0, m.index - 40), m.index);
      if (p.forward.some((f) => f.test(before))) {
        covered.push([m.index, end + 12]);
        continue;
      }
      const y = p.yearAfter.exec(key.slice(end));
      const yEnd = y ? end + y[0].length : end;
      covered.push([m.index, yEnd]);
      out.push({ ...make(m), year: y ? Number(y[1]) : null, index: m.index });
    }
  };
  add(p.quarter, (m) => ({ kind: "quarter", quarter: ROMAN[m[1]] ?? Number(m[1]) }));
  add(p.half, () => ({ kind: "half", quarter: null }));
  add(p.nine, () => ({ kind: "nine_months", quarter: null }));
  // "tháng 10/2025", "tháng 10 năm 2025": a monthly report; "ngày 16 tháng 6 năm 2025" is a date.
  p.month.lastIndex = 0;
  for (let m = p.month.exec(key); m; m = p.month.exec(key)) {
    const end = m.index + m[0].length;
    covered.push([m.index, end]);
    const before = key.slice(Math.max(0, m.index - 40), m.index);
    if (/\bngay\s+\d{1,2}\s*$/u.test(before) || p.forward.some((f) => f.test(before))) continue;
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) out.push({ kind: "month", quarter: null, month, year: Number(m[2]), index: m.index });
  }
  // "giai đoạn 2021 - 2025", "2026 – 2030": several years, from the first day to the last.
  p.multiYear.lastIndex = 0;
  for (let m = p.multiYear.exec(key); m; m = p.multiYear.exec(key)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    covered.push([m.index, m.index + m[0].length]);
    const before = key.slice(Math.max(0, m.index - 40), m.index);
    if (b <= a || b - a > 20 || p.forward.some((f) => f.test(before))) continue;
    out.push({ kind: "multi_year", quarter: null, year: null, from: `${a}-01-01`, to: `${b}-12-31`, index: m.index + m[0].indexOf(m[1]) });
  }
  p.year.lastIndex = 0;
  for (let m = p.year.exec(key); m; m = p.year.exec(key)) {
    if (covered.some(([a, b]) => m!.index >= a && m!.index < b)) continue;
    out.push({ kind: "year", quarter: null, year: Number(m[1]), index: m.index });
  }
  out.sort((a, b) => a.index - b.index);
  // "trong quý III và … năm 2021": the quarter takes the year printed later in the sentence.
  for (const ph of out) {
    if (ph.year !== null || ph.kind === "multi_year") continue;
    p.year.lastIndex = ph.index;
    const later = p.year.exec(key);
    if (later) ph.year = Number(later[1]);
  }
  return out;
}

/** An explicit "Từ ngày … đến ngày …" range. */
export interface DateRange {
  from: string;
  to: string;
  line: TextLine;
}

/** Every complete date range of the lines ("từ ngày 15/12/2023 đến ngày 07/03/2024", "Từ ngày 06/12/2023 - 03/6/2024"). */
export function dateRanges(lines: TextLine[]): DateRange[] {
  const re = metadataRules().period.range;
  const out: DateRange[] = [];
  for (const line of lines) {
    re.lastIndex = 0;
    for (let m = re.exec(line.key); m; m = re.exec(line.key)) {
      const from = parseDate(m[1]);
      const to = parseDate(m[2]);
      if (from && to && from < to) out.push({ from, to, line });
    }
  }
  return out;
}

/** Days a period of each kind spans, loosely (cut-offs move by a few days: DOMAIN.md, 581/BNV-CCHC). */
const SPAN: Record<Exclude<Kind, "plan_year" | "month" | "multi_year">, [number, number]> = {
  quarter: [60, 120],
  half: [150, 215],
  nine_months: [240, 300],
  year: [330, 400],
};

/** The kind a range's length implies, with the quarter from its end month (a cut-off of 14/3 ends Q1). */
export function kindOfRange(r: { from: string; to: string }): { kind: Kind; quarter: number | null; year: number } | null {
  const days = daysBetween(r.from, r.to);
  const year = Number(r.to.slice(0, 4));
  for (const [kind, [lo, hi]] of Object.entries(SPAN) as [Kind, [number, number]][])
    if (days >= lo && days <= hi) {
      const month = Number(r.to.slice(5, 7));
      return { kind, quarter: kind === "quarter" ? Math.ceil(month / 3) : null, year };
    }
  return null;
}

/** True when a range's length fits the period kind. */
export function rangeFits(r: { from: string; to: string }, kind: Kind | null): boolean {
  if (kind === null || kind === "plan_year" || kind === "multi_year") return false;
  if (kind === "month") return daysBetween(r.from, r.to) <= 45;
  const days = daysBetween(r.from, r.to);
  const [lo, hi] = SPAN[kind];
  return days >= lo && days <= hi;
}
