import { readFile } from "node:fs/promises";
import type pg from "pg";
import type PgBoss from "pg-boss";
import type { Block } from "../model/document.js";
import type { Message, Result } from "../model/message.js";
import { isPdf } from "../ingest/formats.js";
import type { OcrPage } from "../ingest/pdf/index.js";
import { sha256Hex } from "../pipeline/extract.js";
import { longWork } from "../pipeline/progress.js";
import { ingestFor } from "../pipeline/registry.js";
import { ASSEMBLE_QUEUE, type FileJob, jobId, OCR_TABLE, PAGE_QUEUE, type PageJob } from "./boss.js";

/**
 * Fan-out of scanned PDFs (issue 16): a file job whose PDF has two or more pages for OCR does
 * no OCR itself. It records one row per such page in OCR_TABLE and enqueues one page job per
 * page; each page job OCRs its page with the normal OCR stage (on whichever machine took it)
 * and stores the page's blocks and messages in its row; the page job that finishes last
 * enqueues, in the same transaction, one assemble job, which runs the normal ingest with an
 * OCR stage answering from the stored pages, writes the document and deletes the rows. So the
 * stored document is the one a one-process ingest makes, and one large scan uses many workers.
 */

/** A scan fans out when at least this many of its pages go to OCR (one page gains nothing from a hop). */
export const FAN_OUT_MIN_PAGES = 2;

/** What a page job stores: the OCR stage's blocks and messages, or the error it threw. */
type PageResult = { value: Block[]; messages: Message[] } | { error: string };

/** How the main thread's OCR stage answers for one file: record pages (probe) or replay stored ones. */
type Mode = { probe: number[] } | { stored: Map<number, PageResult> };
const modes = new Map<string, Mode>();
let installed: Promise<void> | undefined;

/**
 * Registers, in this process's PDF ingest, an OCR stage that probes or replays for the files
 * in `modes` and runs the normal OCR stage for any other. The PDF module is loaded first
 * through the registry, whose loader registers the normal stage; this one replaces it.
 */
function install(): Promise<void> {
  installed ??= (async () => {
    await ingestFor("pdf");
    const stage: OcrPage = async (n, page, context): Promise<Result<Block[]>> => {
      const mode = modes.get(context.file);
      // As the registry's own stage: each OCR page earns the file more time under a batch's limit.
      if (!mode) return (longWork("ocr-page"), (await import("../ingest/ocr/index.js")).ocrStage(n, page, context));
      if ("probe" in mode) {
        mode.probe.push(n);
        return { value: [], messages: [] };
      }
      const r = mode.stored.get(n);
      if (!r) throw new Error(`page ${n} has no stored OCR result`);
      if ("error" in r) throw new Error(r.error);
      return r;
    };
    // pdf.js is loaded on first use (a worker of text files never needs it), as the registry does.
    (await import("../ingest/pdf/index.js")).registerOcr(stage);
  })();
  return installed;
}

/**
 * The pages of a PDF the ingest would send to OCR (1-based), found by running the ingest with
 * an OCR stage that only notes them; [] for a file that is not a PDF or cannot be read (the
 * normal parse then reports it).
 */
export async function pagesForOcr(path: string, bytes: Uint8Array): Promise<number[]> {
  if (!isPdf(bytes)) return [];
  await install();
  const probe: number[] = [];
  modes.set(path, { probe });
  try {
    await (await ingestFor("pdf"))({ file: path, bytes, sha256: sha256Hex(bytes) }, { ocr: true, timeoutMs: 0 });
  } catch {
    // A scan whose every page went to the (empty) probe ends in "no text"; the pages are known
    // by then. Any other failure (a damaged file) comes before them: none, the parse reports it.
  } finally {
    modes.delete(path);
  }
  return probe;
}

