import { z } from "zod";
import type { ConfidenceReason } from "../model/records.js";
import type { Db } from "../store/open.js";

/**
 * Every database access of the review application (src/review), in one module so that it can
 * be routed to another store later. Statements are prepared from constant SQL; every value is
 * bound, never spliced into the text. Corrections are appended, never changed
 * (migrations.ts, version 7, refuses UPDATE and DELETE on them).
 */

/** Kinds of things a reviewer can correct. */
export const RecordKind = z.enum(["indicator", "task", "target", "metadata"]);
export type RecordKind = z.infer<typeof RecordKind>;
export const Action = z.enum(["accept", "correct", "reject", "note"]);
export type Action = z.infer<typeof Action>;

/** A correctable field: its column, whether it holds a number, and the longest text it takes. */
interface FieldSpec {
  numeric: boolean;
  /** Column of the raw table or view that holds the current value. */
  column: string;
}
/** What a reviewer may correct, per kind (the reviewed views apply exactly these). */
export const FIELDS: Record<RecordKind, Record<string, FieldSpec>> = {
  indicator: { value: { numeric: true, column: "value" }, unit: { numeric: false, column: "unit" }, indicator_id: { numeric: false, column: "indicator_id" } },
  task: {
    content: { numeric: false, column: "content" },
    output: { numeric: false, column: "output" },
    owner: { numeric: false, column: "owner" },
    timeframe: { numeric: false, column: "timeframe" },
  },
  target: { target: { numeric: true, column: "target" }, unit: { numeric: false, column: "unit" }, owner: { numeric: false, column: "owner" } },
  metadata: {
    doc_type: { numeric: false, column: "doc_type" },
    number: { numeric: false, column: "number" },
    issued_on: { numeric: false, column: "issued_on" },
    issuer: { numeric: false, column: "issuer" },
    unit_level: { numeric: false, column: "unit_level" },
    province: { numeric: false, column: "province" },
    period_kind: { numeric: false, column: "period_kind" },
    period_year: { numeric: true, column: "period_year" },
    signer: { numeric: false, column: "signer" },
    subject: { numeric: false, column: "subject" },
  },
};

/** Metadata field names of the confidence stage → the documents column a reviewer corrects. */
export const METADATA_COLUMN: Record<string, string> = {
  docType: "doc_type",
  number: "number",
  date: "issued_on",
  issuer: "issuer",
  unitLevel: "unit_level",
  province: "province",
  period: "period_year",
  signer: "signer",
  subject: "subject",
};

export const MAX_NOTE = 2000;
export const MAX_TEXT = 500;

/** A correction as the application hands it to the store (already validated by the server). */
export interface NewCorrection {
  documentId: number;
  kind: RecordKind;
  /** 't<table>r<row>' for records, 'p0' for metadata. */
  key: string;
  action: Action;
  /** Column corrected ('' for accept, reject and note of a whole record; a metadata column for any action on metadata). */
  field: string;
  /** The new value (correct only): a number for numeric fields, else a string or null. */
  value?: number | string | null;
  note?: string | null;
  reviewer: string;
  /** ISO timestamp; defaults to now. */
  at?: string;
}

/** A row of the corrections table. */
export interface CorrectionRow {
  id: number;
  sha256: string;
  kind: RecordKind;
  record_key: string;
  field: string;
  action: Action;
  old_json: string | null;
  new_json: string | null;
  note: string | null;
  reviewer: string;
  at: string;
}

export interface DocumentFilters {
  status?: string;
  format?: string;
  doc_type?: string;
  issuer?: string;
  unit_level?: string;
  province?: string;
  period_year?: number;
}
/** The filterable columns of the document list, in display order. */
export const DOCUMENT_FILTERS = ["status", "format", "doc_type", "issuer", "unit_level", "province", "period_year"] as const;

export interface QueueItem {
  documentId: number;
  path: string;
  kind: RecordKind;
  key: string;
  /** The metadata field (confidence stage name) for metadata items; null for records. */
  field: string | null;
  label: string;
  rawValue: string | null;
  confidence: number;
  reasons: ConfidenceReason[];
  /** Latest verdict: accepted, corrected, rejected; null while pending. */
  status: string | null;
}

export const recordKey = (table: number, row: number) => `t${table}r${row}`;
export function parseKey(key: string): { table: number; row: number } | undefined {
  const m = /^t(\d{1,6})r(\d{1,7})$/.exec(key);
  return m ? { table: Number(m[1]), row: Number(m[2]) } : undefined;
}

export const parseReasons = (json: unknown): ConfidenceReason[] => {
  try {
    return typeof json === "string" ? (JSON.parse(json) as ConfidenceReason[]) : [];
  } catch {
    return [];
  }
};

/** Thrown for a correction the store refuses (unknown record, field of another kind); nothing is stored. */
export class CorrectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CorrectionError";
  }
}

