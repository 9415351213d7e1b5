import type pg from "pg";
import { checkSchema, connect } from "../store/postgres/connection.js";
import {
  buildQueue,
  type CorrectionRow,
  CorrectionError,
  checkCorrection,
  correctionRow,
  DOCUMENT_FILTERS,
  type DocumentFilters,
  type Facets,
  type NewCorrection,
  parseKey,
  parseReasons,
  type Queue,
  type RecordKind,
  type ReviewBackend,
} from "./store.js";

/**
 * The review application's view of a PostgreSQL store (`baocao serve --db postgres://…`): the
 * same queries as ReviewStore (store.ts) on the PostgreSQL twins of the review views
 * (src/store/postgres/review.ts), every value bound. Without --allow-edit the sessions are
 * READ ONLY, so the server itself refuses any write to the shared store.
 */

const RECORD_VIEW = { indicator: ["indicator_values_reviewed", "indicators"], task: ["tasks_reviewed", "tasks"], target: ["targets_reviewed", "targets"] } as const;

const QUEUE_RECORDS = `
  SELECT 'indicator' AS kind, v.document_id, v.path, v.table_index, v.row_index, v.name AS label, v.raw_value, v.confidence,
    v.confidence_json, CASE WHEN v.review_status = 'unreviewed' THEN NULL ELSE v.review_status END AS status
  FROM indicator_values_reviewed v WHERE v.confidence < $1
  UNION ALL
  SELECT 'task', t.document_id, t.path, t.table_index, t.row_index, coalesce(t.content, t.code), NULL, t.confidence,
    t.confidence_json, CASE WHEN t.review_status = 'unreviewed' THEN NULL ELSE t.review_status END
  FROM tasks_reviewed t WHERE t.confidence < $1
  UNION ALL
  SELECT 'target', t.document_id, t.path, t.table_index, t.row_index, t.name, t.raw_target, t.confidence,
    t.confidence_json, CASE WHEN t.review_status = 'unreviewed' THEN NULL ELSE t.review_status END
  FROM targets_reviewed t WHERE t.confidence < $1`;

const FACET: Record<(typeof DOCUMENT_FILTERS)[number], string> = {
  status: "SELECT status AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC",
  format: "SELECT format AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC",
  doc_type: "SELECT doc_type AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC",
  issuer: "SELECT issuer AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 50",
  unit_level: "SELECT unit_level AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC",
  province: "SELECT province AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 70",
  period_year: "SELECT period_year AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1 DESC",
};

const LIST = `SELECT d.id, d.path, d.format, d.status, d.doc_type, d.number, d.issuer, d.unit_level, d.province, d.period_kind,
    d.period_year, (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators,
    (SELECT count(*) FROM messages m WHERE m.document_id = d.id AND m.severity <> 'info') AS warnings
  FROM documents d
  WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.format = $2)
    AND ($3::text IS NULL OR d.doc_type = $3) AND ($4::text IS NULL OR d.issuer = $4)
    AND ($5::text IS NULL OR d.unit_level = $5) AND ($6::text IS NULL OR d.province = $6)
    AND ($7::bigint IS NULL OR d.period_year = $7)
  ORDER BY d.path COLLATE "C" LIMIT 500`;

type Queryable = pg.Pool | pg.PoolClient;
const rows = async (db: Queryable, text: string, values: unknown[] = []) => (await db.query(text, values)).rows as Record<string, unknown>[];
const one = async (db: Queryable, text: string, values: unknown[]) => (await rows(db, text, values))[0];

export class PgReviewStore implements ReviewBackend {
  private constructor(private readonly pool: pg.Pool) {}

