import { DEFAULT_DB } from "../store/open.js";
import { friendlyError, StoreUnavailable } from "../store/errors.js";
import { type Args, flagString } from "./args.js";

export { friendlyError };

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
    if (e instanceof RefusedError || e instanceof StoreUnavailable) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${friendlyError(e)}\n`);
    return 1;
  }
}
