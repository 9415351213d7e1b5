import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../batch/run.js";
import { cli } from "../cli/testing/capture.js";
import { corpus, put } from "../cli/testing/corpus.js";
import { openReader } from "./connect.js";
import { copyStore } from "./copy.js";
import { EXPORT_KINDS } from "./exports.js";
import { freshDatabase, noteSkipped, TEST_PG } from "./postgres/testing.js";
import type { RowSet, StoreReader } from "./types.js";

noteSkipped("baocao copy tests (src/store/copy.test.ts)");

async function all(set: RowSet): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of set.rows) out.push(r);
  return out;
}

/** Every export, raw and reviewed, without the engine-assigned ids. */
async function exported(reader: StoreReader) {
  const out: Record<string, unknown[]> = {};
  for (const raw of [true, false])
    for (const kind of EXPORT_KINDS)
      out[`${kind}${raw ? " raw" : ""}`] = (await all(await reader.exportRows(kind, { raw }))).map(({ id: _id, document_id: _d, ...rest }) => rest);
  return out;
}

describe("baocao copy: SQLite store → PostgreSQL store", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "baocao-copy-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says in one line, exit 2, that the SQLite store is missing or of another schema", async () => {
    const missing = await cli("copy", "--from", join(dir, "none.sqlite"), "--to", "postgres://x@127.0.0.1:1/x");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: No SQLite store at .*none\.sqlite.*\n$/);
    const old = join(dir, "old.sqlite");
    const d = new Database(old);
    d.pragma("user_version = 3");
    d.close();
    const stale = await cli("copy", "--from", old, "--to", "postgres://x@127.0.0.1:1/x");
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/^error: The database .* has schema version 3, this baocao expects \d+/);
    expect(stale.stderr.trim().split("\n")).toHaveLength(1);
    const usage = await cli("copy", "--from", old, "--to", join(dir, "x.sqlite"));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--to needs a postgres/);
  });

  describe.skipIf(!TEST_PG)("against the PostgreSQL server", () => {
    let db: { url: string; drop: () => Promise<void> };
    let sqlite: string;
    beforeAll(async () => {
      db = await freshDatabase();
      const files = corpus(join(dir, "in"), { "a.txt": "000.txt", "b.txt": "001.txt", "c.txt": "002.txt", "d.docx": "003.docx", "e.docx": "004.docx", "f.pdf": "000.pdf" });
      put(files, "broken.txt", new Uint8Array(4096).fill(1));
      sqlite = join(dir, "store.sqlite");
      const r = await ingestPaths([files], { db: sqlite, jobs: 0 });
      expect(r.failed).toHaveLength(1);
      // Reviewers' work: a corrected indicator value, a rejected task, a note, a corrected metadata field.
      const s = new Database(sqlite);
      const ind = s.prepare("SELECT d.sha256, i.table_index, i.row_index FROM indicators i JOIN documents d ON d.id = i.document_id WHERE i.value IS NOT NULL ORDER BY i.rowid LIMIT 1").get() as {
        sha256: string;
        table_index: number;
        row_index: number;
      };
      const task = s.prepare("SELECT d.sha256, t.table_index, t.row_index FROM tasks t JOIN documents d ON d.id = t.document_id ORDER BY t.rowid LIMIT 1").get() as typeof ind | undefined;
      const add = s.prepare("INSERT INTO corrections (sha256, kind, record_key, field, action, old_json, new_json, note, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      const key = (r: typeof ind) => `t${r.table_index}r${r.row_index}`;
      add.run(ind.sha256, "indicator", key(ind), "value", "correct", "1", "42.5", null, "lan", "2025-02-01T00:00:00Z");
      add.run(ind.sha256, "indicator", key(ind), "value", "correct", "42.5", "43", "second look", "minh", "2025-02-02T00:00:00Z");
      add.run(ind.sha256, "indicator", key(ind), "", "note", null, null, "ask the unit", "minh", "2025-02-03T00:00:00Z");
      if (task) add.run(task.sha256, "task", key(task), "", "reject", null, null, null, "lan", "2025-02-04T00:00:00Z");
      add.run(ind.sha256, "metadata", "p0", "issuer", "correct", null, JSON.stringify("UBND tỉnh Thử"), null, "lan", "2025-02-05T00:00:00Z");
      s.close();
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("copies every document and correction so each export (raw and reviewed) equals the SQLite one; a second copy writes nothing", async () => {
      const first = await copyStore(sqlite, db.url);
      expect(first).toMatchObject({ documents: 7, copied: 7, skipped: 0 });
      expect(first.corrections).toBeGreaterThanOrEqual(4);
      expect(first.correctionsSkipped).toBe(0);

      const [lite, pgr] = [await openReader(sqlite), await openReader(db.url)];
      try {
        const [a, b] = [await exported(lite), await exported(pgr)];
        expect(b.indicators.length).toBeGreaterThan(0);
        expect(b["documents raw"]).toHaveLength(7);
        // The corrections are applied in PostgreSQL too: the later correction of the value wins.
        expect(b.indicators.some((r) => (r as { value?: unknown }).value === 43)).toBe(true);
        expect(b.documents.some((r) => (r as { issuer?: unknown }).issuer === "UBND tỉnh Thử")).toBe(true);
        for (const kind of Object.keys(a)) expect(b[kind], kind).toEqual(a[kind]);
        const sql = "SELECT count(*) AS n FROM section_topics";
        expect(await all(await pgr.query(sql))).toEqual(await all(await lite.query(sql)));
        // The same sections are found (the two engines rank ties differently, so as a set).
        for (const q of ["mot cua", "so hoa"]) {
          const [x, y] = [await lite.search(q, { limit: 1000 }), await pgr.search(q, { limit: 1000 })];
          const hits = (list: typeof x) => list.map((h) => `${h.path} ${h.numberPath}`).sort();
          expect(hits(x).length).toBeGreaterThan(0);
          expect(hits(y)).toEqual(hits(x));
        }
      } finally {
        await lite.close();
        await pgr.close();
      }

      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const counts = async () => (await c.query("SELECT (SELECT count(*) FROM documents) AS d, (SELECT max(id) FROM documents) AS m, (SELECT count(*) FROM corrections) AS c")).rows[0];
      try {
        const before = await counts();
        const again = await cli("copy", "--from", sqlite, "--to", db.url);
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(/^0 document\(s\) copied, 7 already there \(of 7\); 0 correction\(s\) added, \d+ already there\n$/);
        expect(await counts()).toEqual(before);
      } finally {
        await c.end();
      }
    });

    it("exits 2 with one line when the PostgreSQL server cannot be reached", async () => {
      const u = new URL(db.url);
      u.port = "1";
      const r = await cli("copy", "--from", sqlite, "--to", u.toString());
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: Cannot reach PostgreSQL at 127\.0\.0\.1:1/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    });
  });
});
