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

const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";

/** The human summary printed at the end of an ingest (stdout). */
export function formatSummary(s: IngestSummary): string {
  const secs = s.elapsedMs / 1000;
  // Counts that add up: found = read + failed + skipped (+ cancelled when interrupted), so a
  // run where nothing was read never says "Ingested 1 file(s)".
  const read = (s.byStatus.ok ?? 0) + (s.byStatus.partial ?? 0);
  const lines = [
    `${s.interrupted ? "Interrupted: read" : "Read"} ${read} of ${s.files} file(s) found into ${s.db} in ${secs.toFixed(1)} s` +
      ` (failed ${s.failed.length}, unchanged and skipped ${s.skipped})` +
      (s.parsed && secs > 0 ? `, ${(s.parsed / secs).toFixed(1)} files/s parsed` : ""),
    `  parsed ${s.parsed} (replaced ${s.replaced}), unchanged and skipped ${s.skipped}`,
    `  by status: ${counts(s.byStatus)}`,
    `  by format: ${counts(s.byFormat)}`,
    `  records: ${s.sections} sections, ${s.indicators} indicator rows, ${s.tasks} tasks, ${s.targets} targets` +
      (s.pages ? ` (${s.pages} pages)` : ""),
    `  messages: ${s.errors} errors, ${s.warnings} warnings`,
  ];
  return lines.join("\n") + "\n";
}

/** The list of failed files (stderr). */
export function formatFailures(s: IngestSummary): string {
  if (!s.failed.length) return "";
  return (
    `${s.failed.length} file(s) failed:\n` +
    s.failed.map((f) => `  ${f.path}: ${f.status}${f.rule ? ` [${f.rule}]` : ""} ${f.reason}`).join("\n") +
    "\n"
  );
}
