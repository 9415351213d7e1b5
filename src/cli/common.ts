import { DEFAULT_DB } from "../store/open.js";
import { type Args, flagString } from "./args.js";

/** The --db flag, default data/baocao.sqlite (relative to the working directory). */
export function dbPath(args: Args): string {
  const db = flagString(args, "db");
  // better-sqlite3 reads "" as "a temporary database, deleted on close": a whole run thrown away.
  if (db !== undefined && !db.trim()) throw new UsageError("--db needs a file name; an empty one would store into a temporary database that is thrown away.");
  return db ?? DEFAULT_DB;
}

/** An integer flag, or the default; throws a usage error for anything else. */
export function intFlag(args: Args, name: string, fallback: number, min = 0): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const n = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number ≥ ${min}, got "${raw === true ? "" : raw}".`);
  return n;
}

/** One of a fixed set of values for a flag. */
export function choiceFlag<T extends string>(args: Args, name: string, choices: readonly T[], fallback: T): T {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  if (typeof raw === "string" && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${name} must be one of ${choices.join(", ")}.`);
}

/** A mistake in the command line: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * A refusal before anything was done (a lock held by another run, an output path that is a
 * database): one line on stderr, without the help, exit code 2.
 */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

/**
 * The sentence a user can act on for an error from SQLite or Node, instead of its raw text
 * (`SQLITE_NOTADB`, `EEXIST: file already exists, mkdir …`). Unknown errors keep their message.
 */
export function friendlyError(e: unknown): string {
  const err = e as { code?: string; message?: string; path?: string; syscall?: string; cause?: { code?: string } };
  if (!err?.code && typeof err?.cause?.code === "string") {
    // A wrapper (the store's StoreFailure) says what was lost; its cause says why.
    const what = (err.message ?? "").split(": ")[0];
    return `${friendlyError(err.cause)}${what ? ` (${what}.)` : ""}`;
  }
  const msg = err?.message ?? String(e);
  const path = err?.path ? ` (${err.path})` : "";
  switch (err?.code) {
    case "SQLITE_NOTADB":
      return "The --db file is not an SQLite database (wrong file, or damaged beyond its header). Give the right --db, or a new file name to start a new store.";
    case "SQLITE_CORRUPT":
    case "SQLITE_CORRUPT_VTAB":
      return `The database is damaged (${msg}). Restore a copy, or re-create it: baocao ingest PATH… --db NEW.sqlite`;
    case "SQLITE_FULL":
    case "ENOSPC":
      return `The disk is full${path}. Free some space and run the command again.`;
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return "The database is locked by another program writing to it. Wait for it to finish and run the command again.";
    case "SQLITE_READONLY":
    case "EROFS":
    case "EACCES":
    case "EPERM":
      return `No permission to write there${path} (read-only disk or file). Choose a writable --db or --out.`;
    case "SQLITE_CANTOPEN":
      return `The database file cannot be opened (${msg}): check that its folder exists and is readable.`;
    case "EEXIST":
    case "ENOTDIR":
      return `A file is in the way where a folder is needed${path}: choose another --db or --out path.`;
    case "EISDIR":
      return `That path is a folder, not a file${path}: name a file.`;
    case "ENOENT":
      return `No such file or folder${path}.`;
  }
  if (typeof err?.code === "string" && err.code.startsWith("SQLITE_")) {
    if (/fts5: syntax error/.test(msg)) return `The search is not valid FTS5 syntax (${msg.replace(/^fts5: /, "")}). Leave out --fts to search the words as given, or quote phrases with "…".`;
    return `SQL error: ${msg}`;
  }
  return msg;
}

/**
 * Runs a command body, turning a UsageError into its message plus help (exit 2), a
 * RefusedError into its message (exit 2) and any other error (no database, bad SQL) into one
 * line a user can act on (exit 1) instead of a stack trace.
 */
export async function guard(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${help}\n`);
      return 2;
    }
    if (e instanceof RefusedError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${friendlyError(e)}\n`);
    return 1;
  }
}
