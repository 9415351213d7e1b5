import type { Statement } from "better-sqlite3";
import { z } from "zod";
import type { Extraction } from "../model/records.js";
import { fold } from "../rules/fold.js";
import type { Db } from "./open.js";
import {
  DocumentRow,
  type DocumentRows,
  type FileFacts,
  IndicatorRow,
  IndicatorTableRow,
  MessageRow,
  SectionRow,
  TargetRow,
  TaskRow,
  toRows,
} from "./rows.js";

/** What storing one extraction did. */
export interface WriteResult {
  documentId: number;
  /** True when a row for the same path existed and was replaced. */
  replaced: boolean;
  /** Set when the records could not be stored and only a `failed` document row was written. */
  storeError?: string;
}

/** What the store knows about a path, for skipping unchanged files. */
export interface StoredState {
  sha256: string;
  parserVersion: string;
  status: string;
}

const insertSql = (table: string, columns: string[]) =>
  `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;

const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape);

/**
 * The single writer of a store. Each document is written in one transaction: delete the old
 * row for the path (cascading to its sections, records and messages), insert the new ones. A
 * failure anywhere rolls the whole document back, so a reader never sees half a document.
 * Statements are prepared once; better-sqlite3 is synchronous, so this runs on the main thread
 * while workers parse.
 */
export class DocumentWriter {
  private readonly stmts: {
    state: Statement;
    del: Statement;
    doc: Statement;
    section: Statement;
    topic: Statement;
    fts: Statement;
    table: Statement;
    indicator: Statement;
    task: Statement;
    target: Statement;
    message: Statement;
  };

  constructor(private readonly db: Db) {
    const sectionCols = keysOf(SectionRow).filter((c) => c !== "topicList");
    this.stmts = {
      state: db.prepare("SELECT sha256, parser_version AS parserVersion, status FROM documents WHERE path = ?"),
      del: db.prepare("DELETE FROM documents WHERE path = ?"),
      doc: db.prepare(insertSql("documents", keysOf(DocumentRow))),
      section: db.prepare(insertSql("sections", ["document_id", ...sectionCols])),
      topic: db.prepare("INSERT OR IGNORE INTO section_topics (section_id, topic) VALUES (?, ?)"),
      fts: db.prepare("INSERT INTO sections_fts (rowid, title, text) VALUES (?, ?, ?)"),
      table: db.prepare(insertSql("indicator_tables", ["document_id", ...keysOf(IndicatorTableRow)])),
      indicator: db.prepare(insertSql("indicators", ["document_id", ...keysOf(IndicatorRow)])),
      task: db.prepare(insertSql("tasks", ["document_id", ...keysOf(TaskRow)])),
      target: db.prepare(insertSql("targets", ["document_id", ...keysOf(TargetRow)])),
      message: db.prepare(insertSql("messages", ["document_id", ...keysOf(MessageRow)])),
    };
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
   * Stores one extraction in one transaction, replacing any earlier row for the same path.
   * When the records cannot be stored (a row fails validation or a constraint), the partial
   * transaction is rolled back and the document is recorded as `failed` with the reason, in a
   * second transaction, so the batch goes on and the failure is visible in the database.
   */
  write(ex: Extraction, facts: FileFacts): WriteResult {
    const rows = toRows(ex, facts);
    try {
      return this.writeRows(rows);
    } catch (e) {
      const reason = `The records could not be stored: ${(e as Error).message}`;
      const failed: DocumentRows = {
        document: { ...rows.document, status: "failed", error: reason, error_rule: "store.write" },
        sections: [],
        indicatorTables: [],
        indicators: [],
        tasks: [],
        targets: [],
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
          },
        ],
      };
      return { ...this.writeRows(failed), storeError: reason };
    }
  }

  /** Validates and inserts already-flattened rows in one transaction. */
  writeRows(rows: DocumentRows): WriteResult {
    return this.db.transaction((): WriteResult => {
      const s = this.stmts;
      const doc = DocumentRow.parse(rows.document);
      const replaced = s.del.run(doc.path).changes > 0;
      const documentId = Number(s.doc.run(doc).lastInsertRowid);
      for (const raw of rows.sections) {
        const { topicList, ...row } = SectionRow.parse(raw);
        const sectionId = Number(s.section.run({ document_id: documentId, ...row }).lastInsertRowid);
        for (const t of topicList) s.topic.run(sectionId, t);
        s.fts.run(sectionId, fold(row.title), fold(row.text));
      }
      for (const r of rows.indicatorTables) s.table.run({ document_id: documentId, ...IndicatorTableRow.parse(r) });
      for (const r of rows.indicators) s.indicator.run({ document_id: documentId, ...IndicatorRow.parse(r) });
      for (const r of rows.tasks) s.task.run({ document_id: documentId, ...TaskRow.parse(r) });
      for (const r of rows.targets) s.target.run({ document_id: documentId, ...TargetRow.parse(r) });
      for (const r of rows.messages) s.message.run({ document_id: documentId, ...MessageRow.parse(r) });
      return { documentId, replaced };
    })();
  }
}
