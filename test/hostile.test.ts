import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_DIR, HOSTILE_VALUES, type HostileOnTheFly, makeHostileOnTheFly } from "./make/hostile-inputs.js";
import { ParserPool } from "../src/batch/pool.js";
import { ingestPaths } from "../src/batch/run.js";
import { Extraction } from "../src/model/records.js";
import { extractFile } from "../src/pipeline/extract.js";

/**
 * The red-team corpus of issue 19 (scripts/make-hostile-inputs.ts → test/fixtures/hostile/,
 * plus large and filesystem cases made on the fly): inputs made to hang the parser, blow its
 * memory or give a wrong value without a word. Each is parsed the way `baocao ingest` parses,
 * in a worker of the batch's pool, whose per-file time limit (BOUND_MS) and 1 GB heap are the
 * bounds: a file that ran past them would come back `ingest.timeout` or as a crashed worker,
 * and its expected status and message would not match. The bounds are loose on purpose (a
 * busy machine), they prove termination, not speed. docs/BAD-INPUT.md lists every case.
 */

/** The loose bound: ten times what each case needs on an idle core. */
const BOUND_MS = 100_000;

interface Case {
  /** Fixture name, or the on-the-fly key. */
  file: string | ((f: HostileOnTheFly) => string);
  status: "ok" | "partial" | "failed";
  ruleId: string;
  reason: RegExp;
}

const CASES: Case[] = [
  { file: "bom-only.txt", status: "failed", ruleId: "ingest.empty", reason: /no text: only a byte order mark, spaces or blank lines/ },
  { file: "whitespace-only.txt", status: "failed", ruleId: "ingest.empty", reason: /no text/ },
  { file: "utf-16le-no-bom.txt", status: "ok", ruleId: "ingest.encoding.utf-16le", reason: /UTF-16/i },
  { file: "nested-blockquotes-50000.txt", status: "partial", ruleId: "ingest.txt.too-deep", reason: /nested 50000 levels deep, more than 64 \(line 1\).*kept as plain text/ },
  { file: "nested-list-300.txt", status: "partial", ruleId: "ingest.txt.too-deep", reason: /indented 258 columns/ },
  { file: "backtick-runs-400.txt", status: "partial", ruleId: "ingest.txt.too-deep", reason: /More than 32 backtick runs of different lengths/ },
  { file: "nested-brackets-10000.txt", status: "partial", ruleId: "ingest.txt.too-deep", reason: /More than 256 link brackets "\[" open at once/ },
  { file: "nested-tables-2000.docx", status: "failed", ruleId: "ingest.docx.too-deep", reason: /nests XML elements more than 512 levels deep/ },
  { file: (f) => f.deepList, status: "partial", ruleId: "ingest.txt.too-deep", reason: /indented 258 columns/ },
  { file: (f) => f.backticks, status: "partial", ruleId: "ingest.txt.too-deep", reason: /backtick runs/ },
  { file: (f) => f.headings, status: "failed", ruleId: "ingest.txt.too-many-lines", reason: /has 1165085 lines of text, more than 200000/ },
  { file: (f) => f.fifo, status: "failed", ruleId: "input.not-a-file", reason: /a named pipe \(FIFO\), not a regular file/ },
  { file: (f) => f.devZero, status: "failed", ruleId: "input.not-a-file", reason: /a device, not a regular file/ },
  { file: (f) => f.socket, status: "failed", ruleId: "input.not-a-file", reason: /a socket, not a regular file/ },
];

let work: string;
let fly: HostileOnTheFly;
let pool: ParserPool;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "baocao-hostile-"));
  fly = await makeHostileOnTheFly(work);
  pool = new ParserPool({ size: 1, timeoutMs: BOUND_MS });
}, 60_000);
afterAll(async () => {
  await pool?.close();
  fly?.server.close();
  rmSync(work, { recursive: true, force: true });
});

const pathOf = (c: Case) => (typeof c.file === "string" ? join(HOSTILE_DIR, c.file) : c.file(fly));

