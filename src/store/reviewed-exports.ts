import { EXPORTS, type ExportKind } from "./exports.js";

/**
 * What `baocao export` writes by default: the reviewed data. Indicators, tasks, targets and
 * documents come from the *_reviewed views (src/store/migrations.ts, version 7), with the
 * latest correction of each field applied, the same columns as the raw export in the same
 * order plus review_status, reviewer and reviewed_at; records a reviewer rejected are left
 * out. The other kinds have nothing a reviewer corrects and are the raw export. `--raw`
 * gives EXPORTS (the values as extracted).
 */
export const REVIEWED_EXPORTS: Record<ExportKind, string> = {
  ...EXPORTS,
  documents: `SELECT id, path, sha256, format, status, error, error_rule, pages, bytes, doc_type, subject, number,
      issued_on, issuer, parent, unit_level, province, period_kind, period_year, period_quarter, period_month,
      period_from, period_to, signer, signer_title, metadata_json, ingested_at, parser_version,
      review_status, reviewer, reviewed_at
    FROM documents_reviewed ORDER BY path`,
  indicators: `SELECT path, issuer, unit_level, province, period_kind, period_year, period_quarter, issued_on,
      table_index, row_index, code, code_path, name, unit, unit_canonical, raw_value, value, numerator,
      denominator, note, is_group, indicator_id, match_score, flags, page, line, confidence, confidence_json,
      review_status, reviewer, reviewed_at
    FROM indicator_values_reviewed WHERE review_status <> 'rejected' ORDER BY path, table_index, row_index`,
  tasks: `SELECT path, issuer, period_year, table_index, row_index, code, group_title, content,
      output, owner, timeframe, coordinator, monitor, extra_json, page, line, confidence, confidence_json,
      review_status, reviewer, reviewed_at
    FROM tasks_reviewed WHERE review_status <> 'rejected' ORDER BY path, table_index, row_index`,
  targets: `SELECT path, issuer, period_year, table_index, row_index, code, name, unit,
      raw_target, target, comparator, owner, page, line, confidence, confidence_json,
      review_status, reviewer, reviewed_at
    FROM targets_reviewed WHERE review_status <> 'rejected' ORDER BY path, table_index, row_index`,
};

/** The SELECT of one export kind: reviewed unless `raw`. */
export function exportSql(kind: ExportKind, options: { raw?: boolean } = {}): string {
  return options.raw ? EXPORTS[kind] : REVIEWED_EXPORTS[kind];
}
