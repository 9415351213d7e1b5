import { resolve } from "node:path";
import { hashFile } from "../batch/hash.js";
import { walkInputs } from "../batch/walk.js";
import { MAX_FILE_BYTES } from "../pipeline/extract.js";
import { PostgresSink } from "../store/postgres/sink.js";
import { PARSER_VERSION } from "../store/version.js";
import { DEFAULT_LEASE_SECONDS, type FileJob, INGEST_QUEUE, jobId, startBoss } from "./boss.js";

export interface EnqueueOptions {
  /** The store's PostgreSQL URL (the queue lives in the same database). */
  db: string;
  extensions?: string[];
  /** Queue even files whose content is stored already (a new job id is not made: see force). */
  force?: boolean;
  /** The job's time limit in seconds (its lease); a job active longer is failed and retried. */
  leaseSeconds?: number;
  onSkip?: (path: string, reason: string) => void;
}

/** What one `baocao enqueue` did. */
export interface EnqueueSummary {
  files: number;
  /** New jobs. */
  queued: number;
  /** Same content and parser version already queued, running or done (one job per content). */
  duplicates: number;
  /** Same content and parser version already stored (not failed). */
  stored: number;
  /** Files that could not be read here (no job: a worker could not read them either). */
  unreadable: { path: string; reason: string }[];
}

/**
 * Records one job per file: walk, hash, skip content already stored or queued (by sha256 +
 * parser version), send. Paths are made absolute: every worker must reach the file under the
 * same path (a shared mount), and reads its bytes from there.
 */
export async function enqueuePaths(inputs: string[], options: EnqueueOptions): Promise<EnqueueSummary> {
  const sink = await PostgresSink.open(options.db, { connections: 2 }); // also migrates the store
  const boss = await startBoss(options.db).catch(async (e) => {
    await sink.close();
    throw e;
  });
  const summary: EnqueueSummary = { files: 0, queued: 0, duplicates: 0, stored: 0, unreadable: [] };
  try {
    for await (const path of walkInputs(inputs, { extensions: options.extensions, onSkip: options.onSkip })) {
      summary.files++;
      const absolute = resolve(path);
      let hashed: { sha256: string };
      try {
        hashed = await hashFile(absolute, MAX_FILE_BYTES);
      } catch (e) {
        summary.unreadable.push({ path, reason: (e as Error).message });
        continue;
      }
      if (!options.force && (await sink.storedPathOf(hashed.sha256, PARSER_VERSION))) {
        summary.stored++;
        continue;
      }
      const data: FileJob = { path: absolute, sha256: hashed.sha256, parserVersion: PARSER_VERSION };
      const id = await boss.send(INGEST_QUEUE, data as object, {
        id: options.force ? undefined : jobId(hashed.sha256, PARSER_VERSION),
        expireInSeconds: options.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
      });
      if (id) summary.queued++;
      else summary.duplicates++;
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await sink.close();
  }
  return summary;
}
