import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../src/cli/testing/capture.js";

/**
 * Issue 19, a full disk: the one-line error hid that documents were committed, and `export`
 * left a 0-byte file. The disk is a small tmpfs, so the test runs only where it may mount one
 * (root on Linux); elsewhere it is skipped.
 */

const ROOT = join(import.meta.dirname, "..");
let work = "";
let disk = "";
let mounted = false;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "baocao-full-"));
  disk = join(work, "disk");
  mkdirSync(disk);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=400k", "tmpfs", disk], { stdio: "ignore" });
    mounted = true;
  } catch {
    mounted = false;
  }
  const input = join(work, "in");
  mkdirSync(input);
  for (let copy = 0; copy < 6; copy++)
    for (const n of ["000", "001", "002", "003", "004"]) copyFileSync(join(ROOT, "data/samples", `${n}.txt`), join(input, `${copy}-${n}.txt`));
});
afterAll(() => {
  if (mounted) execFileSync("umount", [disk]);
  rmSync(work, { recursive: true, force: true });
});

describe("a full disk", () => {
  it("says how many whole documents the store holds when the disk fills during an ingest", async (ctx) => {
    if (!mounted) ctx.skip();
    const db = join(disk, "store.sqlite");
    const r = await cli("ingest", join(work, "in"), "--db", db, "--jobs", "0", "--quiet");
    expect(r.code).toBe(1);
    const m = /The disk is full.*The batch was stopped\. The store holds (\d+) document\(s\) \((\d+) more than before this run\), each complete; run the same command again to store the rest\./.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const d = new Database(db, { readonly: true });
    expect(d.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((d.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n).toBe(Number(m![1]));
    d.close();
    expect(Number(m![1])).toBeLessThan(30);
  }, 120_000);

  it("leaves no 0-byte or partial file when an export does not fit", async (ctx) => {
    if (!mounted) ctx.skip();
    const db = join(work, "full-source.sqlite");
    expect((await cli("ingest", join(work, "in"), "--db", db, "--jobs", "0", "--quiet")).code).toBe(0);
    const before = readdirSync(disk);
    const r = await cli("export", "--what", "sections", "--format", "json", "--db", db, "--out", join(disk, "sections.json"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The disk is full/);
    expect(readdirSync(disk)).toEqual(before);
  }, 120_000);
});
