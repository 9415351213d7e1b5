import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * PDFium compiled to WebAssembly (`@embedpdf/pdfium`, MIT), initialised once per thread, lazily,
 * and reused across files. Functions are called straight on the wasm exports (the cwrap
 * wrappers cost a quarter more on real files); `heap` views are re-read after every call that
 * may grow memory (`f64`, `u8`, `i32` getters), since growing the heap replaces the buffer.
 */

/** The raw PDFium exports this reader calls (numbers in, numbers out; pointers are heap offsets). */
export type Pdfium = Record<string, (...args: number[]) => number> & {
  malloc(size: number): number;
  free(ptr: number): void;
};

export interface PdfiumRuntime {
  x: Pdfium;
  /** Float64 view of the heap (re-read each time: memory growth replaces the buffer). */
  f64(): Float64Array;
  f32(): Float32Array;
  u8(): Uint8Array;
  i32(): Int32Array;
  /** Scratch memory for out-parameters (256 bytes, 8-aligned), reused by every call. */
  scratch: number;
}

interface Module {
  pdfium: { wasmExports: Pdfium; HEAPU8: Uint8Array; HEAPF64: Float64Array; HEAPF32: Float32Array; HEAP32: Int32Array };
  PDFiumExt_Init(): void;
}

let runtime: Promise<PdfiumRuntime> | undefined;

/** The thread's PDFium runtime, initialised on first use. */
export function pdfium(): Promise<PdfiumRuntime> {
  runtime ??= load().catch((err) => {
    runtime = undefined;
    throw err;
  });
  return runtime;
}

/**
 * Drop the runtime (after a wasm trap or abort its memory may be inconsistent): the next file
 * gets a fresh instance. Handles of the old one must not be used again.
 */
export function discardPdfium(): void {
  runtime = undefined;
}

async function load(): Promise<PdfiumRuntime> {
  const require = createRequire(import.meta.url);
  const { init } = (await import("@embedpdf/pdfium")) as unknown as { init(o: { wasmBinary: Uint8Array }): Promise<Module> };
  const wasmBinary = readFileSync(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
  const m = await init({ wasmBinary });
  m.PDFiumExt_Init();
  const p = m.pdfium;
  // A plain copy of the (frozen) exports object: same functions, and a test can stand one in.
  const x = { ...p.wasmExports } as Pdfium;
  const scratch = x.malloc(256);
  return {
    x,
    f64: () => p.HEAPF64,
    f32: () => p.HEAPF32,
    u8: () => p.HEAPU8,
    i32: () => p.HEAP32,
    scratch,
  };
}

/**
 * A wasm heap never shrinks: after a file that needed more than this much (a huge or hostile
 * PDF), the instance is dropped so its memory goes with it, and the next file gets a fresh one
 * (≈ 70 ms). The parser pool recycles workers by their JavaScript heap, which does not count it.
 */
export const MAX_HEAP_BYTES = 256 << 20;

/** Drop the runtime when its heap has grown past `limit` bytes; true when it was dropped. */
export async function releaseIfLarge(limit = MAX_HEAP_BYTES): Promise<boolean> {
  if (!runtime) return false;
  const rt = await runtime.catch(() => undefined);
  if (!rt || rt.u8().length <= limit) return false;
  discardPdfium();
  return true;
}

/**
 * Where the allocator puts a large block now, and the heap's size: both stay put over repeated
 * reads when every document, page and buffer is freed; memory left allocated pushes the block
 * further up (and eventually grows the heap). For tests.
 */
export async function heapProbe(): Promise<{ heap: number; block: number }> {
  const rt = await pdfium();
  const block = rt.x.malloc(16 << 20);
  rt.x.free(block);
  return { heap: rt.u8().length, block };
}
