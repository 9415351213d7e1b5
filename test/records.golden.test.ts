import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { latexToText } from "../src/normalize/value.js";
import { extractFile } from "../src/pipeline/extract.js";
import type { ConfidenceReason, Extraction } from "../src/model/records.js";

/**
 * Golden outputs of every record field and the whole metadata, per bundled sample (the same in
 * .txt, .docx and .pdf) and per .doc and .xlsx fixture: test/golden/records/. Unlike the
 * hand-checked copies of the corpus gold (test/golden/indicators, …/metadata), which hold the
 * contract's fields only, these hold everything the pipeline fills — indicatorId, matchScore,
 * flags, codePath, isGroup, unitCanonical, values by column, tasks' coordinator/monitor/extra,
 * targets' comparator, metadata's subject, parents, signerTitle, recipients, attachedTo, confidence and its reasons (without the place each names) —
 * except provenance, which differs by format. They are written only on purpose
 * (`UPDATE_GOLDEN=1 npx vitest run test/records.golden.test.ts`, then the diff reviewed); a
 * missing golden file fails the test.
 */
const root = join(import.meta.dirname, "..");
const GOLDEN = join(root, "test/golden/records");
const update = process.env.UPDATE_GOLDEN === "1";
const SAMPLES = ["000", "001", "002", "003", "004"];
const SAMPLE_FORMATS = ["txt", "docx", "pdf"];
/** One fixture per format without bundled samples, each holding records and a header. */
const FIXTURES = ["test/fixtures/doc/report.doc", "test/fixtures/doc/merged-cells.doc", "test/fixtures/xlsx/appendix.xlsx"];

/** A txt sample keeps Word equations as LaTeX ("$\frac{317}{1.034} = 31\%$"); the other formats print them. */
const plain = (s: string | null) => (s === null ? null : latexToText(s).replace(/\s+/g, " ").trim());

/** Confidence reasons without their detail, which names the place (page or line: per format). */
const reasonsOf = (reasons: ConfidenceReason[] | undefined) => reasons?.map(({ ruleId, factor }) => ({ ruleId, factor }));

/** Everything but provenance and the table's number and title (checked apart: they differ by format). */
function withoutPlace<R extends { prov: unknown; table: number; confidenceReasons?: ConfidenceReason[] }>(r: R) {
  const { prov: _prov, table: _table, ...rest } = r as R & { tableTitle?: unknown };
  delete (rest as { tableTitle?: unknown }).tableTitle;
  return { ...rest, confidenceReasons: reasonsOf(r.confidenceReasons) };
}

function view(ex: Extraction) {
  const { sources: _sources, confidence, ...metadata } = ex.metadata;
  const fieldConfidence = confidence && Object.fromEntries(Object.entries(confidence).map(([k, c]) => [k, { confidence: c.confidence, reasons: reasonsOf(c.reasons) }]));
  return {
    status: ex.status,
    metadata: { ...metadata, confidence: fieldConfidence },
    indicators: ex.indicators.map((r) => ({
      ...withoutPlace(r),
      rawValue: plain(r.rawValue),
      values: r.values.map((v) => ({ ...v, rawValue: plain(v.rawValue) })),
    })),
    tasks: ex.tasks.map(withoutPlace),
    targets: ex.targets.map(withoutPlace),
  };
}

/** The titles of the indicator tables, in order (each format prints its own caption line). */
const titles = (ex: Extraction) => [...new Set(ex.indicators.map((r) => r.tableTitle))];

/** Every record's `table` names a stored table of its own kind (one number per table). */
function expectTablesOfTheirKind(ex: Extraction): void {
  for (const kind of ["indicators", "tasks", "targets"] as const)
    for (const r of ex[kind]) expect(ex.tables[r.table]?.kind, `${kind} row ${r.row}`).toBe(kind);
}

function readGolden(file: string): unknown {
  if (!existsSync(file)) throw new Error(`${file} is missing: write it on purpose with UPDATE_GOLDEN=1 and review it.`);
  return JSON.parse(readFileSync(file, "utf8"));
}

function writeGolden(file: string, value: object): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ $comment: "Written by test/records.golden.test.ts with UPDATE_GOLDEN=1; review the diff.", ...value }, null, 2)}\n`);
}

describe("golden records of the samples", () => {
  it.each(SAMPLES)("%s gives every record field and the whole metadata as its golden, in every format", async (id) => {
    const got: Record<string, Extraction> = {};
    for (const format of SAMPLE_FORMATS) got[format] = (await extractFile(join(root, "data/samples", `${id}.${format}`))).extraction;
    const file = join(GOLDEN, `${id}.json`);
    if (update) writeGolden(file, { ...view(got.txt), tableTitles: Object.fromEntries(SAMPLE_FORMATS.map((f) => [f, titles(got[f])])) });
    const { $comment: _c, tableTitles, ...want } = readGolden(file) as { $comment: string; tableTitles: Record<string, unknown> };
    for (const format of SAMPLE_FORMATS) {
      const ex = got[format];
      expect(view(ex), format).toEqual(want);
      expect(titles(ex), format).toEqual(tableTitles[format]);
      expectTablesOfTheirKind(ex);
    }
  }, 120_000);
});

describe("golden records of the .doc and .xlsx fixtures", () => {
  it.each(FIXTURES)("%s gives every record field and the whole metadata as its golden", async (path) => {
    const { extraction: ex } = await extractFile(join(root, path));
    const file = join(GOLDEN, "fixtures", `${basename(path)}.json`);
    if (update) writeGolden(file, { ...view(ex), tableTitles: titles(ex) });
    const { $comment: _c, tableTitles, ...want } = readGolden(file) as { $comment: string; tableTitles: unknown };
    expect(view(ex)).toEqual(want);
    expect(titles(ex)).toEqual(tableTitles);
    expectTablesOfTheirKind(ex);
  }, 60_000);
});

it("fails, never writes, when a golden file is missing", () => {
  const missing = join(GOLDEN, "no-such-sample.json");
  if (!update) expect(() => readGolden(missing)).toThrow(/missing: write it on purpose with UPDATE_GOLDEN=1/);
  expect(existsSync(missing)).toBe(false);
});
