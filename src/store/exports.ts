/**
 * What `baocao export --what …` writes: one SELECT per kind of record, each row carrying the
 * document it came from (path, and for records the issuer and period) so an exported file
 * stands alone in a spreadsheet. Ordered by document path, then position in the document.
 */
export const EXPORTS = {
  documents: `SELECT id, path, sha256, format, status, error, error_rule, pages, bytes, doc_type, subject, number,
      issued_on, issuer, parent, unit_level, province, period_kind, period_year, period_quarter, period_month,
      period_from, period_to, signer, signer_title, metadata_json, ingested_at, parser_version
    FROM documents ORDER BY path`,
  sections: `SELECT d.path, d.issuer, d.period_year, s.ordinal, s.parent_ordinal, s.number, s.number_path,
      s.level, s.title, s.topics, s.page, s.line, s.text
    FROM sections s JOIN documents d ON d.id = s.document_id ORDER BY d.path, s.ordinal`,
  indicators: `SELECT path, issuer, unit_level, province, period_kind, period_year, period_quarter, issued_on,
      table_index, row_index, code, code_path, name, unit, unit_canonical, raw_value, value, numerator,
      denominator, note, is_group, indicator_id, match_score, flags, page, line
    FROM indicator_values ORDER BY path, table_index, row_index`,
  tasks: `SELECT d.path, d.issuer, d.period_year, t.table_index, t.row_index, t.code, t.group_title, t.content,
      t.output, t.owner, t.timeframe, t.page, t.line
    FROM tasks t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.table_index, t.row_index`,
  targets: `SELECT d.path, d.issuer, d.period_year, t.table_index, t.row_index, t.code, t.name, t.unit,
      t.raw_target, t.target, t.comparator, t.owner, t.page, t.line
    FROM targets t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.table_index, t.row_index`,
} as const;

export type ExportKind = keyof typeof EXPORTS;
export const EXPORT_KINDS = Object.keys(EXPORTS) as ExportKind[];

/** Columns stored as JSON text, turned back into values in JSON exports. */
const JSON_COLUMNS = new Set(["code_path", "flags", "topics", "metadata_json"]);

/**
 * A row for JSON output: JSON-text columns parsed (metadata_json becomes `metadata`) and the
 * 0/1 is_group a boolean, so consumers do not decode strings inside JSON.
 */
export function jsonExportRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (JSON_COLUMNS.has(k) && typeof v === "string") out[k === "metadata_json" ? "metadata" : k] = JSON.parse(v);
    else if (k === "is_group" && (v === 0 || v === 1)) out[k] = v === 1;
    else out[k] = v;
  }
  return out;
}
