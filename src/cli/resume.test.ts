import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ingestPaths } from "../batch/run.js";
import { corpus, tempDir } from "./testing/corpus.js";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

function stored(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0; // schema not created yet
  }
}

describe("resuming an interrupted ingest", () => {
  it("after the process is killed mid-batch, a re-run stores the rest with no duplicates", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`r/${String(i).padStart(2, "0")}.txt`] = i % 3 ? "002.txt" : "001.txt";
    const dir = corpus(tempDir("baocao-resume-"), files);
    const db = join(dir, "db.sqlite");
    const script = `import(${JSON.stringify(MAIN)}).then((m) => m.main(["ingest", ${JSON.stringify(join(dir, "r"))}, "--db", ${JSON.stringify(db)}, "--jobs", "0", "--quiet"]))`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Kill as soon as the first documents are committed: the batch is then half done.
    let before = 0;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      before = stored(db);
      if (before >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await exited;
    before = stored(db);
    expect(before).toBeGreaterThan(0);

    const summary = await ingestPaths([join(dir, "r")], { db, jobs: 0 });
    expect(summary.failed).toEqual([]);
    expect(summary.skipped).toBe(before);
    expect(summary.parsed).toBe(12 - before);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT count(*) AS n, count(DISTINCT path) AS paths FROM documents").get()).toEqual({ n: 12, paths: 12 });
    // Each document's rows exist exactly once: section ordinals are unique per document.
    expect(d.prepare("SELECT count(*) AS n FROM (SELECT document_id, ordinal FROM sections GROUP BY 1, 2 HAVING count(*) > 1)").get()).toEqual({ n: 0 });
    expect(d.prepare("SELECT count(*) AS n FROM indicators i LEFT JOIN documents d ON d.id = i.document_id WHERE d.id IS NULL").get()).toEqual({ n: 0 });
    d.close();
  });
});
