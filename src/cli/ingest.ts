import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { StoreLockedError } from "../store/open.js";
import { type Args, flagString } from "./args.js";
import { DEFAULT_RECYCLE_FILES, DEFAULT_RECYCLE_MB } from "../batch/pool.js";
import { ingestPaths } from "../batch/run.js";
import { IngestSummary } from "../batch/summary.js";
import { DEFAULT_EXTENSIONS } from "../batch/walk.js";
import { ProgressReporter } from "./progress.js";
import { formatFailures, formatSummary } from "./summary.js";
import { dbPath, guard, intFlag, RefusedError, UsageError } from "./common.js";

export const ingestHelp = `Usage: baocao ingest PATH… [--db FILE] [--jobs N] [--timeout SECONDS] [--recycle-files N] [--recycle-mb M] [--force] [--no-ocr] [--quiet] [--json]

Parses report files and folders into the store (an SQLite file, or PostgreSQL with
--db postgres://…). Folders are walked recursively,
following symbolic links (each folder once, so link loops end), skipping hidden entries and
taking .txt, .docx, .pdf and .doc files; a file named on the command line is always taken.
Parsing runs in worker threads; each document is stored atomically. A file whose path, content
(sha256) and parser version are already stored is skipped, so an interrupted run can simply
be started again; a changed file replaces its rows. Failed files are recorded with their
reason (and retried on the next run) and the batch goes on.

Options:
  --db FILE|URL     database (default data/baocao.sqlite; its folder is created), or a
                    postgres://USER:PASSWORD@HOST:PORT/DATABASE URL
  --jobs N          parser threads (default and most: number of cores, here ${availableParallelism()});
                    0 parses on the main thread, without the time limit (debugging)
  --timeout S       per-file limit in seconds; a file over it is stopped and recorded as
                    failed (default 120, 0 = no limit); each page sent to OCR adds 90 s
  --recycle-files N replace a parser thread by a fresh one after N files (default
                    ${DEFAULT_RECYCLE_FILES}, 0 = never), so a long batch's memory stays flat
  --recycle-mb M    …or once the thread holds more than M MB after a file (default ${DEFAULT_RECYCLE_MB},
                    0 = never); no file is lost or parsed twice by a replacement
  --ext LIST        extensions taken inside folders (default txt,docx,pdf,doc)
  --force           parse and replace even unchanged files
  --no-ocr          do not OCR scanned pages
  --quiet           print nothing but errors
  --json            print the summary as JSON on stdout

Progress goes to stderr: a live line on a terminal, a line every few seconds otherwise.
Exit code 1 when any file failed (listed on stderr), 130 when interrupted.

Examples:
  baocao ingest data/samples
  baocao ingest ~/reports/2024 ~/reports/2025 --db reports.sqlite --jobs 2
  baocao ingest scans/ --timeout 300 --json > summary.json`;

export async function runIngest(args: Args): Promise<number> {
  return guard(ingestHelp, async () => {
    if (!args.positional.length) throw new UsageError("Name at least one file or folder to ingest.");
    const quiet = args.flags.has("quiet");
    const json = args.flags.has("json");
    const db = dbPath(args);
    const cores = availableParallelism();
    let jobs = intFlag(args, "jobs", cores, 0);
    const timeoutSeconds = intFlag(args, "timeout", 120, 0);
    const recycleFiles = intFlag(args, "recycle-files", DEFAULT_RECYCLE_FILES, 0);
    const recycleMb = intFlag(args, "recycle-mb", DEFAULT_RECYCLE_MB, 0);
    const extensions = extList(flagString(args, "ext"));
    const stderr = process.stderr;
    // A path that does not exist is a typo: refused before a database is created for it.
    const missing = args.positional.filter((p) => !exists(p));
    if (missing.length)
      throw new RefusedError(`${missing.map((p) => `"${p}"`).join(", ")}: no such file or folder (or a broken symbolic link). Nothing was ingested.`);
    if (jobs > cores) {
      // More parser threads than cores only add memory and switching (measured: --jobs 100 on 2
      // cores, 2.2× slower at 4 GB).
      if (!quiet) stderr.write(`note: --jobs ${jobs} is more than the ${cores} core(s) here; using ${cores}.\n`);
      jobs = cores;
    }
    const progress = quiet ? undefined : new ProgressReporter({ stream: stderr, tty: !!stderr.isTTY });
    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      stderr.write("\nStopping (Ctrl-C again to quit at once)…\n");
      controller.abort();
    };
    process.on("SIGINT", onSigint);
    let summary: IngestSummary;
    try {
      summary = await ingestPaths(args.positional, {
        db,
        jobs,
        force: args.flags.has("force"),
        timeoutSeconds,
        recycleFiles,
        recycleMb,
        extract: { ocr: !args.flags.has("no-ocr") },
        extensions,
        onProgress: progress ? (s) => progress.update(s) : undefined,
        onSkip: quiet ? undefined : (p, reason) => stderr.write(`skipped ${p}: ${reason}\n`),
        signal: controller.signal,
      });
    } catch (e) {
      if (e instanceof StoreLockedError) throw new RefusedError(e.message);
      throw e;
    } finally {
      process.off("SIGINT", onSigint);
      progress?.end();
    }
    if (json) process.stdout.write(`${JSON.stringify(IngestSummary.parse(summary), null, 2)}\n`);
    else if (!quiet) process.stdout.write(formatSummary(summary));
    stderr.write(formatFailures(summary));
    if (summary.interrupted) return 130;
    if (summary.files === 0) {
      stderr.write(
        `No file to ingest: the folder(s) hold no ${(extensions ?? DEFAULT_EXTENSIONS).join(", ")} file (hidden names are skipped). Check the path, or --ext.\n`,
      );
      return 1;
    }
    return summary.failed.length ? 1 : 0;
  });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** --ext txt,.docx → [".txt", ".docx"]; an empty entry is a mistake. */
function extList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(",").map((e) => e.trim());
  if (list.some((e) => !e || e === ".")) throw new UsageError(`--ext needs a comma-separated list of extensions such as txt,docx; got "${raw}".`);
  return list.map((e) => (e.startsWith(".") ? e : `.${e}`));
}
