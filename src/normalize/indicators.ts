import { message, type Message, placeOf, type Result } from "../model/message.js";
import type { IndicatorRecord } from "../model/records.js";
import { type Catalog, loadCatalog } from "./catalog.js";
import { checkRecords } from "./flags.js";
import { type MatchContext, type Matcher, projectMatcher } from "./match.js";
import { canonicalUnit } from "./units.js";
import { parseValue } from "./value.js";

/**
 * The normalize stage for indicator rows: the numbers read from the cells (value, numerator,
 * denominator of the row and of each value column), canonical unit, catalog id and match
 * score, then the consistency checks. Records arrive from the extractor in document order with
 * code, codePath, name, unit and the raw cells filled, page-split rows already joined.
 */
export function normalizeIndicators(
  records: IndicatorRecord[],
  file: string,
  deps: { catalog?: Catalog; matcher?: Matcher } = {},
): Result<IndicatorRecord[]> {
  const catalog = deps.catalog ?? loadCatalog();
  const matcher = deps.matcher ?? projectMatcher(catalog);
  const parents = parentIndices(records);
  const out = records.map((r) => ({ ...r, flags: [...r.flags] }));

  // Document order matters: a group row is matched before its children, whose context is the
  // group's id.
  out.forEach((r, i) => {
    readNumbers(r);
    r.unitCanonical = canonicalUnit(r.unit)?.name ?? null;
    if (r.name.trim() === "") {
      r.indicatorId = null;
      r.matchScore = null;
      return;
    }
    const context: MatchContext[] = [];
    for (let j = parents[i]; j >= 0; j = parents[j]) context.push({ name: out[j].name, indicatorId: out[j].indicatorId });
    const m = matcher.match(r.name, context);
    r.indicatorId = m.id;
    r.matchScore = m.id ? m.score : null;
  });

  const messages: Message[] = [];
  for (const f of checkRecords(out, parents, catalog)) {
    const r = out[f.index];
    if (r.flags.includes(f.ruleId)) continue;
    r.flags.push(f.ruleId);
    messages.push(
      message("warning", f.ruleId, f.reason, placeOf(file, r.prov, { table: r.table, row: r.row }), {
        actual: f.actual,
        expected: f.expected,
      }),
    );
  }
  return { value: out, messages };
}

/**
 * The row's number from its value cell under its unit (a coded legend "Có = 1; Không = 0"
 * gives a word its code), and each value column's: a ratio column states a percentage
 * whatever the row's unit says; the main column is the row's own value cell.
 */
function readNumbers(r: IndicatorRecord): void {
  Object.assign(r, parseValue(r.rawValue, r.unit));
  r.values = r.values.map((v) => ({ ...v, ...parseValue(v.rawValue, !v.main && v.role === "ratio" ? "%" : r.unit) }));
}

/**
 * Index of each record's nearest enclosing group row, -1 when none: the last earlier row of the
 * same table whose code is the last element of the record's codePath (and whose own codePath is
 * the rest of it, so repeated codes such as 000's two "4.1" rows resolve to the right one).
 */
export function parentIndices(records: IndicatorRecord[]): number[] {
  return records.map((r, i) => {
    const path = r.codePath;
    if (path.length === 0) return -1;
    const code = path[path.length - 1];
    const above = path.slice(0, -1);
    let loose = -1;
    for (let j = i - 1; j >= 0 && records[j].table === r.table; j--) {
      if (records[j].code !== code) continue;
      if (sameCodes(records[j].codePath, above)) return j;
      if (loose < 0) loose = j;
    }
    return loose;
  });
}

function sameCodes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}
