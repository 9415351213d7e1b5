import { z } from "zod";
import { DocumentStatus } from "../model/message.js";
import type { Extraction, Metadata, Section } from "../model/records.js";

/**
 * Rows as they enter SQLite, one zod schema per table (column meanings: migrations.ts and
 * docs/STORE.md). `toRows` turns an Extraction into them; the writer validates every row
 * before binding, so a malformed record fails its document's transaction instead of storing
 * half a document or a wrong type.
 */

const int = z.number().int();
const text = z.string().nullable();
const num = z.number().finite().nullable();
const pageLine = { page: int.positive().nullable(), line: int.positive().nullable() };
/**
 * Confidence 0–1 of the record and its reasons as JSON (src/confidence), null / "[]" when not
 * scored; bbox: the row's box in PDF points, top-left origin, as JSON "[x0,y0,x1,y1]", or null.
 */
const confidence = { confidence: z.number().min(0).max(1).nullable(), confidence_json: z.string(), bbox: text };
/** 0-based document of the file the row belongs to (src/pipeline/parts.ts); 0 for a file with one. */
const part = { part: int.nonnegative() };

/** The metadata columns, shared by `documents` (the file's first document) and `document_parts`. */
const metadataShape = {
  doc_type: text,
  number: text,
  issued_on: text,
  issuer: text,
  unit_level: text,
  province: text,
  period_kind: text,
  period_year: int.nullable(),
  period_quarter: int.min(1).max(4).nullable(),
  period_from: text,
  period_to: text,
  signer: text,
  signer_title: text,
  metadata_json: z.string(),
  subject: text,
  parent: text,
  period_month: int.min(1).max(12).nullable(),
};

