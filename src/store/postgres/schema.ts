import type { z } from "zod";
import { fold } from "../../rules/fold.js";
import { type Column, columnsOf } from "../columns.js";
import {
  DocTableRow,
  DocumentPartRow,
  DocumentRow,
  IndicatorColumnValueRow,
  IndicatorRow,
  IndicatorTableRow,
  MatrixCellRow,
  MessageRow,
  SectionRow,
  TargetRow,
  TaskRow,
} from "../rows.js";
import { reviewSql } from "./review.js";

/**
 * The PostgreSQL schema: the same tables, columns and views as the SQLite store (migrations.ts),
 * with the columns generated from the row schemas (columns.ts) so a column is declared once.
 * What a row schema cannot say — keys, foreign keys, indexes — is declared per table here.
 * Integers are BIGINT (read back as JS numbers: connection.ts), reals DOUBLE PRECISION, text
 * TEXT; JSON stays text, as in SQLite, so both engines return the same values.
 */

/** A table of the store whose columns come from a row schema. */
export interface TableSpec {
  name: string;
  schema: z.ZodObject;
  /** An identity `id` primary key (the SQLite tables with INTEGER PRIMARY KEY). */
  id: boolean;
  /** A `document_id` column referencing documents, cascading on delete. */
  document: boolean;
  /** Table constraints (PRIMARY KEY, UNIQUE) after the columns. */
  constraints?: string[];
  /** CREATE INDEX statements. */
  indexes?: string[];
}

/** Every table fed by a row schema, in the order a document writes them (parents first). */
export const TABLES: TableSpec[] = [
  {
    name: "documents",
    schema: DocumentRow,
    id: true,
    document: false,
    constraints: ["UNIQUE (path)"],
    indexes: [
      "CREATE INDEX documents_sha256 ON documents(sha256, parser_version)",
      "CREATE INDEX documents_issuer ON documents(issuer)",
      "CREATE INDEX documents_period ON documents(period_year, period_kind, period_quarter)",
      "CREATE INDEX documents_level ON documents(unit_level, province)",
      "CREATE INDEX documents_status ON documents(status)",
    ],
  },
  { name: "document_parts", schema: DocumentPartRow, id: false, document: true, constraints: ["PRIMARY KEY (document_id, part)"] },
  { name: "sections", schema: SectionRow, id: true, document: true, constraints: ["UNIQUE (document_id, ordinal)"] },
  { name: "indicator_tables", schema: IndicatorTableRow, id: false, document: true, constraints: ["PRIMARY KEY (document_id, table_index)"] },
  {
    name: "indicators",
    schema: IndicatorRow,
    id: true,
    document: true,
    indexes: ["CREATE INDEX indicators_indicator ON indicators(indicator_id)", "CREATE INDEX indicators_document ON indicators(document_id, table_index, row_index)"],
  },
  { name: "tasks", schema: TaskRow, id: true, document: true, indexes: ["CREATE INDEX tasks_document ON tasks(document_id)"] },
  { name: "targets", schema: TargetRow, id: true, document: true, indexes: ["CREATE INDEX targets_document ON targets(document_id)"] },
  {
    name: "messages",
    schema: MessageRow,
    id: true,
    document: true,
    indexes: ["CREATE INDEX messages_document ON messages(document_id)", "CREATE INDEX messages_rule ON messages(rule_id)"],
  },
  {
    name: "doc_tables",
    schema: DocTableRow,
    id: true,
    document: true,
    constraints: ["UNIQUE (document_id, table_index)"],
    indexes: ["CREATE INDEX doc_tables_kind ON doc_tables(kind)"],
  },
  {
    name: "indicator_column_values",
    schema: IndicatorColumnValueRow,
    id: true,
    document: true,
    indexes: ["CREATE INDEX indicator_column_values_row ON indicator_column_values(document_id, table_index, row_index)"],
  },
  {
    name: "matrix_cells",
    schema: MatrixCellRow,
    id: true,
    document: true,
    indexes: ["CREATE INDEX matrix_cells_document ON matrix_cells(document_id, table_index)", "CREATE INDEX matrix_cells_entity ON matrix_cells(row_entity)"],
  },
];

const SQL_TYPE = { integer: "BIGINT", real: "DOUBLE PRECISION", text: "TEXT" } as const;