type Awaitable<T> = T | Promise<T>;
type DocumentDetail = {
  doc: Record<string, unknown>;
  raw: Record<string, unknown>;
  sections: Record<string, unknown>[];
  tables: Record<string, unknown>[];
  indicators: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  targets: Record<string, unknown>[];
  messages: Record<string, unknown>[];
};
type RecordDetail = { doc: Record<string, unknown>; row: Record<string, unknown>; messages: Record<string, unknown>[]; history: CorrectionRow[]; reasons: ConfidenceReason[] };
export type Facets = Record<(typeof DOCUMENT_FILTERS)[number], { value: unknown; n: number }[]>;
export type Queue = { items: QueueItem[]; total: number; reviewed: number; byReason: Record<string, number> };

/**
 * What the review application asks of a store: ReviewStore (SQLite, synchronous) and
 * PgReviewStore (PostgreSQL, pg-store.ts) give the same rows; the application awaits each.
 */
export interface ReviewBackend {
  documents(filters: DocumentFilters): Awaitable<Record<string, unknown>[]>;
  facets(): Awaitable<Facets>;
  documentDetail(id: number): Awaitable<DocumentDetail | undefined>;
  record(documentId: number, kind: Exclude<RecordKind, "metadata">, key: string): Awaitable<RecordDetail | undefined>;
  history(sha256: string, kind: RecordKind, key: string): Awaitable<CorrectionRow[]>;
  queue(below: number): Awaitable<Queue>;
  addCorrection(c: NewCorrection): Awaitable<number>;
  close(): Awaitable<void>;
}

/** Refuses a correction that names no field of its kind (before any read). */
export function checkCorrection(c: NewCorrection): void {
  const fields = FIELDS[c.kind];
  if (c.field !== "" && !Object.hasOwn(fields, c.field)) throw new CorrectionError(`A ${c.kind} has no correctable field "${c.field}"; use one of ${Object.keys(fields).join(", ")}.`);
  if (c.action === "correct" && c.field === "") throw new CorrectionError("Say which field the correction is for.");
  if (c.kind === "metadata" && c.key !== "p0") throw new CorrectionError("Only the first document of a file has correctable metadata (key p0).");
}

/** The corrections row of `c` on the document `sha256` whose current (reviewed) values are `current`. */
export function correctionRow(c: NewCorrection, sha256: string, current: Record<string, unknown>) {
  const old = c.field ? (current[FIELDS[c.kind][c.field].column] ?? null) : null;
  return {
    sha256,
    kind: c.kind,
    record_key: c.key,
    field: c.field,
    action: c.action,
    old_json: c.field ? JSON.stringify(old) : null,
    new_json: c.action === "correct" ? JSON.stringify(c.value ?? null) : null,
    note: c.note ?? null,
    reviewer: c.reviewer,
    at: c.at ?? new Date().toISOString(),
  };
}

/**
 * The queue from the rows of the queue queries (records below the confidence, the metadata
 * verdicts in id order, metadata fields below the confidence): most doubtful first, pending
 * before reviewed; and the counts: total, reviewed, pending, and items per reason rule.
 */
export function buildQueue(records: Record<string, unknown>[], metadataVerdicts: { document_id: number; field: string; action: string }[], metadata: Record<string, unknown>[]): Queue {
  const items: QueueItem[] = [];
  for (const r of records) {
    items.push({
      documentId: Number(r.document_id),
      path: String(r.path),
      kind: r.kind as RecordKind,
      key: recordKey(Number(r.table_index), Number(r.row_index)),
      field: null,
      label: String(r.label ?? ""),
      rawValue: (r.raw_value as string | null) ?? null,
      confidence: Number(r.confidence),
      reasons: parseReasons(r.confidence_json),
      status: (r.status as string | null) ?? null,
    });
  }
  const verdicts = new Map<string, string>();
  for (const v of metadataVerdicts)
    verdicts.set(`${v.document_id}/${v.field}`, v.action === "accept" ? "accepted" : v.action === "reject" ? "rejected" : "corrected");
  for (const m of metadata) {
    const field = String(m.field);
    items.push({
      documentId: Number(m.document_id),
      path: String(m.path),
      kind: "metadata",
      key: "p0",
      field,
      label: field,
      rawValue: null,
      confidence: Number(m.confidence),
      reasons: parseReasons(m.reasons_json),
      status: verdicts.get(`${m.document_id}/${METADATA_COLUMN[field] ?? field}`) ?? null,
    });
  }
  items.sort((a, b) => Number(a.status !== null) - Number(b.status !== null) || a.confidence - b.confidence || a.path.localeCompare(b.path) || a.key.localeCompare(b.key));
  const byReason: Record<string, number> = {};
  for (const it of items) for (const id of new Set(it.reasons.filter((r) => r.factor < 1).map((r) => r.ruleId))) byReason[id] = (byReason[id] ?? 0) + 1;
  return { items, total: items.length, reviewed: items.filter((i) => i.status !== null).length, byReason };
}

