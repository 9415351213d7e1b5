import { z } from "zod";
import type { Provenance, Row } from "../model/document.js";
import type { Message, Result } from "../model/message.js";
import type { ConfidenceReason, FieldConfidence, IndicatorRecord, Metadata, TargetRecord, TaskRecord } from "../model/records.js";
import { loadRules } from "../rules/load.js";
import type { LogicalTable } from "../tables/types.js";

/**
 * The confidence stage: after normalize, every indicator, task and target record and every
 * metadata field gets a confidence in [0, 1] and the reasons for it. The confidence is the
 * product of the factors of the rules of rules/confidence.json that apply (OCR confidence of
 * the weakest cell, catalog match, consistency flags, a number cell read as nothing, metadata
 * found nowhere or in disagreement); a reason with factor 1 says where the value was found.
 * It raises no messages: the reasons point at the messages the earlier stages raised.
 */

const Factor = z.number().min(0).max(1);
const Rule = { id: z.string().min(1), description: z.string().optional() };
export const ConfidenceRules = z.object({
  $comment: z.string().optional(),
  /** Below this confidence a record or field goes to the review queue. */
  review: Factor,
  ocr: z.object({ ...Rule, full: z.number().positive().max(100) }),
  catalogUnmatched: z.object({ ...Rule, factor: Factor }),
  catalogLowScore: z.object({ ...Rule, below: Factor }),
  flag: z.object({ ...Rule, default: Factor, byRule: z.record(z.string(), Factor) }),
  unparsedNumber: z.object({ ...Rule, factor: Factor, digits: z.string().min(1) }),
  emptyValue: z.object({ ...Rule, factor: Factor }),
  found: z.object(Rule),
  metadataMissing: z.object({ ...Rule, factor: Factor, fields: z.array(z.string().min(1)) }),
  metadataMessage: z.object({ ...Rule, default: Factor, byKind: z.record(z.string(), Factor) }),
  metadataNoSource: z.object({ ...Rule, factor: Factor }),
});
export type ConfidenceRules = z.infer<typeof ConfidenceRules>;

export const loadConfidenceRules = (): ConfidenceRules => loadRules("confidence.json", ConfidenceRules);

/** What the stage reads: one part's records, the tables they came from and the metadata messages. */
export interface ConfidenceInput {
  indicators: IndicatorRecord[];
  tasks: TaskRecord[];
  targets: TargetRecord[];
  metadata: Metadata;
  /** The part's logical tables; a record's (table, row) is the table's index and its body row here. */
  tables: LogicalTable[];
  /** Messages of the metadata extractor (ruleIds metadata.<field>.<kind>). */
  metadataMessages: Message[];
}

export interface ConfidenceValue {
  indicators: IndicatorRecord[];
  tasks: TaskRecord[];
  targets: TargetRecord[];
  metadata: Metadata;
}

