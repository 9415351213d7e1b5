import { readFileSync } from "node:fs";
import { openReader } from "../store/connect.js";
import { ReadOnlyRefusal } from "../store/types.js";
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
    const db = await openReader(file);
    try {
      const { columns, rows } = await db.query(sql).catch((e) => {
        throw e instanceof ReadOnlyRefusal ? new RefusedError(e.message) : e;
      });
      const sink = new Sink(out, { protect: [file] });
      try {
        await writeRows(sink, columns, rows, format, { maxWidth });
        await sink.close();
      } finally {
        sink.discard();
      }
      return 0;
    } finally {
      await db.close();
    }
  });
}

