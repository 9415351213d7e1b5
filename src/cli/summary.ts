import type { IngestSummary } from "../batch/summary.js";

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
