import { existsSync } from "node:fs";
import type pg from "pg";
import { columnNames } from "./columns.js";
import { friendlyError, StoreUnavailable } from "./errors.js";
import { type Db, openStore } from "./open.js";
import { connect } from "./postgres/connection.js";
import { PostgresSink } from "./postgres/sink.js";
import {
  DocTableRow,
  DocumentPartRow,
  DocumentRow,
  type DocumentRows,
  IndicatorColumnValueRow,
  IndicatorRow,
  IndicatorTableRow,
  MatrixCellRow,
  MessageRow,
  SectionRow,
  TargetRow,
  TaskRow,
} from "./rows.js";
import { validateRows } from "./write.js";

/**
 * `baocao copy`: moves an SQLite store into a PostgreSQL one. Each document's rows are read
 * back from the SQLite tables into the DocumentRows `toRows` makes (the same row schemas name
 * the columns of both engines, columns.ts) and written through PostgresSink.writeRows, so a
 * copied document is stored exactly as an ingested one. A document already in PostgreSQL with
 * the same path, sha256 and parser version is skipped, and the append-only corrections are
 * added only where the same correction is not there yet: running the copy again writes nothing.
 */

export interface CopySummary {
  /** Documents in the SQLite store. */
  documents: number;
  copied: number;
  /** Already in PostgreSQL with the same path, content and parser version. */
  skipped: number;
  /** Corrections added, and those already there. */
  corrections: number;
  correctionsSkipped: number;
}

/**
 * DocumentRows key → SQLite table, row schema and the order toRows made the rows in (insertion
 * order, rowid; the two WITHOUT ROWID tables by their key, as toRows sorts them).
 */
const CHILDREN = [
  ["parts", "document_parts", DocumentPartRow, "part"],
  ["sections", "sections", SectionRow, "rowid"],
  ["indicatorTables", "indicator_tables", IndicatorTableRow, "table_index"],
  ["indicators", "indicators", IndicatorRow, "rowid"],
  ["tasks", "tasks", TaskRow, "rowid"],
  ["targets", "targets", TargetRow, "rowid"],
  ["messages", "messages", MessageRow, "rowid"],
  ["docTables", "doc_tables", DocTableRow, "rowid"],
  ["indicatorColumnValues", "indicator_column_values", IndicatorColumnValueRow, "rowid"],
  ["matrixCells", "matrix_cells", MatrixCellRow, "rowid"],
] as const;

const CORRECTION_COLUMNS = ["sha256", "kind", "record_key", "field", "action", "old_json", "new_json", "note", "reviewer", "at"];
/** What makes two corrections the same one (id aside). */
const CORRECTION_KEY = ["sha256", "kind", "record_key", "field", "action", "at", "reviewer"];

/**
 * Adds the corrections not yet there, in their SQLite order (the ids PostgreSQL gives keep
 * that order, which decides the latest correction of a field).
 */
const INSERT_CORRECTIONS = `INSERT INTO corrections (${CORRECTION_COLUMNS.join(", ")})
SELECT ${CORRECTION_COLUMNS.map((c) => `r.${c}`).join(", ")}
FROM json_populate_recordset(NULL::corrections, $1::json) WITH ORDINALITY AS r
WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE ${CORRECTION_KEY.map((c) => `c.${c} = r.${c}`).join(" AND ")})
ORDER BY r.ordinality`;

/** Opens the SQLite store read-only; a missing file or another schema is a StoreUnavailable. */
function openSource(file: string): Db {
  if (file !== ":memory:" && !existsSync(file)) throw new StoreUnavailable(`No SQLite store at ${file}: name the file to copy with --from.`);
  try {
    return openStore(file, { readonly: true });
  } catch (e) {
    throw new StoreUnavailable(friendlyError(e));
  }
}

/** The DocumentRows of the SQLite document `id`, as toRows made them (ids and document_id left out). */
function readDocumentRows(db: Db, id: number): DocumentRows {
  const document = db.prepare(`SELECT ${columnNames(DocumentRow).join(", ")} FROM documents WHERE id = ?`).get(id) as DocumentRow;
  const rows = { document } as DocumentRows;
  for (const [key, table, schema, order] of CHILDREN) {
    const list = db.prepare(`SELECT ${columnNames(schema).join(", ")} FROM ${table} WHERE document_id = ? ORDER BY ${order}`).all(id) as Record<string, unknown>[];
    // section_topics holds each section's distinct topics, as toRows takes them from `topics`.
    if (key === "sections") for (const s of list) s.topicList = [...new Set(JSON.parse(s.topics as string) as string[])];
    (rows as unknown as Record<string, unknown>)[key] = list;
  }
  return rows;
}

/**
 * Copies every document and correction of the SQLite store `from` into the PostgreSQL store
 * `to` (migrated first, as any writer does).
 */
export async function copyStore(from: string, to: string): Promise<CopySummary> {
  const source = openSource(from);
  let sink: PostgresSink | undefined;
  let pool: pg.Pool | undefined;
  try {
    sink = await PostgresSink.open(to);
    pool = await connect(to, { max: 1 });
    const summary: CopySummary = { documents: 0, copied: 0, skipped: 0, corrections: 0, correctionsSkipped: 0 };
    const docs = source.prepare("SELECT id, path, sha256, parser_version FROM documents ORDER BY id").all() as { id: number; path: string; sha256: string; parser_version: string }[];
    for (const d of docs) {
      summary.documents++;
      // Failed documents count too: a copy of a failed row is as present as an ingested one.
      const present = await pool.query("SELECT 1 FROM documents WHERE path = $1 AND sha256 = $2 AND parser_version = $3", [d.path, d.sha256, d.parser_version]);
      if (present.rows.length) {
        summary.skipped++;
        continue;
      }
      const rows = readDocumentRows(source, d.id);
      validateRows(rows);
      await sink.writeRows(rows);
      summary.copied++;
    }
    const corrections = source.prepare(`SELECT ${CORRECTION_COLUMNS.join(", ")} FROM corrections ORDER BY id`).all();
    if (corrections.length) {
      const r = await pool.query(INSERT_CORRECTIONS, [JSON.stringify(corrections)]);
      summary.corrections = r.rowCount ?? 0;
    }
    summary.correctionsSkipped = corrections.length - summary.corrections;
    return summary;
  } finally {
    source.close();
    await pool?.end().catch(() => undefined);
    await sink?.close().catch(() => undefined);
  }
}
