import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../model/document.js";
import { ingestTxt } from "../txt/index.js";
import { ingestDocx } from "./index.js";

/**
 * The corpus .docx files were rendered from the .txt of the same sample, so both ingests must
 * carry the same content. Differences that come from the formats, not from either ingest, are
 * normalised away here, each for a stated reason.
 */
const SAMPLES = join(import.meta.dirname, "../../../data/samples");
const IDS = ["000", "001", "002", "003", "004"].filter((id) => existsSync(join(SAMPLES, `${id}.docx`)));

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();
/** The docx prints the LaTeX of the .txt as plain text (corpus README). */
const latexAsPrinted = (s: string) =>
  s.replace(/\$\\frac\{([^}]*)\}\{([^}]*)\}([^$]*)\$/g, (_, a, b, rest) => `${a}/${b}${rest.replace(/\\%/g, "%")}`);
/**
 * Markdown list markers ("- ", "- + ") become list items in the .txt but are printed text in the
 * .docx; emphasis asterisks that markdown could not pair stay literal in the .txt only.
 */
const paragraphLine = (s: string) => collapse(s).replace(/^(?:[-+*•]\s+)+/, "").replace(/\*/g, "");

function paragraphLines(doc: Document): string[] {
  return doc.blocks
    .flatMap((b) => (b.kind === "paragraph" ? b.text.split("\n") : []))
    .map((l) => paragraphLine(latexAsPrinted(l)))
    .filter((l) => l !== "");
}

function tableRows(doc: Document): string[][][] {
  return doc.blocks.flatMap((b) =>
    b.kind === "table" ? [b.rows.map((r) => r.cells.map((c) => collapse(latexAsPrinted(c.text))))] : [],
  );
}

const cache = new Map<string, ReturnType<typeof readBoth>>();
/** Each sample is ingested once for all the assertions below. */
const both = (id: string) => {
  if (!cache.has(id)) cache.set(id, readBoth(id));
  return cache.get(id)!;
};

async function readBoth(id: string) {
  const read = (ext: string) => ({ file: `${id}.${ext}`, bytes: readFileSync(join(SAMPLES, `${id}.${ext}`)), sha256: "0" });
  const [docx, txt] = await Promise.all([ingestDocx(read("docx"), {}), ingestTxt(read("txt"), {})]);
  return { docx: docx.value, txt: txt.value, messages: docx.messages };
}

describe.skipIf(IDS.length === 0)("docx and txt of the same corpus sample", () => {
  it.each(IDS)("sample %s: every table has the same cells, row by row", async (id) => {
    const { docx, txt, messages } = await both(id);
    expect(messages).toEqual([]);
    expect(tableRows(docx)).toEqual(tableRows(txt));
  });

  it.each(IDS)("sample %s: the non-empty paragraphs read the same", async (id) => {
    const { docx, txt } = await both(id);
    expect(paragraphLines(docx)).toEqual(paragraphLines(txt));
  });

  it.each(IDS)("sample %s: no table is taken for a layout table", async (id) => {
    const { docx } = await both(id);
    expect(docx.blocks.some((b) => b.kind === "table" && b.layout)).toBe(false);
  });
});
