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
      denominator, note, is_group, indicator_id, match_score, flags, page, line, confidence, confidence_json
    FROM indicator_values ORDER BY path, table_index, row_index`,
  tasks: `SELECT d.path, d.issuer, d.period_year, t.table_index, t.row_index, t.code, t.group_title, t.content,
      t.output, t.owner, t.timeframe, t.coordinator, t.monitor, t.extra_json, t.page, t.line, t.confidence, t.confidence_json
    FROM tasks t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.table_index, t.row_index`,
  targets: `SELECT d.path, d.issuer, d.period_year, t.table_index, t.row_index, t.code, t.name, t.unit,
      t.raw_target, t.target, t.comparator, t.owner, t.page, t.line, t.confidence, t.confidence_json
    FROM targets t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.table_index, t.row_index`,
  tables: `SELECT d.path, d.issuer, d.period_year, t.table_index, t.kind, t.kind_index, t.title, t.header_rows,
      t.body_rows, t.column_count, t.main_column, t.fragments, t.page, t.line,
      (SELECT json_group_array(json_extract(c.value, '$.path')) FROM json_each(t.columns_json) c) AS headers
    FROM doc_tables t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.table_index`,
  cells: `SELECT d.path, c.table_index, c.kind, c.row_index, c.column_index, c.header, c.text, c.page, c.line
    FROM table_cells c JOIN documents d ON d.id = c.document_id ORDER BY d.path, c.table_index, c.row_index, c.column_index`,
  values: `SELECT path, issuer, unit_level, province, period_kind, period_year, period_quarter, table_index, row_index,
      code, name, unit, indicator_id, column_index, header, role, year, quarter, raw_value, value, numerator,
      denominator, is_main
    FROM indicator_values_by_column ORDER BY path, table_index, row_index, column_index`,
  matrix: `SELECT d.path, d.issuer, d.period_year, m.table_index, t.title, m.row_index, m.column_index, m.row_code,
      m.row_label, m.row_path, m.row_entity, m.header, m.column_entity, m.value_role, m.year, m.quarter, m.raw,
      m.value, m.numerator, m.denominator, m.indicator_id, m.match_score, m.page, m.line
    FROM matrix_cells m JOIN documents d ON d.id = m.document_id
    LEFT JOIN doc_tables t ON t.document_id = m.document_id AND t.table_index = m.table_index
    ORDER BY d.path, m.table_index, m.row_index, m.column_index`,
} as const;

export type ExportKind = keyof typeof EXPORTS;
export const EXPORT_KINDS = Object.keys(EXPORTS) as ExportKind[];

/** Columns stored as JSON text, turned back into values in JSON exports. */
const JSON_COLUMNS = new Set(["code_path", "flags", "topics", "metadata_json", "headers", "row_path", "extra_json", "confidence_json"]);
/** The key a JSON-text column gets in JSON output. */
const JSON_KEYS: Record<string, string> = { metadata_json: "metadata", extra_json: "extra", confidence_json: "confidence_reasons" };

/**
 * A row for JSON output: JSON-text columns parsed (metadata_json becomes `metadata`) and the
 * 0/1 is_group a boolean, so consumers do not decode strings inside JSON.
 */
export function jsonExportRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (JSON_COLUMNS.has(k) && typeof v === "string") out[JSON_KEYS[k] ?? k] = JSON.parse(v);
    else if ((k === "is_group" || k === "is_main") && (v === 0 || v === 1)) out[k] = v === 1;
    else out[k] = v;
  }
  return out;
}
