import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../batch/run.js";
import { corpus, SAMPLES, tempDir } from "../cli/testing/corpus.js";
import { openReader } from "../store/connect.js";
import { EXPORT_KINDS } from "../store/exports.js";
import { freshDatabase, noteSkipped, TEST_PG } from "../store/postgres/testing.js";
import type { StoreReader } from "../store/types.js";
import { enqueuePaths } from "./enqueue.js";
import { OCR_TABLE } from "./boss.js";
import { queueStatus } from "./status.js";
import { runWorker } from "./worker.js";

noteSkipped("distributed ingest tests (src/queue/queue.test.ts)");

const ROOT = join(SAMPLES, "..", "..");
/** A two-page scan: a letter, then a blank sheet with copier dust (scripts/make-ocr-fixtures.mjs). */
const SCAN = join(ROOT, "test", "fixtures", "ocr", "ocr-letter-blank-page.pdf");

/** A `baocao worker` process (TypeScript through tsx), its stderr collected. */
function worker(url: string, extra: string[] = []): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const args = ["worker", "--db", url, "--jobs", "1", ...extra];
  const script = `import { main } from "./src/cli/main.ts"; main(${JSON.stringify(args)}).then((c) => process.exit(c));`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, log: () => err, exited };
}

/** The queue state of the job for a path. */
async function stateOf(url: string, path: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT state::text AS state FROM pgboss.job WHERE name = 'baocao-ingest' AND data ->> 'path' = $1", [path]);
    return rows[0]?.state;
  } finally {
    await c.end();
  }
}

