import type pg from "pg";
import { fold } from "../../rules/fold.js";
import { EXPORTS, type ExportKind } from "../exports.js";
import { REVIEWED_EXPORTS } from "../reviewed-exports.js";
import type { SearchHit, SearchOptions } from "../search.js";
import { withSnippets } from "../search.js";
import { BadSearchQuery, ReadOnlyRefusal, type RowSet, type StoreReader } from "../types.js";
import type { UnmatchedLabel } from "../unmatched.js";
import { checkSchema, connect, redact } from "./connection.js";

/** Rows fetched per round trip while streaming a read. */
const FETCH = 2000;

/**
 * An export query for PostgreSQL: the SQLite one (exports.ts, reviewed-exports.ts) with paths
 * ordered byte-wise (COLLATE "C", SQLite's order whatever the database's locale), and the one
 * query that uses SQLite's JSON functions written with PostgreSQL's.
 */
function pgExport(kind: string, sql: string): string {
  let q = sql;
  if (kind === "tables")
    q = q.replace(
      /\(SELECT json_group_array\(json_extract\(c\.value, '\$\.path'\)\) FROM json_each\(t\.columns_json\) c\)/,
      `(SELECT coalesce('[' || string_agg(to_json(c.value ->> 'path')::text, ',' ORDER BY c.ord) || ']', '[]')
          FROM jsonb_array_elements(t.columns_json::jsonb) WITH ORDINALITY AS c(value, ord))`,
    );
  return byteOrder(q);
}
const translate = (exports: Record<ExportKind, string>) =>
  Object.fromEntries(Object.entries(exports).map(([kind, sql]) => [kind, pgExport(kind, sql)])) as Record<ExportKind, string>;
/** The values as extracted (--raw). */
const PG_EXPORTS = translate(EXPORTS);
/** The reviewed data (the default): the *_reviewed views of review.ts. */
const PG_REVIEWED_EXPORTS = translate(REVIEWED_EXPORTS);

/** `ORDER BY … path …` → `… path COLLATE "C" …` in the last ORDER BY of a query. */
function byteOrder(sql: string): string {
  const at = sql.lastIndexOf("ORDER BY");
  if (at < 0) return sql;
  return sql.slice(0, at) + sql.slice(at).replace(/\b((?:\w+\.)?path)\b/g, '$1 COLLATE "C"');
}

/**
 * The PostgreSQL store's read side. A user's `query` runs as one statement (the extended
 * protocol refuses a second one) inside a READ ONLY transaction, through a cursor: only a
 * statement that returns rows can be a cursor, nothing can write, and rows stream.
 */
