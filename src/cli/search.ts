import { openStore } from "../store/open.js";
import { type SearchMode, searchSections } from "../store/search.js";
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
    const db = openStore(dbPath(args), { readonly: true });
    try {
      let hits: ReturnType<typeof searchSections>;
      try {
        hits = searchSections(db, query, { mode, limit });
      } catch (e) {
        // SQLite's "fts5: syntax error near …" / "unterminated string" are about the user's query.
        if (mode === "fts" && (e as { code?: string }).code === "SQLITE_ERROR")
          throw new UsageError(`The search is not valid FTS5 syntax (${(e as Error).message.replace(/^fts5: /, "")}). Leave out --fts to search the words as given, or close quotes and parentheses.`);
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
      db.close();
    }
  });
}
