import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PageContent } from "../page.js";
import { readPagesFromEnd, readWithPdfium } from "./document.js";
import { MIN_SHARED_PAGES, SharedPages, type PageHelp } from "./share.js";

const ROOT = join(import.meta.dirname, "../../../..");
const sample = (name: string) => new Uint8Array(readFileSync(join(ROOT, "data/samples", name)));
const go = { stopped: false };

describe("shared pages: claims from both ends", () => {
  it("gives every page to exactly one side, the owner's ascending from 1 and the helper's descending from the end", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_SHARED_PAGES, max: 300 }), fc.array(fc.boolean(), { maxLength: 400 }), (pages, turns) => {
        const shared = SharedPages.create(new Uint8Array([1, 2, 3]), pages)!;
        const owner: number[] = [];
        const helper: number[] = [];
        for (const first of [...turns, ...Array<boolean>(pages).fill(true)]) {
          const n = first ? shared.claimFirst() : shared.claimLast();
          if (n) (first ? owner : helper).push(n);
        }
        expect([...owner, ...[...helper].reverse()]).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
        expect(shared.helperFrom()).toBe(pages - helper.length + 1);
        expect(shared.claimFirst()).toBe(0);
        expect(shared.claimLast()).toBe(0);
      }),
    );
  });

  it("carries the file's bytes and the cancel flag to another view of the same buffer", () => {
    const shared = SharedPages.create(new Uint8Array([7, 8, 9]), 5)!;
    const other = SharedPages.from(shared.buffer);
    expect([...other.bytes]).toEqual([7, 8, 9]);
    expect(other.pages).toBe(5);
    expect(other.claimLast()).toBe(5);
    expect(shared.helperFrom()).toBe(5);
    shared.cancel();
    expect(other.cancelled).toBe(true);
  });

  it("does not share a file too short to be worth a second reader", () => {
    expect(SharedPages.create(new Uint8Array(1), MIN_SHARED_PAGES - 1)).toBeUndefined();
  });
});

/** A help that reads claimed pages on this thread once the owner has read a few (or claims some and fails). */
function localHelp(how: { deliver: boolean }, log: { helped: number; withdrawn: number }): PageHelp {
  return (shared) => {
    const pages = (async (): Promise<PageContent[] | undefined> => {
      // Let the owner read a page or two first, as another thread would.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      if (!how.deliver) {
        // Claims pages, then fails (a crashed helper): the owner must read them itself.
        while (shared.claimLast() > shared.pages - 3);
        return undefined;
      }
      const got = await readPagesFromEnd(SharedPages.from(shared.buffer));
      log.helped += got?.length ?? 0;
      return got;
    })();
    return { pages, withdraw: () => void log.withdrawn++ };
  };
}

describe("shared pages: reading a file with help", () => {
  it("gives the same pages whether a helper reads some of them, fails after claiming some, or is never needed", async () => {
    for (const file of ["000.pdf", "003.pdf"]) {
      const alone = await readWithPdfium(sample(file), go);
      expect(alone?.contents.length).toBeGreaterThanOrEqual(MIN_SHARED_PAGES);
      const log = { helped: 0, withdrawn: 0 };
      const helped = await readWithPdfium(sample(file), go, localHelp({ deliver: true }, log));
      expect(log.helped).toBeGreaterThan(0);
      expect(helped).toEqual(alone);
      const failed = await readWithPdfium(sample(file), go, localHelp({ deliver: false }, log));
      expect(failed).toEqual(alone);
      expect(log.withdrawn).toBe(2);
    }
  });

  it("offers no help for a short file and stops a helper when the owner is stopped", async () => {
    let offered = 0;
    const never: PageHelp = () => {
      offered++;
      return { pages: new Promise(() => {}), withdraw: () => {} };
    };
    const one = await readWithPdfium(new Uint8Array(readFileSync(join(ROOT, "test/fixtures/pdf/header-block.pdf"))), go, never);
    expect(one?.pages).toBe(1);
    expect(offered).toBe(0);
    let seen: SharedPages | undefined;
    const watch: PageHelp = (shared) => ((seen = shared), { pages: new Promise(() => {}), withdraw: () => {} });
    expect(await readWithPdfium(sample("000.pdf"), { stopped: true }, watch)).toBeUndefined();
    expect(seen?.cancelled).toBe(true);
    // A cancelled offer reads nothing.
    expect(await readPagesFromEnd(SharedPages.from(seen!.buffer))).toBeUndefined();
  });
});