/** The review application's view of one SQLite store. */
export class ReviewStore implements ReviewBackend {
  private readonly s;

  constructor(readonly db: Db) {
    const q = (sql: string) => db.prepare(sql);
    this.s = {
      docById: q("SELECT * FROM documents WHERE id = ?"),
      docReviewed: q("SELECT * FROM documents_reviewed WHERE id = ?"),
      sections: q("SELECT ordinal, parent_ordinal, number, title, level, page, line, part FROM sections WHERE document_id = ? ORDER BY ordinal"),
      tables: q("SELECT table_index, kind, kind_index, title, columns_json, cells_json, header_rows, body_rows, page FROM doc_tables WHERE document_id = ? ORDER BY table_index"),
      indicators: q(`SELECT * FROM indicator_values_reviewed WHERE document_id = ? ORDER BY table_index, row_index`),
      tasks: q(`SELECT * FROM tasks_reviewed WHERE document_id = ? ORDER BY table_index, row_index`),
      targets: q(`SELECT * FROM targets_reviewed WHERE document_id = ? ORDER BY table_index, row_index`),
      messages: q("SELECT severity, rule_id, reason, page, line, table_index, row_index, column_index, part FROM messages WHERE document_id = ? ORDER BY id"),
      indicator: q(`SELECT v.*, i.bbox FROM indicator_values_reviewed v JOIN indicators i ON i.document_id = v.document_id
        AND i.table_index = v.table_index AND i.row_index = v.row_index WHERE v.document_id = ? AND v.table_index = ? AND v.row_index = ?`),
      task: q(`SELECT v.*, t.bbox FROM tasks_reviewed v JOIN tasks t ON t.document_id = v.document_id
        AND t.table_index = v.table_index AND t.row_index = v.row_index WHERE v.document_id = ? AND v.table_index = ? AND v.row_index = ?`),
      target: q(`SELECT v.*, t.bbox FROM targets_reviewed v JOIN targets t ON t.document_id = v.document_id
        AND t.table_index = v.table_index AND t.row_index = v.row_index WHERE v.document_id = ? AND v.table_index = ? AND v.row_index = ?`),
      rowMessages: q("SELECT severity, rule_id, reason, page, column_index FROM messages WHERE document_id = ? AND table_index = ? AND row_index = ?"),
      history: q("SELECT * FROM corrections WHERE sha256 = ? AND kind = ? AND record_key = ? ORDER BY id"),
      insert: q(`INSERT INTO corrections (sha256, kind, record_key, field, action, old_json, new_json, note, reviewer, at)
        VALUES (@sha256, @kind, @record_key, @field, @action, @old_json, @new_json, @note, @reviewer, @at)`),
      queueRecords: q(`
        SELECT 'indicator' AS kind, v.document_id, v.path, v.table_index, v.row_index, v.name AS label, v.raw_value, v.confidence,
          v.confidence_json, CASE WHEN v.review_status = 'unreviewed' THEN NULL ELSE v.review_status END AS status
        FROM indicator_values_reviewed v WHERE v.confidence < @below
        UNION ALL
        SELECT 'task', t.document_id, t.path, t.table_index, t.row_index, coalesce(t.content, t.code), NULL, t.confidence,
          t.confidence_json, CASE WHEN t.review_status = 'unreviewed' THEN NULL ELSE t.review_status END
        FROM tasks_reviewed t WHERE t.confidence < @below
        UNION ALL
        SELECT 'target', t.document_id, t.path, t.table_index, t.row_index, t.name, t.raw_target, t.confidence,
          t.confidence_json, CASE WHEN t.review_status = 'unreviewed' THEN NULL ELSE t.review_status END
        FROM targets_reviewed t WHERE t.confidence < @below`),
      queueMetadata: q(`SELECT m.document_id, m.path, m.field, m.confidence, m.reasons_json FROM metadata_confidence m
        WHERE m.part = 0 AND m.confidence < @below`),
      metadataVerdicts: q(`SELECT d.id AS document_id, c.field, c.action FROM corrections c JOIN documents d ON d.sha256 = c.sha256
        WHERE c.kind = 'metadata' AND c.action IN ('accept','correct','reject') ORDER BY c.id`),
      facet: {
        status: q("SELECT status AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        format: q("SELECT format AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        doc_type: q("SELECT doc_type AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        issuer: q("SELECT issuer AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 50"),
        unit_level: q("SELECT unit_level AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        province: q("SELECT province AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 70"),
        period_year: q("SELECT period_year AS value, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1 DESC"),
      },
      // Every filter is bound; NULL means "any".
      list: q(`SELECT d.id, d.path, d.format, d.status, d.doc_type, d.number, d.issuer, d.unit_level, d.province, d.period_kind,
          d.period_year, (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators,
          (SELECT count(*) FROM messages m WHERE m.document_id = d.id AND m.severity <> 'info') AS warnings
        FROM documents d
        WHERE (@status IS NULL OR d.status = @status) AND (@format IS NULL OR d.format = @format)
          AND (@doc_type IS NULL OR d.doc_type = @doc_type) AND (@issuer IS NULL OR d.issuer = @issuer)
          AND (@unit_level IS NULL OR d.unit_level = @unit_level) AND (@province IS NULL OR d.province = @province)
          AND (@period_year IS NULL OR d.period_year = @period_year)
        ORDER BY d.path LIMIT 500`),
    };
  }

  /** Documents matching the filters (first 500, by path). */
  documents(filters: DocumentFilters): Record<string, unknown>[] {
    const bind = Object.fromEntries(DOCUMENT_FILTERS.map((f) => [f, filters[f] ?? null]));
    return this.s.list.all(bind) as Record<string, unknown>[];
  }

  /** Counts of documents by each filterable column's values. */
  facets(): Record<(typeof DOCUMENT_FILTERS)[number], { value: unknown; n: number }[]> {
    const out = {} as Record<(typeof DOCUMENT_FILTERS)[number], { value: unknown; n: number }[]>;
    for (const f of DOCUMENT_FILTERS) out[f] = this.s.facet[f].all() as { value: unknown; n: number }[];
    return out;
  }

  document(id: number): Record<string, unknown> | undefined {
    return this.s.docReviewed.get(id) as Record<string, unknown> | undefined;
  }

  /** Everything the document page shows. */
  documentDetail(id: number) {
    const doc = this.document(id);
    if (!doc) return undefined;
    return {
      doc,
      raw: this.s.docById.get(id) as Record<string, unknown>,
      sections: this.s.sections.all(id) as Record<string, unknown>[],
      tables: this.s.tables.all(id) as Record<string, unknown>[],
      indicators: this.s.indicators.all(id) as Record<string, unknown>[],
      tasks: this.s.tasks.all(id) as Record<string, unknown>[],
      targets: this.s.targets.all(id) as Record<string, unknown>[],
      messages: this.s.messages.all(id) as Record<string, unknown>[],
    };
  }

  /** One record with its reviewed values, bbox, messages at its row and correction history. */
  record(documentId: number, kind: Exclude<RecordKind, "metadata">, key: string) {
    const k = parseKey(key);
    const doc = this.s.docById.get(documentId) as Record<string, unknown> | undefined;
    if (!k || !doc) return undefined;
    const row = this.s[kind].get(documentId, k.table, k.row) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const messages = kind === "indicator" ? (this.s.rowMessages.all(documentId, k.table, k.row) as Record<string, unknown>[]) : [];
    return { doc, row, messages, history: this.history(String(doc.sha256), kind, key), reasons: parseReasons(row.confidence_json) };
  }

  history(sha256: string, kind: RecordKind, key: string): CorrectionRow[] {
    return this.s.history.all(sha256, kind, key) as CorrectionRow[];
  }

  /**
   * Everything below `below` confidence, most doubtful first, pending before reviewed; and the
   * counts: total, reviewed, pending, and items per reason rule.
   */
  queue(below: number): Queue {
    return buildQueue(
      this.s.queueRecords.all({ below }) as Record<string, unknown>[],
      this.s.metadataVerdicts.all() as { document_id: number; field: string; action: string }[],
      this.s.queueMetadata.all({ below }) as Record<string, unknown>[],
    );
  }

  /**
   * Appends one correction in a transaction: finds the record (refusing an unknown one), reads
   * its current reviewed value as `old`, then inserts. Returns the stored row's id.
   */
  addCorrection(c: NewCorrection): number {
    const doc = this.s.docReviewed.get(c.documentId) as Record<string, unknown> | undefined;
    if (!doc) throw new CorrectionError(`No document ${c.documentId}.`);
    checkCorrection(c);
    const run = this.db.transaction((): number => {
      let current: Record<string, unknown>;
      if (c.kind === "metadata") current = this.s.docReviewed.get(c.documentId) as Record<string, unknown>;
      else {
        const k = parseKey(c.key);
        const row = k ? (this.s[c.kind].get(c.documentId, k.table, k.row) as Record<string, unknown> | undefined) : undefined;
        if (!row) throw new CorrectionError(`No ${c.kind} ${c.key} in document ${c.documentId}.`);
        current = row;
      }
      return Number(this.s.insert.run(correctionRow(c, String(doc.sha256), current)).lastInsertRowid);
    });
    return run();
  }

  close(): void {
    this.db.close();
  }
}
