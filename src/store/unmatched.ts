import type { Db } from "./open.js";

/** An indicator label no catalog entry matched, with how often it occurs. */
export interface UnmatchedLabel {
  /** The label as printed (whitespace collapsed). */
  name: string;
  /** Rows carrying it. */
  rows: number;
  /** Documents carrying it. */
  documents: number;
  /** Distinct units printed beside it, " | "-separated. */
  units: string | null;
  /** 1 when every row with the label is a group row (a heading inside the table). */
  group: number;
  /** One document holding it, for a look at the context. */
  example: string;
}

/**
 * Labels with indicator_id NULL grouped by their text, most frequent first: the worklist for
 * growing rules/catalog.json. Labels keyed by their whitespace-collapsed text, with
 * document counts and units from the store. Group rows are left out with `groups: false`.
 * The criteria rows of matrix tables (score and ranking tables) count too, one per table row
 * (units: null); rows about a unit or province (row_entity set) name no indicator and are not listed.
 */
export function unmatchedLabels(db: Db, options: { groups?: boolean; limit?: number } = {}): UnmatchedLabel[] {
  return db
    .prepare(
      `WITH labels AS (
         SELECT i.name, i.document_id, i.unit, i.is_group
           FROM indicators i
          WHERE i.indicator_id IS NULL AND trim(i.name) <> '' ${options.groups === false ? "AND i.is_group = 0" : ""}
         UNION ALL
         SELECT m.row_label, m.document_id, NULL, 0
           FROM matrix_cells m
          WHERE m.indicator_id IS NULL AND m.row_entity IS NULL AND trim(m.row_label) <> ''
          GROUP BY m.document_id, m.table_index, m.row_index
       )
       SELECT l.name, count(*) AS rows, count(DISTINCT l.document_id) AS documents,
              group_concat(DISTINCT l.unit) AS units, min(l.is_group) AS "group", min(d.path) AS example
         FROM labels l JOIN documents d ON d.id = l.document_id
        GROUP BY l.name
        ORDER BY rows DESC, documents DESC, l.name
        LIMIT ?`,
    )
    .all(options.limit ?? -1) as UnmatchedLabel[];
}
