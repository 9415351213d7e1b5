import pg from "pg";
import { StoreUnavailable } from "../errors.js";
import { SchemaTooNewError } from "../migrations.js";
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from "./schema.js";

/**
 * Connections to a PostgreSQL store: a pool whose integers come back as JS numbers (the
 * schema's BIGINT columns and count(*) hold values far below 2^53), the schema check, and the
 * errors a user can act on (unreachable server, wrong credentials, no database, no or a newer
 * schema), each thrown as a StoreUnavailable (the CLI exits 2 with its one line).
 */

const types = {
  getTypeParser(oid: number, format?: string) {
    // 20 = int8 (BIGINT, count(*)), 1700 = numeric (sum() of BIGINT): numbers, not strings.
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/** The URL without its password, for messages and `location`. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

/**
 * A pool on `url`; the first connection is made (and its errors translated) before it returns.
 * `readOnly`: every transaction of its sessions is READ ONLY (the server refuses any write).
 */
export async function connect(url: string, options: { max?: number; readOnly?: boolean } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    types,
    connectionTimeoutMillis: 10_000,
    ...(options.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw unavailable(e, url);
  }
  return pool;
}

/** A connection error from `pg` or the network, as the sentence to act on. */
export function unavailable(e: unknown, url: string): StoreUnavailable {
  const err = e as { code?: string; message?: string };
  const where = redact(url);
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    // not a URL: pg's own message says what it could not read
  }
  const host = u ? `${u.hostname || "localhost"}:${u.port || 5432}` : where;
  const user = u?.username ? decodeURIComponent(u.username) : "(default user)";
  const db = u?.pathname.replace(/^\//, "") || "(default database)";
  switch (err?.code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "EAI_AGAIN":
      return new StoreUnavailable(`Cannot reach PostgreSQL at ${host} (${err.code}). Start the server (e.g. pg_ctlcluster 15 main start) or correct the host and port in --db.`);
    case "28P01":
    case "28000":
      return new StoreUnavailable(`PostgreSQL at ${host} refused the credentials of user "${user}" (${err.message}). Correct the user and password in --db.`);
    case "3D000":
      return new StoreUnavailable(`PostgreSQL at ${host} has no database "${db}". Create it (createdb ${db}) or name another in --db.`);
  }
  if (/timeout/i.test(err?.message ?? "")) return new StoreUnavailable(`Cannot reach PostgreSQL at ${host} (connection timed out). Check the server and --db.`);
  return new StoreUnavailable(`Cannot use the PostgreSQL store ${where}: ${err?.message ?? String(e)}`);
}

/** The schema version the database holds, or 0 when it has none (no baocao schema_version table). */
export async function schemaVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!rows[0].present) return 0;
  const v = await db.query<{ version: number }>("SELECT max(version) AS version FROM schema_version");
  return v.rows[0]?.version ?? 0;
}

/** Any number, constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 0x6261_6f63; // "baoc"

/**
 * Brings the database to this build's schema: each missing migration in its own transaction,
 * recorded in schema_version, under an advisory lock so workers starting together migrate once.
 * Throws SchemaTooNewError (as a StoreUnavailable) for a schema from a newer baocao.
 */
export async function migratePg(pool: pg.Pool, url: string): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      const current = await schemaVersion(client);
      if (current > PG_SCHEMA_VERSION) throw new StoreUnavailable(new SchemaTooNewError(current).message);
      for (const m of PG_MIGRATIONS) {
        if (m.version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql());
          await client.query("INSERT INTO schema_version (version, description) VALUES ($1, $2)", [m.version, m.description]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw e;
        }
        applied.push(m.version);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (e) {
    if (e instanceof StoreUnavailable) throw e;
    if ((e as { code?: string }).code === "42501")
      throw new StoreUnavailable(`The user of ${redact(url)} may not create the baocao schema (${(e as Error).message}). Grant it CREATE on the database, or let its owner run the first ingest.`);
    throw e;
  } finally {
    client.release();
  }
  return applied;
}

/** For readers: the schema must be there and be this build's; readers never migrate. */
export async function checkSchema(pool: pg.Pool, url: string): Promise<void> {
  const version = await schemaVersion(pool);
  if (version === PG_SCHEMA_VERSION) {
    // A store made by a pre-release build of baseline 7 lacks the review tables (review.ts).
    const { rows } = await pool.query<{ present: boolean }>("SELECT to_regclass('corrections') IS NOT NULL AS present");
    if (rows[0].present) return;
    throw new StoreUnavailable(
      `The database ${redact(url)} was made by a pre-release baocao without the review tables (no corrections table). Ingest into a new database, or drop this one's tables and ingest again.`,
    );
  }
  if (version === 0)
    throw new StoreUnavailable(`The database ${redact(url)} holds no baocao store (no schema_version table). Create one with: baocao ingest PATH… --db ${redact(url)} (or baocao enqueue …).`);
  if (version > PG_SCHEMA_VERSION) throw new StoreUnavailable(new SchemaTooNewError(version).message);
  throw new StoreUnavailable(
    `The database ${redact(url)} has schema version ${version}, this baocao expects ${PG_SCHEMA_VERSION}. Run any \`baocao ingest … --db URL\` or \`baocao worker\` once to upgrade it.`,
  );
}
