import type { Database } from "better-sqlite3";

/**
 * Ordered schema migrations. The database's `PRAGMA user_version` is the number of migrations
 * applied; opening a store applies the missing ones, each in its own transaction, so a crash
 * mid-migration leaves the previous version intact. Never edit a released migration: append.
 */
export interface Migration {
  /** The user_version after this migration (1-based, consecutive). */
  version: number;
  /** What it changes, for humans reading `baocao query "PRAGMA user_version"`. */
  description: string;
  sql: string;
}

/**
 * Version 1: the whole schema. Every table that hangs off a document cascades on delete, so
 * replacing a changed file is "DELETE FROM documents WHERE path = ?" plus inserts.
 * Column meanings are in docs/STORE.md; numbering bases follow src/model/message.ts
 * (pages and lines 1-based, table and row indices 0-based).
 */
const v1 = `
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  path            TEXT NOT NULL UNIQUE,     -- path as walked (normalized, relative when given relative)
  sha256          TEXT NOT NULL,            -- hex sha256 of the file bytes ('' when unreadable)
  format          TEXT NOT NULL,            -- txt | docx | pdf | '' when undetected
  status          TEXT NOT NULL CHECK (status IN ('ok','partial','failed','needs_ocr')),
  error           TEXT,                     -- reason of the first error message
  error_rule      TEXT,                     -- ruleId of the first error message
  pages           INTEGER,                  -- page count when the format has pages
  bytes           INTEGER,                  -- file size
  doc_type        TEXT,                     -- "BÁO CÁO", "KẾ HOẠCH" … as printed
  number          TEXT,                     -- "63/BC-UBND"
  issued_on       TEXT,                     -- ISO date of issue
  issuer          TEXT,
  unit_level      TEXT,                     -- xã | huyện | tỉnh | sở
  province        TEXT,
  period_kind     TEXT,                     -- quarter | half | nine_months | year | plan_year
  period_year     INTEGER,
  period_quarter  INTEGER,                  -- 1–4 for quarterly reports
  period_from     TEXT,                     -- ISO date of an explicit range
  period_to       TEXT,
  signer          TEXT,
  signer_title    TEXT,
  metadata_json   TEXT NOT NULL,            -- the full Metadata object (parents, recipients, sources)
  ingested_at     TEXT NOT NULL,            -- ISO timestamp of this row's write
  parser_version  TEXT NOT NULL             -- baocao version that parsed the file
);
CREATE INDEX documents_sha256 ON documents(sha256);
CREATE INDEX documents_issuer ON documents(issuer);
CREATE INDEX documents_period ON documents(period_year, period_kind, period_quarter);
CREATE INDEX documents_level ON documents(unit_level, province);
CREATE INDEX documents_status ON documents(status);

CREATE TABLE sections (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal         INTEGER NOT NULL,         -- 0-based pre-order position in the document's tree
  parent_ordinal  INTEGER,                  -- ordinal of the parent section, NULL for top level
  number          TEXT NOT NULL,            -- "II", "2.1", "a", "*"
  number_path     TEXT NOT NULL,            -- numbers from the root: "II/2/2.1"
  title           TEXT NOT NULL,
  level           INTEGER NOT NULL,         -- 1 Roman, 2 "1.", 3 "2.1", 4 "a)", 5 "*"
  text            TEXT NOT NULL,            -- the section's own body text (children excluded)
  topics          TEXT NOT NULL,            -- JSON array of topic ids (rules/topics.json)
  page            INTEGER,
  line            INTEGER,
  UNIQUE (document_id, ordinal)
);

CREATE TABLE section_topics (
  section_id      INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  topic           TEXT NOT NULL,
  PRIMARY KEY (topic, section_id)
) WITHOUT ROWID;

CREATE TABLE indicator_tables (
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,         -- 0-based logical table index
  title           TEXT,
  rows            INTEGER NOT NULL,         -- indicator rows stored for the table
  PRIMARY KEY (document_id, table_index)
) WITHOUT ROWID;

CREATE TABLE indicators (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,
  row_index       INTEGER NOT NULL,         -- 0-based body row inside the joined table
  code            TEXT NOT NULL,            -- STT verbatim
  code_path       TEXT NOT NULL,            -- JSON array of the enclosing group codes
  name            TEXT NOT NULL,            -- Chỉ tiêu
  unit            TEXT,                     -- Đơn vị tính as printed
  unit_canonical  TEXT,
  raw_value       TEXT,                     -- Số liệu verbatim
  value           REAL,
  numerator       REAL,
  denominator     REAL,
  note            TEXT,                     -- Ghi chú
  is_group        INTEGER NOT NULL CHECK (is_group IN (0,1)),
  indicator_id    TEXT,                     -- catalog id, NULL when unmatched
  match_score     REAL,
  flags           TEXT NOT NULL,            -- JSON array of consistency rule ids
  page            INTEGER,
  line            INTEGER
);
CREATE INDEX indicators_indicator ON indicators(indicator_id);
CREATE INDEX indicators_document ON indicators(document_id, table_index, row_index);

CREATE TABLE tasks (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,
  row_index       INTEGER NOT NULL,
  code            TEXT NOT NULL,
  group_title     TEXT,                     -- Roman group row above the task
  content         TEXT,                     -- Nội dung công việc
  output          TEXT,                     -- Kết quả công việc
  owner           TEXT,                     -- Bộ phận thực hiện
  timeframe       TEXT,                     -- Thời gian thực hiện
  page            INTEGER,
  line            INTEGER
);
CREATE INDEX tasks_document ON tasks(document_id);

CREATE TABLE targets (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,
  row_index       INTEGER NOT NULL,
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  unit            TEXT,
  raw_target      TEXT,                     -- "Tối thiểu 80" verbatim
  target          REAL,
  comparator      TEXT,                     -- >=, <=, >, <, =
  owner           TEXT,
  page            INTEGER,
  line            INTEGER
);
CREATE INDEX targets_document ON targets(document_id);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  severity        TEXT NOT NULL CHECK (severity IN ('error','warning','info')),
  rule_id         TEXT NOT NULL,
  reason          TEXT NOT NULL,
  page            INTEGER,
  line            INTEGER,
  table_index     INTEGER,
  row_index       INTEGER,
  column_index    INTEGER,
  actual_json     TEXT,
  expected_json   TEXT
);
CREATE INDEX messages_document ON messages(document_id);
CREATE INDEX messages_rule ON messages(rule_id);

-- Folded (lowercase, no diacritics, đ→d) copy of each section's title and text. unicode61's
-- remove_diacritics leaves đ alone, hence the copy. Contentless: snippets are cut from
-- sections.text, so the folded text is only kept in the index.
CREATE VIRTUAL TABLE sections_fts USING fts5(
  title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
-- Cascading deletes fire triggers, so replacing a document also clears its index entries.
CREATE TRIGGER sections_fts_delete AFTER DELETE ON sections BEGIN
  DELETE FROM sections_fts WHERE rowid = old.id;
END;

-- One row per indicator with its document's who/when, for "this indicator, every unit, 2024".
CREATE VIEW indicator_values AS
SELECT
  i.indicator_id, i.name, i.unit, i.unit_canonical, i.raw_value, i.value, i.numerator,
  i.denominator, i.code, i.code_path, i.is_group, i.flags, i.note, i.match_score,
  i.table_index, i.row_index, i.page, i.line,
  d.id AS document_id, d.path, d.issuer, d.unit_level, d.province, d.period_kind,
  d.period_year, d.period_quarter, d.period_from, d.period_to, d.issued_on, d.number, d.status
FROM indicators i JOIN documents d ON d.id = i.document_id;
`;

