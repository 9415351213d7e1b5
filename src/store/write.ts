import type { RunResult } from "better-sqlite3";
import type { Extraction } from "../model/records.js";
import { fold } from "../rules/fold.js";
import { rowValidator } from "./check.js";
import { columnNames } from "./columns.js";
import type { WriteResult } from "./types.js";
import { type Db, onBeforeClose, onBeforeSearch } from "./open.js";
import {
  DocTableRow,
  DocumentRow,
  type DocumentRows,
  type FileFacts,
  IndicatorColumnValueRow,
  DocumentPartRow,
  IndicatorRow,
  IndicatorTableRow,
  MatrixCellRow,
  MessageRow,
  SectionRow,
  TargetRow,
  TaskRow,
  toRows,
} from "./rows.js";

export type { WriteResult };

/** What the store knows about a path, for skipping unchanged files. */
export interface StoredState {
  sha256: string;
  parserVersion: string;
  status: string;
}

/** How a writer groups documents into commits. */
export interface WriterOptions {
  /**
   * Most documents committed together (default 64). 1 commits each document on its own. A
   * connection not opened by openStore always gets 1: nothing could commit its group on close.
   */
  groupSize?: number;
  /** A group is committed at the first write once its first document is this old, in ms (default 50). */
  maxDelayMs?: number;
  /**
   * How long a group may stay open across event-loop turns, in ms (default 0: it is committed
   * as soon as the running code yields). A batch whose documents arrive one per turn (parse
   * replies from workers) sets it, so its commits are grouped too; the owner then calls
   * close() or flush() before statements that need no open transaction (a checkpoint).
   */
  holdMs?: number;
}

/**
 * Thrown when SQLite itself failed (a full disk, an I/O error) in a way that undid the open
 * group: the documents written since the last commit are not stored. The database holds whole
 * documents only; re-running the batch stores the missing ones.
 */
export class StoreFailure extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(`${message}: ${(options.cause as Error)?.message ?? options.cause}`, options);
    this.name = "StoreFailure";
  }
}

/**
 * An INSERT of `columns` and a function that runs it for one row, binding the row's values
 * positionally, `document_id` first when `withDocument`.
 */
function insert<R extends object>(db: Db, table: string, columns: string[], withDocument: boolean): (documentId: number, row: R) => RunResult {
  const cols = withDocument ? ["document_id", ...columns] : columns;
  const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
  // better-sqlite3 looks every named parameter up on the row object, and a values array built
  // in a loop reads the row by computed keys: both cost a fifth to a third of an indicator
  // row's insert. So the call `stmt.run(id, row.a, row.b, …)` is generated, from the column
  // names of our own schemas (checked to be plain identifiers).
  for (const c of columns) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`Not a column name: ${c}`);
  const args = [...(withDocument ? ["id"] : []), ...columns.map((c) => `row.${c}`)].join(", ");
  return new Function("stmt", `return (id, row) => stmt.run(${args});`)(stmt);
}

/** The columns of a row schema (columns.ts): the one declaration of what a table holds. */
const keysOf = columnNames;

/** One validator per kind of row, compiled once (check.ts). */
const validate = {
  document: rowValidator("document", DocumentRow),
  parts: rowValidator("document_parts", DocumentPartRow),
  sections: rowValidator("sections", SectionRow),
  indicatorTables: rowValidator("indicator_tables", IndicatorTableRow),
  indicators: rowValidator("indicators", IndicatorRow),
  tasks: rowValidator("tasks", TaskRow),
  targets: rowValidator("targets", TargetRow),
  messages: rowValidator("messages", MessageRow),
  docTables: rowValidator("doc_tables", DocTableRow),
  indicatorColumnValues: rowValidator("indicator_column_values", IndicatorColumnValueRow),
  matrixCells: rowValidator("matrix_cells", MatrixCellRow),
};

