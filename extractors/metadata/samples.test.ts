import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFile } from "../../src/pipeline/extract.js";

/**
 * End to end: every bundled sample, in every format (BAOCAO_GOLDEN_FORMATS, default
 * txt,docx,pdf), gives the hand-checked metadata (test/golden/metadata, a copy of the corpus
 * gold) and the metadata messages listed here.
 */
const FORMATS = (process.env.BAOCAO_GOLDEN_FORMATS ?? "txt,docx,pdf").split(",");
const root = join(import.meta.dirname, "../..");

const MESSAGES: Record<string, string[]> = {
  "000": ["metadata.number.from-caption", "metadata.date.from-caption"],
  "001": ["metadata.number.from-caption", "metadata.date.from-caption", "metadata.period.range-from-body"],
  "002": [],
  "003": ["metadata.number.from-caption", "metadata.number.blank", "metadata.date.blank"],
  "004": ["metadata.number.from-caption", "metadata.number.blank", "metadata.date.blank"],
};

describe.each(FORMATS)("sample metadata as %s", (format) => {
  it.each(Object.keys(MESSAGES))("%s gives the hand-checked metadata", async (id) => {
    const gold = JSON.parse(readFileSync(join(root, "test/golden/metadata", `${id}.json`), "utf8")).metadata;
    const { extraction } = await extractFile(join(root, "data/samples", `${id}.${format}`));
    const { docType, number, date, issuer, unitLevel, province, period, signer } = extraction.metadata;
    // The sample gold predates contract v2: no period.month, which is null for these reports.
    expect({ docType, number, date, issuer, unitLevel, province, period, signer }).toEqual({ ...gold, period: { month: null, ...gold.period } });
    expect(extraction.messages.filter((m) => m.ruleId.startsWith("metadata.")).map((m) => m.ruleId)).toEqual(MESSAGES[id]);
  }, 60_000);
});
