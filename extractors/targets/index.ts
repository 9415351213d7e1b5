import type { Row } from "../../src/model/document.js";
import { type Message, placeOf, type Result } from "../../src/model/message.js";
import type { TargetRecord } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { cleanCell, isBlankCode, joinText } from "../tasks/cells.js";
import { parseTarget } from "./comparator.js";

const FIELDS = ["name", "unit", "rawTarget", "owner"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Target records from every target table (kind "targets": Stt | Nội dung chỉ tiêu | Đơn vị |
 * Chỉ tiêu năm … | Cơ quan thực hiện), one per numbered row, in document order.
 *
 * - A group row ("12 Tỷ lệ xử lý văn bản …" above 12.1–12.3) has no unit and no target: its
 *   unit, rawTarget, target, comparator and owner are null (gold NOTES, Targets (002)).
 * - A row with an empty Stt continues the row above (a row split at a page break), field by
 *   field joined with one space; the target is read again from the joined cell.
 * - `table` is the 0-based index among the document's target tables.
 */
export function extractTargets(tables: LogicalTable[], file: string): Result<TargetRecord[]> {
  const records: TargetRecord[] = [];
  const messages: Message[] = [];
  let tableNo = 0;
  for (const t of tables) {
    if (t.kind !== "targets") continue;
    let last: TargetRecord | null = null;
    t.rows.forEach((row, r) => {
      const code = cleanCell(row, t.roles, "code");
      const f = fields(row, t);
      if (!code && FIELDS.every((k) => f[k] === null)) return;
      if (isBlankCode(code)) {
        if (!last) {
          messages.push({ severity: "warning", ruleId: "targets.orphan-row", reason: "A row without Stt has no target above it to continue; it was skipped.", place: place(file, tableNo, r, row) });
          return;
        }
        last.name = joinText(last.name, f.name) ?? "";
        last.unit = joinText(last.unit, f.unit);
        last.owner = joinText(last.owner, f.owner);
        last.rawTarget = joinText(last.rawTarget, f.rawTarget);
        Object.assign(last, read(last.rawTarget, messages, file, tableNo, r, row));
        return;
      }
      const rec: TargetRecord = {
        table: tableNo,
        code: code!,
        name: f.name ?? "",
        unit: f.unit,
        rawTarget: f.rawTarget,
        ...read(f.rawTarget, messages, file, tableNo, r, row),
        owner: f.owner,
        row: r,
        prov: row.prov,
      };
      records.push(rec);
      last = rec;
    });
    tableNo++;
  }
  return { value: records, messages };
}

function read(raw: string | null, messages: Message[], file: string, table: number, r: number, row: Row) {
  const p = parseTarget(raw);
  if (raw !== null && p.target === null)
    messages.push({
      severity: "info",
      ruleId: "targets.no-number",
      reason: `The target cell "${raw}" states no number; target and comparator are null.`,
      place: place(file, table, r, row),
      actual: raw,
    });
  return { target: p.target, comparator: p.comparator };
}

function fields(row: Row, t: LogicalTable): Record<Field, string | null> {
  return {
    name: cleanCell(row, t.roles, "name"),
    unit: cleanCell(row, t.roles, "unit"),
    rawTarget: cleanCell(row, t.roles, "target"),
    owner: cleanCell(row, t.roles, "owner"),
  };
}

function place(file: string, table: number, row: number, r: Row) {
  return placeOf(file, r.prov, { table, row });
}
