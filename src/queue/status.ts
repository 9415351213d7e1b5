import pg from "pg";
import { connect } from "../store/postgres/connection.js";
import { ASSEMBLE_QUEUE, BOSS_SCHEMA, DEAD_QUEUE, INGEST_QUEUE, PAGE_QUEUE } from "./boss.js";

/** Job counts of one queue by state. */
export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Jobs finished (done or failed) in the last minute, per second. */
  perSecond: number;
}

/** The state of distributed ingest, as `baocao status` shows it. */
export interface QueueStatus {
  /** File jobs (below); a fanned-out scan's file job is done once its page jobs are sent. */
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
  /** Page jobs of fanned-out scans (one per page to OCR), and their assemble jobs (one per scan). */
  pages: QueueCounts;
  assemble: QueueCounts;
  /** The latest failures, newest first: path, page (of a page job) and reason. */
  recentFailures: { path: string; page?: number; reason: string }[];
}

const none = (): QueueCounts => ({ queued: 0, running: 0, done: 0, failed: 0, perSecond: 0 });

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
  if (!present.rows[0].ok) return { ...none(), documents: 0, pages: none(), assemble: none(), recentFailures: [] };
  const { rows } = await pool.query<{ name: string; state: string; n: number; recent: number }>(
    `SELECT name, state::text AS state, count(*)::int AS n, (count(*) FILTER (WHERE completed_on > now() - interval '60 seconds'))::int AS recent
       FROM (SELECT name, state, completed_on FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1)
             UNION ALL SELECT name, state, completed_on FROM ${BOSS_SCHEMA}.archive WHERE name = ANY($1)) j
      GROUP BY name, state`,
    [[INGEST_QUEUE, PAGE_QUEUE, ASSEMBLE_QUEUE]],
  );
  const counts = (name: string): QueueCounts => {
    const of = rows.filter((r) => r.name === name);
    const by = (s: string[]) => of.filter((r) => s.includes(r.state)).reduce((a, r) => a + r.n, 0);
    const recent = of.filter((r) => r.state === "completed" || r.state === "failed").reduce((a, r) => a + r.recent, 0);
    return { queued: by(["created", "retry"]), running: by(["active"]), done: by(["completed"]), failed: by(["failed"]), perSecond: recent / 60 };
  };
  const docs = await pool.query<{ n: number }>("SELECT count(*) AS n FROM documents");
  const failures = await pool.query<{ path: string; page: number | null; reason: string }>(
    `SELECT data ->> 'path' AS path, (data ->> 'page')::int AS page, coalesce(output ->> 'reason', output #>> '{value,message}', output::text) AS reason
       FROM ${BOSS_SCHEMA}.job WHERE name = $1 ORDER BY created_on DESC LIMIT 5`,
    [DEAD_QUEUE],
  );
  return {
    ...counts(INGEST_QUEUE),
    documents: Number(docs.rows[0].n),
    pages: counts(PAGE_QUEUE),
    assemble: counts(ASSEMBLE_QUEUE),
    recentFailures: failures.rows.map(({ page, ...f }) => (page ? { ...f, page } : f)),
  };
}

/** One status as text lines. */
export function formatStatus(s: QueueStatus): string {
  const lines = [
    `queued ${s.queued}, running ${s.running}, done ${s.done}, failed ${s.failed} — ${s.perSecond.toFixed(2)} jobs/s over the last minute; ${s.documents} document(s) stored`,
    ...(s.pages.queued + s.pages.running + s.pages.done + s.pages.failed
      ? [
          `OCR pages of fanned-out scans: queued ${s.pages.queued}, running ${s.pages.running}, done ${s.pages.done}, failed ${s.pages.failed} — ${s.pages.perSecond.toFixed(2)} pages/s; assembling ${s.assemble.queued + s.assemble.running}, assembled ${s.assemble.done}, failed ${s.assemble.failed}`,
        ]
      : []),
    ...s.recentFailures.map((f) => `  failed: ${f.path}${f.page ? ` page ${f.page}` : ""}: ${f.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
