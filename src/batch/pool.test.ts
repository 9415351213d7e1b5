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

  it("reads the pages itself when its helper dies mid-way, and keeps going when an owner times out", async () => {
    const inline = new ParserPool({ size: 0, timeoutMs: 0 });
    const alone = await inline.parse(join(SAMPLES, "003.pdf"), { ocr: false });
    const pool = new ParserPool({ size: 2, timeoutMs: 0 });
    const slots = (pool as unknown as { slots: Set<{ helping?: unknown; worker: { terminate(): Promise<number> } }> }).slots;
    try {
      await Promise.all(["000.txt", "001.txt"].map((f) => pool.parse(join(SAMPLES, f), {})));
      let killed = 0;
      for (let attempt = 0; attempt < 5 && !killed; attempt++) {
        const reply = pool.parse(join(SAMPLES, "003.pdf"), { ocr: false });
        let done = false;
        void reply.then(() => (done = true));
        // Catch the helper while it reads and stop its thread.
        while (!done && !killed) {
          const helper = [...slots].find((s) => s.helping);
          if (helper) {
            killed++;
            await helper.worker.terminate();
          } else await new Promise((r) => setTimeout(r, 1));
        }
        expect((await reply).extraction).toEqual(alone.extraction);
      }
      expect(killed).toBe(1);
    } finally {
      await pool.close();
    }
    // An owner over its time limit takes its helper with it: no worker is left reading for it.
    const strict = new ParserPool({ size: 2, timeoutMs: 40 });
    try {
      await Promise.all(["000.txt", "001.txt"].map((f) => strict.parse(join(SAMPLES, f), {}).catch(() => undefined)));
      const late = await strict.parse(join(SAMPLES, "003.pdf"), { ocr: false });
      expect(late.extraction.messages[0]?.ruleId).toBe("ingest.timeout");
      const internals = strict as unknown as { slots: Set<{ helping?: unknown; retired?: boolean }>; offers: unknown[] };
      expect([...internals.slots].filter((s) => s.helping)).toEqual([]);
      expect(internals.offers).toEqual([]);
      expect(strict.load).toBe(0);
    } finally {
      await strict.close();
    }
  }, 120_000);

  it("takes back a file waiting behind a long one when another worker is idle", async () => {
    const inline = new ParserPool({ size: 0, timeoutMs: 0 });
    const pool = new ParserPool({ size: 2, timeoutMs: 0 });
    try {
      await Promise.all(["000.txt", "001.txt"].map((f) => pool.parse(join(SAMPLES, f), {})));
      // The first worker gets the long PDF and, as its second job, the last text file; the
      // second worker is done with its text file long before the PDF is read.
      const files = ["003.pdf", "002.txt", "004.txt"];
      const replies = await Promise.all(files.map((f) => pool.parse(join(SAMPLES, f), { ocr: false })));
      expect(pool.takenBack).toBe(1);
      for (const [k, f] of files.entries()) expect(replies[k].extraction).toEqual((await inline.parse(join(SAMPLES, f), { ocr: false })).extraction);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
