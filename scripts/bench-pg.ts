import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * The PostgreSQL part of `npm run bench` (issue 16): ingest of one folder into SQLite, into
 * PostgreSQL by `baocao ingest --db postgres://…`, and through the queue (`baocao enqueue` then
 * 1 or 2 `baocao worker` processes), each into a fresh store, as documents/s and indicator
 * rows/s; and OCR through the queue: the first scanned samples of data/scans (BAOCAO_BENCH_PG_SCANS,
 * default 2) enqueued and read by 2 worker processes, each scan fanned out into one job per
 * page, as OCR pages/s. Runs the built CLI (dist/) in child processes, as a user would.
 */

export interface PgRow {
  what: string;
  workers: number;
  docs: number;
  seconds: number;
  indicatorRows: number;
  /** OCR row only: pages OCR'd (page jobs done). */
  pages?: number;
}

const BIN = (root: string) => join(root, "bin", "baocao.js");

function cli(root: string, args: string[]): string {
  const r = spawnSync(process.execPath, ["--single-threaded", BIN(root), ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`baocao ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function withDatabase<T>(admin: string, body: (url: string) => Promise<T>): Promise<T> {
  const name = `baocao_bench_${randomBytes(4).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  try {
    return await body(u.toString());
  } finally {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  }
}

function ingest(root: string, dir: string, db: string, jobs: number): PgRow {
  const s = JSON.parse(cli(root, ["ingest", dir, "--db", db, "--jobs", String(jobs), "--timeout", "0", "--quiet", "--json"])) as {
    parsed: number;
    indicators: number;
    elapsedMs: number;
  };
  return { what: db.startsWith("postgres") ? "PostgreSQL, baocao ingest" : "SQLite, baocao ingest", workers: jobs, docs: s.parsed, seconds: s.elapsedMs / 1000, indicatorRows: s.indicators };
}

function runWorkers(root: string, url: string, workers: number, env: NodeJS.ProcessEnv = process.env): Promise<void[]> {
  return Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["--single-threaded", BIN(root), "worker", "--db", url, "--jobs", "1", "--until-empty", "--quiet"], { stdio: "ignore", env });
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
}

/** Scans through the queue: enqueue, then `workers` worker processes with one OCR engine each. */
async function queueOcr(root: string, dir: string, url: string, workers: number): Promise<PgRow> {
  cli(root, ["enqueue", dir, "--db", url, "--force"]);
  const t0 = performance.now();
  await runWorkers(root, url, workers, { ...process.env, BAOCAO_OCR_WORKERS: "1" });
  const seconds = (performance.now() - t0) / 1000;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ docs: string; ind: string; pages: string }>(
    `SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM indicators) AS ind,
            (SELECT count(*) FROM (SELECT state FROM pgboss.job WHERE name = 'baocao-ocr-page' UNION ALL SELECT state FROM pgboss.archive WHERE name = 'baocao-ocr-page') j WHERE state = 'completed') AS pages`,
  );
  await c.end();
  return { what: "PostgreSQL, enqueue + worker processes, scans (one job per page)", workers, docs: Number(rows[0].docs), seconds, indicatorRows: Number(rows[0].ind), pages: Number(rows[0].pages) };
}

async function queue(root: string, dir: string, url: string, workers: number): Promise<PgRow> {
  // --force: a job per file, as ingest parses every file (the corpus repeats some contents,
  // which the queue would otherwise parse once).
  cli(root, ["enqueue", dir, "--db", url, "--force"]);
  const t0 = performance.now();
  await runWorkers(root, url, workers);
  const seconds = (performance.now() - t0) / 1000;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ docs: string; ind: string }>("SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM indicators) AS ind");
  await c.end();
  return { what: "PostgreSQL, enqueue + worker processes", workers, docs: Number(rows[0].docs), seconds, indicatorRows: Number(rows[0].ind) };
}

