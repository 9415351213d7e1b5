import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { hashFile } from "../batch/hash.js";
import { ParserPool } from "../batch/pool.js";
import { extractFile, MAX_FILE_BYTES } from "../pipeline/extract.js";
import { connect } from "../store/postgres/connection.js";
import { PostgresSink } from "../store/postgres/sink.js";
import { PARSER_VERSION } from "../store/version.js";
import { ASSEMBLE_QUEUE, BOSS_SCHEMA, DEFAULT_LEASE_SECONDS, type FileJob, INGEST_QUEUE, PAGE_QUEUE, type PageJob, startBoss, WORK_QUEUES } from "./boss.js";
import { dropPages, FAN_OUT_MIN_PAGES, fanOut, ocrOnePage, pagesForOcr, readJobFile, withStoredPages } from "./fanout.js";

export interface WorkerOptions {
  /** The store's PostgreSQL URL. */
  db: string;
  /** Parser threads; each has up to two jobs in hand (one parsed, one fetched or written). */
  jobs: number;
  /** Per-file parse limit in seconds (the parser pool's; OCR pages add time), 0 = none. */
  timeoutSeconds?: number;
  ocr?: boolean;
  /** Stop once nothing is queued, running or waiting for a retry (benchmarks, tests, one-off runs). */
  untilEmpty?: boolean;
  /** Seconds between two looks at an empty queue (default 1). */
  pollSeconds?: number;
  /** Stops taking jobs; running ones finish within graceSeconds, or are released for a retry. */
  signal?: AbortSignal;
  /** Seconds a stop waits for running jobs before releasing them (default 60). */
  graceSeconds?: number;
  /** Called when a job is taken, with its file. */
  onStart?: (path: string) => void;
  /** Called after every job, with what happened. */
  onJob?: (event: JobEvent) => void;
}

/** What a worker did with one job. */
export interface JobEvent {
  path: string;
  /**
   * stored: the document is written (a file job, or a fanned-out scan's assemble job);
   * fanned-out: a scan's file job sent one page job per OCR page (`pages`); page: one page OCR'd (`page`).
   */
  outcome: "stored" | "fanned-out" | "page" | "retry" | "failed";
  /** The page (1-based) of a page job. */
  page?: number;
  /** The page jobs a fanned-out file job sent. */
  pages?: number;
  /** Document status when stored. */
  status?: string;
  reason?: string;
  ms: number;
}

/** What a worker run did. */
export interface WorkerSummary {
  stored: number;
  /** Scans fanned out into page jobs, and page jobs done (their documents count in `stored` once assembled). */
  fannedOut: number;
  pages: number;
  retried: number;
  failed: number;
  elapsedMs: number;
}

/** A failure that retrying cannot cure (the file is gone): the job fails at once, with its reason. */
class PermanentFailure extends Error {}

/** Parser-pool rule ids that mean "the attempt failed", not "the file is bad": retried. */
const RETRYABLE = new Set(["ingest.timeout", "pipeline.crash", "ingest.out-of-memory", "ingest.cancelled"]);

