import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type { Extraction, Section } from "../model/records.js";
import type { ExtractOptions } from "../pipeline/extract.js";
import { MAX_FILE_BYTES } from "../pipeline/read.js";
import { openWriter } from "../store/connect.js";
import { friendlyError } from "../store/errors.js";
import type { DocumentSink } from "../store/types.js";
import { PARSER_VERSION } from "../store/version.js";
import { hashFile } from "./hash.js";
import { ParserPool } from "./pool.js";
import type { ProgressState } from "./progress.js";
import { emptySummary, type IngestSummary } from "./summary.js";
import { countInputs, walkInputs } from "./walk.js";

export interface IngestOptions {
  /** Database: an SQLite file (created with its folder if missing) or a postgres:// URL. */
  db: string;
  /** Worker threads; default = available cores; 0 = parse on the main thread (no time limit). */
  jobs?: number;
  /** Re-parse files even when unchanged. */
  force?: boolean;
  /** Per-file time limit in seconds (default 120; 0 = none). */
  timeoutSeconds?: number;
  /** A worker is replaced after this many files (default pool DEFAULT_RECYCLE_FILES; 0 = never). */
  recycleFiles?: number;
  /** …or once its memory is over this many MB after a file (default DEFAULT_RECYCLE_MB; 0 = never). */
  recycleMb?: number;
  /** Passed to extractFile (ocr). */
  extract?: ExtractOptions;
  /** Extensions taken inside folders. */
  extensions?: string[];
  /** Called on every state change (the reporter throttles). */
  onProgress?: (state: ProgressState) => void;
  /** Called for walk skips worth a note (symlink loops, unreadable folders). */
  onSkip?: (path: string, reason: string) => void;
  /** Stops the batch: no new files start, running ones are cancelled. */
  signal?: AbortSignal;
}

/**
 * Ingests files and folders into a store: walk (streamed) → hash in the main thread (bounded
 * reads) → skip unchanged → parse in worker threads → write on the main thread, each
 * document atomically. At most a few files per worker are in flight at once, so memory
 * does not grow with the size of the batch. Never throws for a bad file.
 */
