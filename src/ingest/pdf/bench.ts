/**
 * PDF ingest benchmark (prints, never asserts — timings do not belong in tests).
 *
 *   npx tsx src/ingest/pdf/bench.ts [FILE.pdf | DIR ...]   (default: data/samples)
 *
 * Reads every PDF once to warm up pdfjs, then `ROUNDS` more times, and prints pages per second
 * for the fastest round (the one least disturbed by other work on the machine), by wall clock
 * and by this process's CPU time. One core: pdfjs runs its worker in this thread.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ingestPdf } from "./index.js";

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
  const files = pdfFiles(process.argv.slice(2).length ? process.argv.slice(2) : ["data/samples"]);
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
  console.log(
    `${files.length} files, ${pages} pages, best of ${ROUNDS} rounds: wall ${best.toFixed(0)} ms = ${rate(best)} pages/s; CPU ${bestCpu.toFixed(0)} ms = ${rate(bestCpu)} pages/s`,
  );
}

await main();
