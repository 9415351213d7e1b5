import { SqliteReader, SqliteSink } from "./sqlite.js";
import type { DocumentSink, StoreReader } from "./types.js";
import type { WriterOptions } from "./write.js";

/**
 * Which engine a `--db` value names: a `postgres://` or `postgresql://` URL is PostgreSQL,
 * anything else an SQLite file.
 */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db.trim());
}

/** Options of a writer; the SQLite ones tune its group commits (write.ts). */
export interface SinkOptions {
  sqlite?: WriterOptions;
}

/**
 * Opens the write side of the store `db` names, migrated to this build's schema. The
 * PostgreSQL module (and the `pg` driver) is only loaded for a PostgreSQL URL.
 */
export async function openWriter(db: string, options: SinkOptions = {}): Promise<DocumentSink> {
  if (isPostgresUrl(db)) {
    const { PostgresSink } = await import("./postgres/sink.js");
    return PostgresSink.open(db);
  }
  return new SqliteSink(db, options.sqlite);
}

/** Opens the read side of the store `db` names (it must exist and have this build's schema). */
export async function openReader(db: string): Promise<StoreReader> {
  if (isPostgresUrl(db)) {
    const { PostgresReader } = await import("./postgres/reader.js");
    return PostgresReader.open(db);
  }
  return new SqliteReader(db);
}
