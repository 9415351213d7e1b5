/**
 * The sentence a user can act on for an error from SQLite or Node, instead of its raw text
 * (`SQLITE_NOTADB`, `EEXIST: file already exists, mkdir …`). Unknown errors keep their message.
 */
export function friendlyError(e: unknown): string {
  const err = e as { code?: string; message?: string; path?: string; syscall?: string; cause?: { code?: string } };
  if (!err?.code && typeof err?.cause?.code === "string") {
    // A wrapper (the store's StoreFailure) says what was lost; its cause says why.
    const what = (err.message ?? "").split(": ")[0];
    return `${friendlyError(err.cause)}${what ? ` (${what}.)` : ""}`;
  }
  const msg = err?.message ?? String(e);
  const path = err?.path ? ` (${err.path})` : "";
  switch (err?.code) {
    case "SQLITE_NOTADB":
      return "The --db file is not an SQLite database (wrong file, or damaged beyond its header). Give the right --db, or a new file name to start a new store.";
    case "SQLITE_CORRUPT":
    case "SQLITE_CORRUPT_VTAB":
      return `The database is damaged (${msg}). Restore a copy, or re-create it: baocao ingest PATH… --db NEW.sqlite`;
    case "SQLITE_FULL":
    case "ENOSPC":
      return `The disk is full${path}. Free some space and run the command again.`;
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return "The database is locked by another program writing to it. Wait for it to finish and run the command again.";
    case "SQLITE_READONLY":
    case "EROFS":
    case "EACCES":
    case "EPERM":
      return `No permission to write there${path} (read-only disk or file). Choose a writable --db or --out.`;
    case "SQLITE_CANTOPEN":
      return `The database file cannot be opened (${msg}): check that its folder exists and is readable.`;
    case "EEXIST":
    case "ENOTDIR":
      return `A file is in the way where a folder is needed${path}: choose another --db or --out path.`;
    case "EISDIR":
      return `That path is a folder, not a file${path}: name a file.`;
    case "ENOENT":
      return `No such file or folder${path}.`;
  }
  if (typeof err?.code === "string" && err.code.startsWith("SQLITE_")) {
    if (/fts5: syntax error/.test(msg)) return `The search is not valid FTS5 syntax (${msg.replace(/^fts5: /, "")}). Leave out --fts to search the words as given, or quote phrases with "…".`;
    return `SQL error: ${msg}`;
  }
  return msg;
}

/**
 * The store cannot be used at all (an unreachable server, wrong credentials, no database, no
 * or a newer schema): one sentence to act on; the CLI prints it and exits 2.
 */
export class StoreUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreUnavailable";
  }
}