  /** Opens the store at `url` (its schema must be this build's); read-only unless `allowEdit`. */
  static async open(url: string, options: { allowEdit: boolean }): Promise<PgReviewStore> {
    const pool = await connect(url, { max: 4, readOnly: !options.allowEdit });
    try {
      await checkSchema(pool, url);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return new PgReviewStore(pool);
  }

  async documents(filters: DocumentFilters): Promise<Record<string, unknown>[]> {
    return rows(this.pool, LIST, DOCUMENT_FILTERS.map((f) => filters[f] ?? null));
  }

  async facets(): Promise<Facets> {
    const out = {} as Facets;
    for (const f of DOCUMENT_FILTERS) out[f] = (await rows(this.pool, FACET[f])) as { value: unknown; n: number }[];
    return out;
  }

  async documentDetail(id: number) {
    const doc = await one(this.pool, "SELECT * FROM documents_reviewed WHERE id = $1", [id]);
    if (!doc) return undefined;
    const byDoc = (sql: string) => rows(this.pool, sql, [id]);
    return {
      doc,
      raw: (await byDoc("SELECT * FROM documents WHERE id = $1"))[0],
      sections: await byDoc("SELECT ordinal, parent_ordinal, number, title, level, page, line, part FROM sections WHERE document_id = $1 ORDER BY ordinal"),
      tables: await byDoc("SELECT table_index, kind, kind_index, title, columns_json, cells_json, header_rows, body_rows, page FROM doc_tables WHERE document_id = $1 ORDER BY table_index"),
      indicators: await byDoc("SELECT * FROM indicator_values_reviewed WHERE document_id = $1 ORDER BY table_index, row_index"),
      tasks: await byDoc("SELECT * FROM tasks_reviewed WHERE document_id = $1 ORDER BY table_index, row_index"),
      targets: await byDoc("SELECT * FROM targets_reviewed WHERE document_id = $1 ORDER BY table_index, row_index"),
      messages: await byDoc("SELECT severity, rule_id, reason, page, line, table_index, row_index, column_index, part FROM messages WHERE document_id = $1 ORDER BY id"),
    };
  }

  private async row(db: Queryable, documentId: number, kind: Exclude<RecordKind, "metadata">, table: number, row: number) {
    const [view, base] = RECORD_VIEW[kind];
    // view and base are our own constant names
    return one(
      db,
      `SELECT v.*, b.bbox FROM ${view} v JOIN ${base} b ON b.document_id = v.document_id AND b.table_index = v.table_index AND b.row_index = v.row_index
        WHERE v.document_id = $1 AND v.table_index = $2 AND v.row_index = $3`,
      [documentId, table, row],
    );
  }

  async record(documentId: number, kind: Exclude<RecordKind, "metadata">, key: string) {
    const k = parseKey(key);
    const doc = await one(this.pool, "SELECT * FROM documents WHERE id = $1", [documentId]);
    if (!k || !doc) return undefined;
    const row = await this.row(this.pool, documentId, kind, k.table, k.row);
    if (!row) return undefined;
    const messages =
      kind === "indicator"
        ? await rows(this.pool, "SELECT severity, rule_id, reason, page, column_index FROM messages WHERE document_id = $1 AND table_index = $2 AND row_index = $3 ORDER BY id", [
            documentId,
            k.table,
            k.row,
          ])
        : [];
    return { doc, row, messages, history: await this.history(String(doc.sha256), kind, key), reasons: parseReasons(row.confidence_json) };
  }

  async history(sha256: string, kind: RecordKind, key: string): Promise<CorrectionRow[]> {
    return (await rows(this.pool, "SELECT * FROM corrections WHERE sha256 = $1 AND kind = $2 AND record_key = $3 ORDER BY id", [sha256, kind, key])).map(
      (r) => ({ ...r, id: Number(r.id) }) as CorrectionRow,
    );
  }

  async queue(below: number): Promise<Queue> {
    return buildQueue(
      await rows(this.pool, QUEUE_RECORDS, [below]),
      (await rows(
        this.pool,
        `SELECT d.id AS document_id, c.field, c.action FROM corrections c JOIN documents d ON d.sha256 = c.sha256
          WHERE c.kind = 'metadata' AND c.action IN ('accept','correct','reject') ORDER BY c.id`,
      )) as { document_id: number; field: string; action: string }[],
      await rows(this.pool, "SELECT m.document_id, m.path, m.field, m.confidence, m.reasons_json FROM metadata_confidence m WHERE m.part = 0 AND m.confidence < $1", [below]),
    );
  }

  /** Appends one correction in a transaction, as ReviewStore.addCorrection; returns its id. */
  async addCorrection(c: NewCorrection): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        const doc = await one(client, "SELECT * FROM documents_reviewed WHERE id = $1", [c.documentId]);
        if (!doc) throw new CorrectionError(`No document ${c.documentId}.`);
        checkCorrection(c);
        let current: Record<string, unknown> | undefined = doc;
        if (c.kind !== "metadata") {
          const k = parseKey(c.key);
          current = k ? await this.row(client, c.documentId, c.kind, k.table, k.row) : undefined;
          if (!current) throw new CorrectionError(`No ${c.kind} ${c.key} in document ${c.documentId}.`);
        }
        const r = correctionRow(c, String(doc.sha256), current);
        const { rows: ids } = await client.query<{ id: number }>(
          `INSERT INTO corrections (sha256, kind, record_key, field, action, old_json, new_json, note, reviewer, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [r.sha256, r.kind, r.record_key, r.field, r.action, r.old_json, r.new_json, r.note, r.reviewer, r.at],
        );
        await client.query("COMMIT");
        return Number(ids[0].id);
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
