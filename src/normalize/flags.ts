import { z } from "zod";
import type { IndicatorRecord } from "../model/records.js";
import { loadRules } from "../rules/load.js";
import type { Catalog, CatalogEntry } from "./catalog.js";
import { fold } from "./fold.js";
import { canonicalUnit, parseCodedLegend } from "./units.js";
import { valueProblem } from "./value.js";

/**
 * Consistency checks over one document's indicator rows (rules/checks.json). Each check is a
 * rule with an id; when it fires the id goes into the record's `flags` and a warning message
 * is raised. The checks never change a value: they point at numbers a reader should doubt.
 */

const Tolerance = z.object({ halfUnit: z.number().nonnegative(), slack: z.number().nonnegative() });
const Prefixes = z.array(z.string().min(1));

export const ChecksFile = z.object({
  $comment: z.string().optional(),
  checks: z.array(z.object({ id: z.string(), description: z.string(), params: z.record(z.string(), z.unknown()) })),
});

/** Parameters of every check, validated when rules/checks.json is loaded. */
export const CheckParams = z.object({
  "ratio.mismatch": Tolerance,
  "rate.children_mismatch": Tolerance,
  "percent.out_of_range": z.object({ min: z.number(), max: z.number() }),
  "coded.out_of_set": z.object({}),
  "value.unreadable": z.object({}),
  "unit.count_in_percent": z.object({ countPrefixes: Prefixes, notCountPrefixes: Prefixes, ratePrefixes: Prefixes }),
  "children.sum_exceeds_parent": z.object({ totalPrefixes: Prefixes, minChildren: z.number().int().min(1) }),
});
export type CheckParams = z.infer<typeof CheckParams>;
export type CheckId = keyof CheckParams;

/** One fired check. */
export interface Finding {
  /** Index of the flagged record in the input array. */
  index: number;
  ruleId: CheckId;
  reason: string;
  actual?: unknown;
  expected?: unknown;
}

let params: CheckParams | null = null;

/** Check parameters from rules/checks.json, loaded once per process. */
export function loadCheckParams(): CheckParams {
  if (!params) {
    const file = loadRules("checks.json", ChecksFile);
    params = CheckParams.parse(Object.fromEntries(file.checks.map((c) => [c.id, c.params])));
  }
  return params;
}

/**
 * Half a unit of the last printed decimal plus slack: a rate printed as "31" may stand for
 * anything in [30.5, 31.5); "16,67" for [16.665, 16.675). Slack absorbs authors who compute
 * from already-rounded figures. The decimals are read from the parsed value, which can only
 * make the tolerance looser than the print (76.70 reads as 76.7).
 */
export function roundingTolerance(value: number, t: z.infer<typeof Tolerance>): number {
  const decimals = (String(value).split(".")[1] ?? "").length;
  return t.halfUnit * 10 ** -decimals + t.slack;
}

/** True when `stated` is 100·x/y within the rounding tolerance of how it was printed. */
export function ratioAgrees(stated: number, x: number, y: number, t: z.infer<typeof Tolerance>): boolean {
  return Math.abs(stated - (100 * x) / y) <= roundingTolerance(stated, t) + 1e-9;
}

