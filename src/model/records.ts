import { z } from "zod";
import { Provenance } from "./document.js";
import { Message } from "./message.js";

/**
 * Records the extractors produce. Field names of the scorer's contract
 * (../shared/eval/CONTRACT.md) are kept exactly; everything else is extra.
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

/** One body row of a statistics appendix (STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú). */
export const IndicatorRecord = z.object({
  /** 0-based index of the indicator table in the document (after page fragments are joined). */
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
  /** 0-based row index inside the joined table. */
  row: z.number().int().nonnegative(),
  prov: Provenance,
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

/** A row of a plan table (Stt | Nội dung công việc | Kết quả công việc | Bộ phận thực hiện | Thời gian thực hiện). */
export const TaskRecord = z.object({
  table: z.number().int().nonnegative(),
  code: z.string(),
  /** Text of the Roman group row above the task. */
  group: z.string().nullable(),
  content: z.string().nullable(),
  output: z.string().nullable(),
  owner: z.string().nullable(),
  timeframe: z.string().nullable(),
  row: z.number().int().nonnegative(),
  prov: Provenance,
});
export type TaskRecord = z.infer<typeof TaskRecord>;

/** A row of a target table (Stt | Nội dung chỉ tiêu | Đơn vị | Chỉ tiêu năm … | Cơ quan thực hiện). */
export const TargetRecord = z.object({
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
  prov: Provenance,
});
export type TargetRecord = z.infer<typeof TargetRecord>;

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

/** What `baocao extract FILE --json` prints: the contract fields plus provenance and status. */
export const Extraction = z.object({
  file: z.string(),
  format: z.string(),
  sha256: z.string(),
  status: z.enum(["ok", "partial", "failed", "needs_ocr"]),
  metadata: Metadata,
  sections: z.array(Section),
  indicators: z.array(IndicatorRecord),
  tasks: z.array(TaskRecord),
  targets: z.array(TargetRecord),
  messages: z.array(Message),
});
export type Extraction = z.infer<typeof Extraction>;