/** Checks every row of a document against its schema; throws a RowError for the first bad one. */
export function validateRows(rows: DocumentRows): void {
  validate.document([rows.document]);
  validate.parts(rows.parts ?? []);
  validate.sections(rows.sections);
  validate.indicatorTables(rows.indicatorTables);
  validate.indicators(rows.indicators);
  validate.tasks(rows.tasks);
  validate.targets(rows.targets);
  validate.messages(rows.messages);
  validate.docTables(rows.docTables);
  validate.indicatorColumnValues(rows.indicatorColumnValues);
  validate.matrixCells(rows.matrixCells);
}

/** The rows of a document whose records could not be stored: its documents row, failed, and the reason. */
export function failedRows(rows: DocumentRows, reason: string): DocumentRows {
  return {
    document: { ...rows.document, status: "failed", error: reason, error_rule: "store.write" },
    parts: [],
    sections: [],
    indicatorTables: [],
    indicators: [],
    tasks: [],
    targets: [],
    docTables: [],
    indicatorColumnValues: [],
    matrixCells: [],
    messages: [
      {
        severity: "error",
        rule_id: "store.write",
        reason,
        page: null,
        line: null,
        table_index: null,
        row_index: null,
        column_index: null,
        actual_json: null,
        expected_json: null,
        part: 0,
      },
    ],
  };
}

/**
 * The single writer of a store. Each document is one unit: delete the old row for the path
 * (cascading to its sections, records and messages), insert the new ones; a failure anywhere
 * undoes the whole document, so a reader never sees half a document.
 *
 * Group commit: a commit per document cost more than the document's inserts (each commit
 * appends every page it touched, the last leaf of every table and index, to the WAL, and
 * every ten thousand pages (open.ts) a checkpoint copies them back with two fsyncs), so documents are
 * written as SAVEPOINTs inside one outer transaction that commits every `groupSize`
 * documents, once the group is `maxDelayMs` old, and in any case as soon as the code that is
 * running returns to the event loop (a microtask): a group never waits across an `await`, so
 * other code on the connection (a checkpoint, a close) and other connections see every
 * document written before it. `db.close()` commits the open group first; a killed process
 * loses at most the uncommitted group, whole documents only. `write()` returning means the
 * document is in the group; it is durable once the group commits. Statements of your own on
 * this connection between writes of one burst run inside the open group: call flush() first
 * when they need no open transaction (wal_checkpoint, VACUUM, BEGIN, a db.transaction()
 * around write()).
 *
 * The section search index (sections_fts) of a group is filled when the group commits, in one
 * go: FTS5 writes what it holds in memory to a new index segment at every SAVEPOINT, so filled
 * document by document it made a segment per document and merged them again and again (a
 * third of the writer's time). It is in the same transaction as the rows, so a commit, a
 * rollback and a crash treat it exactly as them. The writer's own connection sees the group's
 * rows at once; searchSections on it (and flush()) fills the index first.
 *
 * Statements are prepared once; better-sqlite3 is synchronous, so this runs on the main thread
 * while workers parse.
 */
export class DocumentWriter {
  private readonly stmts;
  private readonly groupSize: number;
  private readonly maxDelayMs: number;
  private readonly holdMs: number;
  /** Runs one document as a transaction, or as a SAVEPOINT inside the group. */
  private readonly unit: (rows: DocumentRows, entries: (number | string)[] | undefined) => WriteResult;
  private readonly removeCloseHook: (() => void) | undefined;
  private readonly removeSearchHook: (() => void) | undefined;
  /**
   * The search index entries of the open group's documents, by path (a path written twice in
   * one group keeps the latest): section id, title and text, three values per section.
   */
  private readonly unindexed = new Map<string, (number | string)[]>();
  private group: { documents: number; started: number } | undefined;
  private closed = false;
  private flushQueued = false;
  /** A commit that failed in a microtask, thrown by the next call. */
  private failure: Error | undefined;

