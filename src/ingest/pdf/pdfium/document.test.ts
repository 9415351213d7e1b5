import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestPdf, setPdfReader } from "../index.js";
import { readWithPdfium } from "./document.js";
import { heapProbe, pdfium, releaseIfLarge } from "./wasm.js";

const ROOT = join(import.meta.dirname, "../../../..");
const fixture = (name: string) => new Uint8Array(readFileSync(join(ROOT, "test/fixtures/pdf", name)));
const sample = (name: string) => new Uint8Array(readFileSync(join(ROOT, "data/samples", name)));
const go = { stopped: false };

describe("PDFium document reader", () => {
  it("reads a text PDF's pages", async () => {
    const r = await readWithPdfium(fixture("header-block.pdf"), go);
    expect(r?.pages).toBe(1);
    expect(r?.contents[0].runs.map((x) => x.text).join(" ")).toContain("CỘNG HÒA");
  });

  it("leaves to pdf.js what it cannot open (user password, damage)", async () => {
    expect(await readWithPdfium(fixture("encrypted-user-password.pdf"), go)).toBeUndefined();
    expect(await readWithPdfium(fixture("corrupt.pdf"), go)).toBeUndefined();
    expect(await readWithPdfium(new TextEncoder().encode("not a pdf"), go)).toBeUndefined();
    expect(await readWithPdfium(new Uint8Array(0), go)).toBeUndefined();
  });

  it("gives the same errors as before through ingestPdf", async () => {
    const input = (bytes: Uint8Array) => ({ file: "x.pdf", bytes, sha256: "" });
    await expect(ingestPdf(input(fixture("encrypted-user-password.pdf")), {})).rejects.toMatchObject({ ruleId: "ingest.pdf.encrypted" });
    await expect(ingestPdf(input(fixture("corrupt.pdf")), {})).rejects.toMatchObject({ ruleId: "ingest.pdf.corrupt" });
    await expect(ingestPdf(input(fixture("scan-only.pdf")), { ocr: false })).rejects.toMatchObject({ ruleId: "ingest.pdf.no-text-layer", status: "needs_ocr" });
  });

  it("stops between pages when told to", async () => {
    expect(await readWithPdfium(sample("000.pdf"), { stopped: true })).toBeUndefined();
  });

  it("drops a trapped wasm instance and falls back to pdf.js for that file", async () => {
    const rt = await pdfium();
    const load = rt.x.FPDF_LoadPage;
    rt.x.FPDF_LoadPage = () => {
      throw new WebAssembly.RuntimeError("unreachable");
    };
    try {
      expect(await readWithPdfium(fixture("header-block.pdf"), go)).toBeUndefined();
    } finally {
      rt.x.FPDF_LoadPage = load;
    }
    // A fresh instance serves the next file.
    expect(await pdfium()).not.toBe(rt);
    expect((await readWithPdfium(fixture("header-block.pdf"), go))?.pages).toBe(1);
    // And ingestPdf read the file with pdf.js meanwhile: same document either way.
    const fresh = await pdfium();
    const again = fresh.x.FPDF_LoadPage;
    fresh.x.FPDF_LoadPage = () => {
      throw new WebAssembly.RuntimeError("unreachable");
    };
    const input = { file: "h.pdf", bytes: fixture("header-block.pdf"), sha256: "" };
    let fallback;
    try {
      fallback = await ingestPdf(input, {});
    } finally {
      fresh.x.FPDF_LoadPage = again;
    }
    const prev = setPdfReader("pdfjs");
    try {
      expect(fallback.value).toEqual((await ingestPdf(input, {})).value);
    } finally {
      setPdfReader(prev);
    }
  });

  it("drops an instance whose heap has grown past the limit", async () => {
    const rt = await pdfium();
    expect(await releaseIfLarge(rt.u8().length)).toBe(false);
    expect(await releaseIfLarge(1 << 20)).toBe(true);
    expect(await pdfium()).not.toBe(rt);
    expect((await readWithPdfium(fixture("header-block.pdf"), go))?.pages).toBe(1);
  });

  it("keeps the wasm heap flat over repeated reads (every document, page and buffer freed)", async () => {
    const files = ["000.pdf", "001.pdf", "002.pdf"].map(sample).concat(["e-signed.pdf", "signature-block.pdf"].map(fixture));
    for (const f of files) await readWithPdfium(f, go);
    const after1 = await heapProbe();
    for (let pass = 0; pass < 3; pass++) {
      for (const f of files) expect(await readWithPdfium(f, go)).toBeDefined();
      expect(await heapProbe()).toEqual(after1);
    }
  }, 120_000);
});
