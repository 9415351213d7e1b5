import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReader, openWriter } from "../connect.js";
import { EXPORT_KINDS } from "../exports.js";
import { openStore } from "../open.js";
import { sampleExtraction } from "../testing/fixtures.js";
import type { RowSet, StoreReader } from "../types.js";
import { freshDatabase, noteSkipped, TEST_PG } from "./testing.js";

noteSkipped("PostgreSQL review tests (src/store/postgres/review.test.ts)");

async function all(set: RowSet): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of set.rows) out.push(r);
  return out;
}

/** Reviewed (default) or raw export rows of every kind, without the engine-assigned ids and write times. */
async function exported(reader: StoreReader, raw = false) {
  const out: Record<string, unknown[]> = {};
  for (const kind of EXPORT_KINDS)
    out[kind] = (await all(await reader.exportRows(kind, { raw }))).map(({ id: _id, ingested_at: _at, document_id: _d, ...rest }) => rest);
  return out;
}

/** A report whose metadata carries confidences (for metadata_confidence). */
function report(file: string, sha: string, year: number) {
  const x = sampleExtraction(file, sha, year);
  x.metadata.confidence = {
    issuer: { confidence: 0.4, reasons: [{ ruleId: "metadata.disagree", factor: 0.4, detail: "hai cơ quan" }] },
    period: { confidence: 1, reasons: [] },
  };
  return x;
}

const A = "a".repeat(64);
const B = "b".repeat(64);
type C = [sha: string, kind: string, key: string, field: string, action: string, oldJson: string | null, newJson: string | null, note: string | null];
/** The same corrections for both engines, in order (a later correct of a field wins). */
const CORRECTIONS: C[] = [
  [A, "indicator", "t0r1", "value", "correct", "118", "117", null],
  [A, "indicator", "t0r1", "value", "correct", "117", "119", null],
  [A, "indicator", "t0r1", "", "note", null, null, "đã đối chiếu bản giấy"],
  [A, "indicator", "t0r0", "", "accept", null, null, null],
  [A, "indicator", "t0r2", "", "reject", null, null, "không phải chỉ tiêu"],
  [A, "indicator", "t0r0", "unit", "correct", '"TTHC"', '"hồ sơ"', null],
  [A, "indicator", "t0r0", "indicator_id", "correct", '"tthc.tiep_nhan"', "null", null],
  [A, "task", "t1r0", "owner", "correct", '"Văn phòng"', '"Phòng Nội vụ"', null],
  [A, "target", "t2r0", "target", "correct", "80", "85.5", null],
  [B, "target", "t2r0", "", "reject", null, null, null],
  [A, "metadata", "p0", "issuer", "correct", '"UBND xã Đông Hòa"', '"UBND phường Tân Lập"', null],
  [A, "metadata", "p0", "period_year", "correct", "2024", "2025", null],
  [B, "metadata", "p0", "issuer", "accept", null, null, null],
];
const INSERT = "INSERT INTO corrections (sha256, kind, record_key, field, action, old_json, new_json, note, reviewer, at) VALUES ";

