import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { extractFile } from "../pipeline/extract.js";
import { onLongWork } from "../pipeline/progress.js";
import type { ParseReply, ParseRequest } from "./protocol.js";

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
// The pool sends the next request before this one is answered; requests are parsed one after
// another, in order (the pool's time limit is for the one at the head).
let tail: Promise<void> = Promise.resolve();
// Each OCR page of the file being parsed asks the pool for more time (pool.ts, OCR_PAGE_MS).
onLongWork((what) => port.postMessage({ longWork: what }));
port.on("message", (req: ParseRequest) => {
  tail = tail.then(async () => {
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
