import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PageContent } from "../ingest/pdf/page.js";
import { SharedPages } from "../ingest/pdf/pdfium/share.js";
import type { ExtractOptions } from "../pipeline/extract.js";
import type { PagesFromWorker, PagesToWorker, ParseReply, ParseRequest, ReleaseReply, ReleaseRequest } from "./protocol.js";

/**
 * The pipeline, loaded on the calling thread only when it is needed there: to parse inline
 * (size 0) or to describe a file the pool failed (timeout, crash, cancel). With workers the
 * main thread never parses, and its memory is then only the walk, the hashing and the store
 * (about 10 MB less; docs/BENCHMARKS.md, "Memory, issue 18 round 3").
 */
const pipeline = () => import("../pipeline/extract.js");

export interface PoolOptions {
  /**
   * Number of worker threads (parsing is CPU-bound: one per core is the useful maximum).
   * 0 parses on the calling thread, one file at a time and without the time limit (synchronous
   * parsing cannot be interrupted): for debugging with plain stack traces, and for tests.
   */
  size: number;
  /** Per-file time limit in ms; a worker over it is terminated and the file fails. 0 = none. */
  timeoutMs: number;
  /**
   * V8 old-generation limit per worker in MB (default 1024): a pathological file kills its
   * worker, not the batch, and fails as out of memory.
   */
  maxMemoryMb?: number;
  /**
   * The old-generation limit workers start with (default WORKER_OLD_GENERATION_MB, at most
   * maxMemoryMb). A file that runs a worker out of it is parsed again, once, in a fresh worker
   * with maxMemoryMb; only over that does it fail.
   */
  startMemoryMb?: number;
  /**
   * A worker is replaced by a fresh one after this many files (0 = never; default
   * DEFAULT_RECYCLE_FILES): whatever a long run leaves behind in a worker (caches, a
   * fragmented heap V8 does not give back) is dropped with the thread.
   */
  recycleFiles?: number;
  /**
   * …or once its own memory (V8 heap plus buffers, as the worker reports it after each file)
   * is over this many MB (0 = never; default DEFAULT_RECYCLE_MB).
   */
  recycleMb?: number;
  /** V8 young generation per worker in MB (default WORKER_YOUNG_GENERATION_MB). */
  youngGenerationMb?: number;
  /**
   * Let an idle worker read the last pages of a long PDF another worker is reading (default:
   * on with two workers or more). A worker is idle only when no file waits, so this changes
   * nothing in the middle of a batch; at its end, or for one long file, it shortens the wait.
   */
  sharePages?: boolean;
}

/**
 * A worker's V8 young generation in MB: 3 × the semi-space (two semi-spaces and as much for
 * new large objects), so 24 is an 8 MB semi-space where V8's default for a worker is 16 MB.
 * Measured over the real text PDFs, two workers, 3 passes (docs/BENCHMARKS.md, "Memory, issue 18
 * round 3"): peak RSS −20 to −35 MB for +4 to +7 % CPU; a 4 MB semi-space (12) saves another
 * ~20 MB but costs ~+10 % CPU, 1 MB (4) +28 %. On text files the 8 MB semi-space costs ~+14 %
 * CPU (their parsing allocates more short-lived data): 48 is the choice that favours text.
 */
export const WORKER_YOUNG_GENERATION_MB = 24;

/**
 * The old-generation limit a worker starts with, in MB (PoolOptions.startMemoryMb). V8 lets
 * a heap with a lower limit grow less between collections: over the real text PDFs with two
 * workers, 512 against 1024 took peak RSS from ~290 to ~265 MB at the same CPU time
 * (docs/BENCHMARKS.md, "Memory, issue 18 round 3"); over 10,000 mixed documents (ingest, two
 * workers), 256 against 512 took it from 404 to 393 MB (a worker's largest heap 122 → 107 MB),
 * CPU within the runs' spread ("Two workers at the end of a batch, issue 18 round 4"). The few
 * files that need more (a 5 MB text file needs ~220 MB) are retried with
 * PoolOptions.maxMemoryMb, so nothing that parsed with 1 GB fails.
 */
export const WORKER_OLD_GENERATION_MB = 256;

/** Files a worker parses before it is replaced (PoolOptions.recycleFiles). */
export const DEFAULT_RECYCLE_FILES = 500;
/** Worker memory in MB over which it is replaced after its file (PoolOptions.recycleMb). */
export const DEFAULT_RECYCLE_MB = 250;

