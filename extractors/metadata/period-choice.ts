import { type Message, placeOf } from "../../src/model/message.js";
import type { Period } from "../../src/model/records.js";
import type { TitleBlock } from "./doc-type.js";
import type { TextLine } from "./lines.js";
import { dateRanges, kindOfRange, periodPhrases, rangeFits, type DateRange, type PeriodPhrase } from "./period.js";
import { metadataRules } from "./rules.js";

/** What findPeriod reads. */
export interface PeriodInput {
  title: TitleBlock | null;
  docTypeId: string | null;
  /** Sentences where the report names its own period ("Trên đây là báo cáo … 6 tháng đầu năm 2024"). */
  selfLines: TextLine[];
  /** Every line (for a range stated once in the body). */
  lines: TextLine[];
  /** ISO date of issue, for a year no phrase states. */
  date: string | null;
  /** The subject lines when there is no title block (a công văn's "V/v" lines). */
  subjectLines?: TextLine[];
  /** True when the type line carries an agenda qualifier ("CHƯƠNG TRÌNH HỘI NGHỊ"): not a plan. */
  agenda?: boolean;
  file: string;
}

const EMPTY: Period = { kind: null, year: null, quarter: null, month: null, from: null, to: null };

/** A period statement: the phrase, the line it was read from and which rule found it. */
interface Pick {
  phrase: Phrase;
  line: TextLine | null;
  how: string;
}
type Phrase = Omit<PeriodPhrase, "index">;

/**
 * The reporting period, from the most specific statement available:
 * 1. a plan (KẾ HOẠCH, or a QUYẾT ĐỊNH "Ban hành Kế hoạch … năm 2024") → plan_year;
 * 2. a quarter / 6 / 9 months phrase in the title ("Quý I năm 2024");
 * 3. such a phrase in the report's own closing or opening sentence (sample 000's title names
 *    a plan, its closing sentence "6 tháng đầu năm 2024");
 * 4. the length of a "(Từ ngày … đến ngày …)" range under the title (info message);
 * 5. "năm 2024" in the title or the report's own sentence → year.
 * from/to come from a range under the title, else from the one range the body states when its
 * length fits the kind. "Đến hết tháng 11/2024" is a cut-off, not a range.
 * A title and a sentence naming different kinds give a warning "metadata.period.conflict".
 */
