import { isPostgresUrl } from "../store/connect.js";
import { DEFAULT_DB } from "../store/open.js";
import { type Args, flagString } from "./args.js";
import { guard, UsageError } from "./common.js";

export const copyHelp = `Usage: baocao copy --to postgres://USER:PASSWORD@HOST:PORT/DATABASE [--from FILE] [--quiet] [--json]

Copies an SQLite store into a PostgreSQL store (created or upgraded as by ingest), so work
done on one machine joins the shared store. Every document is stored exactly as an ingest into
PostgreSQL would store it, one transaction per document; the reviewers' corrections are added
to the append-only corrections log. A document already there with the same path, content
(sha256) and parser version is skipped, as is a correction already there, so the copy can be
run again (or resumed after an interruption) and then writes nothing. A document of the same
path with other content is replaced by the SQLite one. The SQLite file is only read.

Options:
  --from FILE   the SQLite store (default ${DEFAULT_DB})
  --to URL      the PostgreSQL store (required)
  --quiet       print nothing but errors
  --json        print the summary as JSON on stdout

Exit code 2 when either store cannot be used (no file, another schema version, server
unreachable).

Examples:
  baocao copy --to postgres://baocao:secret@db.example:5432/baocao
  baocao copy --from laptop.sqlite --to postgres://baocao@127.0.0.1/baocao --json`;

export async function runCopy(args: Args): Promise<number> {
  return guard(copyHelp, async () => {
    const from = flagString(args, "from") ?? DEFAULT_DB;
    if (!from.trim()) throw new UsageError("--from needs the SQLite file to copy.");
    if (isPostgresUrl(from)) throw new UsageError("--from must be an SQLite file; copying between PostgreSQL stores is a job for pg_dump.");
    const to = flagString(args, "to");
    if (!to || !isPostgresUrl(to)) throw new UsageError("--to needs a postgres://… URL of the store to copy into.");
    const quiet = args.flags.has("quiet");
    const { copyStore } = await import("../store/copy.js");
    const s = await copyStore(from, to);
    if (args.flags.has("json")) process.stdout.write(`${JSON.stringify(s)}\n`);
    else if (!quiet)
      process.stdout.write(
        `${s.copied} document(s) copied, ${s.skipped} already there (of ${s.documents}); ${s.corrections} correction(s) added, ${s.correctionsSkipped} already there\n`,
      );
    return 0;
  });
}
