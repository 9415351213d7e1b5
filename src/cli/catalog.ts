import { openReader } from "../store/connect.js";
import { type Args, flagString } from "./args.js";
import { choiceFlag, dbPath, guard, intFlag, UsageError } from "./common.js";
import { writeRows } from "./format/rows.js";
import { Sink } from "./format/sink.js";

export const catalogHelp = `Usage: baocao catalog unmatched [--no-groups] [--limit N] [--format table|csv|json|jsonl] [--out FILE] [--db FILE]

Lists the indicator labels of the store that matched no entry of rules/catalog.json
(indicator_id NULL), grouped by label, most frequent first, with the number of rows and
documents, the units printed beside them and one document to look at. It is the worklist
for adding aliases to the catalog.

Options:
  --no-groups      leave out group rows (table headings such as "I. Cải cách TTHC")
  --limit N        most labels (default all)
  --format F       table (default), csv (UTF-8; with a BOM in a file), json, jsonl
  --out FILE       write there instead of stdout
  --db FILE        database (default data/baocao.sqlite)

Examples:
  baocao catalog unmatched --limit 30
  baocao catalog unmatched --no-groups --format csv --out unmatched.csv`;

export async function runCatalog(args: Args): Promise<number> {
  return guard(catalogHelp, async () => {
    const sub = args.positional[0];
    if (sub !== "unmatched") throw new UsageError(sub ? `Unknown catalog command "${sub}".` : "Name a catalog command: unmatched.");
    const format = choiceFlag(args, "format", ["table", "csv", "json", "jsonl"] as const, "table");
    const limit = intFlag(args, "limit", -1, 1);
    const file = dbPath(args);
    const db = await openReader(file);
    try {
      const rows = await db.unmatched({ groups: !args.flags.has("no-groups"), limit });
      const sink = new Sink(flagString(args, "out"), { protect: [file] });
      try {
        await writeRows(sink, ["rows", "documents", "name", "units", "group", "example"], rows as unknown as Record<string, unknown>[], format);
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