/**
 * Version 2: section_topics by section. Its primary key starts with the topic, so the cascade
 * that deletes a replaced document's sections scanned the whole table once per section:
 * replacing 300 documents in a store of 3,000 took 32 s, 2 s with this index.
 */
const v2 = `CREATE INDEX section_topics_section ON section_topics(section_id);`;

/**
 * Version 3: every table of a document, and values with their column (issue 15). Additive:
 * nothing earlier changes. `doc_tables` holds each table once, its column headers and body
 * cells as JSON (one insert per table keeps the writer's speed); the views `table_columns` and
 * `table_cells` unfold them. `indicator_column_values` holds every value column of indicator
 * tables that have several; `indicator_values_by_column` is the long format for every
 * indicator row (the main column for single-value tables). `matrix_cells` holds the value
 * cells of score and ranking tables. Layout tables are kind 'layout': analytics filter them out.
 */
const v3 = `
CREATE TABLE doc_tables (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,         -- 0-based among all the document's tables, layout ones included
  kind            TEXT NOT NULL CHECK (kind IN ('indicators','tasks','targets','matrix','layout','other')),
  kind_index      INTEGER NOT NULL,         -- 0-based among tables of this kind (= table_index of its indicators/tasks/targets)
  title           TEXT,                     -- appendix title, else the caption above, else NULL
  header_rows     INTEGER NOT NULL,
  body_rows       INTEGER NOT NULL,
  column_count    INTEGER NOT NULL,
  main_column     INTEGER,                  -- 0-based column of the indicators' main value
  fragments       INTEGER NOT NULL,         -- page fragments joined
  page            INTEGER,                  -- where the first fragment starts
  line            INTEGER,
  columns_json    TEXT NOT NULL,            -- [{index, path:"A › B", role, valueRole, year, quarter}]
  cells_json      TEXT NOT NULL,            -- body rows: [[page, line, [text | null (merged) …]], …]
  prov_json       TEXT NOT NULL,            -- provenance of every fragment
  UNIQUE (document_id, table_index)
);
CREATE INDEX doc_tables_kind ON doc_tables(kind);

CREATE VIEW table_columns AS
SELECT t.document_id, t.table_index, t.kind, CAST(c.key AS INTEGER) AS column_index,
  json_extract(c.value, '$.path') AS header,
  json_extract(c.value, '$.role') AS role, json_extract(c.value, '$.valueRole') AS value_role,
  json_extract(c.value, '$.year') AS year, json_extract(c.value, '$.quarter') AS quarter
FROM doc_tables t, json_each(t.columns_json) c;

CREATE VIEW table_cells AS
SELECT t.document_id, t.table_index, t.kind, t.title, CAST(r.key AS INTEGER) AS row_index,
  CAST(c.key AS INTEGER) AS column_index,
  json_extract(t.columns_json, '$[' || c.key || '].path') AS header,
  c.value AS text, json_extract(r.value, '$[0]') AS page, json_extract(r.value, '$[1]') AS line
FROM doc_tables t, json_each(t.cells_json) r, json_each(r.value, '$[2]') c
WHERE c.type <> 'null';

CREATE TABLE indicator_column_values (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,         -- as indicators.table_index
  row_index       INTEGER NOT NULL,         -- as indicators.row_index
  column_index    INTEGER NOT NULL,         -- 0-based grid column
  header          TEXT NOT NULL,            -- header path "Năm 2024 › Điểm số"
  role            TEXT,                     -- plan | actual | ratio | previous | score | rank | index | change
  year            INTEGER,                  -- year the header names
  quarter         INTEGER,                  -- quarter the header names
  raw_value       TEXT,
  value           REAL,
  numerator       REAL,
  denominator     REAL,
  is_main         INTEGER NOT NULL CHECK (is_main IN (0,1))  -- 1 for the column of indicators.value
);
CREATE INDEX indicator_column_values_row ON indicator_column_values(document_id, table_index, row_index);

-- Long format: one row per (indicator, value column). Tables with one value column give their
-- main column; year and quarter fall back to the report's period when the header names none.
CREATE VIEW indicator_values_by_column AS
SELECT i.indicator_id, i.name, i.unit, i.code, i.code_path, i.is_group, i.table_index, i.row_index,
  v.column_index, v.header, v.role, coalesce(v.year, d.period_year) AS year,
  coalesce(v.quarter, d.period_quarter) AS quarter, v.raw_value, v.value, v.numerator, v.denominator, v.is_main,
  d.id AS document_id, d.path, d.issuer, d.unit_level, d.province, d.period_kind, d.period_year, d.period_quarter
FROM indicator_column_values v
JOIN indicators i ON i.document_id = v.document_id AND i.table_index = v.table_index AND i.row_index = v.row_index
JOIN documents d ON d.id = v.document_id
UNION ALL
SELECT i.indicator_id, i.name, i.unit, i.code, i.code_path, i.is_group, i.table_index, i.row_index,
  t.main_column, json_extract(t.columns_json, '$[' || t.main_column || '].path'),
  json_extract(t.columns_json, '$[' || t.main_column || '].valueRole'),
  coalesce(json_extract(t.columns_json, '$[' || t.main_column || '].year'), d.period_year),
  coalesce(json_extract(t.columns_json, '$[' || t.main_column || '].quarter'), d.period_quarter),
  i.raw_value, i.value, i.numerator, i.denominator, 1,
  d.id, d.path, d.issuer, d.unit_level, d.province, d.period_kind, d.period_year, d.period_quarter
FROM indicators i JOIN documents d ON d.id = i.document_id
LEFT JOIN doc_tables t ON t.document_id = i.document_id AND t.kind = 'indicators' AND t.kind_index = i.table_index
WHERE NOT EXISTS (SELECT 1 FROM indicator_column_values v
                  WHERE v.document_id = i.document_id AND v.table_index = i.table_index AND v.row_index = i.row_index);

CREATE TABLE matrix_cells (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_index     INTEGER NOT NULL,         -- doc_tables.table_index
  row_index       INTEGER NOT NULL,         -- 0-based body row
  column_index    INTEGER NOT NULL,         -- 0-based grid column
  row_code        TEXT NOT NULL,            -- STT verbatim
  row_label       TEXT NOT NULL,            -- criterion, unit or province as printed
  row_path        TEXT NOT NULL,            -- JSON array of the enclosing group codes
  row_entity      TEXT,                     -- unit or province the row is about
  header          TEXT NOT NULL,            -- column header path "Lâm Đồng › Điểm số"
  column_entity   TEXT,                     -- province or unit the header names
  value_role      TEXT,                     -- score | rank | ratio | index | plan | actual | previous | change
  year            INTEGER,
  quarter         INTEGER,
  raw             TEXT NOT NULL,
  value           REAL,
  numerator       REAL,                     -- "12/63": 12 …
  denominator     REAL,                     -- … of 63
  indicator_id    TEXT,                     -- catalog id of the row label
  match_score     REAL,
  page            INTEGER,
  line            INTEGER
);
CREATE INDEX matrix_cells_document ON matrix_cells(document_id, table_index);
CREATE INDEX matrix_cells_entity ON matrix_cells(row_entity);

-- Plan tables keep every column.
ALTER TABLE tasks ADD COLUMN coordinator TEXT;       -- Phối hợp
ALTER TABLE tasks ADD COLUMN monitor TEXT;           -- Theo dõi, kiểm tra, đánh giá
ALTER TABLE tasks ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';  -- other columns by header text
`;

