import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { fold } from "../rules/fold.js";
import { migrate, SCHEMA_VERSION, SchemaTooNewError } from "./migrations.js";

/** Where the CLI keeps its database unless `--db` says otherwise (git-ignored). */
export const DEFAULT_DB = "data/baocao.sqlite";

export type Db = Database.Database;

/**
 * The connection openStore returns: a better-sqlite3 Database that runs hooks just before it
 * closes, so a DocumentWriter's open group of documents is committed by `db.close()` instead
 * of being rolled back with it (see DocumentWriter).
 */
class StoreDatabase extends Database {
  readonly #beforeClose = new Set<() => void>();

  addCloseHook(fn: () => void): () => void {
    this.#beforeClose.add(fn);
    return () => this.#beforeClose.delete(fn);
  }

  override close(): this {
    try {
      for (const fn of [...this.#beforeClose]) fn();
    } finally {
      // Closed even when a hook fails (a commit on a full disk), then the failure is thrown.
      this.#beforeClose.clear();
      super.close();
    }
    return this;
  }
}

/**
 * Registers `fn` to run before `db.close()`; returns its removal, or undefined when the
 * connection was not made by openStore (then nothing can run before it closes).
 */
export function onBeforeClose(db: Db, fn: () => void): (() => void) | undefined {
  return db instanceof StoreDatabase ? db.addCloseHook(fn) : undefined;
}

export interface OpenOptions {
  /**
   * Open read-only (for `query`, `search`, `export`): SQLite itself refuses writes, so a user's
   * SQL cannot change the data. The file must exist and is not migrated.
   */
  readonly?: boolean;
}

/** Thrown when a read-only open finds no database file. */
export class NoDatabaseError extends Error {
  constructor(readonly file: string) {
    super(`No database at ${file}. Create one with: baocao ingest PATH… --db ${file}`);
    this.name = "NoDatabaseError";
  }
}

/**
 * Opens (creating the folder and file if needed) and migrates a store. WAL lets readers run
 * while an ingest writes; foreign keys are per-connection in SQLite and must be switched on for
 * the ON DELETE CASCADE that replaces a changed document. Registers `fold(text)` so SQL can
 * compare accent-insensitively: `WHERE fold(issuer) LIKE '%ha noi%'`.
 */
export function openStore(file: string, options: OpenOptions = {}): Db {
  if (options.readonly) {
    if (file !== ":memory:" && !existsSync(file)) throw new NoDatabaseError(file);
  } else if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new StoreDatabase(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.function("fold", { deterministic: true }, (s: unknown) => (typeof s === "string" ? fold(s) : s));
  if (options.readonly) {
    // A read-only connection cannot migrate; a stale schema would give confusing SQL errors.
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      db.close();
      if (version > SCHEMA_VERSION) throw new SchemaTooNewError(version);
      throw new Error(
        `The database ${file} has schema version ${version}, this baocao expects ${SCHEMA_VERSION}. Run any \`baocao ingest … --db ${file}\` once to upgrade it.`,
      );
    }
    return db;
  }
  db.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode (only an OS crash may lose the
  // last commits), and makes the per-document commits several times cheaper.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // The writer puts each document in a SAVEPOINT. What a rollback to it needs goes to a
  // statement journal, a temporary file by default: writing it cost about a sixth of the
  // write time. In memory it holds at most the pages one document changed.
  db.pragma("temp_store = MEMORY");
  migrate(db);
  return db;
}
