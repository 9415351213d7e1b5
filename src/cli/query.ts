import { readFileSync } from "node:fs";
import { openStore } from "../store/open.js";
import { type Args, flagString } from "./args.js";
import { choiceFlag, dbPath, guard, intFlag, UsageError } from "./common.js";
import { ROW_FORMATS, writeRows } from "./format/rows.js";
import { Sink } from "./format/sink.js";

export const queryHelp = `Usage: baocao query "SQL" [--db FILE] [--format table|csv|json|jsonl] [--out FILE] [--max-width N]

Runs one SQL statement on the store through a read-only connection (SQLite refuses any write)
and prints the rows. "-" as SQL reads the statement from stdin. The function fold(text)
(lowercase, no diacritics, đ→d) is available for accent-insensitive comparisons. Tables and
the indicator_values view are described in docs/STORE.md.

Options:
  --db FILE        database (default data/baocao.sqlite)
  --format F       table (default, cells cut at --max-width, 60), csv (UTF-8 with BOM),
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
    const db = openStore(dbPath(args), { readonly: true });
    try {
      const stmt = db.prepare(sql);
      if (!stmt.reader) {
        // Not a row-returning statement: run it and let the read-only connection refuse writes.
        const info = stmt.run();
        process.stderr.write(`${info.changes} row(s) changed\n`);
        return 0;
      }
      const columns = stmt.columns().map((c) => c.name);
      const sink = new Sink(flagString(args, "out"));
      await writeRows(sink, columns, stmt.iterate() as Iterable<Record<string, unknown>>, format, { maxWidth });
      await sink.close();
      return 0;
    } finally {
      db.close();
    }
  });
}