/**
 * Version 4: several documents in one file (src/pipeline/parts.ts). Every record, section and
 * message says which part (0-based; 0 = the file's first document, the documents row) it
 * belongs to; the metadata of the further parts is in document_parts; indicator_values gives
 * each indicator the who/when of its own part (a part's unknown field stays NULL).
 */
const v4 = `
ALTER TABLE sections ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator_tables ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN part INTEGER NOT NULL DEFAULT 0;

CREATE TABLE document_parts (
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  part            INTEGER NOT NULL CHECK (part >= 1), -- 0-based position in the file; part 0 is the documents row
  doc_type        TEXT,
  number          TEXT,
  issued_on       TEXT,
  issuer          TEXT,
  unit_level      TEXT,
  province        TEXT,
  period_kind     TEXT,
  period_year     INTEGER,
  period_quarter  INTEGER,
  period_from     TEXT,
  period_to       TEXT,
  signer          TEXT,
  signer_title    TEXT,
  metadata_json   TEXT NOT NULL,            -- the part's full Metadata object
  PRIMARY KEY (document_id, part)
) WITHOUT ROWID;

DROP VIEW indicator_values;
CREATE VIEW indicator_values AS
SELECT
  i.indicator_id, i.name, i.unit, i.unit_canonical, i.raw_value, i.value, i.numerator,
  i.denominator, i.code, i.code_path, i.is_group, i.flags, i.note, i.match_score,
  i.table_index, i.row_index, i.page, i.line,
  d.id AS document_id, d.path,
  CASE WHEN i.part = 0 THEN d.issuer ELSE p.issuer END AS issuer,
  CASE WHEN i.part = 0 THEN d.unit_level ELSE p.unit_level END AS unit_level,
  CASE WHEN i.part = 0 THEN d.province ELSE p.province END AS province,
  CASE WHEN i.part = 0 THEN d.period_kind ELSE p.period_kind END AS period_kind,
  CASE WHEN i.part = 0 THEN d.period_year ELSE p.period_year END AS period_year,
  CASE WHEN i.part = 0 THEN d.period_quarter ELSE p.period_quarter END AS period_quarter,
  CASE WHEN i.part = 0 THEN d.period_from ELSE p.period_from END AS period_from,
  CASE WHEN i.part = 0 THEN d.period_to ELSE p.period_to END AS period_to,
  CASE WHEN i.part = 0 THEN d.issued_on ELSE p.issued_on END AS issued_on,
  CASE WHEN i.part = 0 THEN d.number ELSE p.number END AS number,
  d.status, i.part
FROM indicators i JOIN documents d ON d.id = i.document_id
LEFT JOIN document_parts p ON p.document_id = i.document_id AND p.part = i.part AND i.part > 0;
`;

