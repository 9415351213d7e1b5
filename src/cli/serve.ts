import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { createAdaptorServer } from "@hono/node-server";
import { loadConfidenceRules } from "../confidence/index.js";
import { reviewApp } from "../review/app.js";
import { defaultCatalogPath } from "../review/catalog.js";
import { type ReviewBackend, ReviewStore } from "../review/store.js";
import { isPostgresUrl } from "../store/connect.js";
import { NoDatabaseError, openStore } from "../store/open.js";
import { redact } from "../store/postgres/connection.js";
import { type Args, flagString } from "./args.js";
import { dbPath, guard, intFlag, RefusedError, UsageError } from "./common.js";

export const serveHelp = `Usage: baocao serve [--db FILE|postgres://…] [--port 8080] [--host 127.0.0.1] [--allow-edit] [--reviewer NAME]

A local web application to review what the extractor is unsure of: the documents (filters
and counts), each document's metadata, sections, tables, records and messages, and a review
queue of every record and metadata field below the review confidence (rules/confidence.json)
— OCR'd cells read with low confidence, consistency flags, unmatched or low-score catalog
matches, number cells read as nothing, metadata found nowhere or in disagreement — most
doubtful first. The record view shows the page cropped to the record beside its raw text and
parsed values; accept, correct, reject and note are stored in the corrections table, keyed by
the file's sha256, so they survive a re-ingest; \`baocao export\` applies them.

Every page and asset is served by baocao itself (no CDN; works offline).

Options:
  --db FILE|URL    database (default data/baocao.sqlite); must exist; a postgres:// URL
                   reviews the shared PostgreSQL store (read-only sessions without --allow-edit)
  --port N         port (default 8080)
  --host H         address to bind (default 127.0.0.1: this machine only)
  --allow-edit     accept corrections (default: read-only, the database is opened read-only)
  --reviewer NAME  the name stored with each correction (default: the login name)

Examples:
  baocao serve --db data/baocao.sqlite
  baocao serve --db postgres://baocao@db-host/baocao --allow-edit --reviewer "Trần Thị B"
  baocao serve --allow-edit --reviewer "Nguyễn Văn A"`;

/** Starts the server; resolves when it stops (SIGINT / SIGTERM). */
export async function runServe(args: Args): Promise<number> {
  return guard(serveHelp, async () => {
    const file = dbPath(args);
    const port = intFlag(args, "port", 8080, 0);
    if (port > 65535) throw new UsageError("--port must be at most 65535.");
    const host = flagString(args, "host") ?? "127.0.0.1";
    const allowEdit = args.flags.has("allow-edit");
    const reviewer = (flagString(args, "reviewer") ?? safeUser()).replace(/\s+/g, " ").trim();
    if (!reviewer || reviewer.length > 100 || /[\u0000-\u001f\u007f]/.test(reviewer)) throw new UsageError("--reviewer needs a name of 1–100 printable characters.");
    const store = await openReviewStore(file, allowEdit);
    const app = reviewApp({ store, allowEdit, reviewer, reviewBelow: loadConfidenceRules().review, catalogPath: defaultCatalogPath() });
    const server = createAdaptorServer({ fetch: app.fetch });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
      });
    } catch (e) {
      await store.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") throw new RefusedError(`Port ${port} on ${host} is in use (another baocao serve?). Choose another with --port.`);
      if (code === "EADDRNOTAVAIL") throw new RefusedError(`${host} is not an address of this machine; use --host 127.0.0.1 or one of its addresses.`);
      if (code === "EACCES") throw new RefusedError(`No permission to listen on port ${port}; use a port above 1023.`);
      throw e;
    }
    const addr = server.address();
    const shown = typeof addr === "object" && addr ? `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}/` : String(addr);
    process.stderr.write(`baocao review at ${shown} (${allowEdit ? `editing as ${reviewer}` : "read-only"}; ${isPostgresUrl(file) ? redact(file) : file}). Ctrl-C stops it.\n`);
    if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") process.stderr.write(`warning: bound to ${host}: other machines can reach this server.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await store.close();
    return 0;
  });
}

/**
 * The store to review: a PostgreSQL URL (sessions READ ONLY unless --allow-edit: on a shared
 * store a stray form must not write) or an SQLite file, which must exist — never created
 * here: a mistyped --db would serve an empty one.
 */
async function openReviewStore(file: string, allowEdit: boolean): Promise<ReviewBackend> {
  if (isPostgresUrl(file)) {
    const { PgReviewStore } = await import("../review/pg-store.js");
    return PgReviewStore.open(file, { allowEdit });
  }
  if (file !== ":memory:" && !existsSync(file)) throw new NoDatabaseError(file);
  return new ReviewStore(openStore(file, { readonly: !allowEdit }));
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "reviewer";
  }
}
