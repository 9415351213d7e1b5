import { z } from "zod";
import { Provenance } from "./document.js";
import { DocumentStatus, Message } from "./message.js";

/**
 * Records the extractors produce. The fields an evaluation reads (metadata, sections,
 * indicators with code/name/unit/rawValue/value/numerator/denominator/note/indicatorId/flags,
 * tasks, targets) keep their names and meanings; everything else is extra.
 */

/** A narrative section: "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" and its children. */
export interface Section {
  /** Numbering as printed without the trailing dot: "I", "2", "2.1", "a", "*" for starred sub-headings. */
  number: string;
  title: string;
  /** 1 = Roman (I, II…), 2 = "1.", 3 = "2.1", 4 = "2.1.3" / "a)", 5 = "*" — from the numbering, not markup. */
  level: number;
  /** Body text of the section itself (not its children), paragraphs joined with "\n". */
  text: string;
  /** Canonical CCHC topic ids from rules/topics.json ([] when none matched). */
  topics: string[];
  prov: Provenance;
  children: Section[];
}
export const Section: z.ZodType<Section> = z.lazy(() =>
  z.object({
    number: z.string(),
    title: z.string(),
    level: z.number().int().min(1),
    text: z.string(),
    topics: z.array(z.string()),
    prov: Provenance,
    children: z.array(Section),
  }),
);

/**
 * One reason behind a confidence (src/confidence): the rule of rules/confidence.json that
 * applied, the factor (0–1) it multiplied the confidence by (1 for a reason that only says
 * where the value was found), and what it saw.
 */
export const ConfidenceReason = z.object({
  ruleId: z.string(),
  factor: z.number().min(0).max(1),
  detail: z.string(),
});
export type ConfidenceReason = z.infer<typeof ConfidenceReason>;

/** A metadata field's confidence 0–1 and its reasons (Metadata.confidence). */
export const FieldConfidence = z.object({ confidence: z.number().min(0).max(1), reasons: z.array(ConfidenceReason) });
export type FieldConfidence = z.infer<typeof FieldConfidence>;

/** Fields every record kind gets from the confidence stage (unset before it runs). */
const confidenceFields = {
  /** 0–1: the product of the factors in confidenceReasons; 1 = nothing doubtful seen. */
  confidence: z.number().min(0).max(1).optional(),
  /** Why the confidence is what it is: OCR confidence, catalog score, flags, where it was found. */
  confidenceReasons: z.array(ConfidenceReason).optional(),
};

/** Roles a value column's header names (src/tables/meaning.ts, rules/value-columns.json). */
export const ValueRole = z.enum(["plan", "actual", "ratio", "previous", "score", "rank", "index", "change"]);

/**
 * One value column of an indicator row, for tables with several ("Năm 2023 | Năm 2024",
 * "Kế hoạch | Thực hiện | Tỷ lệ"): the long format, one per (indicator, column).
 */
