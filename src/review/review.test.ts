import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/testing/capture.js";
import { type Db, openStore } from "../store/open.js";
import { sampleExtraction } from "../store/testing/fixtures.js";
import { DocumentWriter } from "../store/write.js";
import { reviewApp } from "./app.js";
import { addAlias, defaultCatalogPath, readCatalog } from "./catalog.js";
import { exportSql } from "../store/reviewed-exports.js";
import { ReviewStore } from "./store.js";

const tmp = () => mkdtempSync(join(tmpdir(), "baocao-review-"));
const facts = { parserVersion: "test", bytes: 1000, pages: null };

/** A store holding the sample extraction, its third indicator (unmatched) scored 0.6. */
function sampleStore(file = join(tmp(), "db.sqlite")): { db: Db; file: string; write: () => void } {
  const db = openStore(file);
  const write = () => {
    const ex = sampleExtraction();
    ex.indicators[2].confidence = 0.6;
    ex.indicators[2].confidenceReasons = [{ ruleId: "confidence.catalog.unmatched", factor: 0.6, detail: "no catalog entry" }];
    ex.indicators[0].confidence = 1;
    new DocumentWriter(db, { groupSize: 1 }).write(ex, facts);
  };
  write();
  return { db, file, write };
}
const count = (db: Db) => (db.prepare("SELECT count(*) AS n FROM corrections").get() as { n: number }).n;
const docId = (db: Db) => (db.prepare("SELECT id FROM documents").get() as { id: number }).id;
const reviewedValue = (db: Db, row: number) =>
  (db.prepare("SELECT value, review_status FROM indicator_values_reviewed WHERE row_index = ?").get(row) as { value: number | null; review_status: string });

const ORIGIN = "http://localhost";
function post(app: ReturnType<typeof reviewApp>, path: string, form: Record<string, string>, origin = ORIGIN) {
  return app.request(path, { method: "POST", body: new URLSearchParams(form), headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin ? { Origin: origin } : {}) } });
}
const appFor = (db: Db, allowEdit = true, catalogPath = defaultCatalogPath()) => reviewApp({ db, allowEdit, reviewer: "Lan", reviewBelow: 0.8, catalogPath });

describe("corrections", () => {
  it("are append-only: SQLite refuses to change or delete one", () => {
    const { db } = sampleStore();
    new ReviewStore(db).addCorrection({ documentId: docId(db), kind: "indicator", key: "t0r2", action: "note", field: "", note: "x", reviewer: "Lan" });
    expect(() => db.prepare("UPDATE corrections SET note = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM corrections").run()).toThrow(/append-only/);
    expect(count(db)).toBe(1);
  });

  it("apply in the reviewed view, keep the old value, and survive the document being stored again", () => {
    const { db, write } = sampleStore();
    const store = new ReviewStore(db);
    store.addCorrection({ documentId: docId(db), kind: "indicator", key: "t0r2", action: "correct", field: "value", value: 7, reviewer: "Lan" });
    expect(reviewedValue(db, 2)).toEqual({ value: 7, review_status: "corrected" });
    const [c] = store.history("a".repeat(64), "indicator", "t0r2");
    expect(c).toMatchObject({ field: "value", old_json: "3", new_json: "7", reviewer: "Lan", action: "correct" });
    write(); // the same file ingested again: its rows are replaced, the document gets a new id
    expect(reviewedValue(db, 2)).toEqual({ value: 7, review_status: "corrected" });
    expect((db.prepare("SELECT value FROM indicators WHERE row_index = 2").get() as { value: number }).value).toBe(3);
  });

  it("belong to the file's content: another file with other bytes at the same place is not corrected", () => {
    const { db } = sampleStore();
    new ReviewStore(db).addCorrection({ documentId: docId(db), kind: "indicator", key: "t0r2", action: "correct", field: "value", value: 7, reviewer: "Lan" });
    const other = sampleExtraction("reports/b.txt", "b".repeat(64));
    new DocumentWriter(db, { groupSize: 1 }).write(other, facts);
    const rows = db.prepare("SELECT path, value FROM indicator_values_reviewed WHERE row_index = 2 ORDER BY path").all();
    expect(rows).toEqual([{ path: "reports/a.txt", value: 7 }, { path: "reports/b.txt", value: 3 }]);
  });

  it("reach the export by default and not with --raw; rejected records leave the reviewed export", () => {
    const { db } = sampleStore();
    const store = new ReviewStore(db);
    store.addCorrection({ documentId: docId(db), kind: "indicator", key: "t0r2", action: "correct", field: "value", value: 7, reviewer: "Lan" });
    store.addCorrection({ documentId: docId(db), kind: "indicator", key: "t0r0", action: "reject", field: "", reviewer: "Lan" });
    store.addCorrection({ documentId: docId(db), kind: "metadata", key: "p0", action: "correct", field: "issuer", value: "UBND xã Đông Hoà", reviewer: "Lan" });
    const reviewed = db.prepare(exportSql("indicators")).all() as { row_index: number; value: number; review_status: string }[];
    expect(reviewed.map((r) => [r.row_index, r.value, r.review_status])).toEqual([[1, 118, "unreviewed"], [2, 7, "corrected"]]);
    const raw = db.prepare(exportSql("indicators", { raw: true })).all() as { value: number; confidence: number | null }[];
    expect(raw.map((r) => r.value)).toEqual([120, 118, 3]);
    expect(raw.map((r) => r.confidence)).toEqual([1, null, 0.6]);
    expect((db.prepare(exportSql("documents")).get() as { issuer: string }).issuer).toBe("UBND xã Đông Hoà");
    expect((db.prepare(exportSql("documents", { raw: true })).get() as { issuer: string }).issuer).toBe("UBND xã Đông Hòa");
  });
});