export const DocumentRow = z.object({
  path: z.string().min(1),
  sha256: z.string(),
  format: z.string(),
  status: DocumentStatus,
  error: text,
  error_rule: text,
  pages: int.nonnegative().nullable(),
  bytes: int.nonnegative().nullable(),
  ...metadataShape,
  ingested_at: z.string(),
  parser_version: z.string(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const SectionRow = z.object({
  ordinal: int.nonnegative(),
  parent_ordinal: int.nonnegative().nullable(),
  number: z.string(),
  number_path: z.string(),
  title: z.string(),
  level: int.positive(),
  text: z.string(),
  topics: z.string(),
  ...pageLine,
  ...part,
  /** Topic ids, for section_topics (not a column of sections). */
  topicList: z.array(z.string()),
});
export type SectionRow = z.infer<typeof SectionRow>;

export const IndicatorTableRow = z.object({ table_index: int.nonnegative(), title: text, rows: int.nonnegative(), ...part });
export type IndicatorTableRow = z.infer<typeof IndicatorTableRow>;

export const IndicatorRow = z.object({
  table_index: int.nonnegative(),
  row_index: int.nonnegative(),
  code: z.string(),
  code_path: z.string(),
  name: z.string(),
  unit: text,
  unit_canonical: text,
  raw_value: text,
  value: num,
  numerator: num,
  denominator: num,
  note: text,
  is_group: z.union([z.literal(0), z.literal(1)]),
  indicator_id: text,
  match_score: num,
  flags: z.string(),
  ...pageLine,
  ...part,
  ...confidence,
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const TaskRow = z.object({
  table_index: int.nonnegative(),
  row_index: int.nonnegative(),
  code: z.string(),
  group_title: text,
  content: text,
  output: text,
  owner: text,
  timeframe: text,
  ...pageLine,
  coordinator: text,
  monitor: text,
  extra_json: z.string(),
  ...part,
  ...confidence,
});
export type TaskRow = z.infer<typeof TaskRow>;

export const TargetRow = z.object({
  table_index: int.nonnegative(),
  row_index: int.nonnegative(),
  code: z.string(),
  name: z.string(),
  unit: text,
  raw_target: text,
  target: num,
  comparator: z.enum([">=", "<=", ">", "<", "="]).nullable(),
  owner: text,
  ...pageLine,
  ...part,
  ...confidence,
});
export type TargetRow = z.infer<typeof TargetRow>;

export const DocTableRow = z.object({
  table_index: int.nonnegative(),
  kind: z.enum(["indicators", "tasks", "targets", "matrix", "layout", "other"]),
  kind_index: int.nonnegative(),
  title: text,
  header_rows: int.nonnegative(),
  body_rows: int.nonnegative(),
  column_count: int.nonnegative(),
  main_column: int.nonnegative().nullable(),
  fragments: int.positive(),
  ...pageLine,
  columns_json: z.string(),
  cells_json: z.string(),
  prov_json: z.string(),
});
export type DocTableRow = z.infer<typeof DocTableRow>;

export const IndicatorColumnValueRow = z.object({
  table_index: int.nonnegative(),
  row_index: int.nonnegative(),
  column_index: int.nonnegative(),
  header: z.string(),
  role: text,
  year: int.nullable(),
  quarter: int.min(1).max(4).nullable(),
  raw_value: text,
  value: num,
  numerator: num,
  denominator: num,
  is_main: z.union([z.literal(0), z.literal(1)]),
});
export type IndicatorColumnValueRow = z.infer<typeof IndicatorColumnValueRow>;

export const MatrixCellRow = z.object({
  table_index: int.nonnegative(),
  row_index: int.nonnegative(),
  column_index: int.nonnegative(),
  row_code: z.string(),
  row_label: z.string(),
  row_path: z.string(),
  row_entity: text,
  header: z.string(),
  column_entity: text,
  value_role: text,
  year: int.nullable(),
  quarter: int.min(1).max(4).nullable(),
  raw: z.string(),
  value: num,
  numerator: num,
  denominator: num,
  indicator_id: text,
  match_score: num,
  ...pageLine,
});
export type MatrixCellRow = z.infer<typeof MatrixCellRow>;

export const MessageRow = z.object({
  severity: z.enum(["error", "warning", "info"]),
  rule_id: z.string(),
  reason: z.string(),
  ...pageLine,
  table_index: int.nonnegative().nullable(),
  row_index: int.nonnegative().nullable(),
  column_index: int.nonnegative().nullable(),
  actual_json: text,
  expected_json: text,
  ...part,
});
export type MessageRow = z.infer<typeof MessageRow>;

/** The metadata of a further document of the file (part ≥ 1); part 0's is the documents row. */
export const DocumentPartRow = z.object({
  part: int.positive(),
  ...metadataShape,
});
export type DocumentPartRow = z.infer<typeof DocumentPartRow>;

/** Everything one document writes. */
export interface DocumentRows {
  document: DocumentRow;
  /** Further documents of the file; absent or [] for a file with one. */
  parts?: DocumentPartRow[];
  sections: SectionRow[];
  indicatorTables: IndicatorTableRow[];
  indicators: IndicatorRow[];
  tasks: TaskRow[];
  targets: TargetRow[];
  docTables: DocTableRow[];
  indicatorColumnValues: IndicatorColumnValueRow[];
  matrixCells: MatrixCellRow[];
  messages: MessageRow[];
}

/** What the store knows about the file besides its Extraction. */
export interface FileFacts {
  /** Key of the document: the path as walked. Defaults to extraction.file. */
  path?: string;
  pages?: number | null;
  bytes?: number | null;
  parserVersion: string;
  /** Defaults to now. */
  ingestedAt?: string;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

const confidenceColumns = (r: { confidence?: number; confidenceReasons?: unknown[]; prov: { bbox?: number[] } }) => ({
  confidence: r.confidence ?? null,
  confidence_json: JSON.stringify(r.confidenceReasons ?? []),
  bbox: r.prov.bbox ? JSON.stringify(r.prov.bbox) : null,
});

/** The metadata columns shared by documents and document_parts. */
function metadataColumns(m: Metadata): Omit<DocumentPartRow, "part"> {
  return {
      doc_type: m.docType,
      number: m.number,
      issued_on: m.date,
      issuer: m.issuer,
      unit_level: m.unitLevel,
      province: m.province,
      period_kind: m.period.kind,
      period_year: m.period.year,
      period_quarter: m.period.quarter,
      period_from: m.period.from,
      period_to: m.period.to,
      signer: m.signer,
      signer_title: m.signerTitle ?? null,
      metadata_json: JSON.stringify(m),
      subject: m.subject ?? null,
      parent: m.parent ?? null,
      period_month: m.period.month ?? null,
  };
}

/** Flattens an Extraction into table rows (not yet validated: the writer does that). */
export function toRows(ex: Extraction, facts: FileFacts): DocumentRows {
  const m = ex.metadata;
  const firstError = ex.messages.find((msg) => msg.severity === "error");
  const document: DocumentRow = {
    path: facts.path ?? ex.file,
    sha256: ex.sha256,
    format: ex.format,
    status: ex.status,
    error: firstError?.reason ?? null,
    error_rule: firstError?.ruleId ?? null,
    pages: facts.pages ?? null,
    bytes: facts.bytes ?? null,
    ...metadataColumns(m),
    ingested_at: facts.ingestedAt ?? new Date().toISOString(),
    parser_version: facts.parserVersion,
  };

  // The file's documents: the top level is the first, `parts` the others.
  const all = [{ part: 0, ...ex }, ...(ex.parts ?? [])];

  const sections: SectionRow[] = [];
  const visit = (s: Section, parent: number | null, path: string[], part: number) => {
    const ordinal = sections.length;
    const numberPath = [...path, s.number];
    sections.push({
      ordinal,
      parent_ordinal: parent,
      number: s.number,
      number_path: numberPath.join("/"),
      title: s.title,
      level: s.level,
      text: s.text,
      topics: JSON.stringify(s.topics),
      page: orNull(s.prov.page),
      line: orNull(s.prov.line),
      part,
      topicList: [...new Set(s.topics)],
    });
    for (const c of s.children) visit(c, ordinal, numberPath, part);
  };
  for (const p of all) for (const s of p.sections) visit(s, null, [], p.part);

  const tables = new Map<number, IndicatorTableRow>();
  const indicators = all.flatMap((p) => p.indicators).map((r): IndicatorRow => {
    const t = tables.get(r.table) ?? { table_index: r.table, title: r.tableTitle, rows: 0, part: r.part ?? 0 };
    t.rows++;
    tables.set(r.table, t);
    return {
      table_index: r.table,
      row_index: r.row,
      code: r.code,
      code_path: JSON.stringify(r.codePath),
      name: r.name,
      unit: r.unit,
      unit_canonical: r.unitCanonical ?? null,
      raw_value: r.rawValue,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      note: r.note,
      is_group: r.isGroup ? 1 : 0,
      indicator_id: r.indicatorId,
      match_score: r.matchScore ?? null,
      flags: JSON.stringify(r.flags),
      page: orNull(r.prov.page),
      line: orNull(r.prov.line),
      part: r.part ?? 0,
      ...confidenceColumns(r),
    };
  });

  const tasks = all.flatMap((p) => p.tasks).map(
    (t): TaskRow => ({
      table_index: t.table,
      row_index: t.row,
      code: t.code,
      group_title: t.group,
      content: t.content,
      output: t.output,
      owner: t.owner,
      timeframe: t.timeframe,
      page: orNull(t.prov.page),
      line: orNull(t.prov.line),
      coordinator: t.coordinator,
      monitor: t.monitor,
      extra_json: JSON.stringify(t.extra),
      part: t.part ?? 0,
      ...confidenceColumns(t),
    }),
  );

  const targets = all.flatMap((p) => p.targets).map(
    (t): TargetRow => ({
      table_index: t.table,
      row_index: t.row,
      code: t.code,
      name: t.name,
      unit: t.unit,
      raw_target: t.rawTarget,
      target: t.target,
      comparator: t.comparator,
      owner: t.owner,
      page: orNull(t.prov.page),
      line: orNull(t.prov.line),
      part: t.part ?? 0,
      ...confidenceColumns(t),
    }),
  );

  const messages = ex.messages.map(
    (msg): MessageRow => ({
      severity: msg.severity,
      rule_id: msg.ruleId,
      reason: msg.reason,
      page: orNull(msg.place.page),
      line: orNull(msg.place.line),
      table_index: orNull(msg.place.table),
      row_index: orNull(msg.place.row),
      column_index: orNull(msg.place.column),
      actual_json: json(msg.actual),
      expected_json: json(msg.expected),
      part: msg.place.part ?? 0,
    }),
  );

  const docTables = (ex.tables ?? []).map(
    (t): DocTableRow => ({
      table_index: t.index,
      kind: t.kind,
      kind_index: t.kindIndex,
      title: t.title,
      header_rows: t.headerRows,
      body_rows: t.rows.length,
      column_count: t.columns.length,
      main_column: t.mainColumn,
      fragments: t.fragments,
      page: orNull(t.prov[0]?.page),
      line: orNull(t.prov[0]?.line),
      // The header path once, as "A › B" (the writer's bytes are its cost).
      columns_json: JSON.stringify(t.columns.map((c) => ({ index: c.index, path: c.header.join(" › "), role: c.role, valueRole: c.valueRole, year: c.year, quarter: c.quarter }))),
      cells_json: JSON.stringify(t.rows.map((r) => [r.prov.page ?? null, r.prov.line ?? null, r.cells])),
      prov_json: JSON.stringify(t.prov),
    }),
  );

  const indicatorColumnValues: IndicatorColumnValueRow[] = [];
  for (const r of ex.indicators)
    for (const v of r.values)
      indicatorColumnValues.push({
        table_index: r.table,
        row_index: r.row,
        column_index: v.column,
        header: v.header.join(" › "),
        role: v.role,
        year: v.year,
        quarter: v.quarter,
        raw_value: v.rawValue,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        is_main: v.main ? 1 : 0,
      });

  const matrixCells = (ex.matrixCells ?? []).map(
    (c): MatrixCellRow => ({
      table_index: c.table,
      row_index: c.row,
      column_index: c.column,
      row_code: c.rowCode,
      row_label: c.rowLabel,
      row_path: JSON.stringify(c.rowPath),
      row_entity: c.rowEntity,
      header: c.header.join(" › "),
      column_entity: c.columnEntity,
      value_role: c.valueRole,
      year: c.year,
      quarter: c.quarter,
      raw: c.raw,
      value: c.value,
      numerator: c.numerator,
      denominator: c.denominator,
      indicator_id: c.indicatorId,
      match_score: c.matchScore,
      page: orNull(c.prov.page),
      line: orNull(c.prov.line),
    }),
  );
  const parts = (ex.parts ?? []).map((p): DocumentPartRow => ({ part: p.part, ...metadataColumns(p.metadata) }));

  return {
    document,
    parts,
    sections,
    indicatorTables: [...tables.values()].sort((a, b) => a.table_index - b.table_index),
    indicators,
    tasks,
    targets,
    docTables,
    indicatorColumnValues,
    matrixCells,
    messages,
  };
}