export class PostgresReader implements StoreReader {
  readonly location: string;
  private readonly open = new Set<pg.PoolClient>();

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redact(url);
  }

  static async open(url: string): Promise<PostgresReader> {
    const pool = await connect(url, { max: 2 });
    try {
      await checkSchema(pool, url);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return new PostgresReader(pool, url);
  }

  async query(sql: string): Promise<RowSet> {
    const body = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "").replace(/;\s*$/, "");
    if (!/^(select|with|values|table|\()/i.test(body))
      throw new ReadOnlyRefusal("query runs only statements that return rows (SELECT, WITH …, VALUES, TABLE); use baocao export --out FILE to copy data out.");
    return this.stream(body);
  }

  /** The reviewed data by default (corrections applied, rejected records left out); `raw`: as extracted. */
  async exportRows(kind: ExportKind, options: { raw?: boolean } = {}): Promise<RowSet> {
    return this.stream((options.raw ? PG_EXPORTS : PG_REVIEWED_EXPORTS)[kind]);
  }

  /** Runs a SELECT through a cursor in a read-only transaction; the first rows are fetched now. */
  private async stream(select: string): Promise<RowSet> {
    const client = await this.pool.connect();
    this.open.add(client);
    const done = async (ok: boolean) => {
      if (!this.open.delete(client)) return;
      try {
        await client.query(ok ? "COMMIT" : "ROLLBACK");
      } catch {
        // the connection is gone: nothing to end
      }
      client.release();
    };
    let first: pg.QueryResult;
    try {
      await client.query("BEGIN TRANSACTION READ ONLY");
      await client.query({ text: `DECLARE baocao_read NO SCROLL CURSOR FOR ${select}`, queryMode: "extended" } as pg.QueryConfig);
      first = await client.query(`FETCH ${FETCH} FROM baocao_read`);
    } catch (e) {
      await done(false);
      const code = (e as { code?: string }).code;
      if (code === "25006" || code === "0A000") throw new ReadOnlyRefusal("query runs only read-only statements; this one would write to the database.");
      if (code === "42601" && /multiple commands/i.test((e as Error).message)) throw new ReadOnlyRefusal("query runs one statement at a time.");
      throw e;
    }
    const columns = first.fields.map((f) => f.name);
    async function* rows(): AsyncGenerator<Record<string, unknown>> {
      let ok = false;
      try {
        let batch = first.rows;
        while (batch.length) {
          yield* batch;
          if (batch.length < FETCH) break;
          batch = (await client.query(`FETCH ${FETCH} FROM baocao_read`)).rows;
        }
        ok = true;
      } finally {
        await done(ok);
      }
    }
    return { columns, rows: rows() };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const mode = options.mode ?? "phrase";
    const words = fold(query).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return [];
    // phrase: the words next to each other in order; all: every word; fts: web-search syntax
    // ("quoted phrases", OR, -word) over folded words, FTS5's AND/NOT read as such.
    const [fn, text] =
      mode === "phrase"
        ? ["phraseto_tsquery", words.join(" ")]
        : mode === "all"
          ? ["plainto_tsquery", words.join(" ")]
          : ["websearch_to_tsquery", ftsToWebsearch(query)];
    let rows: (Omit<SearchHit, "snippet"> & { text: string })[];
    try {
      ({ rows } = await this.pool.query(
        `SELECT s.id AS "sectionId", d.id AS "documentId", d.path, s.number, s.number_path AS "numberPath", s.title,
                s.text, s.page, s.line, -ts_rank('{0.2,0.2,0.2,1.0}', x.doc, q.q) AS score
           FROM (SELECT ${fn}('simple', $1) AS q) q
           JOIN sections_search x ON x.doc @@ q.q
           JOIN sections s ON s.id = x.section_id
           JOIN documents d ON d.id = s.document_id
          ORDER BY score, d.path COLLATE "C", s.ordinal
          LIMIT $2`,
        [text, options.limit ?? 20],
      ));
    } catch (e) {
      if (mode === "fts" && (e as { code?: string }).code?.startsWith("42")) throw new BadSearchQuery(`The search could not be read (${(e as Error).message}).`);
      throw e;
    }
    return withSnippets(rows, query, options);
  }

  async unmatched(options: { groups?: boolean; limit?: number } = {}): Promise<UnmatchedLabel[]> {
    const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : null;
    const { rows } = await this.pool.query<UnmatchedLabel>(
      `WITH labels AS (
         SELECT i.name, i.document_id, i.unit, i.is_group
           FROM indicators i
          WHERE i.indicator_id IS NULL AND trim(i.name) <> '' ${options.groups === false ? "AND i.is_group = 0" : ""}
         UNION ALL
         SELECT min(m.row_label), m.document_id, NULL, 0
           FROM matrix_cells m
          WHERE m.indicator_id IS NULL AND m.row_entity IS NULL AND trim(m.row_label) <> ''
          GROUP BY m.document_id, m.table_index, m.row_index
       )
       SELECT l.name, count(*) AS rows, count(DISTINCT l.document_id) AS documents,
              string_agg(DISTINCT l.unit, ',') AS units, min(l.is_group) AS "group", min(d.path COLLATE "C") AS example
         FROM labels l JOIN documents d ON d.id = l.document_id
        GROUP BY l.name
        ORDER BY rows DESC, documents DESC, l.name COLLATE "C"
        LIMIT $1`,
      [limit],
    );
    return rows;
  }

  async close(): Promise<void> {
    for (const c of [...this.open]) {
      this.open.delete(c);
      await c.query("ROLLBACK").catch(() => undefined);
      c.release();
    }
    await this.pool.end();
  }
}

/** FTS5 operators in web-search syntax: AND dropped (implicit), NOT x → -x, prefix stars dropped. */
function ftsToWebsearch(query: string): string {
  return fold(query.replace(/\bAND\b/g, " ").replace(/\bNOT\s+/g, "-").replace(/\bNEAR\b/g, " "))
    .replace(/\bor\b/g, "OR")
    .replace(/\*/g, "");
}
