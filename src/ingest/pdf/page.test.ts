import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPdf, type PdfPage } from "./load.js";
import { readPage } from "./page.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/pdf");

/** Read every page of a fixture, recording which pages built an operator list. */
async function readAll(name: string) {
  const opened = await openPdf(new Uint8Array(readFileSync(join(FIXTURES, name))));
  const built: number[] = [];
  const pages = [];
  try {
    for (let n = 1; n <= opened.doc.numPages; n++) {
      const page = await opened.doc.getPage(n);
      const get = page.getOperatorList.bind(page);
      (page as { getOperatorList: PdfPage["getOperatorList"] }).getOperatorList = (...args) => (built.push(n), get(...args));
      pages.push(await readPage(page, n));
    }
  } finally {
    await opened.destroy();
  }
  return { built, pages };
}

describe("readPage", () => {
  it("builds the operator list for a page with a table and skips it for a page of plain text whose fonts are loaded", async () => {
    const { built, pages } = await readAll("second-producer.pdf");
    expect(built).toEqual([1]);
    expect(pages[0].drawing.horizontal.length).toBeGreaterThan(0);
    // Page 2's heading is still bold: its font was loaded with page 1's operator list.
    const heading = pages[1].runs.find((r) => r.text.startsWith("II."));
    expect(heading).toMatchObject({ bold: true });
    expect(pages[1].runs.find((r) => r.text.startsWith("thường"))?.bold ?? false).toBe(false);
  });

  it("builds it for a page whose only reason is a signature field (its text is in the appearance)", async () => {
    const { built, pages } = await readAll("e-signed.pdf");
    expect(built).toEqual([1]);
    expect(pages[0].runs.filter((r) => r.field).map((r) => r.text)).toEqual(["09", "08"]);
  });
});