function startsWithAny(label: string, prefixes: string[]): boolean {
  const l = fold(label).replace(/^[^a-z0-9]+/, "");
  return prefixes.some((p) => {
    const f = fold(p);
    return l === f || l.startsWith(`${f} `) || l.startsWith(`${f},`);
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Runs every check. `parents[i]` is the index of record i's nearest enclosing group row (-1 at
 * the top of its table); records must already carry `indicatorId`.
 */
export function checkRecords(records: IndicatorRecord[], parents: number[], catalog: Catalog, p = loadCheckParams()): Finding[] {
  const out: Finding[] = [];
  const entry = (i: number): CatalogEntry | undefined =>
    records[i].indicatorId ? catalog.byId.get(records[i].indicatorId as string) : undefined;
  // Rows grouped by (table, parent) once, so each check looks up its scope instead of scanning.
  const groups = new Map<string, number[]>();
  records.forEach((r, j) => {
    const key = `${r.table}:${parents[j]}`;
    // Appended in place: copying the group per row made a 100,000-row table quadratic.
    const group = groups.get(key);
    if (group) group.push(j);
    else groups.set(key, [j]);
  });
  const children = (i: number) => groups.get(`${records[i].table}:${i}`) ?? [];
  const siblings = (i: number) => (groups.get(`${records[i].table}:${parents[i]}`) ?? []).filter((j) => j !== i);
  // Ids some other entry declares itself a part or subset of: those totals are checked through
  // the catalog, so the label-based fallback leaves them alone.
  const wholes = new Set(catalog.entries.flatMap((e) => [e.partOf, e.subsetOf].filter((x): x is string => !!x)));

  records.forEach((r, i) => {
    // value.unreadable — a cell written as a number that no double holds (1e999, 400 digits).
    const problem = r.value === null ? valueProblem(r.rawValue) : null;
    if (problem) out.push({ index: i, ruleId: "value.unreadable", reason: problem, actual: r.rawValue });
    const unitKind = canonicalUnit(r.unit)?.kind ?? null;
    const e = entry(i);
    const v = r.value;
    const percentRow =
      unitKind === "percent" || (unitKind === null && e?.kind === "percent") || /%/.test(r.rawValue ?? "");

    // ratio.mismatch — 001 "317/1.034 = 31%": 30.66 rounds to 31, so it agrees.
    if (v !== null && r.numerator !== null && r.denominator && /%/.test(r.rawValue ?? "")) {
      if (!ratioAgrees(v, r.numerator, r.denominator, p["ratio.mismatch"])) {
        out.push({
          index: i,
          ruleId: "ratio.mismatch",
          reason: `The stated ${v}% does not match ${r.numerator}/${r.denominator} = ${round2((100 * r.numerator) / r.denominator)}%.`,
          actual: v,
          expected: round2((100 * r.numerator) / r.denominator),
        });
      }
    }

    // rate.children_mismatch — a rate against the rows the catalog says it is computed from.
    if (v !== null && e?.ratio) {
      const { numerator, denominator } = e.ratio;
      const find = (pool: number[], id: string) =>
        pool
          .filter((j) => records[j].indicatorId === id && records[j].value !== null)
          .sort((a, b) => Math.abs(a - i) - Math.abs(b - i))[0];
      let num = find(children(i), numerator);
      let den = find(children(i), denominator);
      if (num === undefined || den === undefined) {
        num = find(siblings(i), numerator);
        den = find(siblings(i), denominator);
      }
      if (num !== undefined && den !== undefined) {
        const x = records[num].value as number;
        const y = records[den].value as number;
        if (y > 0 && !ratioAgrees(v, x, y, p["rate.children_mismatch"])) {
          out.push({
            index: i,
            ruleId: "rate.children_mismatch",
            reason: `The rate ${v}% does not match its rows ${records[num].code || records[num].name} / ${records[den].code || records[den].name} = ${x}/${y} = ${round2((100 * x) / y)}%.`,
            actual: v,
            expected: round2((100 * x) / y),
          });
        }
      }
    }

    // unit.count_in_percent first: when it fires it explains an out-of-range percent, and one
    // cause should give one flag. data/samples/000.txt line 351: "Số lượng VB điện tử" in "%" with 233.
    let countInPercent = false;
    if (v !== null && unitKind === "percent") {
      const q = p["unit.count_in_percent"];
      const countLabel = startsWithAny(r.name, q.countPrefixes) && !startsWithAny(r.name, q.notCountPrefixes);
      const bigInteger = Number.isInteger(v) && v > 100 && !startsWithAny(r.name, q.ratePrefixes);
      if (countLabel || bigInteger) {
        countInPercent = true;
        out.push({
          index: i,
          ruleId: "unit.count_in_percent",
          reason: countLabel
            ? `The label reads as a count but the unit is "%" (value ${v}).`
            : `The value ${v} is a count above 100 in a "%" row.`,
          actual: r.unit,
        });
      }
    }

    if (v !== null && percentRow && !countInPercent) {
      const q = p["percent.out_of_range"];
      if (v < q.min || v > q.max) {
        out.push({
          index: i,
          ruleId: "percent.out_of_range",
          reason: `The percentage ${v} is outside ${q.min}–${q.max}.`,
          actual: v,
          expected: [q.min, q.max],
        });
      }
    }

    // coded.out_of_set — 000 3.2 "Có=1; Không=1" with 2.
    const legend = r.unit ? parseCodedLegend(r.unit) : null;
    if (v !== null && legend && !legend.some((o) => o.code === v)) {
      const codes = [...new Set(legend.map((o) => o.code))];
      out.push({
        index: i,
        ruleId: "coded.out_of_set",
        reason: `The value ${v} is not one of the codes of "${r.unit}" (${codes.join(", ")}).`,
        actual: v,
        expected: codes,
      });
    }
  });

  out.push(...sumChecks(records, parents, catalog, p, children, siblings, wholes));
  return out;
}

function sumChecks(
  records: IndicatorRecord[],
  parents: number[],
  catalog: Catalog,
  p: CheckParams,
  children: (i: number) => number[],
  siblings: (i: number) => number[],
  wholes: Set<string>,
): Finding[] {
  const out: Finding[] = [];
  const q = p["children.sum_exceeds_parent"];
  const valued = (j: number) => records[j].value !== null;
  const label = (j: number) => records[j].code || records[j].name;
  const entryOf = (j: number) => (records[j].indicatorId ? catalog.byId.get(records[j].indicatorId as string) : undefined);
  const fire = (i: number, parts: number[], sum: number) =>
    out.push({
      index: i,
      ruleId: "children.sum_exceeds_parent",
      reason: `${parts.map(label).join(" + ")} = ${sum} exceeds ${label(i)} = ${records[i].value}.`,
      actual: sum,
      expected: records[i].value,
    });

  records.forEach((r, i) => {
    if (r.value === null) return;
    const kind = canonicalUnit(r.unit)?.kind ?? entryOf(i)?.kind;
    if (kind !== "count") return;
    const id = r.indicatorId;
    if (id && wholes.has(id)) {
      // Catalog parts (disjoint) are summed per scope: the total's own breakdown (children) and
      // the breakdown printed beside it (siblings) are different cuts, never added together.
      for (const pool of [children(i), siblings(i)]) {
        const parts = pool.filter((j) => valued(j) && entryOf(j)?.partOf === id);
        const sum = parts.reduce((s, j) => s + (records[j].value as number), 0);
        if (parts.length > 0 && sum > (r.value as number)) {
          fire(i, parts, sum);
          return;
        }
      }
      // A subset (each on its own) beside its total: 003 6.5.2 = 48 > 6.5.1 = 11.
      const subsets = siblings(i).filter((j) => valued(j) && entryOf(j)?.subsetOf === id);
      const over = subsets.find((j) => (records[j].value as number) > (r.value as number));
      if (over !== undefined) fire(i, [over], records[over].value as number);
      return;
    }
    // Label-based fallback for totals the catalog does not describe: only "Tổng số …" rows whose
    // children are all in the same unit and are not totals or rates themselves.
    if (!startsWithAny(r.name, q.totalPrefixes)) return;
    const kids = children(i);
    if (kids.length < q.minChildren || !kids.every(valued)) return;
    if (kids.some((j) => records[j].unit !== r.unit || startsWithAny(records[j].name, [...q.totalPrefixes, "tỷ lệ"]))) return;
    const sum = kids.reduce((s, j) => s + (records[j].value as number), 0);
    if (sum > r.value) fire(i, kids, sum);
  });
  return out;
}
