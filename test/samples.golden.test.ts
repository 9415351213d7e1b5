import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { latexToText } from "../src/normalize/value.js";
import { extractFile } from "../src/pipeline/extract.js";

/**
 * End-to-end golden test: every bundled sample, in every format whose ingest has landed, gives
 * the hand-checked indicator rows (test/golden/indicators, a copy of the corpus gold).
 */
const SAMPLES = ["000", "001", "002", "003", "004"];
const FORMATS = (process.env.BAOCAO_GOLDEN_FORMATS ?? "txt,docx,pdf").split(",");
const root = join(import.meta.dirname, "..");

interface GoldRow {
  code: string;
  name: string;
  unit: string | null;
  rawValue: string | null;
  value: number | null;
  note: string | null;
  numerator: number | null;
  denominator: number | null;
}
const norm = (s: string | null) => (s === null ? null : latexToText(s).replace(/\s+/g, " ").trim());

describe.each(FORMATS)("samples as %s", (format) => {
  it.each(SAMPLES)("%s gives the hand-checked indicator rows", async (id) => {
    const gold = JSON.parse(readFileSync(join(root, "test/golden/indicators", `${id}.json`), "utf8")) as { rows: GoldRow[] };
    const { extraction } = await extractFile(join(root, "data/samples", `${id}.${format}`));
    expect(extraction.status).toBe("ok");
    const got = extraction.indicators.map((r) => ({
      code: r.code,
      name: r.name,
      unit: r.unit,
      rawValue: norm(r.rawValue),
      value: r.value,
      note: r.note,
      numerator: r.numerator,
      denominator: r.denominator,
    }));
    const want = gold.rows.map((r) => ({ ...r, rawValue: norm(r.rawValue), table: undefined }));
    expect(got).toEqual(want.map(({ table: _t, ...r }) => r));
  }, 60_000);
});