/** Measures every row; `jobsList` are the worker counts (1,2) of the text rows; then the OCR row (2 workers). */
export async function measurePg(root: string, dir: string, admin: string, jobsList: number[]): Promise<PgRow[]> {
  const out: PgRow[] = [];
  for (const jobs of jobsList) {
    const file = join(tmpdir(), `baocao-bench-pg-${process.pid}-${jobs}.sqlite`);
    process.stderr.write(`text ingest, ${jobs} worker(s): SQLite …`);
    out.push(ingest(root, dir, file, jobs));
    for (const s of ["", "-wal", "-shm", ".lock"]) rmSync(file + s, { force: true });
    process.stderr.write(" PostgreSQL …");
    out.push(await withDatabase(admin, async (url) => ingest(root, dir, url, jobs)));
    process.stderr.write(" queue …");
    out.push(await withDatabase(admin, (url) => queue(root, dir, url, jobs)));
    process.stderr.write(" done\n");
  }
  const scans = join(root, "data", "scans");
  const files = Number(process.env.BAOCAO_BENCH_PG_SCANS ?? 2);
  if (files > 0 && existsSync(scans)) {
    // The first scans, linked into a folder of their own.
    const dir = mkdtempSync(join(tmpdir(), "baocao-bench-pg-scans-"));
    for (const f of readdirSync(scans).filter((n) => n.endsWith(".pdf")).sort().slice(0, files)) symlinkSync(join(scans, f), join(dir, f));
    process.stderr.write(`scans, 2 workers: queue …`);
    try {
      out.push(await withDatabase(admin, (url) => queueOcr(root, dir, url, 2)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    process.stderr.write(" done\n");
  }
  return out;
}

const rate = (n: number, s: number) => (s > 0 && n > 0 ? (n / s).toFixed(n / s >= 100 ? 0 : 1) : "–");

/** The markdown section of docs/BENCHMARKS.md. */
export function pgSection(all: PgRow[], docs: number, load: [number, number]): string {
  const rows = all.filter((r) => r.pages === undefined);
  const ocr = all.find((r) => r.pages !== undefined);
  const sqlite2 = rows.find((r) => r.what.startsWith("SQLite") && r.workers === 2);
  const pg2 = rows.filter((r) => r.what.startsWith("PostgreSQL") && r.workers === 2);
  const share = sqlite2 && pg2.length ? pg2.map((r) => `${r.what}: ${Math.round((100 * (r.docs / r.seconds)) / (sqlite2.docs / sqlite2.seconds))} %`).join("; ") : "";
  return `## PostgreSQL store and queue

The text benchmark folder (${docs} documents) ingested into a fresh store each time: SQLite file,
PostgreSQL 15 on loopback by \`baocao ingest --db postgres://…\` (parser threads in one process),
and through the queue (\`baocao enqueue\`, then that many \`baocao worker --jobs 1\` processes until
the queue is empty; the time is the workers', start-up included; \`enqueue --force\`, so every file is a job). Load average (1 min) before / after: ${load[0].toFixed(1)} / ${load[1].toFixed(1)}
on a machine shared with other agents' builds and tests, so every rate is below what it can do and the
ratios matter more than the figures.

| store | workers | docs | docs/s | indicator rows/s |
|---|---|---|---|---|
${rows.map((r) => `| ${r.what} | ${r.workers} | ${r.docs} | ${rate(r.docs, r.seconds)} | ${rate(r.indicatorRows, r.seconds)} |`).join("\n")}
${share ? `\nWith 2 workers, PostgreSQL against SQLite (documents/s): ${share}.\n` : ""}${ocr ? ocrParagraph(ocr, load) : ""}`;
}

/** The OCR-through-the-queue figure. */
function ocrParagraph(r: PgRow, load: [number, number]): string {
  return `
OCR through the queue: ${r.docs} scanned sample(s) of data/scans (${r.pages} pages to OCR) enqueued and read
by ${r.workers} \`baocao worker --jobs 1\` processes with one OCR engine each (BAOCAO_OCR_WORKERS=1); every
scan fans out into one job per page and an assemble job, so both workers OCR pages of the same
scan. **${r.pages ? (r.pages / r.seconds).toFixed(2) : "–"} OCR pages/s** (${r.pages ? (r.seconds / r.pages).toFixed(1) : "–"} s per page, ${r.seconds.toFixed(0)} s in all, start-up included);
load average (1 min) before / after the whole section: ${load[0].toFixed(1)} / ${load[1].toFixed(1)}.
`;
}