describe("hostile inputs end within the batch's time and memory bounds, with their reason", () => {
  for (const c of CASES) {
    const name = typeof c.file === "string" ? c.file : c.file.toString().replace(/^\(f\) => f\./, "on the fly: ");
    it(`${name} → ${c.status}, ${c.ruleId}`, async () => {
      const reply = await pool.parse(pathOf(c), { ocr: false });
      const ex = Extraction.parse(reply.extraction);
      const m = ex.messages.find((x) => x.ruleId === c.ruleId);
      expect(ex.messages.map((x) => x.ruleId)).toContain(c.ruleId);
      expect(ex.status).toBe(c.status);
      expect(m!.reason).toMatch(c.reason);
    }, BOUND_MS + 30_000);
  }

  it("reads a TAB table of 100,000 rows (it took 62 s, quadratic, before)", async () => {
    const reply = await pool.parse(fly.bigTable, { ocr: false });
    expect(reply.extraction.status).toBe("ok");
    expect(reply.extraction.indicators).toHaveLength(100_000);
    expect(reply.extraction.indicators[99_999].value).toBe(100_000);
  }, BOUND_MS + 30_000);
});

describe("numbers that hide something are read as shown, or flagged", () => {
  it("normalises invisible characters and foreign digits, and flags overflow and 400 digits", async () => {
    const { extraction } = await extractFile(join(HOSTILE_DIR, "hostile-values.txt"));
    expect(extraction.status).toBe("ok");
    const rows = extraction.indicators;
    expect(rows.map((r) => r.value)).toEqual(HOSTILE_VALUES.map((v) => v.value));
    HOSTILE_VALUES.forEach((v, i) => {
      if (v.flag) expect(rows[i].flags, v.label).toContain(v.flag);
      const flagged = extraction.messages.filter((m) => m.ruleId === v.flag && m.place.row === rows[i].row);
      if (v.flag) expect(flagged.length, v.label).toBe(1);
    });
    const unreadable = extraction.messages.filter((m) => m.ruleId === "value.unreadable").map((m) => m.reason);
    expect(unreadable).toEqual([
      'The value "1e999" is written as a number but is too large to read; it is not stored.',
      expect.stringMatching(/^The value "7{37}…" has 400 digits, more than the 15 a number can hold exactly; it is not stored\.$/),
    ]);
  });
});

describe("only regular files are read, by any name", () => {
  it("refuses a FIFO, a link to /dev/zero and a socket named on the command line without hanging the batch", async () => {
    const db = join(work, "special.sqlite");
    const summary = await ingestPaths([fly.fifo, fly.devZero, fly.socket], { db, jobs: 1 });
    expect(summary.failed.map((f) => f.rule)).toEqual(["input.not-a-file", "input.not-a-file", "input.not-a-file"]);
  }, 60_000);

  it("ingests a file whose name is not UTF-8, stored under a name that says which bytes it has", async () => {
    const db = join(work, "latin1.sqlite");
    const summary = await ingestPaths([fly.latin1Folder], { db, jobs: 0 });
    expect(summary.failed).toEqual([]);
    expect(summary.byStatus.ok).toBe(1);
    const d = new Database(db, { readonly: true });
    const paths = (d.prepare("SELECT path FROM documents").all() as { path: string }[]).map((r) => r.path);
    d.close();
    expect(paths).toEqual([join(fly.latin1Folder, "b\\xe1o c\\xe1o.txt")]);
    // The second run finds it unchanged under the same name.
    expect((await ingestPaths([fly.latin1Folder], { db, jobs: 0 })).skipped).toBe(1);
  }, 60_000);

  it("keeps every committed fixture made by the script (none stray, none missing)", () => {
    const named = CASES.map((c) => c.file).filter((f): f is string => typeof f === "string");
    for (const f of [...named, "hostile-values.txt", "formula-cells.txt"]) expect(readdirSync(HOSTILE_DIR)).toContain(f);
  });
});
