import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ParserPool } from "./pool.js";

const SAMPLES = join(import.meta.dirname, "../../data/samples");

describe("parser pool: a long PDF's pages shared with an idle worker", () => {
  it("gives the same extraction as one thread, with pages read by the second worker", async () => {
    const inline = new ParserPool({ size: 0, timeoutMs: 0 });
    const pool = new ParserPool({ size: 2, timeoutMs: 0 });
    try {
      // Both workers started and warm, then one long file at a time: the other worker is idle.
      await Promise.all(["000.txt", "001.txt"].map((f) => pool.parse(join(SAMPLES, f), {})));
      for (const file of ["003.pdf", "000.pdf", "003.pdf"]) {
        const alone = await inline.parse(join(SAMPLES, file), { ocr: false });
        const shared = await pool.parse(join(SAMPLES, file), { ocr: false });
        expect(shared.extraction).toEqual(alone.extraction);
        expect(shared.pages).toBe(alone.pages);
      }
      // Each file's helper claims pages from the end while the owner reads from the start.
      expect(pool.sharedPages).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("shares nothing when told not to, and still reads every page", async () => {
    const pool = new ParserPool({ size: 2, timeoutMs: 0, sharePages: false });
    try {
      await Promise.all(["000.txt", "001.txt"].map((f) => pool.parse(join(SAMPLES, f), {})));
      const r = await pool.parse(join(SAMPLES, "003.pdf"), { ocr: false });
      expect(r.extraction.status).toBe("ok");
      expect(pool.sharedPages).toBe(0);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
