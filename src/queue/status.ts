import pg from "pg";
import { connect } from "../store/postgres/connection.js";
import { BOSS_SCHEMA, DEAD_QUEUE, INGEST_QUEUE } from "./boss.js";

/** The state of distributed ingest, as `baocao status` shows it. */
export interface QueueStatus {
  /** Waiting for a worker (new, or waiting out a retry's backoff). */
  queued: number;
  /** Taken by a worker and not finished (a killed worker's job stays here until its lease ends). */
  running: number;
  done: number;
  /** Failed for good (retries spent or a permanent failure); each is in the dead-letter queue. */
  failed: number;
  /** Jobs finished in the last minute, per second. */
  perSecond: number;
  /** Documents in the store. */
  documents: number;
  /** The latest failures, newest first: path and reason. */
  recentFailures: { path: string; reason: string }[];
}

/**
 * Counts by state over pg-boss's live and archived jobs of the ingest queue (pg-boss archives
 * finished jobs after a while), and the store's document count. Reads only.
 */
export async function queueStatus(url: string): Promise<QueueStatus> {
  const pool = await connect(url, { max: 1 });
  try {
    return await readStatus(pool);
  } finally {
    await pool.end();
  }
}

async function readStatus(pool: pg.Pool): Promise<QueueStatus> {
  const present = await pool.query<{ ok: boolean }>(`SELECT to_regclass('${BOSS_SCHEMA}.job') IS NOT NULL AND to_regclass('documents') IS NOT NULL AS ok`);
  if (!present.rows[0].ok) return { queued: 0, running: 0, done: 0, failed: 0, perSecond: 0, documents: 0, recentFailures: [] };
  const { rows } = await pool.query<{ state: string; n: number; recent: number }>(
    `SELECT state::text AS state, count(*) AS n, count(*) FILTER (WHERE completed_on > now() - interval '60 seconds') AS recent
       FROM (SELECT state, completed_on FROM ${BOSS_SCHEMA}.job WHERE name = $1
             UNION ALL SELECT state, completed_on FROM ${BOSS_SCHEMA}.archive WHERE name = $1) j
      GROUP BY state`,
    [INGEST_QUEUE],
  );
  const by = (s: string[]) => rows.filter((r) => s.includes(r.state)).reduce((a, r) => a + r.n, 0);
  const recent = rows.filter((r) => r.state === "completed" || r.state === "failed").reduce((a, r) => a + r.recent, 0);
  const docs = await pool.query<{ n: number }>("SELECT count(*) AS n FROM documents");
  const failures = await pool.query<{ path: string; reason: string }>(
    `SELECT data ->> 'path' AS path, coalesce(output ->> 'reason', output #>> '{value,message}', output::text) AS reason
       FROM ${BOSS_SCHEMA}.job WHERE name = $1 ORDER BY created_on DESC LIMIT 5`,
    [DEAD_QUEUE],
  );
  return {
    queued: by(["created", "retry"]),
    running: by(["active"]),
    done: by(["completed"]),
    failed: by(["failed"]),
    perSecond: recent / 60,
    documents: docs.rows[0].n,
    recentFailures: failures.rows,
  };
}

/** One status as text lines. */
export function formatStatus(s: QueueStatus): string {
  const lines = [
    `queued ${s.queued}, running ${s.running}, done ${s.done}, failed ${s.failed} — ${s.perSecond.toFixed(2)} jobs/s over the last minute; ${s.documents} document(s) stored`,
    ...s.recentFailures.map((f) => `  failed: ${f.path}: ${f.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
