import { type ColumnType, columnsOf } from "../columns.js";
import { CORRECTABLE_METADATA } from "../migrations.js";
import { DocumentRow, IndicatorRow, TargetRow, TaskRow } from "../rows.js";

/**
 * The review schema for PostgreSQL: the twin of SQLite version 7's corrections, review_states,
 * corrections_latest, *_reviewed views and metadata_confidence (migrations.ts), with the same
 * columns and meaning. `corrections` is append-only: triggers refuse UPDATE, DELETE and
 * TRUNCATE (on a shared store nobody rewrites the audit log). JSON stays text; the corrected
 * value (new_json) is read through jsonb and cast to the corrected column's type, where SQLite
 * gives json_extract's dynamically typed value: a JSON string for a text column, a JSON number
 * for a number column (anything else reads as NULL there instead of failing the whole query).
 */

const types = (schema: Parameters<typeof columnsOf>[0]): Map<string, ColumnType> => new Map(columnsOf(schema).map((c) => [c.name, c.type]));
const TYPES = { indicator: types(IndicatorRow), task: types(TaskRow), target: types(TargetRow), metadata: types(DocumentRow) };

/** The corrected value of `alias` (a corrections_latest row) as a value of the column's type. */
function correctedValue(alias: string, type: ColumnType): string {
  const j = `${alias}.new_json::jsonb`;
  if (type === "text") return `(${j} #>> '{}')`;
  const num = `CASE WHEN jsonb_typeof(${j}) = 'number' THEN (${j} #>> '{}')::numeric END`;
  return type === "integer" ? `(${num})::bigint` : `(${num})::double precision`;
}

/** SELECT list and joins applying the corrections of `fields` of `kind` (our own constant names only). */
function reviewed(kind: keyof typeof TYPES, key: string, sha: string, src: string, fields: string[]): { columns: string; joins: string } {
  const type = (f: string) => {
    const t = TYPES[kind].get(f);
    if (!t) throw new Error(`review schema: ${kind} has no column ${f}`);
    return t;
  };
  return {
    columns: fields.map((f, i) => `CASE WHEN c${i}.new_json IS NULL THEN ${src}.${f} ELSE ${correctedValue(`c${i}`, type(f))} END AS ${f}`).join(",\n  "),
    joins: fields
      .map((f, i) => `LEFT JOIN corrections_latest c${i} ON c${i}.sha256 = ${sha} AND c${i}.kind = '${kind}' AND c${i}.record_key = ${key} AND c${i}.field = '${f}'`)
      .join("\n"),
  };
}
const verdict = (kind: string, key: string, sha: string) => `LEFT JOIN review_states rs ON rs.sha256 = ${sha} AND rs.kind = '${kind}' AND rs.record_key = ${key}`;

const indicatorKey = "('t' || v.table_index || 'r' || v.row_index)";
const taskKey = "('t' || t.table_index || 'r' || t.row_index)";

