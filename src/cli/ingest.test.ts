import { appendFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ingestPaths } from "../batch/run.js";
import { ParserPool } from "../batch/pool.js";
import { walkInputs } from "../batch/walk.js";
import { cli } from "./testing/capture.js";
import { corpus, put, tempDir } from "./testing/corpus.js";

const TABLES = ["documents", "sections", "section_topics", "indicators", "indicator_tables", "tasks", "targets", "messages"];

function counts(db: string): Record<string, number> {
  const d = new Database(db, { readonly: true });
  const out = Object.fromEntries(TABLES.map((t) => [t, (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  out.maxId = (d.prepare("SELECT max(id) AS n FROM documents").get() as { n: number }).n;
  d.close();
  return out;
}

describe("baocao ingest", () => {
  it("stores a folder, then a second run skips every unchanged file and stores nothing new", async () => {
    const dir = corpus(tempDir(), { "r/a.txt": "001.txt", "r/b.txt": "002.txt", "r/sub/c.txt": "002.txt" });
    const db = join(dir, "out", "db.sqlite");
    // Worker threads here; the other tests parse on the main thread (jobs 0) to stay fast.
    const first = await ingestPaths([join(dir, "r")], { db, jobs: 2 });
    expect(first).toMatchObject({ files: 3, parsed: 3, skipped: 0, failed: [] });
    expect(first.indicators).toBeGreaterThan(0);
    const before = counts(db);
    expect(before.documents).toBe(3);
    const second = await ingestPaths([join(dir, "r")], { db, jobs: 2 });
    expect(second).toMatchObject({ files: 3, parsed: 0, skipped: 3, indicators: 0 });
    expect(counts(db)).toEqual(before);
  });

  it("replaces the rows of a changed file and leaves the others alone; --force re-parses everything", async () => {
    const dir = corpus(tempDir(), { "a.txt": "002.txt", "b.txt": "002.txt" });
    const db = join(dir, "db.sqlite");
    await ingestPaths([dir], { db, jobs: 0 });
    appendFileSync(join(dir, "a.txt"), "\nMột dòng mới.\n");
    const again = await ingestPaths([dir], { db, jobs: 0 });
    expect(again).toMatchObject({ parsed: 1, replaced: 1, skipped: 1 });
    expect(counts(db).documents).toBe(2);
    const forced = await ingestPaths([dir], { db, jobs: 0, force: true });
    expect(forced).toMatchObject({ parsed: 2, replaced: 2, skipped: 0 });
  });

  it("records a failing file in the middle of a batch with its reason, goes on, and exits non-zero listing it", async () => {
    const dir = corpus(tempDir(), { "1.txt": "002.txt", "4.txt": "002.txt" });
    put(dir, "2.txt", new Uint8Array(4096).fill(1));
    put(dir, "3.doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    put(dir, "notes.md", "not a report extension: skipped");
    const db = join(dir, "db.sqlite");
    const r = await cli("ingest", dir, "--db", db, "--jobs", "0", "--quiet");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/2 file\(s\) failed/);
    expect(r.stderr).toContain(join(dir, "2.txt"));
    expect(r.stderr).toMatch(/3\.doc: failed \[ingest\.doc\.corrupt\]/);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT path, status, error_rule FROM documents ORDER BY path").all();
    expect(rows).toEqual([
      { path: join(dir, "1.txt"), status: "ok", error_rule: null },
      { path: join(dir, "2.txt"), status: "failed", error_rule: "ingest.binary" },
      { path: join(dir, "3.doc"), status: "failed", error_rule: "ingest.doc.corrupt" },
      { path: join(dir, "4.txt"), status: "ok", error_rule: null },
    ]);
    expect(d.prepare("SELECT error FROM documents WHERE path LIKE '%3.doc'").get()).toEqual({ error: expect.stringMatching(/damaged or truncated \(its OLE2 container cannot be read\)/) });
    d.close();
  });

  it("prints the summary as JSON with --json", async () => {
    const dir = corpus(tempDir(), { "a.txt": "002.txt" });
    const r = await cli("ingest", dir, "--db", join(dir, "db.sqlite"), "--json", "--quiet", "--jobs", "0");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ files: 1, parsed: 1, byStatus: { ok: 1 }, byFormat: { txt: 1 }, failed: [] });
  });

  it("refuses a call without paths with the help text and exit code 2", async () => {
    const r = await cli("ingest");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: baocao ingest/);
  });
});

describe("walking inputs", () => {
  it("skips hidden entries and other extensions in folders, follows links once and ends link loops", async () => {
    const dir = corpus(tempDir(), { "r/a.txt": "002.txt", "r/.hidden/b.txt": "002.txt", "r/.c.txt": "002.txt", "r/d/e.PDF": "000.pdf" });
    put(dir, "r/readme.md", "x");
    symlinkSync(join(dir, "r"), join(dir, "r", "d", "loop"));
    symlinkSync(join(dir, "r", "a.txt"), join(dir, "r", "z-link.txt"));
    mkdirSync(join(dir, "empty"));
    const found: string[] = [];
    const skipped: string[] = [];
    for await (const p of walkInputs([join(dir, "r"), join(dir, "empty")], { onSkip: (p) => skipped.push(p) })) found.push(p);
    expect(found).toEqual([join(dir, "r", "a.txt"), join(dir, "r", "d", "e.PDF")]);
    expect(skipped).toEqual([join(dir, "r", "d", "loop")]);
  });

  it("takes a file named on the command line whatever its extension, and a missing one so it is recorded", async () => {
    const dir = tempDir();
    const md = put(dir, "report.md", "x");
    const found: string[] = [];
    for await (const p of walkInputs([md, join(dir, "missing.txt")])) found.push(p);
    expect(found).toEqual([md, join(dir, "missing.txt")]);
  });
});

describe("baocao ingest with workers recycled every 2 files", () => {
  it("stores every document exactly once", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 9; i++) files[`r/${i}.${["txt", "docx", "pdf"][i % 3]}`] = `00${i % 5}.${["txt", "docx", "pdf"][i % 3]}`;
    const dir = corpus(tempDir(), files);
    const db = join(dir, "db.sqlite");
    const s = await ingestPaths([join(dir, "r")], { db, jobs: 2, recycleFiles: 2, recycleMb: 0 });
    expect(s).toMatchObject({ files: 9, parsed: 9, replaced: 0, failed: [] });
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT path, count(*) AS n FROM documents GROUP BY path ORDER BY path").all() as { path: string; n: number }[];
    d.close();
    expect(rows).toEqual(Object.keys(files).map((f) => ({ path: join(dir, f), n: 1 })).sort((a, b) => a.path.localeCompare(b.path)));
  });
});

