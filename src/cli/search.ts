import { openReader } from "../store/connect.js";
import type { SearchHit, SearchMode } from "../store/search.js";
import { BadSearchQuery } from "../store/types.js";
import type { Args } from "./args.js";
import { choiceFlag, dbPath, guard, intFlag, UsageError } from "./common.js";

export const searchHelp = `Usage: baocao search "WORDS" [--limit N] [--all | --fts] [--format text|json] [--db FILE]

Full-text search over the narrative sections (titles and text) of every stored report,
accent- and case-insensitive: "mot cua", "Một cửa" and "MỘT CỬA" find the same sections, and
đ matches d. By default the words must appear together in this order (a phrase); --all finds
sections holding every word anywhere; --fts takes SQLite FTS5 syntax (AND, OR, NOT,
NEAR(a b, 5), prefix*). Best matches first (a title match counts more than body text).
Each hit prints the document path, section number and title, page/line and a snippet with
the matched words in « ».

Options:
  --limit N        most hits (default 20)
  --format F       text (default) or json
  --db FILE        database (default data/baocao.sqlite)

Examples:
  baocao search "một cửa"
  baocao search "mot cua lien thong" --limit 5
  baocao search "dich vu cong AND truc tuyen" --fts
  baocao search "số hóa" --all --format json`;

export async function runSearch(args: Args): Promise<number> {
  return guard(searchHelp, async () => {
    const query = args.positional.join(" ").trim();
    if (!query) throw new UsageError("Give the words to search for.");
    const mode: SearchMode = args.flags.has("fts") ? "fts" : args.flags.has("all") ? "all" : "phrase";
    const limit = intFlag(args, "limit", 20, 1);
    const format = choiceFlag(args, "format", ["text", "json"] as const, "text");
    const db = await openReader(dbPath(args));
    try {
      let hits: SearchHit[];
      try {
        hits = await db.search(query, { mode, limit });
      } catch (e) {
        if (e instanceof BadSearchQuery) throw new UsageError(e.message);
        throw e;
      }
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        return 0;
      }
      if (!hits.length) {
        process.stderr.write(`No section matches "${query}".\n`);
        return 0;
      }
      const out = hits.map((h) => {
        const where = [h.page ? `page ${h.page}` : "", h.line ? `line ${h.line}` : ""].filter(Boolean).join(", ");
        return `${h.path} § ${h.numberPath} ${h.title}${where ? ` (${where})` : ""}\n    ${h.snippet}\n`;
      });
      process.stdout.write(out.join("\n"));
      return 0;
    } finally {
      await db.close();
    }
  });
}
