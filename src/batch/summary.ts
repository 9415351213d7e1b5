import { z } from "zod";

/** What one `baocao ingest` run did; printed at the end, as JSON with --json. */
export const IngestSummary = z.object({
  /** Database file written. */
  db: z.string(),
  /** Files found by the walk. */
  files: z.number().int(),
  /** Files parsed and stored in this run. */
  parsed: z.number().int(),
  /** Files skipped because the store already holds the same content (sha256) and parser version. */
  skipped: z.number().int(),
  /** Parsed files that replaced an earlier row for the same path (changed content or --force). */
  replaced: z.number().int(),
  /** Parsed files by status. */
  byStatus: z.record(z.string(), z.number().int()),
  /** Parsed files by detected format ("unknown" when undetected). */
  byFormat: z.record(z.string(), z.number().int()),
  /** Pages of the parsed files that have pages. */
  pages: z.number().int(),
  sections: z.number().int(),
  indicators: z.number().int(),
  tasks: z.number().int(),
  targets: z.number().int(),
  /** Messages of severity warning / error over the parsed files. */
  warnings: z.number().int(),
  errors: z.number().int(),
  /** Files whose status is failed or needs_ocr, with the reason. */
  failed: z.array(z.object({ path: z.string(), status: z.string(), rule: z.string().nullable(), reason: z.string() })),
  /** True when the run was stopped (Ctrl-C) before every file was handled. */
  interrupted: z.boolean(),
  elapsedMs: z.number(),
});
export type IngestSummary = z.infer<typeof IngestSummary>;

export function emptySummary(db: string): IngestSummary {
  return {
    db,
    files: 0,
    parsed: 0,
    skipped: 0,
    replaced: 0,
    byStatus: {},
    byFormat: {},
    pages: 0,
    sections: 0,
    indicators: 0,
    tasks: 0,
    targets: 0,
    warnings: 0,
    errors: 0,
    failed: [],
    interrupted: false,
    elapsedMs: 0,
  };
}
