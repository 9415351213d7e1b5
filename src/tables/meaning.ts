import { z } from "zod";
import type { Row } from "../model/document.js";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";

/**
 * What a value column means, read from its header path (rules/value-columns.json): the role the
 * header names (plan, actual, ratio, previous, score, rank, index, change) and the period it
 * names (a year, a quarter). A column may name both ("Kế hoạch năm 2024").
 */
export const ValueRole = z.enum(["plan", "actual", "ratio", "previous", "score", "rank", "index", "change"]);
export type ValueRole = z.infer<typeof ValueRole>;

export const ColumnMeaning = z.object({
  /** The header path as printed, outermost first: ["Năm 2024", "Điểm số"]; [] without a header. */
  path: z.array(z.string()),
  /** Role the lowest header segment naming one gives, or null. */
  valueRole: ValueRole.nullable(),
  /** Year the header names (the lowest segment naming one), or null. */
  year: z.number().int().nullable(),
  /** Quarter 1–4 the header names, or null. */
  quarter: z.number().int().min(1).max(4).nullable(),
});
export type ColumnMeaning = z.infer<typeof ColumnMeaning>;

const ValueColumnsRules = z.object({
  roles: z.array(z.object({ id: z.string(), role: ValueRole, patterns: z.array(z.string()).min(1) })),
  periods: z.object({ year: z.string(), quarter: z.string() }),
  entity: z.object({ patterns: z.array(z.string()).min(1) }),
});

let compiled: { roles: { role: ValueRole; patterns: RegExp[] }[]; year: RegExp; quarter: RegExp; entity: RegExp[] } | undefined;
function rules() {
  if (!compiled) {
    const r = loadRules("value-columns.json", ValueColumnsRules);
    compiled = {
      roles: r.roles.map((x) => ({ role: x.role, patterns: x.patterns.map((p) => new RegExp(p, "u")) })),
      year: new RegExp(r.periods.year, "u"),
      quarter: new RegExp(r.periods.quarter, "u"),
      entity: r.entity.patterns.map((p) => new RegExp(p, "u")),
    };
  }
  return compiled;
}

/** Folded header segment without parenthetical notes and trailing ":" "." "*". */
function key(text: string): string {
  return fold(text.replace(/\([^)]*\)?/g, " "))
    .replace(/[:.*]+$/g, "")
    .trim();
}

const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** The meaning of a column from its header path. */
export function columnMeaning(path: string[]): ColumnMeaning {
  const r = rules();
  let valueRole: ValueRole | null = null;
  let year: number | null = null;
  let quarter: number | null = null;
  // The lowest segment is the most specific: read bottom-up, the first that names a thing wins.
  for (let i = path.length - 1; i >= 0; i--) {
    const k = key(path[i]);
    if (!k) continue;
    if (valueRole === null) for (const x of r.roles) if (x.patterns.some((p) => p.test(k))) { valueRole = x.role; break; }
    // A year in the parenthetical note counts too ("Kế hoạch (năm 2024)").
    const full = fold(path[i]);
    if (year === null) {
      const m = r.year.exec(full);
      if (m) year = Number(m[1]);
    }
    if (quarter === null) {
      const m = r.quarter.exec(full);
      if (m) quarter = ROMAN_QUARTER[m[1]] ?? Number(m[1]);
    }
  }
  return { path, valueRole, year, quarter };
}

/** True when a header names a column of units or provinces ("Đơn vị", "Tỉnh", "Địa phương"). */
export function isEntityHeader(text: string): boolean {
  const k = key(text);
  return k !== "" && rules().entity.some((p) => p.test(k));
}

/**
 * The header path of every grid column: the distinct texts of the header rows above it, top
 * down. A position covered by a merge takes the text of the merge's origin (docx and PDF record
 * colSpan/rowSpan); an empty header cell with a group header to its left whose row has text
 * under this column (a text export of a merged header: "Kết quả thống kê | " over "Đơn vị tính
 * | Số liệu") takes that group header.
 */
export function headerPaths(headerRows: Row[], width: number): string[][] {
  const text = (r: number, c: number): string => {
    const row = headerRows[r];
    const cell = row?.cells[c];
    if (!cell) return "";
    if (!cell.spanned) return clean(cell.text);
    // Origin to the left whose colSpan covers c, else above whose rowSpan covers r.
    for (let k = c - 1; k >= 0; k--) {
      const o = row.cells[k];
      if (!o.spanned) {
        if ((o.colSpan ?? 1) > c - k) return clean(o.text);
        break;
      }
    }
    for (let k = r - 1; k >= 0; k--) {
      const o = headerRows[k].cells[c];
      if (o && !o.spanned) return (o.rowSpan ?? 1) > r - k ? clean(o.text) : "";
    }
    return "";
  };
  const grid = headerRows.map((_, r) => Array.from({ length: width }, (_, c) => text(r, c)));
  // Text exports leave a merged group header's other positions empty.
  for (let r = 0; r + 1 < grid.length; r++) {
    for (let c = 1; c < width; c++) {
      if (grid[r][c] !== "" || headerRows[r].cells[c]?.spanned || grid[r + 1][c] === "") continue;
      let k = c - 1;
      while (k >= 0 && grid[r][k] === "" ) k--;
      // Only a group header (its own column also has a sub-header below) spreads right.
      if (k >= 0 && grid[r + 1][k] !== "" && !headerRows[r].cells[c]?.spanned) grid[r][c] = grid[r][k];
    }
  }
  const paths = Array.from({ length: width }, (_, c) => {
    const path: string[] = [];
    for (let r = 0; r < grid.length; r++) {
      const t = grid[r][c];
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    return path;
  });
  unifyMergedHeaders(headerRows, grid, paths);
  return paths;
}

/**
 * A header cell merged over several grid columns, with nothing below it that splits it, is one
 * column: every position gets one path. Word grids are often misaligned, so the rows above can
 * cut such a cell (in a real PAR Index table "Đắk Nông" spans four grid columns over its three
 * sub-headers and the first half of "Bình Thuận"'s merged "Điểm số"); the path kept is the one
 * no column outside the merge has ("Bình Thuận › Điểm số", not a second "Đắk Nông › Điểm số").
 */
function unifyMergedHeaders(headerRows: Row[], grid: string[][], paths: string[][]): void {
  const key = (p: string[]) => p.join("\u0001");
  for (let r = 0; r < headerRows.length; r++) {
    headerRows[r].cells.forEach((cell, c) => {
      const span = Math.min(cell.spanned ? 1 : (cell.colSpan ?? 1), paths.length - c);
      if (span <= 1) return;
      const inside = Array.from({ length: span }, (_, i) => c + i);
      if (new Set(inside.map((k) => key(paths[k]))).size === 1) return;
      // Sub-headers below ("Kết quả" over "Kế hoạch | Thực hiện") are real columns.
      for (let below = r + 1; below < grid.length; below++) if (new Set(inside.map((k) => grid[below][k])).size > 1) return;
      const outside = (k: number) => paths.some((p, j) => (j < c || j >= c + span) && key(p) === key(paths[k]));
      const keep = inside.find((k) => !outside(k)) ?? c;
      const path = paths[keep];
      for (const k of inside) paths[k] = [...path];
    });
  }
}

function clean(text: string): string {
  return text.replace(/[*_]+/g, "").replace(/\s+/g, " ").trim();
}

/** "Năm 2024 › Điểm số": the path as one string (the separator is U+203A). */
export const joinPath = (path: string[]): string => path.join(" › ");