/** Records the rows and sends one page job per page (ids from the content: a re-run sends none twice). */
export async function fanOut(db: pg.Pool, boss: PgBoss, job: FileJob, pages: number[], leaseSeconds: number): Promise<void> {
  for (const page of pages)
    await db.query(`INSERT INTO ${OCR_TABLE} (sha256, parser_version, page, path) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [job.sha256, job.parserVersion, page, job.path]);
  for (const page of pages) {
    const data: PageJob = { ...job, page };
    await boss.send(PAGE_QUEUE, data as object, { id: jobId(job.sha256, `${job.parserVersion}\0page ${page}`), expireInSeconds: leaseSeconds });
  }
}

/**
 * OCRs one page of the job's PDF (bytes already read and checked by the caller) with the
 * normal OCR stage and stores the result; the last page of the file enqueues the assemble job
 * in the same transaction. Returns whether this page was the last.
 */
export async function ocrOnePage(db: pg.Pool, boss: PgBoss, job: PageJob, bytes: Uint8Array, leaseSeconds: number): Promise<boolean> {
  let result: PageResult;
  const opened = await (await import("../ingest/pdf/load.js")).openPdf(bytes);
  try {
    const page = await opened.doc.getPage(job.page);
    try {
      result = await (await import("../ingest/ocr/index.js")).ocrStage(job.page, page, { file: job.path });
    } catch (e) {
      // As the ingest does with a failing OCR page: the assembled document reports it.
      result = { error: (e as Error)?.message ?? String(e) };
    } finally {
      page.cleanup();
    }
  } finally {
    await opened.destroy().catch(() => undefined);
  }
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    // Every row of the file locked, in page order: two last pages finishing at once are
    // serialised, and the second sees the first's row done (so exactly one sends the assemble job).
    const { rows } = await client.query<{ page: number; done: boolean }>(
      `SELECT page, done FROM ${OCR_TABLE} WHERE sha256 = $1 AND parser_version = $2 ORDER BY page FOR UPDATE`,
      [job.sha256, job.parserVersion],
    );
    // No row at all: the scan was assembled already (this page job ran twice, its first run
    // outliving its lease), so there is nothing left to do.
    if (!rows.length) {
      await client.query("COMMIT");
      return false;
    }
    if (!rows.some((r) => r.page === job.page)) throw new Error(`page ${job.page} of ${job.path} has no row in ${OCR_TABLE} (already assembled?)`);
    await client.query(`UPDATE ${OCR_TABLE} SET result = $4, done = true WHERE sha256 = $1 AND parser_version = $2 AND page = $3`, [
      job.sha256,
      job.parserVersion,
      job.page,
      JSON.stringify(result),
    ]);
    const last = rows.every((r) => r.done || r.page === job.page);
    if (last) {
      const data: FileJob = { path: job.path, sha256: job.sha256, parserVersion: job.parserVersion };
      await boss.send(ASSEMBLE_QUEUE, data as object, {
        id: jobId(job.sha256, `${job.parserVersion}\0assemble`),
        expireInSeconds: leaseSeconds,
        db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) },
      });
    }
    await client.query("COMMIT");
    return last;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Makes this process's PDF ingest answer the OCR pages of `path` from OCR_TABLE while `body`
 * runs (the assemble job's normal ingest). Throws when a page is not done; undefined, without
 * running `body`, when no row is left (the scan was assembled already).
 */
export async function withStoredPages<T>(db: pg.Pool, job: FileJob, body: () => Promise<T>): Promise<T | undefined> {
  await install();
  const { rows } = await db.query<{ page: number; done: boolean; result: PageResult | null }>(
    `SELECT page, done, result FROM ${OCR_TABLE} WHERE sha256 = $1 AND parser_version = $2`,
    [job.sha256, job.parserVersion],
  );
  if (!rows.length) return undefined;
  const open = rows.filter((r) => !r.done).map((r) => r.page);
  if (open.length) throw new Error(`pages ${open.join(", ")} of ${job.path} are not OCR'd yet`);
  modes.set(job.path, { stored: new Map(rows.map((r) => [r.page, r.result!])) });
  try {
    return await body();
  } finally {
    modes.delete(job.path);
  }
}

/** Drops the rows of an assembled file. */
export async function dropPages(db: pg.Pool, job: FileJob): Promise<void> {
  await db.query(`DELETE FROM ${OCR_TABLE} WHERE sha256 = $1 AND parser_version = $2`, [job.sha256, job.parserVersion]);
}

/** Reads a job's file, failing with `gone` when it vanished and `changed` when its content is not the enqueued one. */
export async function readJobFile(job: FileJob, gone: (message: string) => Error): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(job.path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw gone(`The file is gone: ${job.path} cannot be found on this worker. Put it back under the same path (or fix the shared mount) and enqueue it again.`);
    throw e;
  }
  if (sha256Hex(bytes) !== job.sha256)
    throw gone(`The file changed: ${job.path} no longer holds the content its OCR pages were queued for. Enqueue it again.`);
  return bytes;
}