export const IndicatorValue = z.object({
  /** 0-based grid column. */
  column: z.number().int().nonnegative(),
  /** Header path as printed, outermost first: ["Kết quả", "Thực hiện"]. */
  header: z.array(z.string()),
  /** Role the header names (plan, actual, ratio, previous …), or null. */
  role: ValueRole.nullable(),
  /** Year / quarter the header names, or null. */
  year: z.number().int().nullable(),
  quarter: z.number().int().min(1).max(4).nullable(),
  /** Cell verbatim, whitespace collapsed, or null when empty. */
  rawValue: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** True for the column the record's own rawValue/value come from. */
  main: z.boolean(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

/** One body row of a statistics appendix (STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú). */
export const IndicatorRecord = z.object({
  /**
   * 0-based index of the table in the document: TableRecord.index, counting every table in
   * document order after page fragments are joined, layout tables included; continues across
   * the parts of a file.
   */
  table: z.number().int().nonnegative(),
  /** Table title, "<appendix label>: <subtitle>", e.g. "BIỂU MẪU 3: Cải cách thủ tục hành chính". */
  tableTitle: z.string().nullable(),
  /** STT cell verbatim, trimmed ("" when empty). */
  code: z.string(),
  /** Codes of the enclosing group rows, outermost first (e.g. ["I", "3"]). */
  codePath: z.array(z.string()),
  /** Chỉ tiêu (label), markup removed, whitespace collapsed. */
  name: z.string(),
  /** Đơn vị tính (unit) as printed, or null. */
  unit: z.string().nullable(),
  /** Canonical unit name from rules/units.json, or null. */
  unitCanonical: z.string().nullable().default(null),
  /** Số liệu (value cell) verbatim, whitespace collapsed, or null when empty. */
  rawValue: z.string().nullable(),
  /** The number the cell states, or null for text and empty cells. */
  value: z.number().nullable(),
  /** For "x/y", "x/y = z%", "z% (x/y)": x and y. */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Ghi chú (note) or null. */
  note: z.string().nullable(),
  /** True for a group row (a parent of other rows: "I", "3" above "3.1"). */
  isGroup: z.boolean(),
  /** Canonical catalog id (rules/catalog.json) or null when unmatched. */
  indicatorId: z.string().nullable(),
  /** Match score 0–1 of indicatorId. */
  matchScore: z.number().nullable().default(null),
  /** Ids of the consistency rules that fired. */
  flags: z.array(z.string()),
  /** Every value column's value when the table has several value columns; [] when it has one. */
  values: z.array(IndicatorValue).default([]),
  /** 0-based row index inside the joined table. */
  row: z.number().int().nonnegative(),
  /**
   * 0-based index of the document inside the file the record belongs to (a file holding several
   * documents is split into parts, src/pipeline/parts.ts); the pipeline sets it on every record,
   * 0 for a file with one document.
   */
  part: z.number().int().nonnegative().optional(),
  ...confidenceFields,
  prov: Provenance,
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

/** A row of a plan table (Stt | Nội dung công việc | Kết quả công việc | Bộ phận thực hiện | Thời gian thực hiện). */
export const TaskRecord = z.object({
  /** TableRecord.index of the plan table (as IndicatorRecord.table). */
  table: z.number().int().nonnegative(),
  code: z.string(),
  /** Text of the Roman group row above the task. */
  group: z.string().nullable(),
  content: z.string().nullable(),
  output: z.string().nullable(),
  owner: z.string().nullable(),
  timeframe: z.string().nullable(),
  /** Phối hợp: co-ordinating bodies, or null. */
  coordinator: z.string().nullable().default(null),
  /** Theo dõi, kiểm tra, đánh giá: who follows the task up, or null. */
  monitor: z.string().nullable().default(null),
  /** Columns no role names, by header text ("Kinh phí" → "Ngân sách tỉnh"); empty cells left out. */
  extra: z.record(z.string(), z.string()).default({}),
  row: z.number().int().nonnegative(),
  /**
   * 0-based index of the document inside the file the record belongs to (a file holding several
   * documents is split into parts, src/pipeline/parts.ts); the pipeline sets it on every record,
   * 0 for a file with one document.
   */
  part: z.number().int().nonnegative().optional(),
  ...confidenceFields,
  prov: Provenance,
});
export type TaskRecord = z.infer<typeof TaskRecord>;

/** A row of a target table (Stt | Nội dung chỉ tiêu | Đơn vị | Chỉ tiêu năm … | Cơ quan thực hiện). */
export const TargetRecord = z.object({
  /** TableRecord.index of the target table (as IndicatorRecord.table). */
  table: z.number().int().nonnegative(),
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  /** Target cell verbatim ("Tối thiểu 80"). */
  rawTarget: z.string().nullable(),
  target: z.number().nullable(),
  /** ">=" for "Tối thiểu", "<=" for "Tối đa", "=" for a bare number. */
  comparator: z.enum([">=", "<=", ">", "<", "="]).nullable(),
  owner: z.string().nullable(),
  row: z.number().int().nonnegative(),
  /**
   * 0-based index of the document inside the file the record belongs to (a file holding several
   * documents is split into parts, src/pipeline/parts.ts); the pipeline sets it on every record,
   * 0 for a file with one document.
   */
  part: z.number().int().nonnegative().optional(),
  ...confidenceFields,
  prov: Provenance,
});
export type TargetRecord = z.infer<typeof TargetRecord>;

/**
 * What a column holds, decided from its header text (rules/table-columns.json): code (STT),
 * name (Chỉ tiêu), unit (Đơn vị tính), value (Số liệu), note (Ghi chú), the plan-table columns
 * content, output, owner, timeframe, coordinator (Phối hợp: the co-ordinating bodies) and
 * monitor (Theo dõi, kiểm tra, đánh giá: who follows the task up), and target (Chỉ tiêu năm …).
 */
export const ColumnRole = z.enum(["code", "name", "unit", "value", "note", "content", "output", "owner", "timeframe", "target", "coordinator", "monitor"]);
export type ColumnRole = z.infer<typeof ColumnRole>;

/**
 * What a logical table holds: statistics rows (indicators), plan tasks, targets, a matrix (one
 * row per unit, province or criterion, one column per measure, year or unit: score and ranking
 * tables), or other. Layout tables (header and signature blocks) never become logical tables;
 * the stored tables mark them "layout" (StoredTableKind).
 */
export const TableKind = z.enum(["indicators", "tasks", "targets", "matrix", "other"]);
export type TableKind = z.infer<typeof TableKind>;

/** The kinds whose tables give one record per body row (indicator, task and target records). */
export const RecordTableKind = TableKind.extract(["indicators", "tasks", "targets"]);
export type RecordTableKind = z.infer<typeof RecordTableKind>;

/** Kind of a stored table: a logical table's kind, or "layout" (header and signature blocks, kept out of analytics). */
export const StoredTableKind = z.enum([...TableKind.options, "layout"]);
export type StoredTableKind = z.infer<typeof StoredTableKind>;

/** A grid column of a stored table: its header path and what it says. */
export const TableColumn = z.object({
  /** 0-based grid column. */
  index: z.number().int().nonnegative(),
  /** Header path as printed, outermost first ([] without a header). */
  header: z.array(z.string()),
  /** Column role from rules/table-columns.json (code, name, unit, value, …), or null. */
  role: ColumnRole.nullable(),
  valueRole: ValueRole.nullable(),
  year: z.number().int().nullable(),
  quarter: z.number().int().min(1).max(4).nullable(),
});
export type TableColumn = z.infer<typeof TableColumn>;

/**
 * Every table of the document as read (page fragments joined, layout tables included and
 * marked): the header resolved into one path per column and every body cell.
 */
export const TableRecord = z.object({
  /**
   * 0-based index among all the document's tables, layout ones included, in document order
   * (continuing across the parts of a file): the `table` of its records, matrix cells and messages.
   */
  index: z.number().int().nonnegative(),
  kind: StoredTableKind,
  /** 0-based index among the tables of the same kind ("the second plan table"). */
  kindIndex: z.number().int().nonnegative(),
  /** "<appendix label>: <subtitle>", else the caption paragraph just above, else null. */
  title: z.string().nullable(),
  columns: z.array(TableColumn),
  /** Number of header rows (of the first fragment). */
  headerRows: z.number().int().nonnegative(),
  /** Body rows; a cell is null where a merged cell covers the position. */
  rows: z.array(z.object({ cells: z.array(z.string().nullable()), prov: Provenance })),
  /** Column the main value of its indicator rows comes from, or null. */
  mainColumn: z.number().int().nonnegative().nullable(),
  /** Page fragments joined (1 for a table on one page). */
  fragments: z.number().int().positive(),
  /** Where each fragment starts. */
  prov: z.array(Provenance),
});
export type TableRecord = z.infer<typeof TableRecord>;

/**
 * One value cell of a matrix table (score and ranking tables, units × indicators or years):
 * row entity × column header → raw text, number and role.
 */
export const MatrixCell = z.object({
  /** TableRecord.index of the table. */
  table: z.number().int().nonnegative(),
  /** 0-based body row and grid column. */
  row: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  /** STT of the row verbatim ("" when none). */
  rowCode: z.string(),
  /** Label of the row (the criterion, unit or province as printed). */
  rowLabel: z.string(),
  /** Codes of the enclosing group rows, outermost first. */
  rowPath: z.array(z.string()),
  /** The unit or province the row is about (its label or an entity column), as printed; null when none. */
  rowEntity: z.string().nullable(),
  /** Column header path, outermost first. */
  header: z.array(z.string()),
  /** A province or unit named in the column header ("Lâm Đồng › Điểm số"), or null. */
  columnEntity: z.string().nullable(),
  valueRole: ValueRole.nullable(),
  year: z.number().int().nullable(),
  quarter: z.number().int().min(1).max(4).nullable(),
  /** Cell verbatim, whitespace collapsed. */
  raw: z.string(),
  /** The number the cell states (a rank "12/63" is 12 of 63), or null. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Catalog id of the row label, or null. */
  indicatorId: z.string().nullable(),
  matchScore: z.number().nullable(),
  prov: Provenance,
});
export type MatrixCell = z.infer<typeof MatrixCell>;

/** Period kinds (contract v2 adds month and multi_year, "giai đoạn 2021–2025"). */
export const PeriodKind = z.enum(["quarter", "half", "nine_months", "year", "plan_year", "month", "multi_year"]);
export const Period = z.object({
  kind: PeriodKind.nullable(),
  /** The year reported on; null for multi_year (the range is in from/to). */
  year: z.number().int().nullable(),
  quarter: z.number().int().min(1).max(4).nullable(),
  /** 1–12 for a monthly report ("tháng 10/2025"), else null. */
  month: z.number().int().min(1).max(12).nullable().default(null),
  /** ISO dates of an explicit "Từ ngày … đến ngày …" range, or the first and last day of a multi_year period. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type Period = z.infer<typeof Period>;

/** xã (also phường, thị trấn, đặc khu) | huyện | tỉnh | sở (provincial agency) | trung ương (Bộ, Chính phủ …). */
export const UnitLevel = z.enum(["xã", "huyện", "tỉnh", "sở", "trung ương"]);

/** The document an attachment belongs to, from its caption "(Kèm theo Báo cáo số … ngày … của …)". */
export const AttachedTo = z.object({
  /** Type named by the caption, as the rules spell it ("BÁO CÁO"). */
  docType: z.string().nullable(),
  /** Its number, null when blank. */
  number: z.string().nullable(),
  /** ISO date, null when blank or incomplete. */
  date: z.string().nullable(),
  /** The unit after "của", as written ("UBND tỉnh Lâm Đồng"), or null. */
  issuer: z.string().nullable(),
});
export type AttachedTo = z.infer<typeof AttachedTo>;

export const Metadata = z.object({
  /** As printed: "BÁO CÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH"; "CÔNG VĂN" for a letter known by its "V/v" line. */
  docType: z.string().nullable(),
  /** Trích yếu: the lines after the type name, or after "V/v", joined; without "V/v" / "Về việc" and trailing punctuation. */
  subject: z.string().nullable().default(null),
  /** "63/BC-UBND"; null when absent or left blank. */
  number: z.string().nullable(),
  /** ISO date of issue. */
  date: z.string().nullable(),
  /** Issuing unit as written, with "Ủy ban nhân dân" shortened to "UBND". */
  issuer: z.string().nullable(),
  unitLevel: UnitLevel.nullable(),
  /** Cơ quan chủ quản: the unit printed right above the issuer in the header block, or null. */
  parent: z.string().nullable().default(null),
  /** Parent units named in the header block, outermost first. */
  parents: z.array(z.string()).default([]),
  province: z.string().nullable(),
  period: Period,
  /** The printed name under the signature, without a military or police rank ("Đại tá …"). */
  signer: z.string().nullable(),
  /** Authority and title lines above the signature as printed, joined by " / ": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  signerTitle: z.string().nullable().default(null),
  /** Nơi nhận lines. */
  recipients: z.array(z.string()).default([]),
  /** For an attachment (PHỤ LỤC …): the document its caption attaches it to; null otherwise. */
  attachedTo: AttachedTo.nullable().default(null),
  /** Where each field was found: field name → provenance. */
  sources: z.record(z.string(), Provenance).default({}),
  /** Confidence of each field (docType, number, date, issuer, …), from src/confidence; unset before it runs. */
  confidence: z.record(z.string(), FieldConfidence).optional(),
});
export type Metadata = z.infer<typeof Metadata>;

export const emptyMetadata = (): Metadata => ({
  docType: null,
  subject: null,
  number: null,
  date: null,
  issuer: null,
  unitLevel: null,
  parent: null,
  parents: [],
  province: null,
  period: { kind: null, year: null, quarter: null, month: null, from: null, to: null },
  signer: null,
  signerTitle: null,
  recipients: [],
  attachedTo: null,
  sources: {},
});

/**
 * A further document of a file holding several (contract v2 `parts`): its own metadata,
 * sections and records. Table indices of its records continue the file's numbering.
 */
export const ExtractionPart = z.object({
  /** 0-based index of the part in the file (1 for the first entry of `parts`). */
  part: z.number().int().positive(),
  metadata: Metadata,
  sections: z.array(Section),
  indicators: z.array(IndicatorRecord),
  tasks: z.array(TaskRecord),
  targets: z.array(TargetRecord),
});
export type ExtractionPart = z.infer<typeof ExtractionPart>;

/**
 * What `baocao extract FILE --json` prints: the contract fields plus provenance and status.
 * For a file holding several documents the top level is the first one's and `parts` the others.
 */
export const Extraction = z.object({
  file: z.string(),
  format: z.string(),
  sha256: z.string(),
  status: DocumentStatus,
  metadata: Metadata,
  sections: z.array(Section),
  indicators: z.array(IndicatorRecord),
  tasks: z.array(TaskRecord),
  targets: z.array(TargetRecord),
  /** Every table of the document (layout ones marked), with header paths and body cells. */
  tables: z.array(TableRecord).default([]),
  /** Every value cell of the matrix tables. */
  matrixCells: z.array(MatrixCell).default([]),
  /** The file's further documents, in order; the pipeline sets it, [] for a file with one document. */
  parts: z.array(ExtractionPart).optional(),
  messages: z.array(Message),
});
export type Extraction = z.infer<typeof Extraction>;