/**
 * A worker process: takes jobs from the queue (one per parser thread), reads the file from the
 * job's path, parses it in the pool, writes the document in one transaction, marks the job
 * done. Exactly once: a document's write is keyed by path and replaces (never adds), so a job
 * run twice — a killed worker's job taken again after its lease expired — still leaves one
 * document. Retries with backoff and the dead-letter queue are pg-boss's (boss.ts). A scan
 * with several OCR pages fans out into page jobs and one assemble job (fanout.ts), which run
 * here too, in the main thread (OCR in its own engine threads), taken before new files.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const started = performance.now();
  const jobs = Math.max(1, options.jobs);
  const sink = await PostgresSink.open(options.db, { connections: jobs + 1 });
  let boss: PgBoss;
  let db: Awaited<ReturnType<typeof connect>>;
  try {
    boss = await startBoss(options.db, { supervise: true });
  } catch (e) {
    await sink.close();
    throw e;
  }
  try {
    db = await connect(options.db, { max: jobs + 1 });
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await sink.close();
    throw e;
  }
  const ocr = options.ocr ?? true;
  const lease = DEFAULT_LEASE_SECONDS;
  const pool = new ParserPool({ size: jobs, timeoutMs: (options.timeoutSeconds ?? 120) * 1000 });
  const summary: WorkerSummary = { stored: 0, fannedOut: 0, pages: 0, retried: 0, failed: 0, elapsedMs: 0 };
  const gone = (message: string) => new PermanentFailure(message);
  const stopping = () => options.signal?.aborted ?? false;
  const poll = (options.pollSeconds ?? 1) * 1000;
  const running = new Set<Promise<void>>();

  /** A page job: OCR the page, store it; the last page enqueues the assemble job. */
  const page = async (job: PgBoss.JobWithMetadata<PageJob>): Promise<JobEvent> => {
    const bytes = await readJobFile(job.data, gone);
    await ocrOnePage(db, boss, job.data, bytes, lease);
    await boss.complete(PAGE_QUEUE, job.id, { page: job.data.page });
    summary.pages++;
    return { path: job.data.path, outcome: "page", page: job.data.page, ms: 0 };
  };

  /** An assemble job: the normal ingest, its OCR pages answered from the page jobs' rows; one write. */
  const assemble = async (job: PgBoss.JobWithMetadata<FileJob>): Promise<JobEvent> => {
    const { path } = job.data;
    const bytes = await readJobFile(job.data, gone);
    const outcome = await withStoredPages(db, job.data, () =>
      extractFile(path, { ocr: true, timeoutMs: options.timeoutSeconds ? options.timeoutSeconds * 1000 : undefined }),
    );
    if (!outcome) {
      // The rows are gone: this job ran before and wrote the document (then died before completing).
      if (!(await sink.storedPathOf(job.data.sha256, job.data.parserVersion))) throw new Error(`No OCR pages are stored for ${path}, and no document: enqueue it again.`);
      await boss.complete(ASSEMBLE_QUEUE, job.id, { alreadyStored: true });
      return { path, outcome: "stored", status: "already stored", ms: 0 };
    }
    const { extraction: ex, document } = outcome;
    const written = await sink.write(ex, { path, pages: document?.source.pages ?? null, bytes: document?.source.bytes ?? bytes.length, parserVersion: job.data.parserVersion });
    await dropPages(db, job.data);
    await boss.complete(ASSEMBLE_QUEUE, job.id, { documentId: written.documentId, status: written.storeError ? "failed" : ex.status });
    summary.stored++;
    return { path, outcome: "stored", status: written.storeError ? "failed" : ex.status, reason: written.storeError, ms: 0 };
  };

  const handle = async (job: PgBoss.JobWithMetadata<FileJob>): Promise<void> => {
    const t0 = performance.now();
    const { path } = job.data;
    const lastAttempt = job.retryCount >= job.retryLimit;
    options.onStart?.(job.name === PAGE_QUEUE ? `${path} page ${(job.data as PageJob).page}` : path);
    try {
      if (job.name === PAGE_QUEUE || job.name === ASSEMBLE_QUEUE) {
        const event = job.name === PAGE_QUEUE ? await page(job as PgBoss.JobWithMetadata<PageJob>) : await assemble(job);
        options.onJob?.({ ...event, ms: performance.now() - t0 });
        return;
      }
      let hashed: { sha256: string; bytes: number };
      try {
        hashed = await hashFile(path, MAX_FILE_BYTES);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "ENOENT" || code === "ENOTDIR")
          throw new PermanentFailure(`The file is gone: ${path} cannot be found on this worker. Put it back under the same path (or fix the shared mount) and enqueue it again.`);
        throw e;
      }
      if (ocr) {
        // A scan with several OCR pages fans out: no OCR here, one page job per page (fanout.ts).
        const pages = await pagesForOcr(path, await readFile(path));
        if (pages.length >= FAN_OUT_MIN_PAGES) {
          await fanOut(db, boss, { path, sha256: hashed.sha256, parserVersion: job.data.parserVersion }, pages, lease);
          await boss.complete(INGEST_QUEUE, job.id, { fannedOut: pages.length });
          summary.fannedOut++;
          options.onJob?.({ path, outcome: "fanned-out", pages: pages.length, ms: performance.now() - t0 });
          return;
        }
      }
      const reply = await pool.parse(path, { ocr: options.ocr ?? true, timeoutMs: options.timeoutSeconds ? options.timeoutSeconds * 1000 : undefined });
      const ex = reply.extraction;
      if (!ex.sha256) ex.sha256 = hashed.sha256;
      const rule = ex.status === "failed" ? ex.messages.find((m) => m.severity === "error")?.ruleId : undefined;
      if (rule && RETRYABLE.has(rule) && !lastAttempt) throw new Error(ex.messages.find((m) => m.severity === "error")?.reason ?? rule);
      if (rule === "ingest.cancelled") throw new Error("The worker stopped before the file was parsed.");
      const written = await sink.write(ex, { path, pages: reply.pages, bytes: reply.bytes ?? hashed.bytes, parserVersion: PARSER_VERSION });
      await boss.complete(INGEST_QUEUE, job.id, { documentId: written.documentId, status: written.storeError ? "failed" : ex.status });
      summary.stored++;
      options.onJob?.({ path, outcome: "stored", status: written.storeError ? "failed" : ex.status, reason: written.storeError, ms: performance.now() - t0 });
    } catch (e) {
      const reason = (e as Error).message;
      const permanent = e instanceof PermanentFailure;
      if (permanent) {
        // pg-boss retries a failed job while retry_count < retry_limit: spend the retries, so
        // this failure is the last one and the job goes to the dead-letter queue with the reason.
        await boss.getDb().executeSql(`UPDATE ${BOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [job.name, job.id]);
      }
      const pageNo = job.name === PAGE_QUEUE ? (job.data as PageJob).page : undefined;
      await boss.fail(job.name, job.id, { reason, path, ...(pageNo ? { page: pageNo } : {}) }).catch(() => undefined);
      const retry = !permanent && !lastAttempt;
      if (retry) summary.retried++;
      else summary.failed++;
      options.onJob?.({ path, outcome: retry ? "retry" : "failed", page: pageNo, reason, ms: performance.now() - t0 });
    }
  };

  /** Jobs waiting or retrying or running, in the work queues. */
  const pending = async (): Promise<number> => {
    const { rows } = await boss
      .getDb()
      .executeSql(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')`, [[...WORK_QUEUES]]);
    return (rows[0] as { n: number }).n;
  };

  const loop = async (): Promise<void> => {
    while (!stopping()) {
      // Assemble jobs first, then pages, then files: documents already begun are finished first.
      let job: PgBoss.JobWithMetadata<FileJob> | undefined;
      for (const name of WORK_QUEUES) {
        [job] = await boss.fetch<FileJob>(name, { batchSize: 1, includeMetadata: true });
        if (job) break;
      }
      if (!job) {
        if (options.untilEmpty && running.size === 0 && (await pending()) === 0) return;
        await sleep(poll, undefined, { signal: options.signal }).catch(() => undefined);
        continue;
      }
      const p = handle(job);
      running.add(p);
      await p.finally(() => running.delete(p));
    }
  };

  // A stop lets running jobs finish for graceSeconds, then releases them: the pool's close
  // cancels each parse, handle() fails the job, and pg-boss hands it to another worker.
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    graceTimer = setTimeout(() => void pool.close(), (options.graceSeconds ?? 60) * 1000);
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // Two jobs per parser thread, as batch ingest keeps two files per worker in flight: while
    // one is parsed, the other is fetched, read or written, so the thread does not wait on
    // the database's round trips.
    await Promise.all(Array.from({ length: jobs * 2 }, loop));
  } finally {
    clearTimeout(graceTimer);
    options.signal?.removeEventListener("abort", onAbort);
    await pool.close();
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await db.end().catch(() => undefined);
    await sink.close();
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}