export function findPeriod(input: PeriodInput): { value: Period; messages: Message[]; line: TextLine | null } {
  const p = metadataRules().period;
  const messages: Message[] = [];
  const warn = (severity: "info" | "warning", ruleId: string, reason: string, line: TextLine | null) =>
    messages.push({ severity, ruleId, reason, place: placeOf(input.file, line?.prov) });

  const titleLines = input.title?.title.length ? input.title.title : (input.subjectLines ?? []);
  const titleText = titleLines.map((l) => l.key).join(" ");
  const inTitle = phrasesOf(titleLines, "title");
  // A report names its own period in its sentences; other types only in their title or subject
  // (LABELING.md: "A period named only in the body: null").
  const report = input.docTypeId === null || input.docTypeId === "doctype.bao-cao";
  const inSelf = report ? phrasesOf(input.selfLines, "self-reference") : [];
  const explicit = (xs: Pick[]) => xs.find((x) => x.phrase.kind !== "year");
  const yearly = (xs: Pick[]) => xs.find((x) => x.phrase.kind === "year");
  const titleRange = dateRanges(titleLines)[0] ?? null;

  let pick: Pick | null = null;
  // "giai đoạn 2026 - 2030" in the title: a multi-year plan or review, whatever the type.
  pick = inTitle.find((x) => x.phrase.kind === "multi_year") ?? null;
  const isPlan = input.docTypeId !== null && !input.agenda && (p.planDocTypes.has(input.docTypeId) || (input.docTypeId === "doctype.quyet-dinh" && p.planTitle.test(titleText)));
  if (!pick && isPlan) {
    const y = yearly(inTitle) ?? yearly(inSelf);
    pick = { phrase: { kind: "plan_year", quarter: null, year: y?.phrase.year ?? null }, line: y?.line ?? titleLines[0] ?? null, how: "plan title" };
  }
  const tExplicit = explicit(inTitle);
  const sExplicit = explicit(inSelf);
  pick ??= tExplicit ?? sExplicit ?? null;
  if (!pick && titleRange) {
    const k = kindOfRange(titleRange);
    if (k) {
      pick = { phrase: { kind: k.kind, quarter: k.quarter, year: k.year }, line: titleRange.line, how: "range" };
      warn("info", "metadata.period.inferred", `The period kind "${k.kind}" is inferred from the length of the range ${titleRange.from} – ${titleRange.to}.`, titleRange.line);
    }
  }
  pick ??= yearly(inTitle) ?? yearly(inSelf) ?? null;
  if (tExplicit && sExplicit && !samePhrase(tExplicit.phrase, sExplicit.phrase))
    warn("warning", "metadata.period.conflict", `The title says ${describe(tExplicit.phrase)} but the report's own sentence says ${describe(sExplicit.phrase)}; the title is kept.`, sExplicit.line);
  if (!pick) return { value: EMPTY, messages, line: null };

  const value: Period = { ...EMPTY, kind: pick.phrase.kind, quarter: pick.phrase.quarter, year: pick.phrase.year, month: pick.phrase.month ?? null };
  if (value.kind === "multi_year") return { value: { ...value, from: pick.phrase.from ?? null, to: pick.phrase.to ?? null }, messages, line: pick.line };
  if (value.year === null) {
    const y = yearly(inTitle)?.phrase.year ?? yearly(inSelf)?.phrase.year ?? (titleRange ? Number(titleRange.to.slice(0, 4)) : null) ?? (input.date ? Number(input.date.slice(0, 4)) : null);
    if (y !== null) {
      value.year = y;
      warn("info", "metadata.period.year-inferred", `The period names no year; ${y} is taken from the title, range or date.`, pick.line);
    }
  }
  const range = titleRange ?? (report ? bodyRange(input.lines, value) : null);
  if (range && value.kind !== "plan_year") {
    value.from = range.from;
    value.to = range.to;
    if (!rangeFits(range, value.kind))
      warn("warning", "metadata.period.range-mismatch", `The range ${range.from} – ${range.to} does not span a ${value.kind} period.`, range.line);
    else if (!titleRange) warn("info", "metadata.period.range-from-body", "The only explicit range in the text is taken as the report period.", range.line);
  }
  return { value, messages, line: pick.line };
}

function phrasesOf(lines: TextLine[], how: string): Pick[] {
  // A title printed over several lines is one phrase ("… Quý I" / "năm 2024"): read it joined.
  const out: Pick[] = [];
  for (const line of lines) for (const ph of periodPhrases(line.key)) out.push({ phrase: ph, line, how });
  if (how === "title" && lines.length > 1) {
    const joined = periodPhrases(lines.map((l) => l.key).join(" "));
    if (joined.length && out.some((o) => o.phrase.year === null)) return joined.map((ph) => ({ phrase: ph, line: lines[0], how }));
  }
  return out;
}

/** The body's explicit ranges when they are all the same one and its length fits the period. */
function bodyRange(lines: TextLine[], period: Period): DateRange | null {
  const ranges = dateRanges(lines.filter((l) => !l.layout));
  if (ranges.length === 0) return null;
  const distinct = new Set(ranges.map((r) => `${r.from}|${r.to}`));
  if (distinct.size !== 1) return null;
  const r = ranges[0];
  if (period.year !== null && Number(r.to.slice(0, 4)) !== period.year) return null;
  return rangeFits(r, period.kind) ? r : null;
}

function samePhrase(a: Phrase, b: Phrase): boolean {
  return a.kind === b.kind && a.quarter === b.quarter && (a.month ?? null) === (b.month ?? null) && (a.year === null || b.year === null || a.year === b.year);
}

function describe(p: Phrase): string {
  const y = p.year ?? "?";
  if (p.kind === "multi_year") return `${p.from?.slice(0, 4)}–${p.to?.slice(0, 4)}`;
  if (p.kind === "month") return `month ${p.month} of ${y}`;
  return p.kind === "quarter" ? `quarter ${p.quarter} of ${y}` : `${p.kind} ${y}`;
}
