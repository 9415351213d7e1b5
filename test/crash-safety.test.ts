import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_TEXT } from "./make/bad-inputs.js";

/**
 * Crash safety of `baocao ingest`, run as the user runs it (node bin/baocao.js, a child
 * process): SIGKILL in the middle of a batch leaves a consistent database, a re-run finishes
 * the batch without duplicates, and a file that takes too long cannot hold a batch up.
 */

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin/baocao.js");
const SAMPLES = join(ROOT, "data/samples");
const COPIES = 3;

let work: string;

beforeAll(() => {
  // bin/baocao.js runs the compiled CLI; compile the working tree so the test sees this code.
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "ignore" });
  work = mkdtempSync(join(tmpdir(), "baocao-crash-"));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

function finish(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.resume();
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })));
}

/** Documents stored so far, read through a separate connection (WAL lets it read while the batch writes). */
function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (sqlite.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  } catch {
    return 0; // the schema is not created yet
  }
}

/**
 * The database is sound and holds no half documents: integrity and foreign keys check out, no
 * path twice, and every copy of the same file (same sha256) has exactly the same number of
 * sections, indicator rows, tasks, targets and messages.
 */
function assertConsistent(db: string): { documents: number; byPath: Map<string, string> } {
  const sqlite = new Database(db);
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(sqlite.prepare("SELECT path FROM documents GROUP BY path HAVING count(*) > 1").all()).toEqual([]);
    const perDoc = sqlite
      .prepare(
        `SELECT d.sha256, d.path, d.status,
           (SELECT count(*) FROM sections WHERE document_id = d.id) AS sections,
           (SELECT count(*) FROM indicators WHERE document_id = d.id) AS indicators,
           (SELECT count(*) FROM tasks WHERE document_id = d.id) AS tasks,
           (SELECT count(*) FROM targets WHERE document_id = d.id) AS targets,
           (SELECT count(*) FROM messages WHERE document_id = d.id) AS messages
         FROM documents d`,
      )
      .all() as { sha256: string; path: string; status: string; [k: string]: string | number }[];
    const shapes = new Map<string, string>();
    for (const d of perDoc) {
      const { path: _p, ...shape } = d;
      const key = JSON.stringify(shape);
      const seen = shapes.get(d.sha256);
      if (seen !== undefined) expect(key, d.path).toBe(seen);
      else shapes.set(d.sha256, key);
    }
    // Orphans would mean a document was deleted without its rows.
    for (const t of ["sections", "indicators", "tasks", "targets", "messages"])
      expect((sqlite.prepare(`SELECT count(*) AS n FROM ${t} WHERE document_id NOT IN (SELECT id FROM documents)`).get() as { n: number }).n, t).toBe(0);
    return { documents: perDoc.length, byPath: new Map(perDoc.map((d) => [d.path, d.status])) };
  } finally {
    sqlite.close();
  }
}

describe("crash safety of baocao ingest", () => {
  it("leaves a consistent database after kill -9 mid-batch, and a re-run completes it without duplicates", async () => {
    const inputs = join(work, "copies");
    // The .txt and .docx samples: enough documents to kill mid-way, cheap enough for a fast suite.
    const samples = readdirSync(SAMPLES).filter((f) => /\.(txt|docx)$/.test(f));
    for (let c = 0; c < COPIES; c++) {
      mkdirSync(join(inputs, `copy-${c}`), { recursive: true });
      for (const f of samples) copyFileSync(join(SAMPLES, f), join(inputs, `copy-${c}`, f));
    }
    const total = samples.length * COPIES;
    const db = join(work, "crash.sqlite");

    const child = run(["ingest", inputs, "--db", db, "--jobs", "2", "--quiet"]);
    const exited = finish(child);
    // Kill once a few documents are in: the batch is then certainly mid-way.
    while (storedCount(db) < 4) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    const { signal } = await exited;
    expect(signal).toBe("SIGKILL");

    const before = assertConsistent(db);
    expect(before.documents).toBeGreaterThan(0);
    expect(before.documents).toBeLessThan(total);

    const rerun = await finish(run(["ingest", inputs, "--db", db, "--jobs", "2", "--quiet", "--json"]));
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { files: number; skipped: number; parsed: number; failed: unknown[] };
    expect(summary.files).toBe(total);
    // What the killed run stored is kept, not parsed again.
    expect(summary.skipped).toBe([...before.byPath.values()].filter((s) => s !== "failed").length);
    expect(summary.skipped + summary.parsed).toBe(total);
    expect(summary.failed).toEqual([]);

    const after = assertConsistent(db);
    expect(after.documents).toBe(total);
    for (const [path, status] of before.byPath) if (status !== "failed") expect(after.byPath.get(path)).toBe(status);
  }, 600_000);

  it("stops a file that runs past --timeout and stores the rest of the batch", async () => {
    const inputs = join(work, "slow");
    mkdirSync(inputs, { recursive: true });
    // A long PDF stands in for a pathological one: it parses for many seconds, well past the 2 s limit (about 170 pages/s).
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < 2000; i++) {
      const page = pdf.addPage([595, 842]);
      for (let j = 0; j < 30; j++) page.drawText(`Dong ${j} trang ${i}: ket qua cai cach hanh chinh 1.234`, { x: 50, y: 800 - j * 25, size: 10, font });
    }
    writeFileSync(join(inputs, "b-slow.pdf"), await pdf.save());
    for (const n of ["a-report.txt", "c-report.txt"]) writeFileSync(join(inputs, n), REPORT_TEXT);
    const db = join(work, "timeout.sqlite");

    const { code, stdout } = await finish(run(["ingest", inputs, "--db", db, "--jobs", "1", "--timeout", "2", "--quiet", "--json"]));
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as { failed: { path: string; rule: string }[] };
    expect(summary.failed).toEqual([expect.objectContaining({ path: join(inputs, "b-slow.pdf"), rule: "ingest.timeout" })]);
    const { byPath } = assertConsistent(db);
    expect(byPath.get(join(inputs, "b-slow.pdf"))).toBe("failed");
    expect(byPath.get(join(inputs, "a-report.txt"))).toBe("ok");
    expect(byPath.get(join(inputs, "c-report.txt"))).toBe("ok");
  }, 300_000);
});