describe.skipIf(!TEST_PG)("reviewing on the PostgreSQL store", () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  let sqlite: string;
  let client: pg.Client;
  beforeAll(async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), "baocao-pgreview-"));
    sqlite = join(dir, "same.sqlite");
    for (const target of [sqlite, db.url]) {
      const sink = await openWriter(target);
      await sink.write(report("a.txt", A, 2024), { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" });
      await sink.write(report("b.txt", B, 2023), { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" });
      await sink.close();
    }
    const lite = openStore(sqlite);
    try {
      const ins = lite.prepare(`${INSERT}(?, ?, ?, ?, ?, ?, ?, ?, 'Nguyễn Văn A', ?)`);
      CORRECTIONS.forEach((c, i) => ins.run(...c, `2025-02-01T00:00:${String(i).padStart(2, "0")}Z`));
    } finally {
      lite.close();
    }
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const [i, c] of CORRECTIONS.entries()) await client.query(`${INSERT}($1, $2, $3, $4, $5, $6, $7, $8, 'Nguyễn Văn A', $9)`, [...c, `2025-02-01T00:00:${String(i).padStart(2, "0")}Z`]);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports the same reviewed data as SQLite for the same corrections, and the raw data with --raw", async () => {
    const [lite, pgr] = [await openReader(sqlite), await openReader(db.url)];
    try {
      const [a, b] = [await exported(lite), await exported(pgr)];
      expect(b).toEqual(a);
      expect(await exported(pgr, true)).toEqual(await exported(lite, true));
      // what the corrections did, read on PostgreSQL
      const ind = b.indicators.filter((r: any) => r.path === "a.txt") as Record<string, unknown>[];
      expect(ind.map((r) => [r.row_index, r.value, r.unit, r.indicator_id, r.review_status])).toEqual([
        [0, 120, "hồ sơ", null, "corrected"],
        [1, 119, "TTHC", "tthc.dung_han", "corrected"],
      ]);
      expect(b.tasks.map((r: any) => [r.path, r.owner, r.review_status])).toEqual([
        ["a.txt", "Phòng Nội vụ", "corrected"],
        ["b.txt", "Văn phòng", "unreviewed"],
      ]);
      expect(b.targets.map((r: any) => [r.path, r.target, r.review_status])).toEqual([["a.txt", 85.5, "corrected"]]);
      expect(b.documents.map((r: any) => [r.path, r.issuer, r.period_year, r.review_status, r.reviewer])).toEqual([
        ["a.txt", "UBND phường Tân Lập", 2025, "corrected", "Nguyễn Văn A"],
        ["b.txt", "UBND xã Đông Hòa", 2023, "accepted", "Nguyễn Văn A"],
      ]);
      const raw = await exported(pgr, true);
      expect(raw.indicators).toHaveLength(6);
      expect(raw.documents.map((r: any) => r.issuer)).toEqual(["UBND xã Đông Hòa", "UBND xã Đông Hòa"]);
      const conf = "SELECT path, part, field, confidence, reasons_json FROM metadata_confidence ORDER BY path, field";
      const mc = await all(await pgr.query(conf));
      expect(mc).toEqual(await all(await lite.query(conf)));
      expect(mc).toHaveLength(4);
    } finally {
      await lite.close();
      await pgr.close();
    }
  });

  it("keeps the corrections through a re-ingest of the same file", async () => {
    const sink = await openWriter(db.url);
    const again = await sink.write(report("a.txt", A, 2024), { parserVersion: "t2", ingestedAt: "2025-03-01T00:00:00Z" });
    expect(again.replaced).toBe(true);
    await sink.close();
    const r = await openReader(db.url);
    try {
      const ind = (await all(await r.exportRows("indicators"))).filter((x) => x.path === "a.txt");
      expect(ind.map((x) => [x.row_index, x.value, x.review_status])).toEqual([
        [0, 120, "corrected"],
        [1, 119, "corrected"],
      ]);
      expect((await all(await r.query("SELECT count(*) AS n FROM corrections"))).at(0)).toEqual({ n: CORRECTIONS.length });
    } finally {
      await r.close();
    }
  });

  it("refuses to change or remove a correction", async () => {
    for (const sql of ["UPDATE corrections SET new_json = '1'", "DELETE FROM corrections", "TRUNCATE corrections"])
      await expect(client.query(sql), sql).rejects.toThrow(/append-only/);
    await expect(client.query(`${INSERT}($1, 'indicator', 't0r0', '', 'correct', NULL, '1', NULL, 'x', 'now')`, [A])).rejects.toThrow(/check constraint/);
    await expect(client.query(`${INSERT}($1, 'section', 't0r0', '', 'accept', NULL, NULL, NULL, 'x', 'now')`, [A])).rejects.toThrow(/check constraint/);
    expect((await client.query("SELECT count(*)::int AS n FROM corrections")).rows[0].n).toBe(CORRECTIONS.length);
  });

  it("refuses a store of the pre-release baseline without the review tables with one line", async () => {
    const old = await freshDatabase();
    try {
      const sink = await openWriter(old.url);
      await sink.close();
      const c = new pg.Client({ connectionString: old.url });
      await c.connect();
      await c.query("DROP TABLE corrections CASCADE");
      await c.end();
      await expect(openReader(old.url)).rejects.toThrow(/pre-release baocao without the review tables/);
    } finally {
      await old.drop();
    }
  });
});
