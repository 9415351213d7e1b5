import { z } from "zod";
import type { Provenance } from "./document.js";

/**
 * Where something came from. Pages and lines are 1-based; table, row and column indices are
 * 0-based (table = TableRecord.index: among every table of the document in order after page
 * fragments are joined, layout tables counted; row = index of the body row inside that table).
 */
export const Place = z.object({
  /** Path of the input file as given to the pipeline. */
  file: z.string(),
  /** 1-based page number (PDF; absent for formats without pages). */
  page: z.number().int().positive().optional(),
  /** 1-based source line (txt). */
  line: z.number().int().positive().optional(),
  /** 0-based table index (TableRecord.index). */
  table: z.number().int().nonnegative().optional(),
  /** 0-based row index inside the table. */
  row: z.number().int().nonnegative().optional(),
  /** 0-based column index. */
  column: z.number().int().nonnegative().optional(),
  /** 0-based part (document) of a file holding several (src/pipeline/parts.ts); absent for the first. */
  part: z.number().int().positive().optional(),
});
export type Place = z.infer<typeof Place>;

/**
 * The place of something read from a block, row or cell: the file, the page and line of its
 * provenance (when it has them), and the table/row/column indices the caller knows. The one
 * way a message's place is built from provenance.
 */
export function placeOf(file: string, prov: Provenance | undefined, at: Pick<Place, "table" | "row" | "column" | "part"> = {}): Place {
  return { file, ...at, ...(prov?.page ? { page: prov.page } : {}), ...(prov?.line ? { line: prov.line } : {}) };
}

export const Severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof Severity>;

/** A message is data, not a log line (the mammoth.js / vfile convention). */
export const Message = z.object({
  severity: Severity,
  /** Id of the rule or stage that raised it, e.g. "ingest.pdf.no-text-layer", "ratio.mismatch". */
  ruleId: z.string(),
  /** Human sentence saying what happened and, where useful, what to do. */
  reason: z.string(),
  place: Place,
  actual: z.unknown().optional(),
  expected: z.unknown().optional(),
});
export type Message = z.infer<typeof Message>;

/** Every stage returns its value together with the messages it raised. */
export interface Result<T> {
  value: T;
  messages: Message[];
}

export function message(
  severity: Severity,
  ruleId: string,
  reason: string,
  place: Place,
  extra: { actual?: unknown; expected?: unknown } = {},
): Message {
  return { severity, ruleId, reason, place, ...extra };
}

/**
 * A document's status: `ok` (no error), `partial` (read, with at least one error message, or
 * some pages unread), `failed` (unusable input: no records), `needs_ocr` (no text layer and no
 * OCR). It follows from the messages: never `ok` with errors. Declared once here; the output
 * schema and the store's rows use this enum.
 */
export const DocumentStatus = z.enum(["ok", "partial", "failed", "needs_ocr"]);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/** The statuses of a file that gave no records (thrown as UnusableInputError). */
export const UnusableStatus = DocumentStatus.extract(["failed", "needs_ocr"]);
export type UnusableStatus = z.infer<typeof UnusableStatus>;
/** True for a status whose file gave no records (the CLI exits 1 for it). */
export const isUnusable = (s: DocumentStatus): s is UnusableStatus => UnusableStatus.safeParse(s).success;

/**
 * Thrown by a stage when the input is unusable; the pipeline turns it into a `failed` status
 * with `ruleId` and `reason` recorded against the file.
 */
export class UnusableInputError extends Error {
  constructor(
    readonly ruleId: string,
    reason: string,
    readonly status: UnusableStatus = "failed",
  ) {
    super(reason);
    this.name = "UnusableInputError";
  }
}
