/**
 * PDF ingest benchmark (prints, never asserts — timings do not belong in tests).
 *
 *   npx tsx scripts/bench-pdf.ts [FILE.pdf | DIR ...]
 *
 * Default input: the text-layer PDFs of ../shared/corpus/real/pdf when that folder exists (real
 * e-signed office files), else data/samples. Reads every PDF once to warm up pdfjs, then
 * `ROUNDS` more times, and prints pages per second for the fastest round (the one least
 * disturbed by other work on the machine), by wall clock and by this process's CPU time, and
 * the peak RSS. One core: pdfjs runs its worker in this thread. When poppler's `pdftotext` is
 * installed, the same files are also read by `pdftotext -layout` (one process per file, as a
 * user would run it, best of ROUNDS) and the ratio of the two rates is printed.
 * Text-layer pages are read with PDFium (src/ingest/pdf/pdfium/); `BAOCAO_PDF_READER=pdfjs`
 * measures the pdf.js reader instead (the line printed names the reader).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ingestPdf } from "../src/ingest/pdf/index.js";

const ROUNDS = Number(process.env.ROUNDS ?? 5);

function pdfFiles(args: string[]): string[] {
  return args.flatMap((a) =>
    statSync(a).isDirectory()
      ? readdirSync(a)
          .filter((f) => f.toLowerCase().endsWith(".pdf"))
          .sort()
          .map((f) => join(a, f))
      : [a],
  );
}

async function main(): Promise<void> {
  const real = join("..", "shared", "corpus", "real", "pdf");
  const files = pdfFiles(process.argv.slice(2).length ? process.argv.slice(2) : [existsSync(real) ? real : "data/samples"]);
  const inputs = files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(file)), sha256: "" }));
  let pages = 0;
  for (const input of inputs) pages += (await ingestPdf(input, {})).value.source.pages ?? 0;
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const input of inputs) await ingestPdf(input, {});
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  const rate = (ms: number) => ((pages / ms) * 1000).toFixed(1);
  const rssMb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(
    `baocao PDF ingest (${process.env.BAOCAO_PDF_READER === "pdfjs" ? "pdf.js" : "PDFium"} reader): ${files.length} files, ${pages} pages, best of ${ROUNDS} rounds: wall ${best.toFixed(0)} ms = ${rate(best)} pages/s; CPU ${bestCpu.toFixed(0)} ms = ${rate(bestCpu)} pages/s; peak RSS ${rssMb} MB`,
  );
  const poppler = pdftotext(files);
  if (poppler === null) console.log("pdftotext not installed (apt-get install poppler-utils): no comparison");
  else
    console.log(
      `pdftotext -layout: wall ${poppler.wall.toFixed(0)} ms = ${rate(poppler.wall)} pages/s${poppler.cpu === undefined ? "" : `; CPU ${poppler.cpu.toFixed(0)} ms = ${rate(poppler.cpu)} pages/s`}; baocao / pdftotext = ${(poppler.wall / best).toFixed(2)}× by wall time${poppler.cpu === undefined ? "" : `, ${(poppler.cpu / bestCpu).toFixed(2)}× by CPU time`}`,
    );
}

/** Best wall and CPU time (ms) of `pdftotext -layout FILE -` over all files, or null without poppler. */
function pdftotext(files: string[]): { wall: number; cpu?: number } | null {
  if (spawnSync("pdftotext", ["-v"]).error) return null;
  let best = Infinity;
  let bestCpu: number | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    for (const f of files) spawnSync("pdftotext", ["-layout", f, "-"], { stdio: ["ignore", "ignore", "ignore"] });
    best = Math.min(best, performance.now() - t0);
    const c1 = childrenCpuMs();
    if (c0 !== undefined && c1 !== undefined) bestCpu = Math.min(bestCpu ?? Infinity, c1 - c0);
  }
  return { wall: best, cpu: bestCpu };
}

/** CPU ms of this process's finished children (Linux /proc/self/stat cutime + cstime, USER_HZ 100), or undefined. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return undefined;
  }
}

await main();