/**
 * Version 5: metadata of contract v2 (issue 14) as columns of documents: the trích yếu
 * (subject), the cơ quan chủ quản (parent), the month of a monthly report. Additive: older
 * rows read null until re-ingested (the full object is in metadata_json either way). The
 * period kinds month and multi_year and the level "trung ương" need no schema change.
 */
const v5 = `
ALTER TABLE documents ADD COLUMN subject TEXT;         -- trích yếu, "V/v" and "Về việc" dropped
ALTER TABLE documents ADD COLUMN parent TEXT;          -- the unit printed above the issuer
ALTER TABLE documents ADD COLUMN period_month INTEGER; -- 1–12 for period_kind 'month'
ALTER TABLE document_parts ADD COLUMN subject TEXT;
ALTER TABLE document_parts ADD COLUMN parent TEXT;
ALTER TABLE document_parts ADD COLUMN period_month INTEGER;
`;

/**
 * Version 6: one number per table. A record's, value's and message's table_index is its
 * table's doc_tables.table_index (every table of the document in order, layout ones counted;
 * before, indicators/tasks/targets counted within their kind, = kind_index), and the long-format
 * view joins on it. Rows stored before are renumbered from doc_tables (through negative numbers,
 * so the primary key of indicator_tables never sees two rows with one number); messages keep
 * theirs (they do not say their table's kind) until the file is ingested again.
 */
