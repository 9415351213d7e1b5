import type { ExtractOptions } from "../pipeline/extract.js";
import type { Extraction } from "../model/records.js";
import type { PageContent } from "../ingest/pdf/page.js";

/** Main thread → parser worker: parse this file. */
export interface ParseRequest {
  /** Sequence number, echoed back. */
  id: number;
  path: string;
  options: ExtractOptions;
}

/**
 * Parser worker → main thread: the plain Extraction (structured-cloned, no Document: the
 * writer needs only the records, and the block list would double the copying) plus the two
 * facts of the Document the store keeps.
 */
export interface ParseReply {
  id: number;
  extraction: Extraction;
  /** Page count when the format has pages. */
  pages: number | null;
  /** File size in bytes, when the file could be read. */
  bytes: number | null;
  /** Milliseconds spent in extractFile. */
  ms: number;
  /**
   * The worker's own memory after the file, in MB: its V8 heap (allocated) plus the memory
   * outside the heap its objects hold (buffers, decoded images). The pool recycles a worker
   * over its limit. Absent when parsed on the calling thread or failed by the pool.
   */
  heapMb?: number;
}

/**
 * Messages about sharing a long PDF's pages between workers (src/ingest/pdf/pdfium/share.ts).
 * Worker → pool: an offer of a file's pages (the shared buffer holds the file and the claims),
 * its withdrawal, or the pages a helper read; pool → worker: read pages from the end of this
 * offer (to an idle worker), or the pages read for your offer (to its owner; `contents` is
 * undefined when the helper failed or read none).
 */
export type PagesFromWorker =
  | { pagesOffer: { key: number; buffer: SharedArrayBuffer } }
  | { pagesWithdrawn: number }
  | { pagesRead: { key: number; contents: PageContent[] | undefined } };
export type PagesToWorker = { pagesJob: { key: number; buffer: SharedArrayBuffer } } | { pagesHelped: { key: number; contents: PageContent[] | undefined } };

/**
 * Pool → worker: give back this file if you have not started it (it waits behind the one you
 * parse, and another worker has nothing to do); worker → pool: whether it was given back.
 */
export type ReleaseRequest = { release: number };
export type ReleaseReply = { released: { id: number; ok: boolean } };
