import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { readPagesFromEnd, registerPageHelp, SharedPages } from "../ingest/pdf/index.js";
import type { PageContent } from "../ingest/pdf/page.js";
import { extractFile } from "../pipeline/extract.js";
import { onLongWork } from "../pipeline/progress.js";
import type { PagesFromWorker, PagesToWorker, ParseReply, ParseRequest, ReleaseReply, ReleaseRequest } from "./protocol.js";

/**
 * Parser worker: runs extractFile for each request and posts the plain Extraction back. It
 * never touches the database (the main thread is the one writer). extractFile does not throw
 * for a bad file; an unexpected throw here crashes the worker, which the pool records as a
 * failed file.
 */
// Parser threads already fill every core: each gets one OCR engine thread, not one per core.
process.env.BAOCAO_OCR_WORKERS ??= "1";

const port = parentPort;
if (!port) throw new Error("worker.ts must run as a worker thread");
const post = (m: PagesFromWorker) => port.postMessage(m);
// The pool sends the next request before this one is answered; requests are parsed one after
// another, in order (the pool's time limit is for the one at the head).
let tail: Promise<void> = Promise.resolve();
// Each OCR page of the file being parsed asks the pool for more time (pool.ts, OCR_PAGE_MS).
onLongWork((what) => port.postMessage({ longWork: what }));

// With other workers in the pool, a long PDF's last pages are offered to one that is idle.
const waiting = new Map<number, (contents: PageContent[] | undefined) => void>();
let offers = 0;
if ((workerData as { sharePages?: boolean } | undefined)?.sharePages)
  registerPageHelp((shared) => {
    const key = ++offers;
    const pages = new Promise<PageContent[] | undefined>((resolve) => waiting.set(key, resolve));
    post({ pagesOffer: { key, buffer: shared.buffer } });
    return {
      pages,
      withdraw: () => {
        if (!waiting.has(key)) return;
        waiting.get(key)?.(undefined);
        waiting.delete(key);
        post({ pagesWithdrawn: key });
      },
    };
  });

// Requests received and not started: the pool may take one back for an idle worker (release).
const waitingFiles = new Set<number>();

port.on("message", (msg: ParseRequest | PagesToWorker | ReleaseRequest) => {
  if ("release" in msg) {
    port.postMessage({ released: { id: msg.release, ok: waitingFiles.delete(msg.release) } } satisfies ReleaseReply);
    return;
  }
  if ("pagesHelped" in msg) {
    const { key, contents } = msg.pagesHelped;
    waiting.get(key)?.(contents);
    waiting.delete(key);
    return;
  }
  if ("pagesJob" in msg) {
    // Sent only while this worker has no file of its own (pool.ts).
    const { key, buffer } = msg.pagesJob;
    void readPagesFromEnd(SharedPages.from(buffer)).then(
      (contents) => post({ pagesRead: { key, contents } }),
      () => post({ pagesRead: { key, contents: undefined } }),
    );
    return;
  }
  const req = msg;
  waitingFiles.add(req.id);
  tail = tail.then(async () => {
    if (!waitingFiles.delete(req.id)) return; // released: another worker parses it
    const t0 = performance.now();
    const { extraction, document } = await extractFile(req.path, req.options);
    const reply: ParseReply = {
      id: req.id,
      extraction,
      pages: document?.source.pages ?? null,
      bytes: document?.source.bytes ?? null,
      ms: performance.now() - t0,
      heapMb: heapMb(),
    };
    port.postMessage(reply);
  });
});
// Modules are loaded: from now on the pool's time limit counts parsing only.
port.postMessage({ ready: true });

/** This thread's V8 heap (allocated, not only used: what it keeps from the system) plus external memory, in MB. */
function heapMb(): number {
  const h = getHeapStatistics();
  return Math.round((h.total_heap_size + h.external_memory) / 2 ** 20);
}
