import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "./make/hostile-inputs.js";
import { ParserPool } from "../src/batch/pool.js";
import { extractFile } from "../src/pipeline/extract.js";
import { shutdownStages } from "../src/pipeline/registry.js";

/**
 * Issue 19, scans: one 20,000 × 20,000 pixel image (400 megapixels) took 3.6 GB and 48 s to
 * decode for OCR; the bundled scans failed at the 120 s per-file limit on a busy machine. The
 * memory bound is the process's peak RSS (a fresh test process), loose on purpose.
 */

afterAll(() => shutdownStages());

describe("OCR bounds", () => {
  it("does not decode a 400-megapixel image: the scan stays under 1.5 GB and fails saying its image is over the decoding limit", async () => {
    const { extraction } = await extractFile(join(HOSTILE_DIR, "image-20000x20000.pdf"), { ocr: true });
    expect(extraction.status).toBe("failed");
    expect(extraction.messages.map((m) => m.ruleId)).toEqual(["ingest.pdf.no-text"]);
    expect(extraction.messages[0].reason).toMatch(/100-megapixel decoding limit/);
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(1536);
  }, 120_000);

  it("gives each page sent to OCR more time under the batch's per-file limit", async () => {
    // An 8 s limit: enough to load the PDF modules and read the page, less than starting the OCR
    // engine and recognising the page take here, which the page's own allowance covers.
    const pool = new ParserPool({ size: 1, timeoutMs: 8000 });
    try {
      const reply = await pool.parse(join(import.meta.dirname, "fixtures/ocr/ocr-plain-text.pdf"), { ocr: true });
      expect(reply.extraction.messages.map((m) => m.ruleId)).not.toContain("ingest.timeout");
      expect(reply.extraction.status).not.toBe("failed");
      expect(reply.extraction.sections.length + reply.extraction.indicators.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 240_000);
});
