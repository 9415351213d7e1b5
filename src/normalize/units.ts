import { z } from "zod";
import { loadRules } from "../rules/load.js";
import { fold } from "./fold.js";

/**
 * Units (Đơn vị tính): canonical names from rules/units.json and coded-option legends
 * ("Có = 1; Không = 0") parsed into their allowed set.
 */

/** What a value in a unit is; the consistency checks (flags.ts) branch on it. */
export const UnitKind = z.enum(["count", "percent", "money", "coded", "text"]);
export type UnitKind = z.infer<typeof UnitKind>;

/** One canonical unit of rules/units.json. */
export const UnitRule = z.object({
  /** Stable id ("ho_so"). */
  id: z.string().regex(/^[a-z0-9_]+$/),
  /** Canonical name as it is stored in `unitCanonical` ("Hồ sơ"). */
  name: z.string().min(1),
  kind: UnitKind,
  /** Spellings seen in reports; compared folded, punctuation and spacing ignored. */
  variants: z.array(z.string()),
});
export type UnitRule = z.infer<typeof UnitRule>;

export const UnitsFile = z.object({ $comment: z.string().optional(), units: z.array(UnitRule).min(1) });

/** One option of a coded legend: "Hoàn thành = 2" → { label: "Hoàn thành", code: 2 }. */
export interface CodedOption {
  /** Label as printed (NFC, whitespace collapsed, separators trimmed). */
  label: string;
  code: number;
}

// "= 1", "=2": the code after "=" ends the option. Codes are small integers in every template
// seen (0, 1, 2); a decimal after "=" would be a formula, not a legend, so it is not a code.
const CODE = /=\s*(\d+)(?![\d.,]*\d)/g;

/**
 * Parses a unit cell that defines coded answers into its options, in printed order, or null when
 * the cell is not a legend. Handles every layout in the templates: "Có = 1; Không = 0",
 * "Có=1; Không=1" (duplicate codes kept as printed: the check flags them, the parser does not
 * fix them), "Chưa = 0 Đang làm = 1 Hoàn thành = 2" (no separator: the text between one code and
 * the next "=" is the next label), "Chưa có = 0 2 cấp = 1 3 cấp = 2" (labels that start with a
 * digit), "Trực tuyến = 0; Phát phiếu = 1 Kết hợp = 2".
 */
export function parseCodedLegend(unit: string): CodedOption[] | null {
  const text = unit.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!text.includes("=")) return null;
  const options: CodedOption[] = [];
  let labelStart = 0;
  for (const m of text.matchAll(CODE)) {
    const label = text
      .slice(labelStart, m.index)
      .replace(/^[\s;,.:/|-]+|[\s;,.:/|-]+$/g, "")
      .trim();
    labelStart = m.index + m[0].length;
    // "= 1" with nothing before it is not an option ("Tỷ lệ = 1" would have a label); a label
    // without letters ("100 = 1") is arithmetic, not a legend.
    if (!/\p{L}/u.test(label)) return null;
    options.push({ label, code: Number(m[1]) });
  }
  return options.length > 0 ? options : null;
}

/**
 * The code a printed answer stands for under a legend ("có" under "Có = 1; Không = 0" → 1),
 * compared folded so "CÓ", "có" and "co" agree; null when the word is not one of the labels.
 * When a legend repeats a label, the first one wins.
 */
export function codeForLabel(legend: CodedOption[], answer: string): number | null {
  const key = foldLabel(answer);
  if (key === "") return null;
  const hit = legend.find((o) => foldLabel(o.label) === key);
  return hit ? hit.code : null;
}

function foldLabel(s: string): string {
  return fold(s).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ").trim();
}

/** A unit cell resolved against rules/units.json. */
export interface CanonicalUnit {
  /** Canonical name ("Hồ sơ"), or the coded entry's name for a legend. */
  name: string;
  kind: UnitKind;
  /** The options when the unit is a coded legend, else null. */
  legend: CodedOption[] | null;
}

// Built once per process: folded variant → unit.
let index: Map<string, UnitRule> | null = null;
let codedRule: UnitRule | null = null;

function unitKey(s: string): string {
  // Punctuation and spacing never distinguish units: "Cơ quan, đơn vị" = "Cơ quan/đơn vị".
  return fold(s).replace(/[^a-z0-9%]+/g, "");
}

function unitIndex(): Map<string, UnitRule> {
  if (index) return index;
  const file = loadRules("units.json", UnitsFile);
  index = new Map();
  for (const u of file.units) {
    if (u.kind === "coded") codedRule = u;
    for (const v of [u.name, ...u.variants]) {
      const key = unitKey(v);
      // A variant listed under two units is a rules-file mistake; the first entry wins and the
      // file order documents which.
      if (key && !index.has(key)) index.set(key, u);
    }
  }
  return index;
}

/**
 * Resolves a printed unit to its canonical unit, or null when unknown (null/empty cells, shifted
 * cells such as 000's "10%"). A legend cell resolves to the `coded` entry with its options.
 */
export function canonicalUnit(unit: string | null): CanonicalUnit | null {
  if (unit == null || unit.trim() === "") return null;
  const idx = unitIndex();
  const legend = parseCodedLegend(unit);
  if (legend) {
    return { name: codedRule?.name ?? "Mã lựa chọn", kind: "coded", legend };
  }
  const hit = idx.get(unitKey(unit));
  return hit ? { name: hit.name, kind: hit.kind, legend: null } : null;
}
