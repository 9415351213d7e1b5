import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../model/document.js";
import { ingestTxt } from "../txt/index.js";
import { ingestPdf } from "./index.js";

/**
 * The PDF samples were printed from the same text as the .txt samples, so both Documents must
 * carry the same tables. The PDF prints the LaTeX `$\frac{317}{1.034} = 31\%$` as
 * "317/1.034 = 31%"; whitespace is compared collapsed (a wrapped cell line is a space).
 */
const SAMPLES = join(import.meta.dirname, "../../../data/samples");
const ids = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((f) => f.endsWith(".pdf") && existsSync(join(SAMPLES, f.replace(/\.pdf$/, ".txt"))))
      .map((f) => f.slice(0, -4))
  : [];

const printed = (s: string) =>
  s
    .replace(/\$\\frac\{([^}]*)\}\{([^}]*)\}\s*=\s*([^$]*?)\\%\$/g, "$1/$2 = $3%")
    .replace(/\s+/g, " ")
    .trim();

/** Each table's rows as "cell | cell" strings, trailing empty cells dropped. */
function tableRows(doc: Document): string[][] {
  return doc.blocks.flatMap((b) =>
    b.kind !== "table"
      ? []
      : [
          b.rows.map((r) => {
            const cells = r.cells.map((c) => printed(c.text));
            while (cells.length && !cells[cells.length - 1]) cells.pop();
            return cells.join(" | ");
          }),
        ],
  );
}

async function load(id: string, ext: "txt" | "pdf"): Promise<Document> {
  const input = { file: `${id}.${ext}`, bytes: new Uint8Array(readFileSync(join(SAMPLES, `${id}.${ext}`))), sha256: "" };
  const ingest = ext === "txt" ? ingestTxt : ingestPdf;
  return (await ingest(input, {})).value;
}

describe.skipIf(!ids.length)("PDF samples against their .txt", () => {
  it.each(ids)("sample %s: the PDF's tables hold the same rows, in order, as the txt's", async (id) => {
    const [txt, pdf] = await Promise.all([load(id, "txt"), load(id, "pdf")]);
    // Fragments may be cut at other page boundaries, so compare the concatenated rows; the
    // header rows a continuation repeats are in both, since the PDF repeats them where the
    // txt did.
    expect(tableRows(pdf).flat()).toEqual(tableRows(txt).flat());
  });
});
