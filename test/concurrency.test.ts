import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Two `baocao ingest` processes on one database at once (issue 19: a good file was stored as
 * failed with "database is locked", and each run replaced the other's documents). Run as the
 * user runs it, as separate processes (the CLI from source through tsx, so no build is needed).
 */

const ROOT = join(import.meta.dirname, "..");
const SAMPLES = join(ROOT, "data/samples");

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "baocao-concurrent-"));
  // Two overlapping folders: "shared" is in both runs, each has files of its own.
  for (const [folder, names] of Object.entries({ a: ["000", "001", "002"], b: ["003", "004"] })) {
    for (let copy = 0; copy < 4; copy++)
      for (const n of names) {
        const dir = join(work, "in", folder, `copy${copy}`);
        mkdirSync(dir, { recursive: true });
        copyFileSync(join(SAMPLES, `${n}.txt`), join(dir, `${n}.txt`));
      }
  }
  mkdirSync(join(work, "in", "shared"), { recursive: true });
  for (const n of ["000", "003"]) copyFileSync(join(SAMPLES, `${n}.txt`), join(work, "in", "shared", `${n}.txt`));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function baocao(args: string[], stdin?: string): Promise<{ code: number | null; stderr: string }> {
  const code = `import(${JSON.stringify(join(ROOT, "src/cli/main.ts"))}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); })`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", code], { cwd: ROOT, stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin ?? "");
  return new Promise((resolve) => child.on("exit", (c) => resolve({ code: c, stderr })));
}

describe("two ingests on one database at once", () => {
  it("both end well: each exits 0 or the second is refused up front (exit 2); every document is stored once, none failed", async () => {
    const db = join(work, "store.sqlite");
    const [first, second] = await Promise.all([
      baocao(["ingest", join(work, "in/a"), join(work, "in/shared"), "--db", db, "--jobs", "1", "--quiet"]),
      baocao(["ingest", join(work, "in/b"), join(work, "in/shared"), "--db", db, "--jobs", "1", "--quiet"]),
    ]);
    const codes = [first.code, second.code].sort();
    expect([[0, 0], [0, 2]]).toContainEqual(codes);
    for (const r of [first, second]) if (r.code === 2) expect(r.stderr).toMatch(/Another baocao ingest is writing to .*Wait for it to finish/);
    // Whatever was refused is ingested by running it again, as the message says.
    if (codes[1] === 2) {
      const again = first.code === 2 ? ["a"] : ["b"];
      expect((await baocao(["ingest", join(work, "in", again[0]), join(work, "in/shared"), "--db", db, "--jobs", "1", "--quiet"])).code).toBe(0);
    }
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT path, status FROM documents").all() as { path: string; status: string }[];
    d.close();
    expect(rows).toHaveLength(12 + 8 + 2);
    expect(new Set(rows.map((r) => r.path)).size).toBe(rows.length);
    expect(rows.filter((r) => r.status === "failed")).toEqual([]);
  }, 240_000);

  it("query refuses VACUUM INTO read from stdin, and writes no file", async () => {
    const db = join(work, "store.sqlite");
    const target = join(work, "stolen.sqlite");
    const r = await baocao(["query", "-", "--db", db], `VACUUM INTO '${target}'`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/query runs only statements that return rows/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);
});
