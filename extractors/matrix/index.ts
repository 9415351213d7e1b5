import type { Row } from "../../src/model/document.js";
import type { Message, Result } from "../../src/model/message.js";
import type { MatrixCell } from "../../src/model/records.js";
import { entityOf } from "../../src/normalize/entities.js";
import { parseValue } from "../../src/normalize/value.js";
import { isEntityHeader } from "../../src/tables/meaning.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { codeDepth, isContinuationCode } from "../indicators/codes.js";
import { cleanText } from "../rows.js";

/**
 * One record per filled value cell of every matrix table (score and ranking tables: one row
 * per criterion, unit or province, one column per measure, year or unit; src/tables/stitch.ts
 * decides the kind). Each cell is row × column: the row's code, label and group path, the unit
 * or province the row names (its label, or an entity column "Đơn vị" / "Tỉnh"), the column's
 * header path and the province it names, the raw text and the number read from it. Catalog ids
 * are filled by the normalize stage.
 * Each cell's `table` is the logical table's index (TableRecord.index).
 */
export function extractMatrixCells(tables: LogicalTable[], file: string): Result<MatrixCell[]> {
  const out: MatrixCell[] = [];
  const messages: Message[] = [];
  for (const t of tables) {
    if (t.kind !== "matrix") continue;
    const layout = matrixLayout(t);
    const table = t.index;
    const columnEntity = t.columns.map((m) => {
      for (const seg of m.path) {
        const e = entityOf(seg);
        if (e) return e;
      }
      return null;
    });
    const stack: { depth: number; code: string }[] = [];
    let entityAbove: string | null = null;
    t.rows.forEach((row, r) => {
      const code = layout.code >= 0 ? text(row, layout.code) : "";
      let label = text(row, layout.label);
      let rowCode = code;
      // "CHỈ SỐ CHUNG" merged over STT and label: the origin is the label.
      if (!label && layout.code >= 0 && row.cells[layout.label]?.spanned && code && !/\d|^[IVXLC]+\.?$/.test(code)) {
        label = code;
        rowCode = "";
      }
      if (!label && !rowCode) return;
      let rowPath: string[] = [];
      // A total row ("CHỈ SỐ CHUNG" over STT and label) belongs to no group.
      if (!rowCode && label && row.cells[layout.label]?.spanned) stack.length = 0;
      else if (rowCode && !isContinuationCode(rowCode)) {
        const depth = codeDepth(rowCode);
        while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
        rowPath = stack.map((s) => s.code);
        stack.push({ depth, code: rowCode });
      } else rowPath = stack.map((s) => s.code);
      // An entity column names the row's unit as printed even when the lists do not know it.
      // A vertically merged entity cell ("Ban Quản lý …" over several rows) names every row it covers.
      const entityText = layout.entity >= 0 ? text(row, layout.entity) : "";
      if (layout.entity >= 0 && !row.cells[layout.entity]?.spanned) entityAbove = entityText ? (entityOf(entityText) ?? entityText) : null;
      const rowEntity = layout.entity >= 0 ? entityAbove : entityOf(label);
      for (const c of layout.values) {
        const cell = row.cells[c];
        if (!cell || cell.spanned) continue;
        const raw = text(row, c);
        if (!raw) continue;
        const m = t.columns[headerColumn(t, c, cell.colSpan ?? 1)];
        out.push({
          table,
          row: r,
          column: c,
          rowCode,
          rowLabel: label,
          rowPath,
          rowEntity,
          header: m?.path ?? [],
          columnEntity: columnEntity[headerColumn(t, c, cell.colSpan ?? 1)],
          valueRole: m?.valueRole ?? null,
          year: m?.year ?? null,
          quarter: m?.quarter ?? null,
          raw,
          // Read by the normalize stage (src/normalize/matrix.ts).
          value: null,
          numerator: null,
          denominator: null,
          indicatorId: null,
          matchScore: null,
          prov: row.prov,
        });
      }
    });
    if (layout.values.length === 0)
      messages.push({ severity: "info", ruleId: "matrix.no-value-columns", reason: "A score or ranking table has no value column to read; its cells are stored with the table.", place: { file, table } });
  }
  return { value: out, messages };
}

/** Which grid columns hold the row's code, label and entity, and which hold values. */
export function matrixLayout(t: LogicalTable): { code: number; label: number; entity: number; values: number[] } {
  const code = t.roles.indexOf("code");
  const lowest = (c: number) => t.columns[c]?.path[t.columns[c].path.length - 1] ?? "";
  const hasName = t.roles.includes("name");
  // Without a label column, "Đơn vị" names the units the rows are about, not a unit of measure.
  let entity = t.roles.findIndex((r, c) => c !== code && isEntityHeader(lowest(c)) && (!hasName || r !== "unit" || namesUnits(t.rows, c)));
  // The label is the first text column among the name column, the entity column and the rest
  // ("Chỉ số" under "SIPAS" names a column of values, not the rows).
  const name = t.roles.indexOf("name");
  const candidates = [name, entity, ...t.roles.map((_, c) => c)].filter((c) => c >= 0 && c !== code);
  const label = candidates.find((c) => !mostlyNumbers(t.rows, c)) ?? candidates[0] ?? -1;
  const values: number[] = [];
  t.roles.forEach((role, c) => {
    if (c === code || c === label || c === entity || role === "note") return;
    const m = t.columns[c];
    const said = m && (m.valueRole !== null || m.year !== null || m.quarter !== null || m.path.some((s) => entityOf(s) !== null));
    if (said || mostlyNumbers(t.rows, c)) values.push(c);
  });
  return { code, label: Math.max(0, label), entity, values };
}

/**
 * A "Đơn vị" column beside a label column names units of measure ("%", "Hồ sơ") unless its
 * cells name organisations: a known unit, or text longer than any unit of measure.
 */
function namesUnits(rows: Row[], c: number): boolean {
  return rows.some((r) => {
    const t = r.cells[c]?.spanned ? "" : (r.cells[c]?.text ?? "").trim();
    return t !== "" && (entityOf(t) !== null || [...t].length > 20);
  });
}

/**
 * The column whose header a body cell spanning `span` grid columns sits under. Word grids are
 * often misaligned between the header and the body: a value merged over two grid columns
 * whose first repeats another column's header path ("Đắk Nông › Điểm số" twice) belongs to
 * the one header among them that no other column has.
 */
function headerColumn(t: LogicalTable, c: number, span: number): number {
  if (span <= 1) return c;
  const key = (k: number) => (t.columns[k]?.path ?? []).join("\u0001");
  const outside = (k: number) => t.columns.some((_, j) => (j < c || j >= c + span) && key(j) === key(k));
  if (!outside(c)) return c;
  for (let k = c + 1; k < c + span; k++) if (!outside(k)) return k;
  return c;
}

function mostlyNumbers(rows: Row[], c: number): boolean {
  let filled = 0;
  let numbers = 0;
  for (const r of rows) {
    const cell = r.cells[c];
    if (!cell || cell.spanned) continue;
    const raw = cell.text.trim();
    if (!raw) continue;
    filled++;
    if (parseValue(raw).value !== null) numbers++;
  }
  return filled > 0 && numbers * 2 >= filled;
}

function text(row: Row, c: number): string {
  const cell = row.cells[c];
  if (!cell || cell.spanned) return "";
  return cleanText(cell.text) ?? "";
}
