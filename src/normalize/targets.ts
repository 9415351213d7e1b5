import { z } from "zod";
import { type Message, placeOf, type Result } from "../model/message.js";
import type { TargetRecord } from "../model/records.js";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";
import { parseVietnameseNumber } from "./value.js";

const Comparator = z.enum([">=", "<=", ">", "<", "="]);
export type Comparator = z.infer<typeof Comparator>;

/** rules/targets.json: comparator phrases, matched folded, first match wins. */
export const TargetRules = z.object({
  $comment: z.string().optional(),
  comparators: z.array(z.object({ id: z.string(), comparator: Comparator, patterns: z.array(z.string()).min(1) })).min(1),
  /** Verbs that may open the cell before the comparator phrase ("Phấn đấu đạt tối thiểu 90"); stripped before matching. */
  lead: z.string().optional(),
});

let compiled: { id: string; comparator: Comparator; patterns: RegExp[] }[] | undefined;
let lead: RegExp | null = null;
function rules() {
  if (!compiled) {
    const r = loadRules("targets.json", TargetRules);
    compiled = r.comparators.map((c) => ({ id: c.id, comparator: c.comparator, patterns: c.patterns.map((p) => new RegExp(p, "u")) }));
    lead = r.lead ? new RegExp(r.lead, "u") : null;
  }
  return compiled;
}

/** What a target cell states. */
export interface ParsedTarget {
  /** The number of the cell ("Tối thiểu 80" → 80), null when it states none. */
  target: number | null;
  /** ">=" for "Tối thiểu", "<=" for "Tối đa", "=" for a bare number; null without a number. */
  comparator: Comparator | null;
  /** Id of the comparator rule that matched, null for a bare number or no number. */
  ruleId: string | null;
}

// A number as printed: digits with "." / "," separators (DOMAIN.md "Numbers as printed").
const NUMBER = /[-+]?\d+(?:[.,]\d+)*/;

/**
 * Reads a target cell: "Tối thiểu 80" → 80 with ">="; "Tối đa 5%" → 5 with "<="; "100" or
 * "100%" → 100 with "="; "từ 80% trở lên" → 80 with ">=". The first number of the cell is the
 * target; text without a number gives nulls.
 */
export function parseTarget(raw: string | null): ParsedTarget {
  if (raw === null) return { target: null, comparator: null, ruleId: null };
  const m = NUMBER.exec(raw);
  const target = m ? parseVietnameseNumber(m[0]) : null;
  if (target === null) return { target: null, comparator: null, ruleId: null };
  const all = rules();
  const folded = fold(raw);
  // "Phấn đấu đạt tối thiểu 90": the comparator phrase follows the verb; a bare "Đạt 100%" keeps its own rule.
  const stripped = lead ? folded.replace(lead, "") : folded;
  for (const key of stripped !== folded && /^\D/.test(stripped) ? [stripped, folded] : [folded])
    for (const r of all) if (r.patterns.some((p) => p.test(key))) return { target, comparator: r.comparator, ruleId: r.id };
  return { target, comparator: "=", ruleId: null };
}

/**
 * The normalize stage for target rows: the target number and its comparator read from each
 * row's rawTarget as the extractor joined it; an info message for a cell that states no number.
 */
export function normalizeTargets(records: TargetRecord[], file: string): Result<TargetRecord[]> {
  const messages: Message[] = [];
  const value = records.map((r) => {
    const p = parseTarget(r.rawTarget);
    if (r.rawTarget !== null && p.target === null)
      messages.push({
        severity: "info",
        ruleId: "targets.no-number",
        reason: `The target cell "${r.rawTarget}" states no number; target and comparator are null.`,
        place: placeOf(file, r.prov, { table: r.table, row: r.row }),
        actual: r.rawTarget,
      });
    return { ...r, target: p.target, comparator: p.comparator };
  });
  return { value, messages };
}
