import { readFileSync } from "node:fs";
import { openStore } from "../store/open.js";
import { type Args, flagString } from "./args.js";
import { choiceFlag, dbPath, guard, intFlag, RefusedError, UsageError } from "./common.js";
import { ROW_FORMATS, writeRows } from "./format/rows.js";
import { checkOutputPath, Sink } from "./format/sink.js";

export const queryHelp = `Usage: baocao query "SQL" [--db FILE] [--format table|csv|json|jsonl] [--out FILE] [--max-width N]

Runs one SQL statement that returns rows on the store, through a read-only connection, and
prints the rows. Statements that could write (INSERT, VACUUM INTO, ATTACH, PRAGMA x = y…)
are refused (exit 2). "-" as SQL reads the statement from stdin. The function fold(text)
(lowercase, no diacritics, đ→d) is available for accent-insensitive comparisons. Tables and
the indicator_values view are described in docs/STORE.md.

Options:
  --db FILE        database (default data/baocao.sqlite)
  --format F       table (default, cells cut at --max-width, 60), csv (UTF-8; with a BOM in a file),
                   json (array of objects), jsonl (one object per line)
  --out FILE       write there instead of stdout

Examples:
  baocao query "SELECT status, count(*) FROM documents GROUP BY status"
  baocao query "SELECT issuer, period_year, value FROM indicator_values WHERE indicator_id = 'tthc.tong_so' ORDER BY issuer" --format csv --out tthc.csv
  baocao query "SELECT path FROM documents WHERE fold(issuer) LIKE '%ha noi%'"`;

export async function runQuery(args: Args): Promise<number> {
  return guard(queryHelp, async () => {
    let sql = args.positional[0];
    if (!sql) throw new UsageError("Give the SQL statement to run, in quotes.");
    if (sql === "-") sql = readFileSync(0, "utf8");
    const format = choiceFlag(args, "format", ROW_FORMATS, "table");
    const maxWidth = intFlag(args, "max-width", 60, 0);
    const file = dbPath(args);
    const out = flagString(args, "out");
    if (out && out !== "-") checkOutputPath(out, [file]);
    const db = openStore(file, { readonly: true });
    try {
      const stmt = db.prepare(sql);
      refuseUnlessPureRead(stmt);
      const columns = stmt.columns().map((c) => c.name);
      const sink = new Sink(out, { protect: [file] });
      try {
        await writeRows(sink, columns, stmt.iterate() as Iterable<Record<string, unknown>>, format, { maxWidth });
        await sink.close();
      } finally {
        sink.discard();
      }
      return 0;
    } finally {
      db.close();
    }
  });
}

/**
 * The authorizer of `query`: only a statement that returns rows and that SQLite itself
 * declares read-only (sqlite3_stmt_readonly, exposed as `stmt.readonly`) runs. A read-only
 * connection alone is not enough: `VACUUM INTO 'file'` writes a new database file through it,
 * and `ATTACH 'file'` (read-only by SQLite's definition, but no rows) opens other files. Both
 * are decided by SQLite's compiler, not by matching the SQL text, so comments, case, stdin
 * and CTEs change nothing.
 */
export function refuseUnlessPureRead(stmt: { reader: boolean; readonly: boolean }): void {
  if (!stmt.reader)
    throw new RefusedError(
      "query runs only statements that return rows (SELECT, WITH …, read-only PRAGMA); this one (e.g. VACUUM INTO, ATTACH, INSERT, CREATE) could write files or change the store. Use baocao export --out FILE to copy data out.",
    );
  if (!stmt.readonly) throw new RefusedError("query runs only read-only statements; this one would write to the database or to a file.");
}
