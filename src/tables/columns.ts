import { z } from "zod";
import type { Row } from "../model/document.js";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";
import type { ColumnRole, TableKind } from "./types.js";

const Role = z.enum(["code", "name", "unit", "value", "note", "content", "output", "owner", "timeframe", "target"]);
const TableColumnsRules = z.object({
  columns: z.array(z.object({ id: z.string(), role: Role.nullable(), patterns: z.array(z.string()).min(1) })),
  kinds: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["indicators", "tasks", "targets"]),
      requires: z.array(Role),
      anyOf: z.array(Role).optional(),
    }),
  ),
});

interface CompiledColumn {
  role: ColumnRole | null;
  patterns: RegExp[];
}

let compiled: { columns: CompiledColumn[]; kinds: z.infer<typeof TableColumnsRules>["kinds"] } | undefined;
function rules() {
  if (!compiled) {
    const r = loadRules("table-columns.json", TableColumnsRules);
    compiled = {
      columns: r.columns.map((c) => ({ role: c.role, patterns: c.patterns.map((p) => new RegExp(p)) })),
      kinds: r.kinds,
    };
  }
  return compiled;
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
    }
  }
  // A role claimed twice keeps its first column (e.g. two "Đơn vị" columns).
  const seen = new Set<ColumnRole>();
  return roles.map((r) => {
    if (!r) return r;
    if (seen.has(r)) return null;
    seen.add(r);
    return r;
  });
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