const renumber = (table: string, kind: string) => `
UPDATE ${table} SET table_index = -1 - coalesce((SELECT t.table_index FROM doc_tables t
  WHERE t.document_id = ${table}.document_id AND t.kind = '${kind}' AND t.kind_index = ${table}.table_index), table_index);
UPDATE ${table} SET table_index = -1 - table_index;`;
const v6 = `
${renumber("indicator_tables", "indicators")}
${renumber("indicators", "indicators")}
${renumber("indicator_column_values", "indicators")}
${renumber("tasks", "tasks")}
${renumber("targets", "targets")}
DROP VIEW indicator_values_by_column;
${v3.slice(v3.indexOf("CREATE VIEW indicator_values_by_column"), v3.indexOf("CREATE TABLE matrix_cells")).replace(
  "t.kind = 'indicators' AND t.kind_index = i.table_index",
  "t.table_index = i.table_index",
)}`;

/**
 * Version 7: confidence and review (issue 17). Every indicator, task and target row gets its
 * confidence (0–1) and reasons (src/confidence); metadata fields have theirs inside
 * metadata_json, unfolded by the view metadata_confidence. `corrections` is the reviewers'
 * append-only audit log (triggers refuse UPDATE and DELETE), keyed by the file's sha256 and a
 * record key that a re-ingest of the same bytes gives again — 't<table_index>r<row_index>' for
 * records, 'p<part>' for a document's metadata — so it does not hang off documents and
 * survives the replacement of a document's rows. The *_reviewed views apply the latest
 * correction of each field and give each record its latest verdict (review_status).
 */
const reviewedField = (kind: string, key: string, field: string, alias: string, column: string) =>
  `CASE WHEN ${alias}.new_json IS NULL THEN ${column} ELSE json_extract(${alias}.new_json, '$') END AS ${field}`;
