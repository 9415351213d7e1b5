import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
import { writeOfflineShim } from "../ingest/ocr/engine.js";
import { ingestPaths } from "../batch/run.js";
import { SAMPLES, tempDir } from "./testing/corpus.js";

const ROOT = join(import.meta.dirname, "../..");
const MAIN = pathToFileURL(join(ROOT, "src/cli/main.ts")).href;

/**
 * Runs the CLI as the launcher does (guardStdio, then main) in a child process, from the
 * TypeScript sources. With `closeEarly` the reading end of stdout is closed at once or as soon
 * as the first bytes arrive, as `head` and quitting `less` do.
 */
function run(argv: string[], { closeEarly = "", before = "" }: { closeEarly?: "" | "at-once" | "after-first-byte"; before?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `import { guardStdio, main } from ${JSON.stringify(MAIN)}; guardStdio(); ${before} main(${JSON.stringify(argv)}).then((c) => { process.exitCode = c; });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  if (closeEarly === "at-once") child.stdout.destroy();
  if (closeEarly === "after-first-byte") child.stdout.once("data", () => child.stdout.destroy());
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

let db: string;
beforeAll(async () => {
  db = join(tempDir("baocao-stdio-"), "samples.sqlite");
  await ingestPaths(["000", "001", "002", "003", "004"].map((f) => join(SAMPLES, `${f}.txt`)), { db, jobs: 0 });
}, 60_000);

/** What a stack trace or Node's unhandled-error report would leave on stderr. */
const TRACE = /EPIPE|Error:|at .*\(node:|Unhandled/;

describe("output to a reader that stops early", () => {
  it("export into a closed pipe ends quietly with exit code 0", async () => {
    const r = await run(["export", "--what", "indicators", "--format", "jsonl", "--db", db], { closeEarly: "after-first-byte" });
    expect(r.stderr).not.toMatch(TRACE);
    expect(r.code).toBe(0);
  });

  it("query with more rows than a pipe holds ends quietly when the reader is gone", async () => {
    // 200,000 rows are megabytes of CSV: far more than the 64 KB a pipe buffers.
    const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i, 'Số hồ sơ tiếp nhận' AS name FROM n";
    const r = await run(["query", sql, "--format", "csv", "--db", db], { closeEarly: "after-first-byte" });
    expect(r.stderr).not.toMatch(TRACE);
    expect(r.code).toBe(0);
  });

  it("extract --json into a pipe closed before the output is written ends quietly", async () => {
    const child = run(["extract", join(SAMPLES, "000.txt"), "--json"], { closeEarly: "at-once" });
    const r = await child;
    expect(r.stderr).not.toMatch(TRACE);
    expect(r.code).toBe(0);
  });

  it("the same extract into an open pipe still prints the whole JSON", async () => {
    const r = await run(["extract", join(SAMPLES, "000.txt"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metadata.number).toBe("63/BC-UBND");
  });

  it("the launcher installs the guard", () => {
    expect(readFileSync(join(ROOT, "bin/baocao.js"), "utf8")).toMatch(/^guardStdio\(\);$/m);
  });
});

describe("library logs", () => {
  it("console.log of a library goes to stderr, the command's output alone to stdout", async () => {
    const r = await run(["extract", join(SAMPLES, "000.txt"), "--json"], { before: 'console.log("Warning: a library speaks");' });
    expect(r.stderr).toContain("Warning: a library speaks");
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it("the OCR worker's stdout (tesseract's \"Detected N diacritics\") is written to stderr", async () => {
    const shim = writeOfflineShim(tempDir("baocao-shim-"));
    // The worker loads the shim as the OCR engine starts it, then prints as the tesseract core does.
    const code = `require(${JSON.stringify(shim)}); console.log("Detected 12 diacritics"); process.stdout.write("raw write\\n"); require("node:worker_threads").parentPort.unref();`;
    const worker = new Worker(code, { eval: true, stdout: true, stderr: true });
    let out = "";
    let err = "";
    worker.stdout.on("data", (d: Buffer) => (out += d));
    worker.stderr.on("data", (d: Buffer) => (err += d));
    await new Promise((resolve) => worker.on("exit", resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(err).toContain("Detected 12 diacritics");
    expect(err).toContain("raw write");
    expect(out).toBe("");
  });
});
