import { z } from "zod";
import type { Row } from "../model/document.js";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";
import { ColumnRole, RecordTableKind, type TableKind } from "../model/records.js";

const TableColumnsRules = z.object({
  columns: z.array(z.object({ id: z.string(), role: ColumnRole.nullable(), patterns: z.array(z.string()).min(1) })),
  kinds: z.array(
    z.object({
      id: z.string(),
      kind: RecordTableKind,
      requires: z.array(ColumnRole),
      anyOf: z.array(ColumnRole).optional(),
    }),
  ),
  /** Layout tables a text export prints as TAB rows (src/tables/layout.ts). */
  layout: z.object({
    /** Header and signature blocks have two columns (three when a spacer column survives). */
    maxColumns: z.number().int().positive(),
    /** Regular expressions against the folded first line of a cell. */
    markers: z.array(z.string()).min(1),
  }),
});

interface CompiledColumn {
  role: ColumnRole | null;
  patterns: RegExp[];
}

let compiled:
  | { columns: CompiledColumn[]; kinds: z.infer<typeof TableColumnsRules>["kinds"]; layout: { maxColumns: number; markers: RegExp[] } }
  | undefined;
function rules() {
  if (!compiled) {
    const r = loadRules("table-columns.json", TableColumnsRules);
    compiled = {
      columns: r.columns.map((c) => ({ role: c.role, patterns: c.patterns.map((p) => new RegExp(p)) })),
      kinds: r.kinds,
      layout: { maxColumns: r.layout.maxColumns, markers: r.layout.markers.map((m) => new RegExp(m, "u")) },
    };
  }
  return compiled;
}

/** The layout-table rules of rules/table-columns.json, compiled. */
export function layoutRules(): { maxColumns: number; markers: RegExp[] } {
  return rules().layout;
}

/** Header text of a cell without parenthetical notes: "Chỉ tiêu thống kê (Sử dụng …)" → "chi tieu thong ke". */
function headerKey(text: string): string {
  return fold(text.replace(/\([^)]*\)?/g, " ")).replace(/[:.*]+$/g, "").trim();
}

/**
 * The role a header cell names: a role, null for a known header without a role (a merged
 * group header such as "Kết quả thống kê"), or undefined when the text is not header text.
 */
export function headerRole(text: string): ColumnRole | null | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  for (const c of rules().columns) if (c.patterns.some((p) => p.test(key))) return c.role;
  return undefined;
}

/**
 * A header row: every non-empty cell is header text and at least one names a role. Works for
 * the first header row, its second line ("Đơn vị tính | Số liệu") and page-repeated copies.
 */
export function isHeaderRow(row: Row): boolean {
  const texts = row.cells.filter((c) => !c.spanned).map((c) => c.text.trim()).filter(Boolean);
  if (texts.length === 0) return false;
  let roles = 0;
  for (const t of texts) {
    const r = headerRole(t);
    if (r === undefined) return false;
    if (r) roles++;
  }
  return roles > 0;
}

/** Column roles from the header rows, the lowest row naming a column winning (it is the most specific). */
export function resolveRoles(headerRows: Row[], width: number): (ColumnRole | null)[] {
  const roles: (ColumnRole | null)[] = new Array(width).fill(null);
  for (let col = 0; col < width; col++) {
    for (let r = headerRows.length - 1; r >= 0; r--) {
      const cell = headerRows[r].cells[col];
      if (!cell || cell.spanned || !cell.text.trim()) continue;
      const role = headerRole(cell.text);
      if (role) {
        roles[col] = role;
        break;
      }
      // Known header text without a role under a group ("Kế hoạch" under "Kết quả"): the column
      // is not the group's plain value, so the group's role does not reach down to it.
      if (role === null && r > 0 && r === headerRows.length - 1) break;
    }
  }
  // A role claimed twice keeps its first column (e.g. two "Đơn vị" columns, or "Quý III" and
  // "Lũy kế 9 tháng" under one "Kết quả").
  const seen = new Set<ColumnRole>();
  const out = roles.map((r) => {
    if (!r) return r;
    if (seen.has(r)) return null;
    seen.add(r);
    return r;
  });
  // A group header with nothing under it ("STT | Chỉ tiêu | Đơn vị tính | Kết quả thống kê" on
  // one row) heads the values itself: the first such column is the value column when no
  // header names one.
  if (!out.includes("value")) {
    const col = out.findIndex((r, c) => r === null && headerRows.some((row) => groupHeader(row.cells[c])));
    if (col >= 0) out[col] = "value";
  }
  return out;
}

function groupHeader(cell: Row["cells"][number] | undefined): boolean {
  return Boolean(cell && !cell.spanned && cell.text.trim() && headerRole(cell.text) === null);
}

/** What kind of records a table holds, from its column roles (not its position in the document). */
export function classifyTable(roles: (ColumnRole | null)[]): TableKind {
  const have = new Set(roles.filter((r): r is ColumnRole => r !== null));
  for (const k of rules().kinds) {
    if (!k.requires.every((r) => have.has(r))) continue;
    if (k.anyOf && !k.anyOf.some((r) => have.has(r))) continue;
    return k.kind;
  }
  return "other";
}
