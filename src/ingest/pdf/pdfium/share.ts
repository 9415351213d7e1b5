import type { PageContent } from "../page.js";

/**
 * The pages of one PDF shared between the worker reading it (the owner, from the first page
 * forward) and one idle worker helping (from the last page back), so a long file does not
 * leave the other workers idle at the end of a batch. Both sides claim pages through one
 * atomic word in shared memory, so each page is read exactly once whoever is faster; the file's
 * bytes sit in the same buffer (no copy per worker). A page's content depends on that page
 * alone (see readPdfiumPage), so the joined pages are what reading the whole file gives.
 */

/** Control words: [0] the unclaimed range (first | last << 16), [1] cancelled, [2] page count. */
const CONTROL_BYTES = 16;
const RANGE = 0;
const CANCELLED = 1;
const PAGES = 2;

/** Files with fewer pages are not worth a second reader (it parses the file's fonts again). */
export const MIN_SHARED_PAGES = 4;
/** The range packs two page numbers in 16 bits each. */
const MAX_SHARED_PAGES = 0xffff - 1;

export class SharedPages {
  private readonly control: Int32Array;
  /** The file's bytes (a view on the shared buffer). */
  readonly bytes: Uint8Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, CONTROL_BYTES / 4);
    this.bytes = new Uint8Array(buffer, CONTROL_BYTES);
  }

  /** A file's pages, all unclaimed; undefined when it is too short or too long to share. */
  static create(bytes: Uint8Array, pages: number): SharedPages | undefined {
    if (pages < MIN_SHARED_PAGES || pages > MAX_SHARED_PAGES) return undefined;
    const shared = new SharedPages(new SharedArrayBuffer(CONTROL_BYTES + bytes.length));
    shared.bytes.set(bytes);
    shared.control[PAGES] = pages;
    shared.control[RANGE] = 1 | (pages << 16);
    return shared;
  }

  /** The same pages seen from another thread (the buffer came in a message). */
  static from(buffer: SharedArrayBuffer): SharedPages {
    return new SharedPages(buffer);
  }

  get pages(): number {
    return this.control[PAGES];
  }

  /** The owner's next page (1-based), or 0 when every page is taken. */
  claimFirst(): number {
    return this.claim(true);
  }

  /** The helper's next page, from the end, or 0 when every page is taken. */
  claimLast(): number {
    return this.claim(false);
  }

  /**
   * The first page the helper took (pages + 1 when it took none). Final once claimFirst has
   * returned 0: no page is claimed after that.
   */
  helperFrom(): number {
    return ((Atomics.load(this.control, RANGE) >>> 16) & 0xffff) + 1;
  }

  /** Tells the helper to stop at its next page (the owner failed, was stopped or is done). */
  cancel(): void {
    Atomics.store(this.control, CANCELLED, 1);
  }

  get cancelled(): boolean {
    return Atomics.load(this.control, CANCELLED) === 1;
  }

  private claim(first: boolean): number {
    for (;;) {
      const range = Atomics.load(this.control, RANGE);
      const lo = range & 0xffff;
      const hi = (range >>> 16) & 0xffff;
      if (lo > hi) return 0;
      const next = first ? lo + 1 + (hi << 16) : lo + ((hi - 1) << 16);
      if (Atomics.compareExchange(this.control, RANGE, range, next) === range) return first ? lo : hi;
    }
  }
}

/**
 * Asks an idle worker to read pages from the end of a shared file. `pages` resolves with the
 * pages it read, ascending (those from helperFrom() on), or undefined when it read none, failed
 * or was not found in time; it never rejects. `withdraw` says the owner no longer needs help.
 */
export type PageHelp = (shared: SharedPages) => { pages: Promise<PageContent[] | undefined>; withdraw(): void };
