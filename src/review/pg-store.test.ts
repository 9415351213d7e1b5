import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../cli/testing/capture.js";
import { openReader, openWriter } from "../store/connect.js";
import { openStore } from "../store/open.js";
import { freshDatabase, noteSkipped, TEST_PG } from "../store/postgres/testing.js";
import { sampleExtraction } from "../store/testing/fixtures.js";
import { reviewApp } from "./app.js";
import { defaultCatalogPath } from "./catalog.js";
import { PgReviewStore } from "./pg-store.js";
import { type ReviewBackend, ReviewStore } from "./store.js";

noteSkipped("baocao serve on PostgreSQL tests (src/review/pg-store.test.ts)");

/** The sample report, its third indicator (unmatched) scored 0.6 and its issuer doubtful. */
function report() {
  const ex = sampleExtraction();
  ex.indicators[2].confidence = 0.6;
  ex.indicators[2].confidenceReasons = [{ ruleId: "confidence.catalog.unmatched", factor: 0.6, detail: "no catalog entry" }];
  ex.indicators[0].confidence = 1;
  ex.metadata.confidence = { issuer: { confidence: 0.5, reasons: [{ ruleId: "metadata.issuer.guess", factor: 0.5, detail: "từ chữ ký" }] } };
  return ex;
}
const FACTS = { parserVersion: "t1", ingestedAt: "2025-01-01T00:00:00Z" };
const ORIGIN = "http://localhost";
const post = (app: ReturnType<typeof reviewApp>, path: string, form: Record<string, string>) =>
  app.request(path, { method: "POST", body: new URLSearchParams(form), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN } });
const appOn = (store: ReviewBackend, allowEdit: boolean) => reviewApp({ store, allowEdit, reviewer: "Lan", reviewBelow: 0.8, catalogPath: defaultCatalogPath() });
/** Rows without the engine-assigned ids and write times. */
const strip = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !["id", "document_id", "documentId", "ingested_at", "at", "reviewed_at"].includes(k)).map(([k, x]) => [k, strip(x)]))
      : v;

describe.skipIf(!TEST_PG)("baocao serve on a PostgreSQL store", () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  let sqlite: string;
  beforeAll(async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), "baocao-pgserve-"));
    sqlite = join(dir, "same.sqlite");
    for (const target of [sqlite, db.url]) {
      const sink = await openWriter(target);
      await sink.write(report(), FACTS);
      await sink.close();
    }
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores a correction made in the application, shows it as SQLite does, and keeps it through a re-ingest", async () => {
    const pgStore = await PgReviewStore.open(db.url, { allowEdit: true });
    const lite = new ReviewStore(openStore(sqlite));
    try {
      for (const store of [pgStore, lite]) {
        const [doc] = await store.documents({});
        const app = appOn(store, true);
        const res = await post(app, `/records/${doc.id}/indicator/t0r2`, { action: "correct", field: "value", value: "7" });
        expect(res.status).toBe(303);
        expect((await post(app, `/metadata/${doc.id}/issuer`, { action: "accept" })).status).toBe(303);
        expect((await app.request("/queue")).status).toBe(200);
        expect(await (await app.request(`/records/${doc.id}/indicator/t0r2`)).text()).toContain("corrected");
      }
      const [pd] = await pgStore.documents({});
      const [ld] = await lite.documents({});
      expect(strip(await pgStore.documentDetail(Number(pd.id)))).toEqual(strip(await lite.documentDetail(Number(ld.id))));
      expect(strip(await pgStore.record(Number(pd.id), "indicator", "t0r2"))).toEqual(strip(await lite.record(Number(ld.id), "indicator", "t0r2")));
      expect(strip(await pgStore.queue(0.8))).toEqual(strip(await lite.queue(0.8)));
      expect(strip(await pgStore.facets())).toEqual(strip(await lite.facets()));
      expect((await pgStore.queue(0.8)).reviewed).toBe(2);
      const [c] = await pgStore.history("a".repeat(64), "indicator", "t0r2");
      expect(c).toMatchObject({ field: "value", old_json: "3", new_json: "7", reviewer: "Lan", action: "correct" });
      await expect(pgStore.addCorrection({ documentId: Number(pd.id), kind: "task", key: "t9r9", action: "accept", field: "", reviewer: "Lan" })).rejects.toThrow(/No task t9r9/);
    } finally {
      await pgStore.close();
      await lite.close();
    }
    const sink = await openWriter(db.url);
    expect((await sink.write(report(), { ...FACTS, parserVersion: "t2" })).replaced).toBe(true);
    await sink.close();
    const r = await openReader(db.url);
    try {
      const rows: Record<string, unknown>[] = [];
      for await (const x of (await r.exportRows("indicators")).rows) rows.push(x);
      expect(rows.map((x) => [x.row_index, x.value, x.review_status])).toEqual([
        [0, 120, "unreviewed"],
        [1, 118, "unreviewed"],
        [2, 7, "corrected"],
      ]);
    } finally {
      await r.close();
    }
  });

  it("without --allow-edit refuses in the application and in the database session", async () => {
    const store = await PgReviewStore.open(db.url, { allowEdit: false });
    try {
      const [doc] = await store.documents({});
      const before = (await store.history("a".repeat(64), "indicator", "t0r2")).length;
      expect((await post(appOn(store, false), `/records/${doc.id}/indicator/t0r2`, { action: "accept" })).status).toBe(403);
      await expect(store.addCorrection({ documentId: Number(doc.id), kind: "indicator", key: "t0r2", action: "accept", field: "", reviewer: "Lan" })).rejects.toThrow(/read-only transaction/);
      expect(await store.history("a".repeat(64), "indicator", "t0r2")).toHaveLength(before);
    } finally {
      await store.close();
    }
  });

  it("gives one line for an unreachable server, a database without a store and a port in use", async () => {
    const down = new URL(db.url);
    down.port = "1";
    const unreachable = await cli("serve", "--db", down.toString());
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain("Cannot reach PostgreSQL");
    const empty = await freshDatabase();
    try {
      const none = await cli("serve", "--db", empty.url);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("holds no baocao store");
    } finally {
      await empty.drop();
    }
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const busy = await cli("serve", "--db", db.url, "--port", String(port));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});
