import { DEFAULT_DB } from "../store/open.js";
import { type Args, flagString } from "./args.js";

/** The --db flag, default data/baocao.sqlite (relative to the working directory). */
export function dbPath(args: Args): string {
  return flagString(args, "db") ?? DEFAULT_DB;
}

/** An integer flag, or the default; throws a usage error for anything else. */
export function intFlag(args: Args, name: string, fallback: number, min = 0): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const n = typeof raw === "string" ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number ≥ ${min}, got "${raw === true ? "" : raw}".`);
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
 * Runs a command body, turning a UsageError into its message plus help (exit 2) and any other
 * error (no database, bad SQL) into one line on stderr (exit 1) instead of a stack trace.
 */
export async function guard(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${help}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
