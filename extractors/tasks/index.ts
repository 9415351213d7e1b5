import type { Row } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import type { TaskRecord } from "../../src/model/records.js";
import { joinPath } from "../../src/tables/meaning.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { cleanCell, cleanText, isBlankCode, isRomanCode, joinText, readRecordTables } from "../rows.js";

const FIELDS = ["content", "output", "owner", "timeframe", "coordinator", "monitor"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Task records from every plan table (kind "tasks": Stt | Nội dung công việc | Kết quả công
 * việc | Bộ phận thực hiện | Thời gian thực hiện), in document order.
 *
 * - A group row (Roman Stt, or a numbered row with nothing but the content cell) sets the
 *   `group` of the tasks below it; it is not a task itself.
 * - A row with an empty Stt continues the task above, field by field joined with one space:
 *   a row split by a page break or a merged Stt cell. When it does not start a page fragment
 *   an info message says a join was made without a page break.
 * - Every column is kept: Phối hợp (coordinator), Theo dõi (monitor), and columns no role names
 *   under their header text in `extra`.
 * - `table` is the logical table's index (TableRecord.index).
 */
export function extractTasks(tables: LogicalTable[], file: string): Result<TaskRecord[]> {
  // `last`: the last record of the table, or the group row when a group was the last thing seen.
  type State = { group: string | null; last: { kind: "task"; rec: TaskRecord } | { kind: "group" } | null };
  return readRecordTables<TaskRecord, State>(tables, "tasks", file, {
    start: () => ({ group: null, last: null }),
    readRow(row, r, at, state) {
      const t = at.table;
      const code = cleanCell(row, t.roles, "code");
      const f = fields(row, t);
      const extra = extras(row, t);
      if (!code && FIELDS.every((k) => f[k] === null) && Object.keys(extra).length === 0) return;
      const last = state.last;
      if (isBlankCode(code)) {
        if (last?.kind === "task") {
          for (const k of FIELDS) last.rec[k] = joinText(last.rec[k], f[k]);
          for (const [h, v] of Object.entries(extra)) last.rec.extra[h] = joinText(last.rec.extra[h] ?? null, v)!;
          if (!t.fragmentStart[r]) at.note("info", "tasks.continuation.merged-row", "A row without Stt inside a page was joined to the task above (merged Stt cell).", r);
          return;
        }
        if (last?.kind === "group" && f.content && FIELDS.slice(1).every((k) => f[k] === null)) {
          // The group heading itself ran over the page break.
          state.group = joinText(state.group, f.content);
          return;
        }
        at.note("warning", "tasks.orphan-row", "A row without Stt has no task above it to continue; it was skipped.", r);
        return;
      }
      if (isRomanCode(code!) || (f.content && FIELDS.slice(1).every((k) => f[k] === null) && Object.keys(extra).length === 0)) {
        state.group = f.content;
        state.last = { kind: "group" };
        return;
      }
      const rec: TaskRecord = { table: t.index, code: code!, group: state.group, ...f, extra, row: r, prov: row.prov };
      at.records.push(rec);
      state.last = { kind: "task", rec };
    },
  });
}

function fields(row: Row, t: LogicalTable): Record<Field, string | null> {
  return {
    content: cleanCell(row, t.roles, "content"),
    output: cleanCell(row, t.roles, "output"),
    owner: cleanCell(row, t.roles, "owner"),
    timeframe: cleanCell(row, t.roles, "timeframe"),
    coordinator: cleanCell(row, t.roles, "coordinator"),
    monitor: cleanCell(row, t.roles, "monitor"),
  };
}

const OWN = new Set<string>(["code", ...FIELDS]);

/** Cells of the columns no field takes, keyed by their header path ("Kinh phí › Ngân sách"). */
function extras(row: Row, t: LogicalTable): Record<string, string> {
  const out: Record<string, string> = {};
  t.roles.forEach((role, c) => {
    // A role claimed twice keeps its first column; the second is extra too.
    if (role && OWN.has(role) && t.roles.indexOf(role) === c) return;
    const cell = row.cells[c];
    const header = joinPath(t.columns[c]?.path ?? []) || `column ${c + 1}`;
    if (!cell || cell.spanned) return;
    const text = cleanText(cell.text);
    if (text !== null) out[header] = out[header] ? `${out[header]} ${text}` : text;
  });
  return out;
}
