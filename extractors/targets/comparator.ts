import { z } from "zod";
import { fold } from "../../src/rules/fold.js";
import { loadRules } from "../../src/rules/load.js";
import { parseVietnameseNumber } from "../../src/normalize/value.js";

const Comparator = z.enum([">=", "<=", ">", "<", "="]);
export type Comparator = z.infer<typeof Comparator>;

/** rules/targets.json: comparator phrases, matched folded, first match wins. */
export const TargetRules = z.object({
  $comment: z.string().optional(),
  comparators: z.array(z.object({ id: z.string(), comparator: Comparator, patterns: z.array(z.string()).min(1) })).min(1),
});

let compiled: { id: string; comparator: Comparator; patterns: RegExp[] }[] | undefined;
function rules() {
  compiled ??= loadRules("targets.json", TargetRules).comparators.map((c) => ({
    id: c.id,
    comparator: c.comparator,
    patterns: c.patterns.map((p) => new RegExp(p, "u")),
  }));
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
  const key = fold(raw);
  for (const r of rules()) if (r.patterns.some((p) => p.test(key))) return { target, comparator: r.comparator, ruleId: r.id };
  return { target, comparator: "=", ruleId: null };
}