const reviewedJoin = (kind: string, key: string, field: string, alias: string, sha: string) =>
  `LEFT JOIN corrections_latest ${alias} ON ${alias}.sha256 = ${sha} AND ${alias}.kind = '${kind}' AND ${alias}.record_key = ${key} AND ${alias}.field = '${field}'`;
/** SELECT list and joins applying the corrections of `fields` of `kind` (our own constant names only). */
function reviewed(kind: string, key: string, sha: string, src: string, fields: string[]): { columns: string; joins: string } {
  return {
    columns: fields.map((f, i) => reviewedField(kind, key, f, `c${i}`, `${src}.${f}`)).join(",\n  "),
    joins: fields.map((f, i) => reviewedJoin(kind, key, f, `c${i}`, sha)).join("\n"),
  };
}
const indicatorKey = "('t' || v.table_index || 'r' || v.row_index)";
const rInd = reviewed("indicator", indicatorKey, "v.sha256", "v", ["value", "unit", "indicator_id"]);
const taskKey = "('t' || t.table_index || 'r' || t.row_index)";
const rTask = reviewed("task", taskKey, "d.sha256", "t", ["content", "output", "owner", "timeframe"]);
const rTarget = reviewed("target", taskKey, "d.sha256", "t", ["target", "unit", "owner"]);
/** Metadata columns a reviewer may correct (documents columns). */
export const CORRECTABLE_METADATA = ["doc_type", "number", "issued_on", "issuer", "unit_level", "province", "period_kind", "period_year", "signer", "subject"];
const rDoc = reviewed("metadata", "'p0'", "d.sha256", "d", CORRECTABLE_METADATA);
const verdict = (kind: string, key: string, sha: string) =>
  `LEFT JOIN review_states rs ON rs.sha256 = ${sha} AND rs.kind = '${kind}' AND rs.record_key = ${key}`;