interface Pending {
  req: ParseRequest;
  resolve: (r: ParseReply | Promise<ParseReply>) => void;
  /** Set when the file ran a worker out of its start limit: it goes to a worker with maxMemoryMb. */
  large?: boolean;
}

/**
 * Jobs sent to one worker at a time: the one it parses and the next, waiting in its message
 * queue, so it goes on while the main thread is busy writing (a group commit) instead of
 * idling until its reply has been handled.
 */
const JOBS_PER_WORKER = 2;

/**
 * Time added to a file's limit for each page it sends to OCR. The 120 s default suits text
 * files; a scan takes 20–60 s per page on a busy 2-core machine (two of the five bundled scans
 * failed at 120 s), so the limit scales with its pages.
 */
export const OCR_PAGE_MS = 90_000;

/** A long PDF's pages a worker offered (PageHelp): waiting for an idle worker, or being helped. */
interface Offer {
  owner: Slot;
  key: number;
  buffer: SharedArrayBuffer;
  helper?: Slot;
  /** The owner no longer waits for it (it read every page, or stopped). */
  withdrawn?: boolean;
}

interface Slot {
  worker: Worker;
  /** The offer whose pages this worker is reading (it gets no file meanwhile). */
  helping?: Offer;
  /** The id of the waiting job this worker was asked to give back (release), until it answers. */
  releasing?: number;
  /** Its old-generation limit in MB. */
  memoryMb: number;
  /** A worker started for one large file (Pending.large): it exits after that file. */
  oneShot?: boolean;
  /** Jobs sent to the worker, in order; the first is the one being parsed. */
  jobs: Pending[];
  timer?: NodeJS.Timeout;
  /** Set once the slot is being thrown away, so a late event cannot resolve a job twice. */
  retired?: boolean;
  /** Set when the worker has loaded its modules: the time limit counts parsing, not start-up. */
  ready?: boolean;
  /** When the current file's time is up (ms since the epoch), and the OCR time granted so far. */
  deadline?: number;
  granted?: number;
  /** Files this worker has answered, and files sent to it. */
  files: number;
  sent: number;
  /**
   * Set when the worker is due for recycling: it gets no new job, finishes the one it holds
   * (sent before the decision), then exits and a fresh worker takes the next file.
   */
  draining?: boolean;
}

/**
 * A pool of parser workers. `parse` never rejects: a file that times out or crashes its
 * worker comes back as a failed Extraction with the reason, and the worker is replaced.
 * Workers start on demand, so a batch of skipped files starts none.
 */
