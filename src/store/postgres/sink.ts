import type pg from "pg";
import type { Extraction } from "../../model/records.js";
import { fold } from "../../rules/fold.js";
import { columnNames } from "../columns.js";
import { type DocumentRows, type FileFacts, toRows } from "../rows.js";
import type { DocumentSink, WriteResult } from "../types.js";
import { failedRows, StoreFailure, validateRows } from "../write.js";
import { connect, migratePg, redact } from "./connection.js";
import { TABLES } from "./schema.js";

/** DocumentRows key → table, for the tables hanging off a document (documents itself apart). */
const CHILDREN: [keyof DocumentRows, string][] = [
  ["parts", "document_parts"],
  ["sections", "sections"],
  ["indicatorTables", "indicator_tables"],
  ["indicators", "indicators"],
  ["tasks", "tasks"],
  ["targets", "targets"],
  ["messages", "messages"],
  ["docTables", "doc_tables"],
  ["indicatorColumnValues", "indicator_column_values"],
  ["matrixCells", "matrix_cells"],
];

/**
 * The INSERT of a table: all of a document's rows of that table in one statement, as one JSON
 * array parameter unpacked by json_populate_recordset (the table's own row type, so each
 * column keeps its type), the columns named from the row schema (columns.ts).
 */
function insertSql(table: string, withDocument: boolean): string {
  const spec = TABLES.find((t) => t.name === table);
  if (!spec) throw new Error(`No table spec for ${table}`);
  const cols = columnNames(spec.schema);
  const target = withDocument ? ["document_id", ...cols] : cols;
  const values = withDocument ? ["$2::bigint", ...cols.map((c) => `r.${c}`)] : cols.map((c) => `r.${c}`);
  return `INSERT INTO ${table} (${target.join(", ")}) SELECT ${values.join(", ")} FROM json_populate_recordset(NULL::${table}, $1::json) AS r`;
}

const INSERT_DOCUMENT = `${insertSql("documents", false)} RETURNING id`;
const INSERT_CHILD = new Map(CHILDREN.map(([, table]) => [table, insertSql(table, true)]));
const INSERT_TOPICS = `INSERT INTO section_topics (section_id, topic)
  SELECT s.id, x.topic FROM json_to_recordset($1::json) AS x(ordinal bigint, topic text)
  JOIN sections s ON s.document_id = $2 AND s.ordinal = x.ordinal ON CONFLICT DO NOTHING`;
const INSERT_SEARCH = `INSERT INTO sections_search (section_id, doc)
  SELECT s.id, setweight(to_tsvector('simple', x.title), 'A') || setweight(to_tsvector('simple', x.text), 'D')
  FROM json_to_recordset($1::json) AS x(ordinal bigint, title text, text text)
  JOIN sections s ON s.document_id = $2 AND s.ordinal = x.ordinal`;

/**
 * The PostgreSQL store's write side. Each document is one transaction: take the path's
 * advisory lock (two workers writing one path wait for each other instead of colliding on the
 * UNIQUE path), delete the old row (cascading), insert the new rows; a failure undoes it all.
 * Many processes on many machines may write at once.
 */
export class PostgresSink implements DocumentSink {
  readonly location: string;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redact(url);
  }

  /** Connects and migrates (under an advisory lock, so workers starting together migrate once). */
  static async open(url: string, options: { connections?: number } = {}): Promise<PostgresSink> {
    const pool = await connect(url, { max: options.connections ?? 4 });
    try {
      await migratePg(pool, url);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return new PostgresSink(pool, url);
  }

  async isUnchanged(path: string, sha256: string, parserVersion: string): Promise<boolean> {
    const { rows } = await this.pool.query("SELECT 1 FROM documents WHERE path = $1 AND sha256 = $2 AND parser_version = $3 AND status <> 'failed'", [
      path,
      sha256,
      parserVersion,
    ]);
    return rows.length > 0;
  }

  /**
   * The path a document with this content and parser version is stored under (not failed),
   * or undefined: the queue's dedup by sha256 + parser version.
   */
  async storedPathOf(sha256: string, parserVersion: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ path: string }>(
      "SELECT path FROM documents WHERE sha256 = $1 AND parser_version = $2 AND status <> 'failed' ORDER BY id LIMIT 1",
      [sha256, parserVersion],
    );
    return rows[0]?.path;
  }

  async write(ex: Extraction, facts: FileFacts): Promise<WriteResult> {
    const rows = toRows(ex, facts);
    try {
      validateRows(rows);
    } catch (e) {
      const reason = `The records could not be stored: ${(e as Error).message}`;
      return { ...(await this.writeRows(failedRows(rows, reason))), storeError: reason };
    }
    try {
      return await this.writeRows(rows);
    } catch (e) {
      // A constraint the row schemas do not express (23xxx: integrity) is about this document's
      // records; anything else (a lost connection, a full disk) is the store's own failure.
      if (!String((e as { code?: string }).code ?? "").startsWith("23")) throw new StoreFailure("PostgreSQL did not store the document", { cause: e });
      const reason = `The records could not be stored: ${(e as Error).message}`;
      return { ...(await this.writeRows(failedRows(rows, reason))), storeError: reason };
    }
  }

  /** Inserts already validated rows as one transaction. */
  async writeRows(rows: DocumentRows): Promise<WriteResult> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        const path = rows.document.path;
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [path]);
        const del = await client.query("DELETE FROM documents WHERE path = $1", [path]);
        const { rows: ids } = await client.query<{ id: number }>(INSERT_DOCUMENT, [JSON.stringify([rows.document])]);
        const documentId = ids[0].id;
        for (const [key, table] of CHILDREN) {
          const list = (rows[key] ?? []) as object[];
          if (list.length) await client.query(INSERT_CHILD.get(table)!, [JSON.stringify(list), documentId]);
        }
        if (rows.sections.length) {
          const topics = rows.sections.flatMap((s) => s.topicList.map((topic) => ({ ordinal: s.ordinal, topic })));
          if (topics.length) await client.query(INSERT_TOPICS, [JSON.stringify(topics), documentId]);
          const search = rows.sections.map((s) => ({ ordinal: s.ordinal, title: fold(s.title), text: fold(s.text) }));
          await client.query(INSERT_SEARCH, [JSON.stringify(search), documentId]);
        }
        await client.query("COMMIT");
        return { documentId, replaced: (del.rowCount ?? 0) > 0 };
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async documentCount(): Promise<number | null> {
    try {
      const { rows } = await this.pool.query<{ n: number }>("SELECT count(*) AS n FROM documents");
      return rows[0].n;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