const v7 = `
ALTER TABLE indicators ADD COLUMN confidence REAL;                        -- 0–1, src/confidence
ALTER TABLE indicators ADD COLUMN confidence_json TEXT NOT NULL DEFAULT '[]'; -- reasons [{ruleId, factor, detail}]
ALTER TABLE tasks ADD COLUMN confidence REAL;
ALTER TABLE tasks ADD COLUMN confidence_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE targets ADD COLUMN confidence REAL;
ALTER TABLE targets ADD COLUMN confidence_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE indicators ADD COLUMN bbox TEXT;                              -- "[x0,y0,x1,y1]" in PDF points, top-left origin
ALTER TABLE tasks ADD COLUMN bbox TEXT;
ALTER TABLE targets ADD COLUMN bbox TEXT;

CREATE VIEW metadata_confidence AS
SELECT d.id AS document_id, d.path, 0 AS part, f.key AS field,
  json_extract(f.value, '$.confidence') AS confidence, json_extract(f.value, '$.reasons') AS reasons_json
FROM documents d, json_each(d.metadata_json, '$.confidence') f
UNION ALL
SELECT d.id, d.path, p.part, f.key, json_extract(f.value, '$.confidence'), json_extract(f.value, '$.reasons')
FROM document_parts p JOIN documents d ON d.id = p.document_id, json_each(p.metadata_json, '$.confidence') f;

CREATE TABLE corrections (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL,            -- the corrected file's content (documents.sha256)
  kind            TEXT NOT NULL CHECK (kind IN ('indicator','task','target','metadata')),
  record_key      TEXT NOT NULL,            -- 't<table_index>r<row_index>'; 'p<part>' for metadata
  field           TEXT NOT NULL,            -- corrected column; '' for accept, reject and note
  action          TEXT NOT NULL CHECK (action IN ('accept','correct','reject','note')),
  old_json        TEXT,                     -- the value before, as JSON
  new_json        TEXT,                     -- the value after (correct), as JSON
  note            TEXT,
  reviewer        TEXT NOT NULL,            -- the name given to baocao serve --reviewer
  at              TEXT NOT NULL,            -- ISO timestamp
  CHECK ((action = 'correct') = (new_json IS NOT NULL AND field <> ''))
);
CREATE INDEX corrections_record ON corrections(sha256, kind, record_key, field, id);
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections BEGIN
  SELECT RAISE(ABORT, 'corrections are append-only: add a new correction instead');
END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections BEGIN
  SELECT RAISE(ABORT, 'corrections are append-only: add a new correction instead');
END;

-- The latest 'correct' of each field of each record.
CREATE VIEW corrections_latest AS
SELECT c.id, c.sha256, c.kind, c.record_key, c.field, c.new_json, c.reviewer, c.at
FROM corrections c
WHERE c.action = 'correct' AND NOT EXISTS (
  SELECT 1 FROM corrections n WHERE n.sha256 = c.sha256 AND n.kind = c.kind AND n.record_key = c.record_key
    AND n.field = c.field AND n.action = 'correct' AND n.id > c.id);

-- The latest verdict on each record: accepted, corrected or rejected.
CREATE VIEW review_states AS
SELECT c.sha256, c.kind, c.record_key,
  CASE c.action WHEN 'accept' THEN 'accepted' WHEN 'reject' THEN 'rejected' ELSE 'corrected' END AS review_status,
  c.reviewer, c.at
FROM corrections c
WHERE c.action IN ('accept', 'correct', 'reject') AND NOT EXISTS (
  SELECT 1 FROM corrections n WHERE n.sha256 = c.sha256 AND n.kind = c.kind AND n.record_key = c.record_key
    AND n.action IN ('accept', 'correct', 'reject') AND n.id > c.id);

DROP VIEW indicator_values;
CREATE VIEW indicator_values AS
SELECT
  i.indicator_id, i.name, i.unit, i.unit_canonical, i.raw_value, i.value, i.numerator,
  i.denominator, i.code, i.code_path, i.is_group, i.flags, i.note, i.match_score,
  i.table_index, i.row_index, i.page, i.line,
  d.id AS document_id, d.path,
  CASE WHEN i.part = 0 THEN d.issuer ELSE p.issuer END AS issuer,
  CASE WHEN i.part = 0 THEN d.unit_level ELSE p.unit_level END AS unit_level,
  CASE WHEN i.part = 0 THEN d.province ELSE p.province END AS province,
  CASE WHEN i.part = 0 THEN d.period_kind ELSE p.period_kind END AS period_kind,
  CASE WHEN i.part = 0 THEN d.period_year ELSE p.period_year END AS period_year,
  CASE WHEN i.part = 0 THEN d.period_quarter ELSE p.period_quarter END AS period_quarter,
  CASE WHEN i.part = 0 THEN d.period_from ELSE p.period_from END AS period_from,
  CASE WHEN i.part = 0 THEN d.period_to ELSE p.period_to END AS period_to,
  CASE WHEN i.part = 0 THEN d.issued_on ELSE p.issued_on END AS issued_on,
  CASE WHEN i.part = 0 THEN d.number ELSE p.number END AS number,
  d.status, i.part, i.confidence, i.confidence_json, d.sha256
FROM indicators i JOIN documents d ON d.id = i.document_id
LEFT JOIN document_parts p ON p.document_id = i.document_id AND p.part = i.part AND i.part > 0;

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

export const migrations: Migration[] = [
  { version: 1, description: "initial schema", sql: v1 },
  { version: 2, description: "index section_topics by section, for the cascade that replaces a document", sql: v2 },
  { version: 3, description: "every table (doc_tables, table_columns, table_cells), values by column, matrix cells", sql: v3 },
  { version: 4, description: "parts: several documents in one file (part columns, document_parts, indicator_values per part)", sql: v4 },
  { version: 5, description: "documents: subject, parent and period_month (metadata of contract v2)", sql: v5 },
  { version: 6, description: "one number per table: records' table_index is doc_tables.table_index", sql: v6 },
  { version: 7, description: "confidence on records, the corrections audit log and the reviewed views", sql: v7 },
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = migrations[migrations.length - 1].version;

/** Thrown when the database was written by a newer baocao (its schema is unknown to us). */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `The database has schema version ${found}, newer than this baocao knows (${SCHEMA_VERSION}). Upgrade baocao or use another --db file.`,
    );
    this.name = "SchemaTooNewError";
  }
}

/** Applies the missing migrations in order; returns the versions applied. */
export function migrate(db: Database, list: Migration[] = migrations): number[] {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = list.length ? list[list.length - 1].version : 0;
  if (current > latest) throw new SchemaTooNewError(current);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
