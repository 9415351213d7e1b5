import { fold, foldKeepLength } from "../rules/fold.js";
import { beforeSearch, type Db } from "./open.js";

/** How the words of a search are combined. */
export type SearchMode =
  /** The words in this order, next to each other ("một cửa" as a phrase). Default. */
  | "phrase"
  /** Every word, anywhere in the section. */
  | "all"
  /** FTS5 query syntax as given (AND, OR, NOT, NEAR, "phrases", prefix*), words folded. */
  | "fts";

export interface SearchOptions {
  mode?: SearchMode;
  /** Most hits returned (default 20). */
  limit?: number;
  /** Marks put around matched words in the snippet (default « »). */
  mark?: [string, string];
  /** Characters of context on each side of the first match (default 70). */
  context?: number;
}

/** One section that matched. */
export interface SearchHit {
  sectionId: number;
  documentId: number;
  path: string;
  /** Section number as printed ("2.1") and the numbers from the root ("II/2/2.1"). */
  number: string;
  numberPath: string;
  title: string;
  page: number | null;
  line: number | null;
  /** Text around the first match, from the original (accented) text, matches marked. */
  snippet: string;
  /** bm25 rank: lower is better; a title match weighs five times a body match. */
  score: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const FTS_OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/** The FTS5 MATCH expression for a user's query, on the folded index. Empty when no words. */
export function ftsQuery(query: string, mode: SearchMode = "phrase"): string {
  if (mode === "fts")
    // Fold the words but keep operators upper-case (FTS5 only reads them upper-case).
    return query.replace(/[^\s()"*:^+-]+/gu, (w) => (FTS_OPERATORS.has(w) ? w : fold(w)));
  const words = fold(query).match(WORD) ?? [];
  if (!words.length) return "";
  // Quoting each word keeps FTS5 from reading words like "or" and "not" as operators.
  return mode === "phrase" ? `"${words.join(" ")}"` : words.map((w) => `"${w}"`).join(" ");
}

/**
 * Accent-insensitive full-text search over section titles and text. The index holds folded
 * text (SQLite's unicode61 tokenizer removes diacritics but keeps đ, so "dang" would not find
 * "Đảng"); snippets are cut from the stored original text at the same positions.
 */
export function searchSections(db: Db, query: string, options: SearchOptions = {}): SearchHit[] {
  const mode = options.mode ?? "phrase";
  const match = ftsQuery(query, mode);
  if (!match) return [];
  // A writer on this connection holds its open group's index entries back until it commits.
  beforeSearch(db);
  const rows = db
    .prepare(
      `SELECT s.id AS sectionId, d.id AS documentId, d.path, s.number, s.number_path AS numberPath, s.title,
              s.text, s.page, s.line, bm25(sections_fts, 5.0, 1.0) AS score
         FROM sections_fts
         JOIN sections s ON s.id = sections_fts.rowid
         JOIN documents d ON d.id = s.document_id
        WHERE sections_fts MATCH ?
        ORDER BY score, d.path, s.ordinal
        LIMIT ?`,
    )
    .all(match, options.limit ?? 20) as (Omit<SearchHit, "snippet"> & { text: string })[];
  return withSnippets(rows, query, options);
}

/**
 * Hits with their snippets, from rows carrying the section's original text: the part every
 * engine shares (SQLite here, PostgreSQL in postgres/reader.ts).
 */
export function withSnippets(rows: (Omit<SearchHit, "snippet"> & { text: string })[], query: string, options: SearchOptions = {}): SearchHit[] {
  const mode = options.mode ?? "phrase";
  const words = mode === "fts" ? (fold(query.replace(/\b(AND|OR|NOT|NEAR)\b/g, " ")).match(WORD) ?? []) : (fold(query).match(WORD) ?? []);
  const pattern = highlightPattern(words, mode === "phrase");
  return rows.map(({ text, ...hit }) => ({
    ...hit,
    snippet: snippet(text || hit.title, pattern, options.mark ?? ["«", "»"], options.context ?? 70),
  }));
}

/** A regex over folded-keep-length text for the query words as whole words. */
function highlightPattern(words: string[], phrase: boolean): RegExp | null {
  if (!words.length) return null;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const body = phrase ? words.map(esc).join("[^\\p{L}\\p{N}]+") : words.map(esc).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, "gu");
}

/**
 * Cuts a window of the original text around the first match and marks every match in it.
 * foldKeepLength keeps one folded unit per original UTF-16 unit, so match offsets in the
 * folded text are offsets in the original.
 */
export function snippet(text: string, pattern: RegExp | null, mark: [string, string], context: number): string {
  const flat = text.replace(/\s+/g, " ");
  const folded = foldKeepLength(flat);
  const matches = pattern ? [...folded.matchAll(pattern)] : [];
  const first = matches[0]?.index ?? 0;
  let start = Math.max(0, first - context);
  let end = Math.min(flat.length, first + (matches[0]?.[0].length ?? 0) + context * 2);
  // Widen to whole words.
  while (start > 0 && /\S/.test(flat[start - 1])) start--;
  while (end < flat.length && /\S/.test(flat[end])) end++;
  let out = "";
  let at = start;
  for (const m of matches) {
    const i = m.index ?? 0;
    if (i < start || i + m[0].length > end) continue;
    out += flat.slice(at, i) + mark[0] + flat.slice(i, i + m[0].length) + mark[1];
    at = i + m[0].length;
  }
  out += flat.slice(at, end);
  return `${start > 0 ? "…" : ""}${out.trim()}${end < flat.length ? "…" : ""}`;
}