/** The review tables and views; runs after the store's tables and views (indicator_values). */
export function reviewSql(): string {
  const rInd = reviewed("indicator", indicatorKey, "v.sha256", "v", ["value", "unit", "indicator_id"]);
  const rTask = reviewed("task", taskKey, "d.sha256", "t", ["content", "output", "owner", "timeframe"]);
  const rTarget = reviewed("target", taskKey, "d.sha256", "t", ["target", "unit", "owner"]);
  const rDoc = reviewed("metadata", "'p0'", "d.sha256", "d", CORRECTABLE_METADATA);
  return `
CREATE VIEW metadata_confidence AS
SELECT d.id AS document_id, d.path, 0::bigint AS part, f.key AS field,
  (f.value ->> 'confidence')::double precision AS confidence, (f.value -> 'reasons')::text AS reasons_json
FROM documents d, json_each(CASE WHEN json_typeof(d.metadata_json::json -> 'confidence') = 'object' THEN d.metadata_json::json -> 'confidence' END) f
UNION ALL
SELECT d.id, d.path, p.part, f.key, (f.value ->> 'confidence')::double precision, (f.value -> 'reasons')::text
FROM document_parts p JOIN documents d ON d.id = p.document_id,
  json_each(CASE WHEN json_typeof(p.metadata_json::json -> 'confidence') = 'object' THEN p.metadata_json::json -> 'confidence' END) f;

CREATE TABLE corrections (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256      TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('indicator','task','target','metadata')),
  record_key  TEXT NOT NULL,
  field       TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('accept','correct','reject','note')),
  old_json    TEXT,
  new_json    TEXT,
  note        TEXT,
  reviewer    TEXT NOT NULL,
  at          TEXT NOT NULL,
  CHECK ((action = 'correct') = (new_json IS NOT NULL AND field <> ''))
);
CREATE INDEX corrections_record ON corrections(sha256, kind, record_key, field, id);
CREATE FUNCTION corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $append$
BEGIN
  RAISE EXCEPTION 'corrections are append-only: add a new correction instead' USING ERRCODE = 'restrict_violation';
END
$append$;
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections FOR EACH ROW EXECUTE FUNCTION corrections_append_only();
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections FOR EACH ROW EXECUTE FUNCTION corrections_append_only();
CREATE TRIGGER corrections_no_truncate BEFORE TRUNCATE ON corrections FOR EACH STATEMENT EXECUTE FUNCTION corrections_append_only();

CREATE VIEW corrections_latest AS
SELECT c.id, c.sha256, c.kind, c.record_key, c.field, c.new_json, c.reviewer, c.at
FROM corrections c
WHERE c.action = 'correct' AND NOT EXISTS (
  SELECT 1 FROM corrections n WHERE n.sha256 = c.sha256 AND n.kind = c.kind AND n.record_key = c.record_key
    AND n.field = c.field AND n.action = 'correct' AND n.id > c.id);

CREATE VIEW review_states AS
SELECT c.sha256, c.kind, c.record_key,
  CASE c.action WHEN 'accept' THEN 'accepted' WHEN 'reject' THEN 'rejected' ELSE 'corrected' END AS review_status,
  c.reviewer, c.at
FROM corrections c
WHERE c.action IN ('accept', 'correct', 'reject') AND NOT EXISTS (
  SELECT 1 FROM corrections n WHERE n.sha256 = c.sha256 AND n.kind = c.kind AND n.record_key = c.record_key
    AND n.action IN ('accept', 'correct', 'reject') AND n.id > c.id);

CREATE VIEW indicator_values_reviewed AS
SELECT v.indicator_id AS raw_indicator_id, v.name, v.unit AS raw_unit, v.unit_canonical, v.raw_value,
  v.value AS raw_parsed_value, v.numerator, v.denominator, v.code, v.code_path, v.is_group, v.flags, v.note,
  v.match_score, v.table_index, v.row_index, v.page, v.line, v.document_id, v.path, v.issuer, v.unit_level,
  v.province, v.period_kind, v.period_year, v.period_quarter, v.period_from, v.period_to, v.issued_on,
  v.number, v.status, v.part, v.confidence, v.confidence_json, v.sha256,
  ${rInd.columns},
  coalesce(rs.review_status, 'unreviewed') AS review_status, rs.reviewer, rs.at AS reviewed_at
FROM indicator_values v
${rInd.joins}
${verdict("indicator", indicatorKey, "v.sha256")};

CREATE VIEW tasks_reviewed AS
SELECT t.document_id, t.table_index, t.row_index, t.code, t.group_title, t.coordinator, t.monitor, t.extra_json,
  t.page, t.line, t.part, t.confidence, t.confidence_json, d.path, d.issuer, d.period_year, d.sha256,
  ${rTask.columns},
  coalesce(rs.review_status, 'unreviewed') AS review_status, rs.reviewer, rs.at AS reviewed_at
FROM tasks t JOIN documents d ON d.id = t.document_id
${rTask.joins}
${verdict("task", taskKey, "d.sha256")};

CREATE VIEW targets_reviewed AS
SELECT t.document_id, t.table_index, t.row_index, t.code, t.name, t.raw_target, t.comparator, t.page, t.line,
  t.part, t.confidence, t.confidence_json, d.path, d.issuer, d.period_year, d.sha256,
  ${rTarget.columns},
  coalesce(rs.review_status, 'unreviewed') AS review_status, rs.reviewer, rs.at AS reviewed_at
FROM targets t JOIN documents d ON d.id = t.document_id
${rTarget.joins}
${verdict("target", taskKey, "d.sha256")};

CREATE VIEW documents_reviewed AS
SELECT d.id, d.path, d.sha256, d.format, d.status, d.error, d.error_rule, d.pages, d.bytes, d.parent,
  d.period_quarter, d.period_month, d.period_from, d.period_to, d.signer_title, d.metadata_json,
  d.ingested_at, d.parser_version,
  ${rDoc.columns},
  coalesce(rs.review_status, 'unreviewed') AS review_status, rs.reviewer, rs.at AS reviewed_at
FROM documents d
${rDoc.joins}
${verdict("metadata", "'p0'", "d.sha256")};
`;
}
