import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type { Extraction, Section } from "../../model/records.js";
import type { ExtractOptions } from "../../pipeline/extract.js";
import { openStore } from "../../store/open.js";
import { PARSER_VERSION } from "../../store/version.js";
import { DocumentWriter } from "../../store/write.js";
import { hashFile } from "./hash.js";
import { ParserPool } from "./pool.js";
import type { ProgressState } from "./progress.js";
import { emptySummary, type IngestSummary } from "./summary.js";
import { countInputs, walkInputs } from "./walk.js";

export interface IngestOptions {
  /** Database file (created with its folder if missing). */
  db: string;
  /** Worker threads; default = available cores; 0 = parse on the main thread (no time limit). */
  jobs?: number;
  /** Re-parse files even when unchanged. */
  force?: boolean;
  /** Per-file time limit in seconds (default 120; 0 = none). */
  timeoutSeconds?: number;
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
  const db = openStore(options.db);
  // Parse replies arrive one per event-loop turn: holding the group open across turns commits
  // up to 64 documents at once instead of each on its own (a commit costs more than a
  // document's inserts). A kill loses at most that last group, whole documents, which the
  // next run parses again.
  const writer = new DocumentWriter(db, { holdMs: 1000, maxDelayMs: 1000 });
  const pool = new ParserPool({ size: jobs, timeoutMs: (options.timeoutSeconds ?? 120) * 1000 });
  // Hashing reads whole files; a few at a time keep the disk busy without piling up buffers.
  const readLimit = pLimit(4);
  const extract: ExtractOptions = {
    ...options.extract,
    timeoutMs: options.timeoutSeconds ? options.timeoutSeconds * 1000 : undefined,
  };
  const state: ProgressState = { done: 0, total: 0, totalKnown: false, records: 0, failed: 0 };
  const report = () => options.onProgress?.(state);
  const walkOptions = { extensions: options.extensions, onSkip: options.onSkip };

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
    const hashed = await readLimit(() => hashFile(path)).catch(() => undefined);
    if (hashed && !options.force && writer.isUnchanged(path, hashed.sha256, PARSER_VERSION)) {
      summary.skipped++;
      state.done++;
      report();
      return;
    }
    const reply = await pool.parse(path, extract);
    if (options.signal?.aborted) return;
    const ex = reply.extraction;
    // Failures raised by the pool (timeout, crash) do not know the hash; the main thread does.
    if (!ex.sha256 && hashed) ex.sha256 = hashed.sha256;
    const written = writer.write(ex, {
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
  try {
    const inflight = new Set<Promise<void>>();
    const maxInflight = Math.max(1, jobs) * 2 + 2;
    for await (const path of walkInputs(inputs, walkOptions)) {
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
    try {
      writer.close(); // commits the open group
    } finally {
      // Fold the WAL back so the .sqlite file alone is complete when copied elsewhere.
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    }
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
