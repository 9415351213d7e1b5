import type { Result } from "../model/message.js";
import type { MatrixCell } from "../model/records.js";
import { type Catalog, loadCatalog } from "./catalog.js";
import { type MatchContext, type Matcher, projectMatcher } from "./match.js";
import { parseValue } from "./value.js";

/**
 * The numbers of matrix cells (a ratio column's as a percentage; a rank "12/63" is 12 of 63)
 * and catalog ids for the rows of matrix tables: a row about a criterion ("Cải cách thể chế",
 * "Tỷ lệ TTHC công bố đúng hạn") is matched like an indicator label, its group rows as context;
 * a row about a unit or province (rowEntity set) names no indicator and stays null. Unmatched
 * labels show up in `baocao catalog unmatched`.
 */
export function normalizeMatrixCells(cells: MatrixCell[], deps: { catalog?: Catalog; matcher?: Matcher } = {}): Result<MatrixCell[]> {
  if (cells.length === 0) return { value: cells, messages: [] };
  const matcher = deps.matcher ?? projectMatcher(deps.catalog ?? loadCatalog());
  // Per table: the label and id of the latest row with each code, for the context of its children.
  const groups = new Map<string, MatchContext>();
  const byRow = new Map<string, { id: string | null; score: number | null }>();
  const out = cells.map((c) => ({ ...c }));
  for (const c of out) {
    Object.assign(c, parseValue(c.raw, c.valueRole === "ratio" ? "%" : null));
    const rowKey = `${c.table}:${c.row}`;
    let m = byRow.get(rowKey);
    if (!m) {
      if (c.rowEntity !== null || c.rowLabel.trim() === "") m = { id: null, score: null };
      else {
        const context: MatchContext[] = [];
        for (let k = c.rowPath.length - 1; k >= 0; k--) {
          const g = groups.get(`${c.table}:${c.rowPath.slice(0, k + 1).join("/")}`);
          if (g) context.push(g);
        }
        const r = matcher.match(c.rowLabel, context);
        m = { id: r.id, score: r.id ? r.score : null };
      }
      byRow.set(rowKey, m);
      if (c.rowCode) groups.set(`${c.table}:${[...c.rowPath, c.rowCode].join("/")}`, { name: c.rowLabel, indicatorId: m.id });
    }
    c.indicatorId = m.id;
    c.matchScore = m.score;
  }
  return { value: out, messages: [] };
}