  constructor(
    private readonly db: Db,
    options: WriterOptions = {},
  ) {
    this.stmts = {
      state: db.prepare("SELECT sha256, parser_version AS parserVersion, status FROM documents WHERE path = ?"),
      del: db.prepare("DELETE FROM documents WHERE path = ?"),
      doc: insert<DocumentRow>(db, "documents", keysOf(DocumentRow), false),
      part: insert<DocumentPartRow>(db, "document_parts", keysOf(DocumentPartRow), true),
      section: insert<SectionRow>(db, "sections", keysOf(SectionRow), true),
      topic: db.prepare("INSERT OR IGNORE INTO section_topics (section_id, topic) VALUES (?, ?)"),
      fts: db.prepare("INSERT INTO sections_fts (rowid, title, text) VALUES (?, ?, ?)"),
      table: insert<IndicatorTableRow>(db, "indicator_tables", keysOf(IndicatorTableRow), true),
      indicator: insert<IndicatorRow>(db, "indicators", keysOf(IndicatorRow), true),
      task: insert<TaskRow>(db, "tasks", keysOf(TaskRow), true),
      target: insert<TargetRow>(db, "targets", keysOf(TargetRow), true),
      message: insert<MessageRow>(db, "messages", keysOf(MessageRow), true),
      docTable: insert<DocTableRow>(db, "doc_tables", keysOf(DocTableRow), true),
      columnValue: insert<IndicatorColumnValueRow>(db, "indicator_column_values", keysOf(IndicatorColumnValueRow), true),
      matrixCell: insert<MatrixCellRow>(db, "matrix_cells", keysOf(MatrixCellRow), true),
      begin: db.prepare("BEGIN IMMEDIATE"),
      commit: db.prepare("COMMIT"),
      rollback: db.prepare("ROLLBACK"),
    };
    this.unit = db.transaction((rows: DocumentRows, entries: (number | string)[] | undefined) => this.insert(rows, entries));
    this.removeCloseHook = onBeforeClose(db, () => this.flush());
    this.removeSearchHook = onBeforeSearch(db, () => this.index());
    this.groupSize = this.removeCloseHook ? Math.max(1, options.groupSize ?? 64) : 1;
    this.maxDelayMs = options.maxDelayMs ?? 50;
    this.holdMs = options.holdMs ?? 0;
  }

  /** The stored sha256, parser version and status for a path, or undefined. */
  stored(path: string): StoredState | undefined {
    return this.stmts.state.get(path) as StoredState | undefined;
  }

  /**
   * True when the path is stored with this content and parser version and did not fail: then
   * parsing it again would change nothing. Failed files are retried, since the cause (a
   * missing format module, a too-short --timeout) may be gone.
   */
  isUnchanged(path: string, sha256: string, parserVersion: string): boolean {
    const s = this.stored(path);
    return !!s && s.sha256 === sha256 && s.parserVersion === parserVersion && s.status !== "failed";
  }

  /**
   * Stores one extraction as one unit, replacing any earlier row for the same path. When the
   * records cannot be stored (a row fails validation or a constraint), that document's writes
   * are undone and it is recorded as `failed` with the reason, as a unit of its own, so the
   * batch goes on and the failure is visible in the database. Throws a StoreFailure only when
   * SQLite itself failed (see the class).
   */
  write(ex: Extraction, facts: FileFacts): WriteResult {
    const rows = toRows(ex, facts);
    try {
      return this.writeRows(rows);
    } catch (e) {
      if (e instanceof StoreFailure) throw e;
      const reason = `The records could not be stored: ${(e as Error).message}`;
      const failed = failedRows(rows, reason);
      return { ...this.writeRows(failed), storeError: reason };
    }
  }

  /** Validates already-flattened rows and inserts them as one unit (see the class). */
  writeRows(rows: DocumentRows): WriteResult {
    if (this.closed) throw new Error("This DocumentWriter is closed; make a new one to write again.");
    this.throwFailure();
    // Validated before any statement runs: a bad row costs no SAVEPOINT and no rollback.
    validateRows(rows);

    if (this.groupSize > 1 && !this.group && !this.db.inTransaction) {
      this.stmts.begin.run();
      this.group = { documents: 0, started: performance.now() };
    }
    let result: WriteResult;
    // In a group, the document's index entries wait for the commit (see the class).
    const entries = this.group ? [] : undefined;
    try {
      result = this.unit(rows, entries);
    } catch (e) {
      // Some SQLite errors (SQLITE_FULL, SQLITE_IOERR, …) roll back the whole transaction, not
      // just the statement: then the group's earlier documents are gone too, and saying so is
      // the only honest answer.
      if (this.group && !this.db.inTransaction) {
        const lost = this.group.documents;
        this.group = undefined;
        this.unindexed.clear();
        throw new StoreFailure(`SQLite rolled back the open transaction; the ${lost} document(s) written since the last commit are not stored`, { cause: e });
      }
      throw e;
    }
    // Only once the document is in: a document undone keeps the entries of the one it replaced.
    if (entries) {
      this.unindexed.delete(rows.document.path);
      if (entries.length) this.unindexed.set(rows.document.path, entries);
    }
    if (this.group) {
      this.group.documents++;
      if (this.group.documents >= this.groupSize || performance.now() - this.group.started >= this.maxDelayMs) this.flush();
      else this.queueFlush();
    }
    return result;
  }

