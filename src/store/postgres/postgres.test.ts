import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReader, openWriter } from "../connect.js";
import { StoreUnavailable } from "../errors.js";
import { EXPORT_KINDS } from "../exports.js";
import { sampleExtraction } from "../testing/fixtures.js";
import type { RowSet, StoreReader } from "../types.js";
import { freshDatabase, noteSkipped, TEST_PG } from "./testing.js";

noteSkipped("PostgreSQL store tests (src/store/postgres/postgres.test.ts)");

async function all(set: RowSet): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of set.rows) out.push(r);
  return out;
}

/** Export rows without the engine-assigned ids and write times. */
async function exported(reader: StoreReader) {
  const out: Record<string, unknown[]> = {};
  for (const kind of EXPORT_KINDS)
    out[kind] = (await all(await reader.exportRows(kind, { raw: true }))).map(({ id: _id, ingested_at: _at, document_id: _d, ...rest }) => rest);
  return out;
}

describe.skipIf(!TEST_PG)("the PostgreSQL store", () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), "baocao-pg-"));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores the same rows as SQLite in every export, and re-ingest replaces instead of adding", async () => {
    const sqlite = join(dir, "same.sqlite");
    for (const target of [sqlite, db.url]) {
      const sink = await openWriter(target);
      await sink.write(sampleExtraction("a.txt", "a".repeat(64), 2024), { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" });
      await sink.write(sampleExtraction("b.txt", "b".repeat(64), 2023), { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" });
      expect(await sink.isUnchanged("a.txt", "a".repeat(64), "t1")).toBe(true);
      expect(await sink.isUnchanged("a.txt", "a".repeat(64), "t2")).toBe(false);
      expect(await sink.isUnchanged("a.txt", "c".repeat(64), "t1")).toBe(false);
      const again = await sink.write(sampleExtraction("a.txt", "a".repeat(64), 2024), { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" });
      expect(again.replaced).toBe(true);
      expect(await sink.documentCount()).toBe(2);
      await sink.close();
    }
    const [lite, pgr] = [await openReader(sqlite), await openReader(db.url)];
    try {
      const [a, b] = [await exported(lite), await exported(pgr)];
      expect(b.indicators).toHaveLength(6);
      expect(b).toEqual(a);
      for (const q of ["mot cua", "Đảng ủy", "so hoa"]) {
        const [x, y] = [await lite.search(q), await pgr.search(q)];
        expect(y.map((h) => [h.path, h.numberPath, h.snippet])).toEqual(x.map((h) => [h.path, h.numberPath, h.snippet]));
      }
      expect((await pgr.search("co che thuc hien")).length).toBe(0);
      expect((await pgr.search("co che thuc hien", { mode: "all" })).length).toBe(2);
      expect(await pgr.unmatched()).toEqual(await lite.unmatched());
      const sql = "SELECT issuer, period_year, value FROM indicator_values WHERE fold(name) LIKE '%dung han%' ORDER BY period_year";
      expect(await all(await pgr.query(sql))).toEqual(await all(await lite.query(sql)));
    } finally {
      await lite.close();
      await pgr.close();
    }
  });

  it("refuses statements that could write, and a second statement", async () => {
    const r = await openReader(db.url);
    try {
      for (const sql of ["DELETE FROM documents", "SELECT 1; DELETE FROM documents", "WITH x AS (DELETE FROM documents RETURNING 1) SELECT * FROM x", "SELECT nextval('documents_id_seq')"])
        await expect(r.query(sql), sql).rejects.toThrow(/query runs|read-only|data-modifying/);
      expect(await all(await r.query("SELECT count(*) AS n FROM documents"))).toEqual([{ n: 2 }]);
    } finally {
      await r.close();
    }
  });

  it("gives one clear error for an unreachable server, wrong credentials, a missing database, no schema and a newer schema", async () => {
    const u = new URL(db.url);
    const at = (edit: (x: URL) => void) => {
      const x = new URL(u.toString());
      edit(x);
      return x.toString();
    };
    await expect(openReader(at((x) => (x.port = "1")))).rejects.toThrow(/Cannot reach PostgreSQL/);
    await expect(openReader(at((x) => (x.password = "wrong-password")))).rejects.toThrow(/refused the credentials/);
    await expect(openReader(at((x) => (x.pathname = "/no_such_baocao_db")))).rejects.toThrow(/has no database "no_such_baocao_db"/);
    const empty = await freshDatabase();
    try {
      await expect(openReader(empty.url)).rejects.toThrow(/holds no baocao store/);
      await expect(openReader(empty.url)).rejects.toBeInstanceOf(StoreUnavailable);
    } finally {
      await empty.drop();
    }
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query("INSERT INTO schema_version (version, description) VALUES (999, 'from the future')");
    try {
      await expect(openReader(db.url)).rejects.toThrow(/schema version 999, newer than this baocao knows/);
      await expect(openWriter(db.url)).rejects.toThrow(/schema version 999, newer/);
    } finally {
      await c.query("DELETE FROM schema_version WHERE version = 999");
      await c.end();
    }
  });
});
