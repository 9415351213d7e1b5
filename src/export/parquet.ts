/**
 * Parquet output through DuckDB's own Parquet writer (`@duckdb/node-api`): rows are appended to
 * a table of an in-memory DuckDB with the export's column types (BIGINT, DOUBLE, BOOLEAN,
 * VARCHAR: UTF-8, so Vietnamese stays as stored) and copied out with `COPY … (FORMAT parquet)`.
 * The rows are held by DuckDB (columnar, in memory) until the copy; the file is written by
 * DuckDB itself, with zstd compression.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { type ExportColumn, typedValue } from "./columns.js";

const DUCKDB_TYPES = { integer: "BIGINT", double: "DOUBLE", boolean: "BOOLEAN", text: "VARCHAR" } as const;

/** A DuckDB identifier or string literal, quoted (the only SQL built here, from column names and a path). */
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Writes `rows` as one Parquet file at `file` (overwritten; the caller passes a temporary name
 * and renames it). Returns the number of rows written.
 */
export async function writeParquet(file: string, columns: readonly ExportColumn[], rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>): Promise<number> {
  // One thread: the export is bound by reading SQLite, and the machine is shared.
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TABLE export (${columns.map((c) => `${ident(c.name)} ${DUCKDB_TYPES[c.type]}`).join(", ")})`);
    const appender = await conn.createAppender("export");
    let n = 0;
    for await (const row of rows) {
      for (const c of columns) {
        const v = typedValue(c, row[c.name], n);
        if (v === null) appender.appendNull();
        else if (c.type === "integer") appender.appendBigInt(BigInt(v as number));
        else if (c.type === "double") appender.appendDouble(v as number);
        else if (c.type === "boolean") appender.appendBoolean(v as boolean);
        else appender.appendVarchar(v as string);
      }
      appender.endRow();
      n++;
    }
    appender.flushSync();
    appender.closeSync();
    await conn.run(`COPY export TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`);
    return n;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