export async function ingestPaths(inputs: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary(options.db);
  const jobs = Math.max(0, options.jobs ?? availableParallelism());
  // Parse replies arrive one per event-loop turn: holding SQLite's group open across turns
  // commits up to 64 documents at once instead of each on its own (a commit costs more than a
  // document's inserts). A kill loses at most that last group, whole documents, which the
  // next run parses again.
  const store: DocumentSink = await openWriter(options.db, { sqlite: { holdMs: 1000, maxDelayMs: 1000 } });
  summary.db = store.location; // a URL without its password
  const pool = new ParserPool({
    size: jobs,
    timeoutMs: (options.timeoutSeconds ?? 120) * 1000,
    recycleFiles: options.recycleFiles,
    recycleMb: options.recycleMb,
  });
  // Hashing reads whole files; a few at a time keep the disk busy without piling up buffers.
  const readLimit = pLimit(4);
  const extract: ExtractOptions = {
    ...options.extract,
    timeoutMs: options.timeoutSeconds ? options.timeoutSeconds * 1000 : undefined,
  };
  const state: ProgressState = { done: 0, total: 0, totalKnown: false, records: 0, failed: 0 };
  const report = () => options.onProgress?.(state);
  const walkOptions = { extensions: options.extensions, onSkip: options.onSkip };
  // Byte paths of files whose names are not UTF-8, by the name they are stored under.
  const rawPaths = new Map<string, Buffer>();

  // The count runs beside the real walk: the ETA appears as soon as it finishes, and the walk
  // itself still streams.
  void countInputs(inputs, walkOptions).then(
    (n) => {
      state.total = Math.max(n, state.total);
      state.totalKnown = true;
      report();
    },
    () => undefined,
  );

  const handle = async (path: string): Promise<void> => {
    const raw = rawPaths.get(path);
    rawPaths.delete(path);
    const hashed = await readLimit(() => hashFile(raw ?? path, options.extract?.maxBytes ?? MAX_FILE_BYTES)).catch(() => undefined);
    if (hashed && !options.force && (await store.isUnchanged(path, hashed.sha256, PARSER_VERSION))) {
      summary.skipped++;
      state.done++;
      report();
      return;
    }
    const reply = await pool.parse(path, raw ? { ...extract, readFrom: raw } : extract);
    if (options.signal?.aborted) return;
    const ex = reply.extraction;
    // Failures raised by the pool (timeout, crash) do not know the hash; the main thread does.
    if (!ex.sha256 && hashed) ex.sha256 = hashed.sha256;
    const written = await store.write(ex, {
      path,
      pages: reply.pages,
      bytes: reply.bytes ?? hashed?.bytes ?? null,
      parserVersion: PARSER_VERSION,
    });
    tally(summary, ex, reply.pages, written.replaced, written.storeError);
    state.done++;
    state.records += countSections(ex.sections) + ex.indicators.length + ex.tasks.length + ex.targets.length;
    state.failed = summary.failed.length;
    report();
  };

  // Cancel running parses at once; handlers then see the abort and write nothing more.
  options.signal?.addEventListener("abort", () => void pool.close(), { once: true });
  const storedBefore = await store.documentCount();
  try {
    try {
      const inflight = new Set<Promise<void>>();
      const maxInflight = Math.max(1, jobs) * 2 + 2;
      for await (const path of walkInputs(inputs, { ...walkOptions, rawPaths })) {
        if (options.signal?.aborted) break;
        summary.files++;
        if (!state.totalKnown) state.total = summary.files;
        while (inflight.size >= maxInflight) await Promise.race(inflight);
        const p: Promise<void> = handle(path).finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await Promise.all(inflight);
    } finally {
      await pool.close();
      await store.close();
    }
  } catch (e) {
    // A full disk or an I/O error stops the batch; what was committed stays (whole documents),
    // and the user needs to know how much that is before deciding what to do.
    throw new IngestStopped(e, storedBefore, await store.documentCount());
  }
  summary.interrupted = options.signal?.aborted ?? false;
  summary.elapsedMs = performance.now() - started;
  return summary;
}

function tally(
  s: IngestSummary,
  ex: Extraction,
  pages: number | null,
  replaced: boolean,
  storeError: string | undefined,
): void {
  const status = storeError ? "failed" : ex.status;
  s.parsed++;
  if (replaced) s.replaced++;
  s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
  const format = ex.format || "unknown";
  s.byFormat[format] = (s.byFormat[format] ?? 0) + 1;
  s.pages += pages ?? 0;
  if (!storeError) {
    s.sections += countSections(ex.sections);
    s.indicators += ex.indicators.length;
    s.tasks += ex.tasks.length;
    s.targets += ex.targets.length;
  }
  for (const m of ex.messages) {
    if (m.severity === "warning") s.warnings++;
    else if (m.severity === "error") s.errors++;
  }
  if (status === "failed" || status === "needs_ocr") {
    const first = ex.messages.find((m) => m.severity === "error");
    s.failed.push({
      path: ex.file,
      status,
      rule: storeError ? "store.write" : (first?.ruleId ?? null),
      reason: storeError ?? first?.reason ?? "no reason recorded",
    });
  }
}

/** Sections in a tree (the Extraction keeps children nested). */
export function countSections(sections: Section[]): number {
  let n = 0;
  for (const s of sections) n += 1 + countSections(s.children);
  return n;
}

/**
 * A batch stopped by the store (a full disk, an I/O error): the cause, in words a user can act
 * on, plus how many documents the store holds now and held before the run. Re-running the
 * same command after fixing the cause stores the rest (stored documents are skipped).
 */
export class IngestStopped extends Error {
  constructor(
    readonly cause: unknown,
    readonly storedBefore: number | null,
    readonly storedNow: number | null,
  ) {
    const counts =
      storedNow === null
        ? "The store could not be read to count what was committed."
        : `The store holds ${storedNow} document(s)${storedBefore === null ? "" : ` (${Math.max(0, storedNow - storedBefore)} more than before this run)`}, each complete; run the same command again to store the rest.`;
    super(`${friendlyError(cause)} The batch was stopped. ${counts}`);
    this.name = "IngestStopped";
  }
}
