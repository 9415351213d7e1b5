import Database from "better-sqlite3";
import type { Extraction } from "../model/records.js";
import type { ExportKind } from "./exports.js";
import { exportSql } from "./reviewed-exports.js";
import { type Db, openStore } from "./open.js";
import type { FileFacts } from "./rows.js";
import { type SearchOptions, searchSections } from "./search.js";
import { BadSearchQuery, type DocumentSink, ReadOnlyRefusal, type RowSet, type StoreReader, type WriteResult } from "./types.js";
import { unmatchedLabels } from "./unmatched.js";
import { DocumentWriter, type WriterOptions } from "./write.js";

/**
 * The SQLite store behind the DocumentSink interface: one file, one writer (the store's
 * writer lock), documents group-committed by DocumentWriter (write.ts).
 */
export class SqliteSink implements DocumentSink {
  readonly location: string;
  private readonly db: Db;
  private readonly writer: DocumentWriter;

  constructor(file: string, options: WriterOptions = {}) {
    this.location = file;
    this.db = openStore(file, { lock: true });
    this.writer = new DocumentWriter(this.db, options);
  }

  async isUnchanged(path: string, sha256: string, parserVersion: string): Promise<boolean> {
    return this.writer.isUnchanged(path, sha256, parserVersion);
  }

  async write(ex: Extraction, facts: FileFacts): Promise<WriteResult> {
    return this.writer.write(ex, facts);
  }

  async documentCount(): Promise<number | null> {
    if (this.db.open) return countDocuments(this.db);
    if (this.location === ":memory:") return null;
    // After a failed close: a fresh read-only look at what was committed.
    try {
      const db = new Database(this.location, { readonly: true, fileMustExist: true });
      try {
        return countDocuments(db);
      } finally {
        db.close();
      }
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      this.writer.close(); // commits the open group
    } finally {
      try {
        // Fold the WAL back so the .sqlite file alone is complete when copied elsewhere, and
        // leave the store in rollback-journal mode: a WAL database cannot be opened read-only
        // where its -shm file cannot be made (a read-only disk). The next ingest turns WAL on
        // again. Skipped (the store stays in WAL) while a reader holds it open.
        this.db.pragma("wal_checkpoint(TRUNCATE)");
        this.db.pragma("journal_mode = DELETE");
      } catch {
        // busy: another connection reads; WAL stays, which is correct, only less portable
      } finally {
        this.db.close();
      }
    }
  }
}

function countDocuments(db: Db): number | null {
  try {
    return (db.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
  } catch {
    return null;
  }
}

/** The SQLite store's read side: a read-only connection (SQLite itself refuses writes). */
export class SqliteReader implements StoreReader {
  readonly location: string;
  readonly db: Db;

  constructor(file: string) {
    this.location = file;
    this.db = openStore(file, { readonly: true });
  }

  async query(sql: string): Promise<RowSet> {
    const stmt = this.db.prepare(sql);
    refuseUnlessPureRead(stmt);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.iterate() as Iterable<Record<string, unknown>> };
  }

  async exportRows(kind: ExportKind, options: { raw?: boolean } = {}): Promise<RowSet> {
    const stmt = this.db.prepare(exportSql(kind, options));
    const columns = stmt.columns();
    return {
      columns: columns.map((c) => c.name),
      types: columns.map((c) => c.type),
      // Opened when read: one connection iterates one statement at a time (xlsx reads several kinds).
      rows: { [Symbol.iterator]: () => (stmt.iterate() as Iterable<Record<string, unknown>>)[Symbol.iterator]() },
    };
  }

  async search(query: string, options: SearchOptions = {}) {
    try {
      return searchSections(this.db, query, options);
    } catch (e) {
      // SQLite's "fts5: syntax error near …" / "unterminated string" are about the user's query.
      if (options.mode === "fts" && (e as { code?: string }).code === "SQLITE_ERROR")
        throw new BadSearchQuery(
          `The search is not valid FTS5 syntax (${(e as Error).message.replace(/^fts5: /, "")}). Leave out --fts to search the words as given, or close quotes and parentheses.`,
        );
      throw e;
    }
  }

  async unmatched(options: { groups?: boolean; limit?: number } = {}) {
    return unmatchedLabels(this.db, options);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * The authorizer of `query`: only a statement that returns rows and that SQLite itself
 * declares read-only (sqlite3_stmt_readonly, exposed as `stmt.readonly`) runs. A read-only
 * connection alone is not enough: `VACUUM INTO 'file'` writes a new database file through it,
 * and `ATTACH 'file'` (read-only by SQLite's definition, but no rows) opens other files. Both
 * are decided by SQLite's compiler, not by matching the SQL text, so comments, case, stdin
 * and CTEs change nothing.
 */
export function refuseUnlessPureRead(stmt: { reader: boolean; readonly: boolean }): void {
  if (!stmt.reader)
    throw new ReadOnlyRefusal(
      "query runs only statements that return rows (SELECT, WITH …, read-only PRAGMA); this one (e.g. VACUUM INTO, ATTACH, INSERT, CREATE) could write files or change the store. Use baocao export --out FILE to copy data out.",
    );
  if (!stmt.readonly) throw new ReadOnlyRefusal("query runs only read-only statements; this one would write to the database or to a file.");
}