/** Multiplies factors and keeps the reasons, factor-1 ones included. */
class Scorer {
  readonly reasons: ConfidenceReason[] = [];
  add(ruleId: string, factor: number, detail: string): void {
    this.reasons.push({ ruleId, factor: round3(Math.max(0, Math.min(1, factor))), detail });
  }
  get confidence(): number {
    return round3(this.reasons.reduce((p, r) => p * r.factor, 1));
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function where(prov: Provenance | undefined, table?: number, row?: number): string {
  const parts: string[] = [];
  if (prov?.page) parts.push(`page ${prov.page}`);
  if (prov?.line) parts.push(`line ${prov.line}`);
  if (table !== undefined) parts.push(`table ${table + 1}`);
  if (row !== undefined) parts.push(`row ${row + 1}`);
  return parts.length ? parts.join(", ") : "no place recorded";
}

/** The weakest OCR confidence (0–100) among the row's read cells, or the row's own; undefined when not OCR'd. */
function ocrConfidence(row: Row | undefined, prov: Provenance): { confidence: number; column?: number } | undefined {
  let best: { confidence: number; column?: number } | undefined;
  row?.cells.forEach((c, i) => {
    const v = c.spanned ? undefined : c.prov?.confidence;
    if (v !== undefined && (!best || v < best.confidence)) best = { confidence: v, column: i };
  });
  if (best) return best;
  const own = row?.prov.confidence ?? prov.confidence;
  return own === undefined ? undefined : { confidence: own };
}

/** The table a record's `table` names: the logical table's index (LogicalTable.index). */
function tableAt(tables: LogicalTable[], index: number): LogicalTable | undefined {
  return tables.find((t) => t.index === index);
}

export function scoreConfidence(input: ConfidenceInput, rules: ConfidenceRules = loadConfidenceRules()): Result<ConfidenceValue> {
  const digits = new RegExp(rules.unparsedNumber.digits, "u");
  const ocr = (s: Scorer, row: Row | undefined, prov: Provenance) => {
    const o = ocrConfidence(row, prov);
    if (!o) return;
    const factor = Math.min(1, o.confidence / rules.ocr.full);
    if (factor < 1) s.add(rules.ocr.id, factor, `OCR confidence ${Math.round(o.confidence)}${o.column !== undefined ? ` (column ${o.column + 1})` : ""}`);
  };
  const found = (s: Scorer, prov: Provenance, table: number, row: number) => s.add(rules.found.id, 1, where(prov, table, row));
  const unparsed = (s: Scorer, raw: string | null, value: number | null, what: string) => {
    if (raw !== null && value === null && digits.test(raw)) s.add(rules.unparsedNumber.id, rules.unparsedNumber.factor, `${what} "${raw.slice(0, 60)}" holds digits but no number was read`);
  };

  const indicators = input.indicators.map((r) => {
    const s = new Scorer();
    found(s, r.prov, r.table, r.row);
    ocr(s, tableAt(input.tables, r.table)?.rows[r.row], r.prov);
    if (!r.isGroup && r.name.trim()) {
      if (r.indicatorId === null) s.add(rules.catalogUnmatched.id, rules.catalogUnmatched.factor, `label "${r.name.slice(0, 60)}" matched no catalog entry`);
      else if (r.matchScore !== null && r.matchScore < rules.catalogLowScore.below) s.add(rules.catalogLowScore.id, r.matchScore, `matched ${r.indicatorId} with score ${r.matchScore}`);
    }
    for (const f of r.flags) s.add(rules.flag.id, rules.flag.byRule[f] ?? rules.flag.default, `consistency rule ${f} fired`);
    unparsed(s, r.rawValue, r.value, "value cell");
    if (!r.isGroup && r.rawValue === null && r.values.every((v) => v.rawValue === null)) s.add(rules.emptyValue.id, rules.emptyValue.factor, "the value cell is empty");
    return { ...r, confidence: s.confidence, confidenceReasons: s.reasons };
  });

  const tasks = input.tasks.map((t) => {
    const s = new Scorer();
    found(s, t.prov, t.table, t.row);
    ocr(s, tableAt(input.tables, t.table)?.rows[t.row], t.prov);
    return { ...t, confidence: s.confidence, confidenceReasons: s.reasons };
  });

  const targets = input.targets.map((t) => {
    const s = new Scorer();
    found(s, t.prov, t.table, t.row);
    ocr(s, tableAt(input.tables, t.table)?.rows[t.row], t.prov);
    unparsed(s, t.rawTarget, t.target, "target cell");
    return { ...t, confidence: s.confidence, confidenceReasons: s.reasons };
  });

  return { value: { indicators, tasks, targets, metadata: { ...input.metadata, confidence: metadataConfidence(input.metadata, input.metadataMessages, rules) } }, messages: [] };
}

/** A field's value is absent: null, an empty list, or a period with neither kind nor year. */
function isMissing(m: Metadata, field: string): boolean {
  if (field === "period") return m.period.kind === null && m.period.year === null;
  const v = (m as Record<string, unknown>)[field];
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

function metadataConfidence(m: Metadata, messages: Message[], rules: ConfidenceRules): Record<string, FieldConfidence> {
  const out: Record<string, FieldConfidence> = {};
  for (const field of rules.metadataMissing.fields) {
    const s = new Scorer();
    const source = m.sources[field];
    if (isMissing(m, field)) {
      // A number or date printed blank is known to be absent: its own message says so.
      const blank = messages.some((msg) => msg.ruleId === `metadata.${field}.blank`);
      if (!blank) s.add(rules.metadataMissing.id, rules.metadataMissing.factor, `${field} was found nowhere in the document`);
    } else if (source) {
      s.add(rules.found.id, 1, where(source));
      if (source.confidence !== undefined && source.confidence / rules.ocr.full < 1)
        s.add(rules.ocr.id, source.confidence / rules.ocr.full, `OCR confidence ${Math.round(source.confidence)} on the line it was read from`);
    } else s.add(rules.metadataNoSource.id, rules.metadataNoSource.factor, `${field} has a value but no recorded place`);
    const seen = new Set<string>();
    for (const msg of messages) {
      const match = /^metadata\.([A-Za-z]+)\.(.+)$/.exec(msg.ruleId);
      if (!match || match[1] !== field || seen.has(msg.ruleId)) continue;
      seen.add(msg.ruleId);
      const factor = rules.metadataMessage.byKind[match[2]] ?? rules.metadataMessage.default;
      s.add(rules.metadataMessage.id, factor, `${msg.ruleId}: ${msg.reason.slice(0, 160)}`);
    }
    out[field] = { confidence: s.confidence, reasons: s.reasons };
  }
  return out;
}
