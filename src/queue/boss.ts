import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { StoreUnavailable } from "../store/errors.js";
import { unavailable } from "../store/postgres/connection.js";

/**
 * The job queue of distributed ingest: pg-boss (10.x) in the store's own PostgreSQL database,
 * in its own schema `pgboss`. One queue of files to parse and write, the page and assemble
 * queues of scans fanned out (fanout.ts), and the dead-letter queue holding every job that
 * failed for good, with the reason.
 */

/** The queue of files to ingest; each job's data is a FileJob. */
export const INGEST_QUEUE = "baocao-ingest";
/** Jobs that failed for good (retries spent, or a permanent failure such as a vanished file). */
export const DEAD_QUEUE = "baocao-ingest-dead";
/** One page of a scanned PDF to OCR (fanout.ts); each job's data is a PageJob. */
export const PAGE_QUEUE = "baocao-ocr-page";
/** A fanned-out scan whose pages are all OCR'd, to ingest and write; data is a FileJob. */
export const ASSEMBLE_QUEUE = "baocao-assemble";
/** Every queue whose jobs a worker takes, in the order it prefers them (finish documents first). */
export const WORK_QUEUES = [ASSEMBLE_QUEUE, PAGE_QUEUE, INGEST_QUEUE] as const;
/** The schema pg-boss keeps its tables in. */
export const BOSS_SCHEMA = "pgboss";

/** What a job carries: where every worker reads the file, and what it held when enqueued. */
export interface FileJob {
  /** Absolute path, the same on every worker machine (a shared mount). */
  path: string;
  /** sha256 of the bytes when enqueued: with the parser version, the job's identity. */
  sha256: string;
  parserVersion: string;
}

/** A page job: the file's job plus the page (1-based) to OCR. */
export interface PageJob extends FileJob {
  page: number;
}

/** Retry policy of the ingest queue: crashes and time-outs are retried with backoff. */
export const RETRY = {
  /** Attempts after the first. */
  retryLimit: 3,
  /** Seconds before the first retry; doubled (with jitter) each time. */
  retryDelay: 10,
  retryBackoff: true,
};

/** Default job time limit (lease) in seconds: a job active longer is failed and retried. */
export const DEFAULT_LEASE_SECONDS = 900;

/**
 * A job id from the content and parser version: enqueuing the same bytes again (under any
 * path, from any machine) names the same job, which pg-boss then refuses to insert twice.
 */
export function jobId(sha256: string, parserVersion: string): string {
  const h = createHash("sha256").update(`${sha256}\0${parserVersion}`).digest("hex");
  // A UUID (version 5 layout) made of the hash's first 128 bits.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The table of fanned-out scans' pages waiting for OCR or assembly (fanout.ts); the queue module's own, like pg-boss's schema. */
export const OCR_TABLE = "queue_ocr_pages";

/** Creates OCR_TABLE when missing. */
async function ensureOcrTable(db: PgBoss.Db): Promise<void> {
  await db.executeSql(`CREATE TABLE IF NOT EXISTS ${OCR_TABLE} (
    sha256 text NOT NULL,
    parser_version text NOT NULL,
    page integer NOT NULL,      -- 1-based
    path text NOT NULL,
    result jsonb,               -- a PageResult once the page job is done
    done boolean NOT NULL DEFAULT false,
    PRIMARY KEY (sha256, parser_version, page))`, []);
}

export interface BossOptions {
  /** Run pg-boss's maintenance (expiring leases, archiving): workers do, enqueue/status not. */
  supervise?: boolean;
}

/**
 * Starts pg-boss on the store's database (creating its schema on first use) and makes sure
 * both queues exist. Connection problems come back as the store's StoreUnavailable.
 */
export async function startBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 4,
    supervise: options.supervise ?? false,
    schedule: false,
    // Leases of killed workers are found within this many seconds (advisory-locked: one
    // worker of all runs it); cheap, so often.
    maintenanceIntervalSeconds: 5,
  });
  let lastError: unknown;
  boss.on("error", (e) => {
    lastError = e;
  });
  try {
    await boss.start();
    await ensureQueue(boss, DEAD_QUEUE, {});
    for (const name of WORK_QUEUES) await ensureQueue(boss, name, { ...RETRY, expireInSeconds: DEFAULT_LEASE_SECONDS, deadLetter: DEAD_QUEUE });
    await ensureOcrTable(boss.getDb());
  } catch (e) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    if (e instanceof StoreUnavailable) throw e;
    throw unavailable(lastError ?? e, url);
  }
  return boss;
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, ...options });
  } catch (e) {
    // Another process created it between the look and the insert.
    if (!(await boss.getQueue(name))) throw e;
  }
}
