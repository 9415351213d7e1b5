/**
 * `npx tsx scripts/profile-stages.ts [--rounds N] [--formats txt,docx,pdf] [--dir DIR]`: per-stage
 * milliseconds per document over the sample reports (data/samples), in-process and warm (one
 * untimed round first), best of N rounds per stage so other processes on the machine inflate the
 * numbers as little as possible. The stages are those of src/pipeline/extract.ts, with the
 * ingest split further for txt (decode: encoding detection) and docx (package, own reader, and
 * the mammoth path for files the own reader leaves to it). For hot spots inside a stage, run it
 * under the CPU profiler:
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-stages.ts --formats txt`.
 * Prints timings only; nothing asserts them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractIndicators } from "../extractors/indicators/index.js";
import { extractMetadata } from "../extractors/metadata/index.js";
import { extractTargets } from "../extractors/targets/index.js";
import { extractTasks } from "../extractors/tasks/index.js";
import { decodeText } from "../src/ingest/txt/decode.js";
import type { SourceFormat } from "../src/model/document.js";
import { loadCatalog } from "../src/normalize/catalog.js";
import { normalizeIndicators } from "../src/normalize/indicators.js";
import { AbbreviationsFile, Matcher } from "../src/normalize/match.js";
import { loadRules } from "../src/rules/load.js";
import { ingestFor } from "../src/pipeline/registry.js";
import { buildSections } from "../src/sections/index.js";
import { buildTables } from "../src/tables/stitch.js";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const rounds = Number(flag("rounds") ?? 5);
const formats = (flag("formats") ?? "txt,docx,pdf").split(",") as SourceFormat[];
const dir = flag("dir") ?? join(ROOT, "data", "samples");

/** Milliseconds per stage summed over one round of all files of a format. */
type Round = Map<string, number>;

async function oneRound(format: SourceFormat, files: Array<{ file: string; bytes: Uint8Array }>): Promise<Round> {
  const t = new Map<string, number>();
  const time = <T>(stage: string, f: () => T): T => {
    const s = performance.now();
    const v = f();
    t.set(stage, (t.get(stage) ?? 0) + performance.now() - s);
    return v;
  };
  const timeAsync = async <T>(stage: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const v = await f();
    t.set(stage, (t.get(stage) ?? 0) + performance.now() - s);
    return v;
  };
  const ingest = await ingestFor(format);
  for (const { file, bytes } of files) {
    // Sub-stages of ingest, timed on their own (they are repeated inside "ingest" below).
    if (format === "txt") time("  txt: decode (encodings)", () => decodeText(bytes));
    if (format === "docx") await docxParts(file, bytes, time, timeAsync);
    const doc = (await timeAsync("ingest", () => ingest({ file, bytes, sha256: "" }, {}))).value;
    const tree = time("sections", () => buildSections(doc, file)).value;
    const tables = time("tables", () => buildTables(doc));
    const raw = time("extract indicators", () => extractIndicators(tables, file)).value;
    // A fresh matcher per document: what a label never seen before costs (no remembered results).
    const fresh = new Matcher(loadCatalog(), loadRules("abbreviations.json", AbbreviationsFile));
    time("  normalize, cold matcher", () => normalizeIndicators(raw, file, { matcher: fresh }));
    time("normalize (catalog match)", () => normalizeIndicators(raw, file));
    time("tasks + targets", () => {
      extractTasks(tables, file);
      extractTargets(tables, file);
    });
    time("metadata", () => extractMetadata(doc, { file, tables, narrativeEnd: tree.narrativeEnd }));
  }
  return t;
}

/**
 * docx ingest split into its steps (mirrors src/ingest/docx/index.ts): opening the package, then
 * the own reader, of which the strict scan of document.xml is timed apart too. For files the own
 * reader leaves to mammoth, the mammoth path is timed instead.
 */
async function docxParts(
  file: string,
  bytes: Uint8Array,
  time: <T>(stage: string, f: () => T) => T,
  timeAsync: <T>(stage: string, f: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const { openPackage } = await import("../src/ingest/docx/package.js");
  const { readOwn } = await import("../src/ingest/docx/own-reader.js");
  const { scanXml } = await import("../src/ingest/docx/scan.js");
  const { readWithMammoth } = await import("../src/ingest/docx/mammoth-reader.js");
  const pkg = time("  docx: open package", () => openPackage(bytes));
  time("  docx: scan document.xml", () => scanXml(pkg.parts.get(pkg.paths.mainDocument)!, ["w:p"]));
  try {
    time("  docx: own reader (with scan)", () => readOwn(pkg));
  } catch {
    await timeAsync("  docx: mammoth path (fallback)", () => readWithMammoth(pkg, file));
  }
}

console.log(`load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(" ")}; best of ${rounds} rounds`);
for (const format of formats) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(`.${format}`))
    .sort()
    .map((f) => ({ file: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  if (!files.length) continue;
  await oneRound(format, files); // warm-up: module loading, JIT, catalog and rule caches
  const best = new Map<string, number>();
  const wall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    const round = await oneRound(format, files);
    wall.push(performance.now() - s);
    for (const [k, v] of round) best.set(k, Math.min(best.get(k) ?? Infinity, v));
  }
  const n = files.length;
  console.log(`\n${format} (${n} files) — ms/doc, best of ${rounds}`);
  let total = 0;
  for (const [k, v] of best) {
    if (!k.startsWith(" ")) total += v;
    console.log(`  ${k.padEnd(30)} ${(v / n).toFixed(1).padStart(8)}`);
  }
  console.log(`  ${"pipeline total (sum of stages)".padEnd(30)} ${(total / n).toFixed(1).padStart(8)}   → ${((1000 * n) / total).toFixed(0)} docs/s`);
}
