import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_LEASE_SECONDS } from "../queue/boss.js";
import { enqueuePaths } from "../queue/enqueue.js";
import { formatStatus, queueStatus } from "../queue/status.js";
import { runWorker } from "../queue/worker.js";
import { isPostgresUrl } from "../store/connect.js";
import { type Args, flagString } from "./args.js";
import { guard, intFlag, UsageError } from "./common.js";

/** The --db of the queue commands: a postgres:// URL (the queue lives in PostgreSQL). */
function pgUrl(args: Args): string {
  const db = flagString(args, "db") ?? process.env.BAOCAO_DB;
  if (!db) throw new UsageError("Name the PostgreSQL store with --db postgres://USER:PASSWORD@HOST:PORT/DATABASE (or set BAOCAO_DB).");
  if (!isPostgresUrl(db)) throw new UsageError(`The queue lives in PostgreSQL: --db must be a postgres:// URL, not "${db}".`);
  return db;
}

export const enqueueHelp = `Usage: baocao enqueue PATH… --db postgres://… [--ext LIST] [--lease S] [--force] [--json]

Records one ingest job per file in the store's PostgreSQL database, for \`baocao worker\`
processes on any machine to take. Folders are walked as by ingest. A file whose content
(sha256) and parser version are already stored, or already queued, gets no second job.
Workers read each file from its absolute path as enqueued: every worker must see the files
under the same path (a shared mount such as NFS or SMB at the same mount point).

Options:
  --db URL          the PostgreSQL store (created and migrated if new; or set BAOCAO_DB)
  --ext LIST        extensions taken inside folders (default: every format's, as ingest)
  --lease S         a job's time limit in seconds (default ${DEFAULT_LEASE_SECONDS}): a job running longer (a
                    killed or stuck worker) is failed and retried by another worker
  --force           queue again even when stored or queued (a new job)
  --json            print the summary as JSON

Examples:
  baocao enqueue /mnt/reports/2024 --db postgres://baocao:secret@db.local/baocao`;

export async function runEnqueue(args: Args): Promise<number> {
  return guard(enqueueHelp, async () => {
    if (!args.positional.length) throw new UsageError("Name at least one file or folder to enqueue.");
    const db = pgUrl(args);
    const ext = flagString(args, "ext");
    const summary = await enqueuePaths(args.positional, {
      db,
      extensions: ext?.split(",").map((e) => (e.trim().startsWith(".") ? e.trim() : `.${e.trim()}`)),
      force: args.flags.has("force"),
      leaseSeconds: intFlag(args, "lease", DEFAULT_LEASE_SECONDS, 1),
      onSkip: (p, reason) => process.stderr.write(`skipped ${p}: ${reason}\n`),
    });
    if (args.flags.has("json")) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else
      process.stdout.write(
        `Queued ${summary.queued} of ${summary.files} file(s) (already stored ${summary.stored}, already queued ${summary.duplicates}, unreadable ${summary.unreadable.length})\n`,
      );
    for (const u of summary.unreadable) process.stderr.write(`  unreadable: ${u.path}: ${u.reason}\n`);
    return summary.unreadable.length ? 1 : 0;
  });
}

export const workerHelp = `Usage: baocao worker --db postgres://… [--jobs N] [--timeout S] [--no-ocr] [--until-empty] [--quiet]

Takes ingest jobs from the queue in the store's PostgreSQL database, parses each file (read
from the path it was enqueued under) in parser threads and writes its document in one
transaction. A scanned PDF with two or more pages to OCR is fanned out: one page job per
page (taken by any worker) and an assemble job that stores the document once every page is
read. Run one per machine, on as many machines as you like. A job that crashes or
times out is retried with backoff (3 times), then failed with its reason (dead-letter queue);
a file that is gone fails at once. SIGTERM or Ctrl-C: no new jobs; running ones finish
(up to 60 s) or are released to another worker.

Options:
  --db URL          the PostgreSQL store (or set BAOCAO_DB)
  --jobs N          parser threads, two jobs in hand each (default: cores, here ${availableParallelism()})
  --timeout S       per-file parse limit in seconds (default 120; each OCR page adds 90 s)
  --no-ocr          do not OCR scanned pages
  --until-empty     exit once nothing is queued, running or waiting for a retry
  --quiet           print nothing per job

Examples:
  baocao worker --db postgres://baocao:secret@db.local/baocao --jobs 2`;

export async function runWorkerCommand(args: Args): Promise<number> {
  return guard(workerHelp, async () => {
    const db = pgUrl(args);
    const jobs = intFlag(args, "jobs", availableParallelism(), 1);
    const quiet = args.flags.has("quiet");
    const controller = new AbortController();
    const stop = (signal: string) => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write(`\n${signal}: taking no new jobs; finishing the running ones…\n`);
      controller.abort();
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
    try {
      const summary = await runWorker({
        db,
        jobs,
        timeoutSeconds: intFlag(args, "timeout", 120, 0),
        ocr: !args.flags.has("no-ocr"),
        untilEmpty: args.flags.has("until-empty"),
        signal: controller.signal,
        onStart: quiet ? undefined : (path) => process.stderr.write(`started ${path}\n`),
        onJob: quiet
          ? undefined
          : (e) => process.stderr.write(`${e.outcome} ${e.path}${e.status ? ` (${e.status})` : ""}${e.reason ? `: ${e.reason}` : ""} ${(e.ms / 1000).toFixed(1)} s\n`),
      });
      if (!quiet)
        process.stdout.write(`Worker stored ${summary.stored} document(s), ${summary.retried} attempt(s) to retry, ${summary.failed} failed, in ${(summary.elapsedMs / 1000).toFixed(1)} s\n`);
      return controller.signal.aborted ? 130 : 0;
    } finally {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
    }
  });
}

export const statusHelp = `Usage: baocao status --db postgres://… [--watch] [--every S] [--json]

Shows the distributed ingest: jobs queued, running, done and failed, the jobs finished per
second over the last minute, the documents stored, and the latest failures with their reason.

Options:
  --db URL          the PostgreSQL store (or set BAOCAO_DB)
  --watch           redraw until Ctrl-C (every --every seconds, default 2)
  --json            print one status as JSON

Examples:
  baocao status --db postgres://baocao:secret@db.local/baocao --watch`;

export async function runStatus(args: Args): Promise<number> {
  return guard(statusHelp, async () => {
    const db = pgUrl(args);
    if (args.flags.has("json")) {
      process.stdout.write(`${JSON.stringify(await queueStatus(db), null, 2)}\n`);
      return 0;
    }
    if (!args.flags.has("watch")) {
      process.stdout.write(formatStatus(await queueStatus(db)));
      return 0;
    }
    const every = intFlag(args, "every", 2, 1) * 1000;
    const tty = process.stdout.isTTY;
    let stopped = false;
    const onInt = () => (stopped = true);
    process.on("SIGINT", onInt);
    try {
      while (!stopped) {
        const text = formatStatus(await queueStatus(db));
        process.stdout.write(tty ? `\x1b[H\x1b[2J${new Date().toISOString()}\n${text}` : text);
        await sleep(every);
      }
    } finally {
      process.off("SIGINT", onInt);
    }
    return 0;
  });
}