describe("parser pool", () => {
  it("stops a worker that exceeds the time limit and returns the file as failed with the reason", async () => {
    const dir = corpus(tempDir(), { "a.txt": "002.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 1 });
    const r = await pool.parse(join(dir, "a.txt"), {});
    await pool.close();
    expect(r.extraction.status).toBe("failed");
    expect(r.extraction.messages[0]).toMatchObject({ ruleId: "ingest.timeout", reason: expect.stringMatching(/longer than the .* limit/) });
  });

  it("gives each file its own verdict when a worker with a second file waiting is stopped", async () => {
    // One worker holds two files (the one it parses and the next); when the first times out,
    // the waiting one goes back to the queue and is parsed (here: times out) on its own.
    const dir = corpus(tempDir(), { "a.txt": "002.txt", "b.txt": "001.txt", "c.txt": "004.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 1 });
    const paths = ["a.txt", "b.txt", "c.txt"].map((f) => join(dir, f));
    const replies = await Promise.all(paths.map((p) => pool.parse(p, {})));
    await pool.close();
    expect(replies.map((r) => [r.extraction.file, r.extraction.messages[0]?.ruleId])).toEqual(paths.map((p) => [p, "ingest.timeout"]));
  });

  it("cancels the file being parsed and the one waiting behind it when the pool closes", async () => {
    const dir = corpus(tempDir(), { "a.txt": "000.txt", "b.txt": "001.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 0 });
    const pending = [pool.parse(join(dir, "a.txt"), {}), pool.parse(join(dir, "b.txt"), {})];
    await pool.close();
    const replies = await Promise.all(pending);
    expect(replies.map((r) => r.extraction.messages[0]?.ruleId)).toEqual(["ingest.cancelled", "ingest.cancelled"]);
  });

  it("recycles a worker every 2 files: every file answered once, with its own result, and no worker left over", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`f${i}.txt`] = `00${i % 5}.txt`;
    const dir = corpus(tempDir(), files);
    const pool = new ParserPool({ size: 1, timeoutMs: 60_000, recycleFiles: 2, recycleMb: 0 });
    const paths = Object.keys(files).map((f) => join(dir, f));
    const replies = await Promise.all(paths.map((p) => pool.parse(p, {})));
    // 7 files at 2 per worker: 3 workers replaced, the 4th still open.
    expect(pool.recycled).toBe(3);
    await pool.close();
    expect(replies.map((r) => [r.extraction.file, r.extraction.status])).toEqual(paths.map((p) => [p, "ok"]));
    expect(new Set(replies.map((r) => r.id)).size).toBe(paths.length);
  });

  it("recycles a worker over its memory limit after the file it was parsing", async () => {
    const dir = corpus(tempDir(), { "a.txt": "001.txt", "b.txt": "002.txt", "c.txt": "003.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 60_000, recycleFiles: 0, recycleMb: 1 });
    const replies = await Promise.all(["a.txt", "b.txt", "c.txt"].map((f) => pool.parse(join(dir, f), {})));
    expect(replies.every((r) => (r.heapMb ?? 0) > 1)).toBe(true);
    // The file sent to a worker with the one it parses (b) is finished by it: workers {a, b}, {c}.
    expect(pool.recycled).toBe(2);
    await pool.close();
    expect(replies.map((r) => r.extraction.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("fails a file that runs its worker out of the full memory limit, with the reason", async () => {
    // 8 MB of heap is less than the parser's own modules need.
    const dir = corpus(tempDir(), { "a.txt": "001.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 60_000, startMemoryMb: 8, maxMemoryMb: 8 });
    const r = await pool.parse(join(dir, "a.txt"), {});
    await pool.close();
    expect(r.extraction.status).toBe("failed");
    expect(r.extraction.messages[0]).toMatchObject({ ruleId: "ingest.out-of-memory", reason: expect.stringMatching(/over 8 MB/) });
  });

  it("parses a file that ran a worker out of its start limit again, once, with the full limit", async () => {
    // Every worker started with 8 MB runs out (above); each file is then retried in a worker of
    // its own with 1 GB, one at a time within the pool's size, and answered once.
    const dir = corpus(tempDir(), { "a.txt": "001.txt", "b.txt": "002.txt", "c.txt": "003.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 60_000, startMemoryMb: 8, maxMemoryMb: 1024 });
    const paths = ["a.txt", "b.txt", "c.txt"].map((f) => join(dir, f));
    const replies = await Promise.all(paths.map((p) => pool.parse(p, {})));
    await pool.close();
    expect(replies.map((r) => [r.extraction.file, r.extraction.status])).toEqual(paths.map((p) => [p, "ok"]));
    expect(new Set(replies.map((r) => r.id)).size).toBe(3);
  });

  it("keeps parsing after a timeout with a fresh worker", async () => {
    const dir = corpus(tempDir(), { "a.txt": "002.txt" });
    const pool = new ParserPool({ size: 1, timeoutMs: 60_000 });
    const [a, b] = await Promise.all([pool.parse(join(dir, "a.txt"), {}), pool.parse(join(dir, "a.txt"), {})]);
    await pool.close();
    expect([a.extraction.status, b.extraction.status]).toEqual(["ok", "ok"]);
  });
});