export class ParserPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private offers: Offer[] = [];
  private nextId = 1;
  private closed = false;
  private inlineTail: Promise<void> = Promise.resolve();
  /** Workers replaced after their file or memory limit (recycleFiles, recycleMb). */
  recycled = 0;
  /** Pages of long PDFs read by a worker other than the file's own (sharePages). */
  sharedPages = 0;
  /** Files a worker gave back before starting them, for an idle worker (takeBackWaiting). */
  takenBack = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Parses one file in a worker. */
  parse(path: string, options: ExtractOptions): Promise<ParseReply> {
    if (this.closed) return this.failure({ id: 0, path, options }, "ingest.cancelled", "The batch was stopped before this file was parsed.");
    if (this.options.size === 0) return this.inline({ id: this.nextId++, path, options });
    return new Promise((resolve) => {
      this.queue.push({ req: { id: this.nextId++, path, options }, resolve });
      this.dispatch();
    });
  }

  /** Jobs waiting for a worker plus jobs being parsed. */
  get load(): number {
    let busy = 0;
    for (const s of this.slots) busy += s.jobs.length;
    return busy + this.queue.length;
  }

  /** Stops every worker; queued and running jobs resolve as failed ("cancelled"). */
  async close(): Promise<void> {
    this.closed = true;
    this.offers = [];
    for (const p of this.queue.splice(0)) p.resolve(this.failure(p.req, "ingest.cancelled", "The batch was stopped before this file was parsed."));
    await Promise.all(
      [...this.slots].map((s) => {
        for (const job of s.jobs.splice(0)) job.resolve(this.failure(job.req, "ingest.cancelled", "The batch was stopped while this file was being parsed."));
        clearTimeout(s.timer);
        s.retired = true;
        this.slots.delete(s);
        return s.worker.terminate();
      }),
    );
  }

  /** size 0: the same work as worker.ts, on this thread, one file at a time. */
  private inline(req: ParseRequest): Promise<ParseReply> {
    const run = this.inlineTail.then(async (): Promise<ParseReply> => {
      const { extractFile } = await pipeline();
      const t0 = performance.now();
      const { extraction, document } = await extractFile(req.path, req.options);
      return { id: req.id, extraction, pages: document?.source.pages ?? null, bytes: document?.source.bytes ?? null, ms: performance.now() - t0 };
    });
    this.inlineTail = run.then(() => undefined);
    return run;
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      if (this.queue[0].large) {
        // A file retried with the full limit gets a worker of its own, within the pool's size:
        // an idle worker makes room for it, or else the next one to finish a file.
        if (this.slots.size >= this.options.size) {
          // (A worker already on its way out makes the room: wait for it.)
          if ([...this.slots].some((s) => s.retired)) return;
          const idle = [...this.slots].find((s) => !s.retired && !s.jobs.length && !s.helping);
          if (idle) this.recycle(idle);
          return;
        }
        const slot = this.spawn(this.maxMemoryMb);
        slot.oneShot = true;
        slot.draining = true;
        this.send(slot, this.queue.shift()!);
        continue;
      }
      // An idle worker first, then a new one, then a second job for a busy one.
      const files = this.options.recycleFiles ?? DEFAULT_RECYCLE_FILES;
      // A worker that has been sent its last file before recycling takes no more.
      const live = [...this.slots].filter((s) => !s.retired && !s.draining && !s.helping && !(files > 0 && s.sent >= files));
      let slot = live.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.size < this.options.size) slot = this.spawnRegular();
      slot ??= live.find((s) => s.jobs.length < JOBS_PER_WORKER);
      if (!slot) return;
      this.send(slot, this.queue.shift()!);
    }
    this.takeBackWaiting();
    this.shareIdle();
  }

  /** A worker with nothing to do, none in the queue for it: it may take a job back or help. */
  private idleWorker(except?: Slot): Slot | undefined {
    return [...this.slots].find((s) => s.ready && !s.retired && !s.draining && !s.oneShot && !s.jobs.length && !s.helping && s !== except);
  }

  /**
   * At the end of a batch a worker can sit idle while another holds a second file it has not
   * started (JOBS_PER_WORKER): that worker is asked to give it back, and the idle one takes it.
   * Before any page help, since a whole file shares better than its pages.
   */
  private takeBackWaiting(): void {
    if (this.queue.length || this.closed || !this.idleWorker()) return;
    if ([...this.slots].some((s) => !s.retired && s.releasing !== undefined)) return;
    const holder = [...this.slots].find((s) => !s.retired && s.jobs.length > 1);
    if (!holder) return;
    holder.releasing = holder.jobs[holder.jobs.length - 1].req.id;
    holder.worker.postMessage({ release: holder.releasing } satisfies ReleaseRequest);
  }

  /** The holder's answer: a job given back goes to the head of the queue, for the idle worker. */
  private onReleased(slot: Slot, { id, ok }: ReleaseReply["released"]): void {
    slot.releasing = undefined;
    const at = slot.jobs.findIndex((j) => j.req.id === id);
    if (ok && at > 0) {
      const [job] = slot.jobs.splice(at, 1);
      slot.sent--;
      this.takenBack++;
      this.queue.unshift(job);
    }
    this.dispatch();
  }

  /** Gives each waiting page offer to a worker with nothing to do (no file waits: dispatch ran first). */
  private shareIdle(): void {
    if (this.queue.length || this.closed) return;
    // A job being given back goes to the idle worker first.
    if ([...this.slots].some((s) => !s.retired && s.releasing !== undefined)) return;
    for (const offer of this.offers) {
      if (offer.helper) continue;
      const idle = this.idleWorker(offer.owner);
      if (!idle) {
        // Room for another worker (a batch that so far had one file at a time): start one; it
        // takes the offer when ready, if pages are still left by then.
        if (this.slots.size < this.options.size && ![...this.slots].some((s) => !s.ready && !s.retired))
          this.spawnRegular();
        return;
      }
      offer.helper = idle;
      idle.helping = offer;
      idle.worker.postMessage({ pagesJob: { key: offer.key, buffer: offer.buffer } } satisfies PagesToWorker);
    }
  }

  /** Pages messages from a worker (worker.ts): an offer, its withdrawal, or pages read for one. */
  private onPages(slot: Slot, msg: PagesFromWorker): void {
    if ("pagesOffer" in msg) {
      this.offers.push({ owner: slot, ...msg.pagesOffer });
      this.shareIdle();
    } else if ("pagesWithdrawn" in msg) {
      // A helper already on it finds nothing left to claim (or is cancelled) and answers at once.
      for (const o of this.offers) if (o.owner === slot && o.key === msg.pagesWithdrawn) o.withdrawn = true;
      this.offers = this.offers.filter((o) => !o.withdrawn || o.helper);
    } else this.endHelp(slot, msg.pagesRead.contents);
  }

  /** The helper `slot` is done with its offer: the owner gets the pages (undefined: read them yourself). */
  private endHelp(slot: Slot, contents: PageContent[] | undefined): void {
    const offer = slot.helping;
    slot.helping = undefined;
    if (!offer) return;
    this.offers = this.offers.filter((o) => o !== offer);
    if (!offer.owner.retired) {
      offer.owner.worker.postMessage({ pagesHelped: { key: offer.key, contents } } satisfies PagesToWorker);
      this.sharedPages += contents?.length ?? 0;
    }
    if (slot.retired) return;
    if (slot.draining && !slot.jobs.length) this.recycle(slot);
    else this.dispatch();
  }

  /** A worker is going: its offers are cancelled (their helpers stopped), or its help ends unread. */
  private dropPages(slot: Slot): void {
    if (slot.helping) this.endHelp(slot, undefined);
    for (const offer of this.offers.filter((o) => o.owner === slot)) {
      SharedPages.from(offer.buffer).cancel();
      this.offers = this.offers.filter((o) => o !== offer);
      // A page that never ends would hold the helper for good: it goes with its owner. (Once
      // withdrawn, the helper answers at its next page: it is left to finish.)
      if (offer.helper && !offer.helper.retired && !offer.withdrawn) {
        offer.helper.helping = undefined;
        this.retire(offer.helper);
      }
    }
  }

  private send(slot: Slot, job: Pending): void {
    slot.jobs.push(job);
    slot.sent++;
    slot.worker.postMessage(job.req);
    if (slot.ready) this.startClock(slot);
  }

  private get maxMemoryMb(): number {
    return this.options.maxMemoryMb ?? 1024;
  }

  /** Starts the per-file time limit of the job the slot's worker is parsing (the first). */
  private startClock(slot: Slot): void {
    const job = slot.jobs[0];
    if (!job || slot.timer || !(this.options.timeoutMs > 0)) return;
    slot.deadline = Date.now() + this.options.timeoutMs;
    slot.granted = 0;
    this.armClock(slot, job);
  }

  /** One more OCR page in the slot's current file: its deadline moves OCR_PAGE_MS later. */
  private extendClock(slot: Slot): void {
    const job = slot.jobs[0];
    if (!job || !slot.timer || slot.deadline === undefined) return;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.deadline += OCR_PAGE_MS;
    slot.granted = (slot.granted ?? 0) + OCR_PAGE_MS;
    this.armClock(slot, job);
  }

  private armClock(slot: Slot, job: Pending): void {
    const limit = this.options.timeoutMs + (slot.granted ?? 0);
    slot.timer = setTimeout(() => {
      const seconds = Math.round(limit / 100) / 10;
      this.retire(
        slot,
        this.failure(
          job.req,
          "ingest.timeout",
          `Parsing took longer than the ${seconds} s limit, so it was stopped. Try a larger --timeout, or check the file (very large or malformed?).`,
        ),
      );
    }, Math.max(0, (slot.deadline ?? Date.now()) - Date.now()));
  }

  /** A worker for any file: it starts with the start limit (startMemoryMb), within maxMemoryMb. */
  private spawnRegular(): Slot {
    return this.spawn(Math.min(this.options.startMemoryMb ?? WORKER_OLD_GENERATION_MB, this.maxMemoryMb));
  }

  private spawn(memoryMb: number): Slot {
    const worker = createWorker(memoryMb, this.options.youngGenerationMb ?? WORKER_YOUNG_GENERATION_MB, this.options.sharePages ?? this.options.size > 1);
    const slot: Slot = { worker, memoryMb, jobs: [], files: 0, sent: 0 };
    worker.on("message", (reply: ParseReply | { ready: true } | { longWork: string } | PagesFromWorker | ReleaseReply) => {
      if ("released" in reply) {
        if (!slot.retired) this.onReleased(slot, reply.released);
        return;
      }
      if ("pagesOffer" in reply || "pagesWithdrawn" in reply || "pagesRead" in reply) {
        if (!slot.retired) this.onPages(slot, reply);
        return;
      }
      if ("longWork" in reply) {
        this.extendClock(slot);
        return;
      }
      if ("ready" in reply) {
        slot.ready = true;
        this.startClock(slot);
        // Ready with nothing to do: it may take back a waiting file or help with pages.
        this.dispatch();
        return;
      }
      if (slot.retired || reply.id !== slot.jobs[0]?.req.id) return;
      this.finish(slot, reply);
      slot.files++;
      if (this.dueForRecycling(slot, reply)) slot.draining = true;
      if (slot.draining && !slot.jobs.length) this.recycle(slot);
      else this.dispatch();
    });
    worker.on("error", (e: Error & { code?: string }) => {
      const oom = e.code === "ERR_WORKER_OUT_OF_MEMORY";
      const job = slot.jobs[0];
      if (oom && job && slot.memoryMb < this.maxMemoryMb) {
        // Over the start limit only: the file goes back to the head of the queue, for a worker
        // with the full limit (its partial work is discarded: nothing was sent or stored).
        job.large = true;
        this.retire(slot);
        return;
      }
      const reason = oom
        ? `Parsing ran out of memory (over ${slot.memoryMb} MB) and was stopped.`
        : `The parser crashed on this file: ${e.message}`;
      if (job) this.retire(slot, this.failure(job.req, oom ? "ingest.out-of-memory" : "pipeline.crash", reason));
      else this.retire(slot);
    });
    worker.on("exit", (code) => {
      if (slot.jobs[0] && !slot.retired)
        this.retire(slot, this.failure(slot.jobs[0].req, "pipeline.crash", `The parser worker exited (code ${code}) while parsing this file.`));
      else if (!slot.retired) this.retire(slot);
    });
    this.slots.add(slot);
    return slot;
  }

  /** Resolves the job being parsed; the next one sent to the worker starts its clock. */
  private finish(slot: Slot, reply: ParseReply | Promise<ParseReply>): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.jobs.shift()?.resolve(reply);
    if (slot.ready && !slot.retired) this.startClock(slot);
  }

  /**
   * Throws a slot away (terminating its worker), resolves the job it was parsing with `reply`,
   * puts the jobs that were still waiting in its queue back at the head of the pool's queue,
   * and starts a replacement if work waits.
   */
  private retire(slot: Slot, reply?: ParseReply | Promise<ParseReply>): void {
    if (slot.retired) return;
    slot.retired = true;
    this.dropPages(slot);
    if (reply) this.finish(slot, reply);
    this.queue.unshift(...slot.jobs.splice(0));
    this.slots.delete(slot);
    void slot.worker.terminate();
    this.dispatch();
  }

  private dueForRecycling(slot: Slot, reply: ParseReply): boolean {
    const files = this.options.recycleFiles ?? DEFAULT_RECYCLE_FILES;
    const mb = this.options.recycleMb ?? DEFAULT_RECYCLE_MB;
    return (files > 0 && slot.files >= files) || (mb > 0 && (reply.heapMb ?? 0) > mb);
  }

  /**
   * Replaces a drained worker (no job left): it stays counted in the pool until its thread
   * has exited, so the old and the fresh worker's memory never add up; then dispatch starts
   * the fresh one for the next file in the queue.
   */
  private recycle(slot: Slot): void {
    slot.retired = true;
    this.dropPages(slot);
    if (!slot.oneShot) this.recycled++;
    void slot.worker.terminate().finally(() => {
      this.slots.delete(slot);
      this.dispatch();
    });
  }

  private async failure(req: ParseRequest, ruleId: string, reason: string): Promise<ParseReply> {
    const { failedExtraction } = await pipeline();
    return { id: req.id, extraction: failedExtraction(req.path, "", ruleId, reason), pages: null, bytes: null, ms: 0 };
  }
}

/**
 * Starts a parser worker. From compiled JavaScript the worker is dist/…/worker.js; when this
 * module itself runs as TypeScript (vitest, tsx) the worker registers tsx first, because a
 * worker does not inherit the parent's loader hooks.
 */
function createWorker(maxMemoryMb: number, youngMb: number, sharePages: boolean): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: youngMb };
  const workerData = { sharePages };
  if (import.meta.url.endsWith(".ts")) {
    // require.resolve picks the CommonJS entry; the ESM one sits beside it.
    const cjs = createRequire(import.meta.url).resolve("tsx/esm/api");
    const tsx = pathToFileURL(cjs.replace(/\.cjs$/, ".mjs")).href;
    const entry = new URL("./worker.ts", import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { eval: true, resourceLimits, workerData });
  }
  return new Worker(new URL("./worker.js", import.meta.url), { resourceLimits, workerData });
}
