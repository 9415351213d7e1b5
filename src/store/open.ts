import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
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
 * of being rolled back with it (see DocumentWriter), and just before a section search on it,
 * so the search index entries a writer holds back until its group commits are searchable.
 */
class StoreDatabase extends Database {
  readonly #beforeClose = new Set<() => void>();
  readonly #beforeSearch = new Set<() => void>();

  addCloseHook(fn: () => void): () => void {
    this.#beforeClose.add(fn);
    return () => this.#beforeClose.delete(fn);
  }

  addSearchHook(fn: () => void): () => void {
    this.#beforeSearch.add(fn);
    return () => this.#beforeSearch.delete(fn);
  }

  beforeSearch(): void {
    for (const fn of [...this.#beforeSearch]) fn();
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

/**
 * Registers `fn` to run before a section search on `db` (searchSections); returns its removal,
 * or undefined when the connection was not made by openStore.
 */
export function onBeforeSearch(db: Db, fn: () => void): (() => void) | undefined {
  return db instanceof StoreDatabase ? db.addSearchHook(fn) : undefined;
}

/** Runs the hooks registered with onBeforeSearch (none on other connections). */
export function beforeSearch(db: Db): void {
  if (db instanceof StoreDatabase) db.beforeSearch();
}

export interface OpenOptions {
  /**
   * Open read-only (for `query`, `search`, `export`): SQLite itself refuses writes, so a user's
   * SQL cannot change the data. The file must exist and is not migrated.
   */
  readonly?: boolean;
  /**
   * Take the store's single-writer lock (a writable open only): a second process asking for it
   * while the first holds it gets a StoreLockedError at once instead of two batches fighting
   * over the database. Released by close(), and by the operating system if the process dies.
   */
  lock?: boolean;
}

/** Thrown by a locking open when another connection holds the store's writer lock. */
export class StoreLockedError extends Error {
  constructor(readonly file: string) {
    super(`Another baocao ingest is writing to ${file}. Wait for it to finish (or stop it), then run this one again; or use another --db.`);
    this.name = "StoreLockedError";
  }
}

/**
 * The writer lock: an exclusive SQLite lock on a companion file FILE.lock, held by an open
 * transaction. SQLite's file locks are released by the operating system when the holder dies
 * (kill -9 leaves no stale lock), and work between connections of one process too. The main
 * database is not locked exclusively, so readers (query, search, export) go on during an ingest.
 */
function takeWriterLock(file: string): () => void {
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
  } catch (e) {
    lock.close();
    const code = (e as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) throw new StoreLockedError(file);
    throw e;
  }
  return () => {
    try {
      lock.exec("ROLLBACK");
    } finally {
      lock.close();
    }
  };
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
  // better-sqlite3 opens "" as a temporary database that is deleted on close.
  if (!file.trim()) throw new Error("The database file name is empty; name a file (e.g. --db data/baocao.sqlite).");
  if (options.readonly) {
    if (file !== ":memory:" && !existsSync(file)) throw new NoDatabaseError(file);
    if (file !== ":memory:" && statSync(file).isDirectory()) throw new Error(`${file} is a folder, not a database file.`);
  } else if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const release = options.lock && !options.readonly && file !== ":memory:" ? takeWriterLock(file) : undefined;
  let db: StoreDatabase;
  try {
    db = options.readonly ? openReadonly(file) : new StoreDatabase(file);
  } catch (e) {
    release?.();
    throw e;
  }
  if (release) db.addCloseHook(release);
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
  // Readers and the writer lock keep writers apart; this only bridges a checkpoint or a
  // reader's short lock, and stays bounded.
  db.pragma("busy_timeout = 5000");
  // The writer puts each document in a SAVEPOINT. What a rollback to it needs goes to a
  // statement journal, a temporary file by default: writing it cost about a sixth of the
  // write time. In memory it holds at most the pages one document changed.
  db.pragma("temp_store = MEMORY");
  // A commit that leaves the WAL longer than this many pages copies it back into the database
  // (a checkpoint, with an fsync of each file). At SQLite's 1,000 (4 MB) a batch checkpointed
  // every ~40 documents and copied the pages every group rewrites (the last leaf of each table
  // and index, the interior pages above them) again each time: a tenth of the writer's CPU.
  // 10,000 pages is a WAL of up to ~40 MB during an ingest; close() folds it back and truncates it.
  db.pragma("wal_autocheckpoint = 10000");
  migrate(db);
  return db;
}

/**
 * A read-only connection. A WAL-mode database needs its -shm file, which a read-only disk
 * (a CD, a read-only mount, a folder without write permission) cannot give: then the file is
 * read into memory and opened from there (with the header's WAL flag cleared, as nothing can
 * change it). `baocao ingest` leaves stores in rollback-journal mode, so this is for stores
 * written by other tools or an interrupted ingest.
 */
function openReadonly(file: string): StoreDatabase {
  const db = new StoreDatabase(file, { readonly: true, fileMustExist: true });
  if (file === ":memory:") return db;
  try {
    db.pragma("user_version", { simple: true });
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? "";
    if (!code.startsWith("SQLITE_CANTOPEN") && !code.startsWith("SQLITE_READONLY")) throw e;
  }
  const bytes = readFileSync(file);
  // Bytes 18 and 19 are the read and write format versions: 2 = WAL, 1 = rollback journal.
  if (bytes.length >= 20 && bytes[18] === 2) bytes[18] = bytes[19] = 1;
  return new StoreDatabase(bytes, { readonly: true });
}