async function until(what: () => boolean | Promise<boolean>, ms: number, label: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every export of a store, without engine-assigned ids and write times, in a stable order. */
async function snapshot(reader: StoreReader) {
  const out: Record<string, string[]> = {};
  for (const kind of EXPORT_KINDS) {
    const rows: string[] = [];
    for await (const { id: _i, ingested_at: _t, document_id: _d, ...rest } of (await reader.exportRows(kind, { raw: true })).rows) rows.push(JSON.stringify(rest));
    out[kind] = rows.sort();
  }
  return out;
}

describe.skipIf(!TEST_PG)("distributed ingest through the PostgreSQL queue", () => {
  let db: { url: string; drop: () => Promise<void> };
  const dirs: string[] = [];
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("stores every document exactly once when one of two worker processes is killed with kill -9 mid-job, equal to a one-process SQLite ingest", async () => {
    const dir = corpus(tempDir("baocao-queue-"), {
      "a.txt": "000.txt", "b.txt": "001.txt", "c.txt": "002.txt", "d.txt": "003.txt", "e.txt": "004.txt", "f.docx": "001.docx", "g.docx": "002.docx",
    });
    dirs.push(dir);
    // Variants with their own content (a further paragraph), so each is a job of its own.
    for (const [i, from] of ["000.txt", "001.txt", "002.txt", "003.txt", "004.txt"].entries()) {
      writeFileSync(join(dir, `v${i}.txt`), readFileSync(join(SAMPLES, from)));
      appendFileSync(join(dir, `v${i}.txt`), `\n\nGhi chú bổ sung số ${i + 1}.\n`);
    }
    const files = 12;
    const queued = await enqueuePaths([dir], { db: db.url, leaseSeconds: 8 });
    expect(queued).toMatchObject({ files, queued: files, duplicates: 0, stored: 0 });
    // Enqueuing the same files again makes no second job.
    expect(await enqueuePaths([dir], { db: db.url })).toMatchObject({ queued: 0, duplicates: files });

    const a = worker(db.url);
    const b = worker(db.url, ["--until-empty"]);
    // Kill A while it holds a job: right after it took its second one.
    await until(() => (a.log().match(/^started /gm) ?? []).length >= 2, 120_000, "worker A to take two jobs");
    const taken = a.log().match(/^started (.*)$/gm)!.at(-1)!.slice("started ".length);
    a.child.kill("SIGKILL");
    await a.exited;
    // Whether A died holding the job (it almost always does: a text file takes longer to parse
    // than the kill takes) is read from the queue, not assumed.
    const held = await stateOf(db.url, taken);
    // B finishes the queue, including A's job once its lease has run out.
    expect(await b.exited).toBe(0);
    if (held === "active") {
      expect(a.log()).not.toContain(`stored ${taken}`);
      expect(b.log()).toContain(`stored ${taken}`);
    } else console.warn(`note: worker A finished ${taken} before the kill landed; the lease hand-over was not exercised this run`);

    const status = await queueStatus(db.url);
    expect(status).toMatchObject({ queued: 0, running: 0, failed: 0, done: files, documents: files });
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query("SELECT path, count(*)::int AS n FROM documents GROUP BY path HAVING count(*) > 1");
      expect(rows).toEqual([]);
    } finally {
      await c.end();
    }

    const sqlite = join(dir, "..", `${dir.split("/").pop()}.sqlite`);
    dirs.push(sqlite);
    await ingestPaths([dir], { db: sqlite, jobs: 0 });
    const [lite, pgr] = [await openReader(sqlite), await openReader(db.url)];
    try {
      const [x, y] = [await snapshot(lite), await snapshot(pgr)];
      expect(y.documents).toHaveLength(files);
      expect(y).toEqual(x);
    } finally {
      await lite.close();
      await pgr.close();
    }
  }, 240_000);

  it("on SIGTERM finishes the running job, takes no new one, and leaves the rest queued", async () => {
    const fresh = await freshDatabase();
    try {
      const dir = corpus(tempDir("baocao-queue-term-"), { "a.txt": "000.txt", "b.txt": "001.txt", "c.txt": "002.txt", "d.txt": "003.txt" });
      dirs.push(dir);
      expect(await enqueuePaths([dir], { db: fresh.url })).toMatchObject({ queued: 4 });
      const w = worker(fresh.url);
      await until(() => /^started /m.test(w.log()), 120_000, "the worker to take a job");
      const taken = w.log().match(/^started (.*)$/m)![1];
      w.child.kill("SIGTERM");
      expect(await w.exited).toBe(130);
      expect(w.log()).toContain(`stored ${taken}`);
      const status = await queueStatus(fresh.url);
      expect(status.running).toBe(0);
      expect(status.failed).toBe(0);
      expect(status.done + status.queued).toBe(4);
      expect(status.done).toBe(status.documents);
      expect(status.queued).toBeGreaterThan(0);
    } finally {
      await fresh.drop();
    }
  }, 180_000);

  it("fails a job whose file vanished at once, with the reason, into the dead-letter queue", async () => {
    const dir = tempDir("baocao-queue-gone-");
    dirs.push(dir);
    const file = join(dir, "gone.txt");
    writeFileSync(file, "BÁO CÁO\nSẽ bị xóa trước khi xử lý.\n");
    expect(await enqueuePaths([dir], { db: db.url })).toMatchObject({ queued: 1 });
    rmSync(file);
    const events: string[] = [];
    const summary = await runWorker({ db: db.url, jobs: 1, untilEmpty: true, onJob: (e) => events.push(`${e.outcome}: ${e.reason}`) });
    expect(summary).toMatchObject({ stored: 0, retried: 0, failed: 1 });
    expect(events).toEqual([expect.stringMatching(/^failed: The file is gone: .*gone\.txt cannot be found/)]);
    const status = await queueStatus(db.url);
    expect(status.failed).toBe(1);
    expect(status.recentFailures[0]).toMatchObject({ path: file, reason: expect.stringMatching(/The file is gone/) });
  }, 120_000);

  it("fans a scan out into one OCR job per page and one assemble job, stored equal to a one-process ingest", async () => {
    const fresh = await freshDatabase();
    try {
      const dir = corpus(tempDir("baocao-queue-scan-"), { "a.txt": "000.txt" });
      dirs.push(dir);
      copyFileSync(SCAN, join(dir, "scan.pdf"));
      expect(await enqueuePaths([dir], { db: fresh.url })).toMatchObject({ queued: 2 });
      // Two workers (in this process, so their events can be read): the pages go to either.
      const events: string[] = [];
      const onJob = (e: { outcome: string; path: string; page?: number; pages?: number }) =>
        events.push(`${e.outcome} ${e.path.split("/").pop()}${e.page ? ` page ${e.page}` : ""}${e.pages ? ` into ${e.pages}` : ""}`);
      const [x, y] = await Promise.all([0, 1].map(() => runWorker({ db: fresh.url, jobs: 1, untilEmpty: true, pollSeconds: 0.2, onJob })));
      expect(events.sort()).toEqual(["fanned-out scan.pdf into 2", "page scan.pdf page 1", "page scan.pdf page 2", "stored a.txt", "stored scan.pdf"]);
      expect(x.pages + y.pages).toBe(2);
      expect(x.stored + y.stored).toBe(2);
      const status = await queueStatus(fresh.url);
      expect(status).toMatchObject({ done: 2, failed: 0, documents: 2, pages: { done: 2, failed: 0, queued: 0 }, assemble: { done: 1, failed: 0 } });
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      try {
        // The page rows are gone once the scan is assembled.
        expect((await c.query(`SELECT count(*)::int AS n FROM ${OCR_TABLE}`)).rows[0].n).toBe(0);
      } finally {
        await c.end();
      }
      const sqlite = join(dir, "..", `${dir.split("/").pop()}.sqlite`);
      dirs.push(sqlite);
      await ingestPaths([dir], { db: sqlite, jobs: 0 });
      const [lite, pgr] = [await openReader(sqlite), await openReader(fresh.url)];
      try {
        const [l, p] = [await snapshot(lite), await snapshot(pgr)];
        // The scan was read by OCR (its letter's words are stored), the same in both.
        expect(p.documents.find((d) => d.includes("scan.pdf"))).toMatch(/"status":"(ok|partial)".*"number":"15\/BC-UBND"/);
        expect(p).toEqual(l);
        // And the messages (OCR's with their pages), which no export carries.
        const sql = "SELECT m.* FROM messages m JOIN documents d ON d.id = m.document_id WHERE d.path LIKE '%scan.pdf'";
        // (pg returns bigint columns as strings: numbers on both sides.)
        const strip = (rows: Record<string, unknown>[]) =>
          rows.map(({ id: _i, document_id: _d, ...m }) => JSON.stringify(m, (_k, v) => (typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v))).sort();
        const lite3 = new Database(sqlite, { readonly: true });
        const fromLite = strip(lite3.prepare(sql).all() as Record<string, unknown>[]);
        lite3.close();
        const pc = new pg.Client({ connectionString: fresh.url });
        await pc.connect();
        const fromPg = strip((await pc.query(sql)).rows);
        await pc.end();
        expect(fromPg.some((m) => m.includes("ocr.blank-page"))).toBe(true);
        expect(fromPg).toEqual(fromLite);
      } finally {
        await lite.close();
        await pgr.close();
      }
    } finally {
      await fresh.drop();
    }
  }, 240_000);

  it("fails a page job whose file vanished after the fan-out at once, with the reason and page", async () => {
    const fresh = await freshDatabase();
    try {
      const dir = tempDir("baocao-queue-scan-gone-");
      dirs.push(dir);
      const file = join(dir, "scan.pdf");
      copyFileSync(SCAN, file);
      expect(await enqueuePaths([dir], { db: fresh.url })).toMatchObject({ queued: 1 });
      const events: string[] = [];
      // One job in hand at a time (the second loop sleeps past the fan-out), so the file is gone before any page job starts.
      const summary = await runWorker({
        db: fresh.url,
        jobs: 1,
        untilEmpty: true,
        pollSeconds: 10,
        onJob: (e) => {
          if (e.outcome === "fanned-out") rmSync(file);
          events.push(`${e.outcome}${e.page ? ` page ${e.page}` : ""}: ${e.reason ?? ""}`);
        },
      });
      expect(summary).toMatchObject({ fannedOut: 1, pages: 0, stored: 0, retried: 0, failed: 2 });
      expect(events).toEqual(["fanned-out: ", expect.stringMatching(/^failed page [12]: The file is gone: .*scan\.pdf/), expect.stringMatching(/^failed page [12]: The file is gone/)]);
      const status = await queueStatus(fresh.url);
      expect(status.pages).toMatchObject({ failed: 2, queued: 0, running: 0 });
      expect(status.recentFailures).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: file, page: 1, reason: expect.stringMatching(/The file is gone/) }), expect.objectContaining({ page: 2 })]),
      );
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
