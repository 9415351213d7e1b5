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
 * Version 3: metadata of contract v2 (issue 14) as columns of documents: the trích yếu
 * (subject), the cơ quan chủ quản (parent), the month of a monthly report. Additive: older
 * rows read null until re-ingested (the full object is in metadata_json either way). The
 * period kinds month and multi_year and the level "trung ương" need no schema change.
 */
const v3 = `
ALTER TABLE documents ADD COLUMN subject TEXT;         -- trích yếu, "V/v" and "Về việc" dropped
ALTER TABLE documents ADD COLUMN parent TEXT;          -- the unit printed above the issuer
ALTER TABLE documents ADD COLUMN period_month INTEGER; -- 1–12 for period_kind 'month'
`;

export const migrations: Migration[] = [
  { version: 1, description: "initial schema", sql: v1 },
  { version: 2, description: "index section_topics by section, for the cascade that replaces a document", sql: v2 },
  { version: 3, description: "documents: subject, parent and period_month (metadata of contract v2)", sql: v3 },
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