const quote = (v: string | number) => (typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

function columnDdl(c: Column): string {
  const check = c.values ? ` CHECK (${c.name} IN (${c.values.map(quote).join(", ")}))` : "";
  return `  ${c.name} ${SQL_TYPE[c.type]}${c.notNull ? " NOT NULL" : ""}${check}`;
}

/** CREATE TABLE and its indexes for one table spec. */
function tableDdl(t: TableSpec): string {
  const lines = [
    ...(t.id ? ["  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"] : []),
    ...(t.document ? ["  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE"] : []),
    ...columnsOf(t.schema).map(columnDdl),
    ...(t.constraints ?? []).map((c) => `  ${c}`),
  ];
  return [`CREATE TABLE ${t.name} (\n${lines.join(",\n")}\n);`, ...(t.indexes ?? []).map((i) => `${i};`)].join("\n");
}

/**
 * fold(text) in SQL, the same folding as src/rules/fold.ts for every Latin letter: a
 * translate() table generated from the JS fold over U+00C0–U+024F and U+1E00–U+1EFF (every
 * Vietnamese letter), then lower() for ASCII, whitespace runs collapsed. Needs no extension
 * (unaccent would need its own dictionary and differs on đ).
 */
function foldFunctionSql(): string {
  let from = "";
  let to = "";
  for (const [lo, hi] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ]) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = fold(ch);
      if (f.length === 1 && f !== ch) {
        from += ch;
        to += f;
      }
    }
  }
  return `CREATE FUNCTION fold(s TEXT) RETURNS TEXT LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $fold$
  SELECT btrim(regexp_replace(regexp_replace(lower(translate(s, ${quote(from)}, ${quote(to)})), '[\u0300-\u036f]', '', 'g'), '\\s+', ' ', 'g'))
$fold$;`;
}

/** The store's views, written for PostgreSQL (JSON text read through jsonb). */
const VIEWS = `
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

CREATE VIEW table_columns AS
SELECT t.document_id, t.table_index, t.kind, c.ord - 1 AS column_index,
  c.value ->> 'path' AS header, c.value ->> 'role' AS role, c.value ->> 'valueRole' AS value_role,
  (c.value ->> 'year')::bigint AS year, (c.value ->> 'quarter')::bigint AS quarter
FROM doc_tables t, jsonb_array_elements(t.columns_json::jsonb) WITH ORDINALITY AS c(value, ord);

CREATE VIEW table_cells AS
SELECT t.document_id, t.table_index, t.kind, t.title, r.ord - 1 AS row_index, c.ord - 1 AS column_index,
  t.columns_json::jsonb -> (c.ord - 1)::int ->> 'path' AS header,
  c.value #>> '{}' AS text, (r.value ->> 0)::bigint AS page, (r.value ->> 1)::bigint AS line
FROM doc_tables t, jsonb_array_elements(t.cells_json::jsonb) WITH ORDINALITY AS r(value, ord),
  jsonb_array_elements(r.value -> 2) WITH ORDINALITY AS c(value, ord)
WHERE jsonb_typeof(c.value) <> 'null';

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
  t.main_column, t.columns_json::jsonb -> t.main_column::int ->> 'path',
  t.columns_json::jsonb -> t.main_column::int ->> 'valueRole',
  coalesce((t.columns_json::jsonb -> t.main_column::int ->> 'year')::bigint, d.period_year),
  coalesce((t.columns_json::jsonb -> t.main_column::int ->> 'quarter')::bigint, d.period_quarter),
  i.raw_value, i.value, i.numerator, i.denominator, 1,
  d.id, d.path, d.issuer, d.unit_level, d.province, d.period_kind, d.period_year, d.period_quarter
FROM indicators i JOIN documents d ON d.id = i.document_id
LEFT JOIN doc_tables t ON t.document_id = i.document_id AND t.table_index = i.table_index
WHERE NOT EXISTS (SELECT 1 FROM indicator_column_values v
                  WHERE v.document_id = i.document_id AND v.table_index = i.table_index AND v.row_index = i.row_index);
`;

/**
 * The tables that no row schema feeds: section topics, and the search index (the counterpart
 * of SQLite's sections_fts): a tsvector of the folded title (weight A) and text (weight D)
 * with the 'simple' configuration (no stemming, no stop words: the text is folded already).
 */
const SEARCH = `
CREATE TABLE section_topics (
  section_id BIGINT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  PRIMARY KEY (topic, section_id)
);
CREATE INDEX section_topics_section ON section_topics(section_id);

CREATE TABLE sections_search (
  section_id BIGINT PRIMARY KEY REFERENCES sections(id) ON DELETE CASCADE,
  doc TSVECTOR NOT NULL
);
CREATE INDEX sections_search_doc ON sections_search USING GIN (doc);
`;

/** The PostgreSQL counterpart of one SQLite migration: the same user_version, its own SQL. */
export interface PgMigration {
  version: number;
  description: string;
  sql: () => string;
}

/**
 * Ordered PostgreSQL migrations, numbered as the SQLite ones (migrations.ts) so both engines
 * say the same schema version. The first is the baseline: the whole schema of SQLite version
 * 7, generated, with its review tables and views (corrections, review_states, *_reviewed,
 * metadata_confidence: review.ts). A later SQLite migration gets its twin here with the same
 * number (columns.test.ts fails until it has one). Never edit a released migration: append.
 */
export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 7,
    description: "baseline: the schema of SQLite version 7 (tables generated from the row schemas, views, search index, fold(), corrections and the reviewed views)",
    sql: () => [...TABLES.map(tableDdl), SEARCH, VIEWS, reviewSql(), foldFunctionSql()].join("\n\n"),
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