  /** Commits the open group, if any. */
  flush(): void {
    this.throwFailure();
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      this.index();
      this.stmts.commit.run();
    } catch (e) {
      this.unindexed.clear();
      if (this.db.inTransaction) this.stmts.rollback.run();
      throw new StoreFailure(`Committing ${group.documents} document(s) failed; they are not stored`, { cause: e });
    }
  }

  /** Commits the open group; the writer takes no more documents. The connection stays open. */
  close(): void {
    this.closed = true;
    this.removeCloseHook?.();
    this.removeSearchHook?.();
    this.flush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const commit = () => {
      this.flushQueued = false;
      try {
        if (this.db.open) this.flush();
      } catch (e) {
        // Nobody is on the stack to catch it: the next write, flush or close throws it.
        this.failure = e as Error;
      }
    };
    // With holdMs, a timer commits a group that no further write fills or ages; unref'd, so an
    // idle writer does not keep the process alive (close() commits what is left).
    if (this.holdMs > 0) setTimeout(commit, this.holdMs).unref();
    else queueMicrotask(commit);
  }

  private throwFailure(): void {
    const f = this.failure;
    if (!f) return;
    this.failure = undefined;
    throw f;
  }

  /**
   * Fills the search index with the open group's held-back entries (inside the group's
   * transaction; the commit is flush's).
   */
  private index(): void {
    for (const entries of this.unindexed.values()) this.indexEntries(entries);
    this.unindexed.clear();
  }

  private indexEntries(entries: (number | string)[]): void {
    const fts = this.stmts.fts;
    for (let i = 0; i < entries.length; i += 3) fts.run(entries[i], fold(entries[i + 1] as string), fold(entries[i + 2] as string));
  }

  /**
   * The inserts of one document; runs inside `unit`. Its search index entries go to `entries`
   * when given (a group: indexed at the commit), else into the index at once.
   */
  private insert(rows: DocumentRows, entries: (number | string)[] | undefined): WriteResult {
    const s = this.stmts;
    const doc = rows.document;
    // A document of this group replaced: its entries go in first, so the cascade below takes
    // them out again as it does for any stored document. (Kept in the map until this
    // document is in: if it is undone, so is this.)
    const held = this.unindexed.get(doc.path);
    if (held) this.indexEntries(held);
    const replaced = s.del.run(doc.path).changes > 0;
    const documentId = Number(s.doc(0, doc).lastInsertRowid);
    for (const r of rows.parts ?? []) s.part(documentId, r);
    for (const row of rows.sections) {
      const sectionId = Number(s.section(documentId, row).lastInsertRowid);
      for (const t of row.topicList) s.topic.run(sectionId, t);
      if (entries) entries.push(sectionId, row.title, row.text);
      else s.fts.run(sectionId, fold(row.title), fold(row.text));
    }
    for (const r of rows.indicatorTables) s.table(documentId, r);
    for (const r of rows.indicators) s.indicator(documentId, r);
    for (const r of rows.tasks) s.task(documentId, r);
    for (const r of rows.targets) s.target(documentId, r);
    for (const r of rows.messages) s.message(documentId, r);
    for (const r of rows.docTables) s.docTable(documentId, r);
    for (const r of rows.indicatorColumnValues) s.columnValue(documentId, r);
    for (const r of rows.matrixCells) s.matrixCell(documentId, r);
    return { documentId, replaced };
  }
}
