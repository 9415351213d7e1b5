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
 * growing rules/catalog.json. Same keying as listUnmatched in src/normalize/indicators.ts, with
 * document counts and units from the store. Group rows are left out with `groups: false`.
 */
export function unmatchedLabels(db: Db, options: { groups?: boolean; limit?: number } = {}): UnmatchedLabel[] {
  return db
    .prepare(
      `SELECT i.name, count(*) AS rows, count(DISTINCT i.document_id) AS documents,
              group_concat(DISTINCT i.unit) AS units, min(i.is_group) AS "group", min(d.path) AS example
         FROM indicators i JOIN documents d ON d.id = i.document_id
        WHERE i.indicator_id IS NULL AND trim(i.name) <> '' ${options.groups === false ? "AND i.is_group = 0" : ""}
        GROUP BY i.name
        ORDER BY rows DESC, documents DESC, i.name
        LIMIT ?`,
    )
    .all(options.limit ?? -1) as UnmatchedLabel[];
}
