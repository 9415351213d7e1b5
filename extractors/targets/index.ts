import type { Row } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import type { TargetRecord } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { cleanCell, isBlankCode, joinText, readRecordTables, type TableReading } from "../rows.js";
import { parseTarget } from "./comparator.js";

const FIELDS = ["name", "unit", "rawTarget", "owner"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Target records from every target table (kind "targets": Stt | Nội dung chỉ tiêu | Đơn vị |
 * Chỉ tiêu năm … | Cơ quan thực hiện), one per numbered row, in document order.
 *
 * - A group row ("12 Tỷ lệ xử lý văn bản …" above 12.1–12.3) has no unit and no target: its
 *   unit, rawTarget, target, comparator and owner are null.
 * - A row with an empty Stt continues the row above (a row split at a page break), field by
 *   field joined with one space; the target is read again from the joined cell.
 * - `table` is the logical table's index (TableRecord.index).
 */
export function extractTargets(tables: LogicalTable[], file: string): Result<TargetRecord[]> {
  return readRecordTables<TargetRecord, { last: TargetRecord | null }>(tables, "targets", file, {
    start: () => ({ last: null }),
    readRow(row, r, at, state) {
      const t = at.table;
      const code = cleanCell(row, t.roles, "code");
      const f = fields(row, t);
      if (!code && FIELDS.every((k) => f[k] === null)) return;
      const last = state.last;
      if (isBlankCode(code)) {
        if (!last) {
          at.note("warning", "targets.orphan-row", "A row without Stt has no target above it to continue; it was skipped.", r);
          return;
        }
        last.name = joinText(last.name, f.name);
        last.unit = joinText(last.unit, f.unit);
        last.owner = joinText(last.owner, f.owner);
        last.rawTarget = joinText(last.rawTarget, f.rawTarget);
        Object.assign(last, read(last.rawTarget, at, r));
        return;
      }
      const rec: TargetRecord = {
        table: t.index,
        code: code!,
        name: f.name ?? "",
        unit: f.unit,
        rawTarget: f.rawTarget,
        ...read(f.rawTarget, at, r),
        owner: f.owner,
        row: r,
        prov: row.prov,
      };
      at.records.push(rec);
      state.last = rec;
    },
  });
}

function read(raw: string | null, at: TableReading<TargetRecord>, r: number) {
  const p = parseTarget(raw);
  if (raw !== null && p.target === null) at.note("info", "targets.no-number", `The target cell "${raw}" states no number; target and comparator are null.`, r, { actual: raw });
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
