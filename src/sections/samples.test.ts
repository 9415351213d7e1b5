import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Document } from "../model/document.js";
import type { Section } from "../model/records.js";
import { ingestFor } from "../pipeline/registry.js";
import { buildSections } from "./index.js";
import { top } from "./test-helpers.js";

/*
 * Golden expectations for the five sample reports:
 * - test/golden/sections/NNN.json: the top-level sections (number + title), a hand-checked copy
 *   of the corpus gold. Never regenerated.
 * - test/golden/sections/NNN.tree.json: the whole tree (number, title, level, topics), written
 *   from the .txt when UPDATE_GOLDEN=1 and reviewed by eye; every format must give the same tree.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const golden = (name: string) => join(root, "test/golden/sections", name);
const update = process.env.UPDATE_GOLDEN === "1";

interface Outline {
  number: string;
  title: string;
  level: number;
  topics: string[];
  children: Outline[];
}
const outlineOf = (s: Section[]): Outline[] =>
  s.map((x) => ({ number: x.number, title: x.title, level: x.level, topics: x.topics, children: outlineOf(x.children) }));

async function sections(file: string): Promise<{ doc: Document; result: ReturnType<typeof buildSections> }> {
  const format = file.split(".").pop() as "txt" | "docx" | "pdf";
  const ingest = await ingestFor(format);
  const doc = (await ingest({ file, bytes: new Uint8Array(readFileSync(join(root, file))), sha256: "" }, {})).value;
  return { doc, result: buildSections(doc, file) };
}

it("is not left in golden-update mode in CI", () => {
  expect(update && process.env.CI !== undefined).toBe(false);
});

describe.each(["000", "001", "002", "003", "004"])("sample %s", (id) => {
  it("gives the gold top-level sections from the .txt and stops the narrative at Nơi nhận", async () => {
    const { doc, result } = await sections(`data/samples/${id}.txt`);
    expect(top(result.value.sections)).toEqual(JSON.parse(readFileSync(golden(`${id}.json`), "utf8")));
    const end = doc.blocks[result.value.narrativeEnd];
    expect(end.kind === "paragraph" && end.text).toMatch(/^Nơi nhận/);
    const tree = outlineOf(result.value.sections);
    if (update) writeFileSync(golden(`${id}.tree.json`), `${JSON.stringify(tree, null, 2)}\n`);
    // A missing golden fails (readFileSync throws); it is written only on purpose.
    expect(existsSync(golden(`${id}.tree.json`)), `test/golden/sections/${id}.tree.json (write it with UPDATE_GOLDEN=1)`).toBe(true);
    expect(tree).toEqual(JSON.parse(readFileSync(golden(`${id}.tree.json`), "utf8")));
  });

  it.each(["docx", "pdf"])("gives the same whole tree from the .%s as from the .txt", async (format) => {
    const { result } = await sections(`data/samples/${id}.${format}`);
    expect(outlineOf(result.value.sections)).toEqual(JSON.parse(readFileSync(golden(`${id}.tree.json`), "utf8")));
  });
});

it("reports sample 000's repeated III and sample 002's absence of sections as info messages", async () => {
  const a = (await sections("data/samples/000.txt")).result;
  expect(a.messages).toEqual([
    expect.objectContaining({ severity: "info", ruleId: "sections.roman-sequence", place: { file: "data/samples/000.txt", line: 206 }, actual: "III", expected: "IV" }),
  ]);
  const b = (await sections("data/samples/002.txt")).result;
  expect(b.messages).toEqual([expect.objectContaining({ severity: "info", ruleId: "sections.none" })]);
  for (const id of ["001", "003", "004"]) expect((await sections(`data/samples/${id}.txt`)).result.messages).toEqual([]);
});

it("keeps 'Trên đây là báo cáo' in the last section of sample 000 and the IV plan items as its body", async () => {
  const { result } = await sections("data/samples/000.txt");
  const iv = result.value.sections.at(-1)!;
  expect(iv.children).toEqual([]);
  expect(iv.text.split("\n")).toHaveLength(5);
  expect(iv.text).toMatch(/^1\. Tiếp tục thực hiện/);
  expect(iv.text).toMatch(/Trên đây là báo cáo[^\n]*$/);
});
