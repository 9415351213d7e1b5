import type { Row } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import type { IndicatorRecord, IndicatorValue } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { cellOf, joinText, readRecordTables } from "../rows.js";
import { codeDepth, isContinuationCode } from "./codes.js";

/**
 * One indicator record per body row with a label of every statistics table (the sample
 * contract): group rows included; a row with no STT and no label continues the row above —
 * appended to its unit when it only carries a coded-legend fragment ("Phát phiếu = 1"),
 * otherwise its own row repeating the previous code and name (a breakdown such as "NV Tỉnh
 * giao" under the row it details). `table` is the logical table's index (TableRecord.index).
 */
export function extractIndicators(tables: LogicalTable[], file: string): Result<IndicatorRecord[]> {
  return readRecordTables<IndicatorRecord, { valueCols: number[] }>(tables, "indicators", file, {
    start: (t) => ({ valueCols: valueColumns(t) }),
    readRow(row, r, at, { valueCols }) {
      const t = at.table;
      const own = at.records;
      const code = cellOf(row, t.roles, "code") ?? "";
      const name = cellOf(row, t.roles, "name");
      const unit = cellOf(row, t.roles, "unit");
      const rawValue = cellOf(row, t.roles, "value");
      const note = cellOf(row, t.roles, "note");
      if (!code && !name && !unit && !rawValue && !note) return;
      const prev = own[own.length - 1];
      if (prev && t.fragmentStart[r] && !code && name && startsLowercase(name)) {
        // A row cut by a page break: its second half opens the next fragment without STT and
        // with a label that continues mid-sentence. Join it field by field.
        prev.name = joinText(prev.name, name);
        prev.unit = joinText(prev.unit, unit);
        prev.note = joinText(prev.note, note);
        prev.rawValue = joinText(prev.rawValue, rawValue);
        return;
      }
      if (!code && !name) {
        if (!prev) {
          at.note("warning", "indicators.orphan-row", "A row without STT and label opens the table; it was skipped.", r);
          return;
        }
        if (unit && !rawValue && !note && unit.includes("=")) {
          // "Trực tuyến = 0;" / "Phát phiếu = 1" / "Kết hợp = 2" printed on three lines.
          prev.unit = joinText(prev.unit, unit);
          return;
        }
        own.push(record(t, r, row, prev.code, prev.name, unit, rawValue, note, valueCols));
        return;
      }
      own.push(record(t, r, row, code, name ?? "", unit, rawValue, note, valueCols));
    },
    endTable: assignHierarchy,
  });
}

const startsLowercase = (s: string) => /^\p{Ll}/u.test(s);
/** Numbers are read from the cells by the normalize stage (src/normalize/indicators.ts), after rows are joined. */
const UNREAD = { value: null, numerator: null, denominator: null };

function record(
  t: LogicalTable,
  r: number,
  row: Row,
  code: string,
  name: string,
  unit: string | null,
  rawValue: string | null,
  note: string | null,
  valueCols: number[],
): IndicatorRecord {
  const main = t.roles.indexOf("value");
  const values: IndicatorValue[] = valueCols.map((c) => {
    const raw = (row.cells[c]?.text ?? "").replace(/\s+/g, " ").trim() || null;
    const m = t.columns[c];
    return { column: c, header: m?.path ?? [], role: m?.valueRole ?? null, year: m?.year ?? null, quarter: m?.quarter ?? null, rawValue: raw, ...UNREAD, main: c === main };
  });
  return {
    table: t.index,
    tableTitle: t.title,
    code,
    codePath: [],
    name,
    unit,
    unitCanonical: null,
    rawValue,
    ...UNREAD,
    note,
    isGroup: false,
    indicatorId: null,
    matchScore: null,
    flags: [],
    values,
    row: r,
    prov: row.prov,
  };
}

/**
 * Code paths and group rows from the numbering depth: a row's parents are the nearest earlier
 * rows with a smaller depth (Roman 1, "2" 2, "2.1" 3 …). Rows whose STT is empty, "-" or
 * "Trong đó" sit one level under the last numbered row. Numbering is read as printed, so
 * "1.1" under "4" (sample 000) still nests under "4".
 */
function assignHierarchy(records: IndicatorRecord[]): void {
  const stack: { depth: number; rec: IndicatorRecord }[] = [];
  for (const rec of records) {
    const continuation = isContinuationCode(rec.code);
    const depth = continuation ? (stack.length ? stack[stack.length - 1].depth + 1 : 1) : codeDepth(rec.code);
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    rec.codePath = stack.map((s) => s.rec.code);
    const parent = stack[stack.length - 1];
    if (parent) parent.rec.isGroup = true;
    if (!continuation) stack.push({ depth, rec });
  }
}

const LABEL_ROLES = new Set(["code", "name", "unit", "note"]);

/**
 * The value columns of an indicator table when it has several ("Năm 2023 | Năm 2024", "Kế
 * hoạch | Thực hiện | Tỷ lệ"): the value column and every other headed column no label role
 * takes that holds something in some row. [] when there is only one, so the appendix template
 * keeps its single value.
 */
function valueColumns(t: LogicalTable): number[] {
  const cols: number[] = [];
  t.roles.forEach((role, c) => {
    if (role && LABEL_ROLES.has(role)) return;
    if (role !== "value" && (role !== null || !(t.columns[c]?.path.length ?? 0))) return;
    if (role !== "value" && !t.rows.some((r) => !r.cells[c]?.spanned && (r.cells[c]?.text ?? "").trim() !== "")) return;
    cols.push(c);
  });
  return cols.length >= 2 && cols.includes(t.roles.indexOf("value")) ? cols : [];
}