describe("review application", () => {
  it("lists the queue most doubtful first with progress counts, and the document with its records", async () => {
    const { db } = sampleStore();
    const app = appFor(db);
    const queue = await (await app.request("/queue")).text();
    expect(queue).toContain("Chỉ tiêu lạ chưa có trong danh mục");
    expect(queue).toContain("confidence.catalog.unmatched");
    expect(queue).not.toContain("Tổng số TTHC tiếp nhận"); // confidence 1
    const docs = await (await app.request("/?status=ok&period_year=2024")).text();
    expect(docs).toContain("reports/a.txt");
    expect(await (await app.request("/?period_year=1999")).text()).not.toContain("reports/a.txt");
    expect((await app.request("/?period_year=abc")).status).toBe(400);
    const page = await (await app.request(`/documents/${docId(db)}`)).text();
    expect(page).toContain("Rà soát văn bản");
    expect(page).toContain("ratio.mismatch");
  });

  it("stores a correction from the record form and shows it; a value that is not a number is refused and nothing stored", async () => {
    const { db } = sampleStore();
    const app = appFor(db);
    const path = `/records/${docId(db)}/indicator/t0r2`;
    const refused = await post(app, path, { action: "correct", field: "value", value: "ba mươi" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("is not a number");
    expect(count(db)).toBe(0);
    const ok = await post(app, path, { action: "correct", field: "value", value: "1.234,5" });
    expect(ok.status).toBe(303);
    expect(reviewedValue(db, 2).value).toBe(1234.5);
    expect(await (await app.request(path)).text()).toContain("1234.5");
    const unknownId = await post(app, path, { action: "correct", field: "indicator_id", value: "no.such.id" });
    expect(unknownId.status).toBe(400);
    expect(count(db)).toBe(1);
  });

  it("escapes HTML in a note, refuses a note past the limit, and refuses edits when read-only or from another origin", async () => {
    const { db } = sampleStore();
    const path = `/records/${docId(db)}/indicator/t0r2`;
    const app = appFor(db);
    expect((await post(app, path, { action: "note", note: "<script>alert('x')</script><b>đậm</b>" })).status).toBe(303);
    const page = await (await app.request(path)).text();
    expect(page).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;");
    expect(page).not.toContain("<script>alert");
    const long = await post(app, path, { action: "note", note: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("at most 2000 characters");
    expect((await post(app, path, { action: "note", note: "x".repeat(100_000) })).status).toBe(413);
    expect((await post(app, path, { action: "accept" }, "http://evil.example")).status).toBe(403);
    expect((await post(appFor(db, false), path, { action: "accept" })).status).toBe(403);
    expect(count(db)).toBe(1);
  });

  it("adds an accepted label to a copy of the catalog as an alias, validated, and refuses it twice", () => {
    const catalog = join(tmp(), "catalog.json");
    copyFileSync(defaultCatalogPath(), catalog);
    const before = readFileSync(catalog, "utf8").split("\n");
    const first = readCatalog(catalog).indicators[1];
    expect(addAlias(catalog, first.id, "Số văn bản  chỉ đạo mới")).toMatchObject({ added: true });
    const after = readFileSync(catalog, "utf8").split("\n");
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toHaveLength(1);
    expect(readCatalog(catalog).indicators[1].aliases.at(-1)).toBe("Số văn bản chỉ đạo mới");
    expect(addAlias(catalog, first.id, "so van ban chi dao moi")).toMatchObject({ added: false });
    expect(addAlias(catalog, "no.such", "x")).toMatchObject({ added: false });
  });
});

describe("baocao serve", () => {
  it("refuses a missing database and a port in use with a clear line", async () => {
    const missing = await cli("serve", "--db", join(tmp(), "none.sqlite"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No database at");
    const { file, db } = sampleStore();
    db.close();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const busy = await cli("serve", "--db", file, "--port", String(port));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});
