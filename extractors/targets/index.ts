import type { Row } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import type { TargetRecord } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { cleanCell, isBlankCode, joinText, readRecordTables } from "../rows.js";

const FIELDS = ["name", "unit", "rawTarget", "owner"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Target records from every target table (kind "targets": Stt | Nội dung chỉ tiêu | Đơn vị |
 * Chỉ tiêu năm … | Cơ quan thực hiện), one per numbered row, in document order.
 *
 * - A group row ("12 Tỷ lệ xử lý văn bản …" above 12.1–12.3) has no unit and no target: its
 *   unit, rawTarget, target, comparator and owner are null.
 * - A row with an empty Stt continues the row above (a row split at a page break), field by
 *   field joined with one space. `target` and `comparator` are left null: the normalize stage
 *   reads them from the joined rawTarget (src/normalize/targets.ts).
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
        return;
      }
      const rec: TargetRecord = {
        table: t.index,
        code: code!,
        name: f.name ?? "",
        unit: f.unit,
        rawTarget: f.rawTarget,
        // Read from the joined cell by the normalize stage (src/normalize/targets.ts).
        target: null,
        comparator: null,
        owner: f.owner,
        row: r,
        prov: row.prov,
      };
      at.records.push(rec);
      state.last = rec;
    },
  });
}

function fields(row: Row, t: LogicalTable): Record<Field, string | null> {
  return {
    name: cleanCell(row, t.roles, "name"),
    unit: cleanCell(row, t.roles, "unit"),
    rawTarget: cleanCell(row, t.roles, "target"),
    owner: cleanCell(row, t.roles, "owner"),
  };
}
