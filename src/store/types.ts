import type { Extraction } from "../model/records.js";
import type { ExportKind } from "./exports.js";
import type { FileFacts } from "./rows.js";
import type { SearchHit, SearchOptions } from "./search.js";
import type { UnmatchedLabel } from "./unmatched.js";

/**
 * The seam between the application (batch, CLI, queue workers) and a database engine. Two
 * engines implement it: SQLite (src/store/sqlite.ts, the embedded default) and PostgreSQL
 * (src/store/postgres/, the shared store of several machines). `openWriter`/`openReader` in
 * src/store/connect.ts choose one from the `--db` value. Every method is asynchronous because
 * a network database is; the SQLite implementation answers at once.
 */

/** What storing one extraction did. */
export interface WriteResult {
  /** The documents row's id (engine-assigned, stable until the path is re-ingested). */
  documentId: number;
  /** True when a row for the same path existed and was replaced. */
  replaced: boolean;
  /** Set when the records could not be stored and only a `failed` document row was written. */
  storeError?: string;
}

/** The write side: documents go in whole (all their rows or none) and are keyed by path. */
export interface DocumentSink {
  /** Where the data goes, for messages: a file path or a connection string without password. */
  readonly location: string;
  /**
   * True when `path` is stored with this content (sha256) and parser version and did not fail:
   * parsing it again would change nothing.
   */
  isUnchanged(path: string, sha256: string, parserVersion: string): Promise<boolean>;
  /**
   * Stores one extraction atomically, replacing an earlier row for the same path. Records that
   * cannot be stored make the document `failed` with the reason (storeError) instead of
   * throwing; throws only when the engine itself failed (a full disk, a lost connection).
   */
  write(ex: Extraction, facts: FileFacts): Promise<WriteResult>;
  /** Documents stored now, or null when the store cannot be read (for "what was kept"). */
  documentCount(): Promise<number | null>;
  /** Makes every write durable and releases the connection (and any writer lock). */
  close(): Promise<void>;
}

/** Rows of a read: the column names in order and the rows, streamed where the engine can. */
export interface RowSet {
  columns: string[];
  /** The engine's declared type of each column where it knows one (typed exports: Parquet, xlsx). */
  types?: (string | null)[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

/** The read side that query, export, search and catalog use. */
export interface StoreReader {
  readonly location: string;
  /**
   * One user statement, read-only: a statement that returns no rows or could write is refused
   * with a ReadOnlyRefusal. `fold(text)` (lowercase, no diacritics, đ→d) is available in SQL.
   */
  query(sql: string): Promise<RowSet>;
  /**
   * Every record of one kind with its document (src/store/exports.ts): the reviewed data
   * (src/store/reviewed-exports.ts) unless `raw`.
   */
  exportRows(kind: ExportKind, options?: { raw?: boolean }): Promise<RowSet>;
  /** Accent-insensitive search over section titles and text, best first (src/store/search.ts). */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Indicator labels no catalog entry matched, most frequent first (src/store/unmatched.ts). */
  unmatched(options?: { groups?: boolean; limit?: number }): Promise<UnmatchedLabel[]>;
  close(): Promise<void>;
}

/** A `query` statement refused because it returns no rows or could write. */
export class ReadOnlyRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadOnlyRefusal";
  }
}

/** A search query the engine cannot read (bad --fts syntax): the user's mistake, not the store's. */
export class BadSearchQuery extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadSearchQuery";
  }
}
