import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type Tesseract from "tesseract.js";

const require = createRequire(import.meta.url);

/** One recognised text line, in the pixels of the image that was recognised. */
export interface OcrLine {
  text: string;
  /** [x0, y0, x1, y1] in image pixels. */
  bbox: [number, number, number, number];
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** The line's words in reading order, with confidence 0–100 and box in image pixels. */
  words: { text: string; confidence: number; bbox: [number, number, number, number] }[];
  /** Baseline height in image pixels (mean of its two ends). */
  baseline: number;
  /** Index of the tesseract block the line belongs to (blocks are columns or separate regions). */
  block: number;
}

/** Tesseract page segmentation modes this module uses. */
export const PSM = {
  /** Fully automatic layout (columns, blocks): free text regions. */
  auto: "3",
  /** One uniform block of text: a table cell, possibly wrapped over lines. */
  block: "6",
  /** A single text line. */
  line: "7",
} as const;
export type Psm = (typeof PSM)[keyof typeof PSM];

/** What a recognition job asks for. */
export interface RecognizeJob {
  /** Image bytes in a format Leptonica reads (PGM here). */
  image: Uint8Array;
  psm: Psm;
  /** Resolution of the image, so Tesseract does not guess it from the text height. */
  dpi: number;
  /** Characters the recogniser may output ("" or absent: all). */
  whitelist?: string;
}

/**
 * Pool size: BAOCAO_OCR_WORKERS when set, else 2 when two or more cores are free (the ingest
 * machine has 2), else 1. More workers than cores only adds memory (each holds ~100 MB).
 */
export function defaultWorkers(): number {
  const env = Number(process.env.BAOCAO_OCR_WORKERS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Idle time (ms) after which the workers are terminated, so they never keep the process alive. */
const IDLE_MS = 1500;

interface Slot {
  worker: Tesseract.Worker;
  psm?: Psm;
  dpi?: number;
  whitelist?: string;
  busy: boolean;
}

/**
 * A small pool of tesseract.js workers, created on first use and reused across pages and
 * files. Everything is local: the Vietnamese model is read from the installed
 * `@tesseract.js-data/vie` package, the cache is off (`cacheMethod: "none"`), and each worker
 * thread starts from a shim that replaces `fetch` with a function that throws, so a missing
 * file can never turn into a download. Workers are terminated after IDLE_MS without work, or
 * by `terminate()`.
 */
export class OcrPool {
  private slots: Slot[] = [];
  private starting?: Promise<void>;
  private queue: (() => void)[] = [];
  private idleTimer?: NodeJS.Timeout;
  private tmp?: string;
  private active = 0;

  constructor(readonly size: number = defaultWorkers()) {}

  /** Recognise one image; resolves with its lines in reading order. */
  async recognize(job: RecognizeJob): Promise<OcrLine[]> {
    this.active++;
    clearTimeout(this.idleTimer);
    try {
      await this.start();
      const slot = await this.acquire();
      try {
        const whitelist = job.whitelist ?? "";
        if (slot.psm !== job.psm || slot.dpi !== job.dpi || slot.whitelist !== whitelist) {
          await slot.worker.setParameters({
            tessedit_pageseg_mode: job.psm as Tesseract.PSM,
            user_defined_dpi: String(job.dpi),
            tessedit_char_whitelist: whitelist,
            // Tesseract re-reads every doubtful line inverted (white on black); reports have no
            // inverted text, and skipping it saves a good share of the time.
            tessedit_do_invert: "0",
          });
          slot.psm = job.psm;
          slot.dpi = job.dpi;
          slot.whitelist = whitelist;
        }
        const { data } = await slot.worker.recognize(Buffer.from(job.image), {}, { blocks: true, text: false });
        return linesOf(data);
      } finally {
        this.release(slot);
      }
    } finally {
      if (--this.active === 0) {
        this.idleTimer = setTimeout(() => void this.terminate(), IDLE_MS);
        this.idleTimer.unref?.();
      }
    }
  }

  /** Terminate every worker now (idempotent); the next recognise starts them again. */
  async terminate(): Promise<void> {
    clearTimeout(this.idleTimer);
    const starting = this.starting;
    this.starting = undefined;
    await starting?.catch(() => {});
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => {})));
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = undefined;
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const { createWorker, OEM } = require("tesseract.js") as typeof Tesseract;
      const vie = require("@tesseract.js-data/vie") as { langPath: string; gzip: boolean };
      const langPath = modelPath(vie.langPath);
      this.tmp = mkdtempSync(join(tmpdir(), "baocao-ocr-"));
      const workerPath = writeOfflineShim(this.tmp);
      const options = {
        langPath,
        gzip: vie.gzip,
        cachePath: this.tmp,
        cacheMethod: "none",
        workerPath,
        errorHandler: () => {},
      };
      // Workers start in parallel: each loads the 4 MB model on its own thread.
      const workers = await Promise.all(
        Array.from({ length: this.size }, () => createWorker("vie", OEM.LSTM_ONLY, options)),
      );
      this.slots = workers.map((worker) => ({ worker, busy: false }));
    })();
    return this.starting;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.queue.push(() => resolve(this.acquire())));
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.queue.shift()?.();
  }
}

/**
 * The model folder of `@tesseract.js-data/vie`: `4.0.0_best_int` (the LSTM network alone,
 * 1.4 MB gzipped), or the sibling folder that BAOCAO_OCR_MODEL names (`4.0.0`, the same LSTM
 * network bundled with the legacy engine's data, 3.8 MB, which the LSTM-only engine never
 * uses). Measured on the scans: the same text and confidences, word for word, and the same CPU
 * per page; the smaller file loads faster (docs/OCR.md, "Model").
 */
export const DEFAULT_MODEL = "4.0.0_best_int";

function modelPath(packagePath: string): string {
  const name = process.env.BAOCAO_OCR_MODEL || DEFAULT_MODEL;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`BAOCAO_OCR_MODEL must name a folder of @tesseract.js-data/vie, got "${name}"`);
  return join(dirname(packagePath), name);
}

/**
 * Write the worker entry point: it disables `fetch` in the worker thread, then loads
 * tesseract.js's own Node worker script (which takes `global.fetch` as its download adapter).
 * Written at run time because a worker thread cannot start from a TypeScript source under test.
 */
export function writeOfflineShim(dir: string): string {
  const script = join(dirname(require.resolve("tesseract.js/package.json")), "src/worker-script/node/index.js");
  const path = join(dir, "offline-worker.cjs");
  writeFileSync(
    path,
    [
      "'use strict';",
      "// Generated by baocao (src/ingest/ocr/engine.ts): OCR runs offline, so any download attempt fails loudly.",
      "globalThis.fetch = async (url) => { throw new Error('baocao OCR is offline; refused to fetch ' + String(url)); };",
      "// The tesseract core prints progress (\"Detected 12 diacritics\") to stdout; a worker's stdout",
      "// is piped into the command's, which is for its output only (src/cli/stdio.ts).",
      "process.stdout.write = process.stderr.write.bind(process.stderr);",
      `require(${JSON.stringify(script)});`,
      "",
    ].join("\n"),
  );
  return path;
}

/** Flatten tesseract's blocks → paragraphs → lines into lines with confidences. */
function linesOf(page: Tesseract.Page): OcrLine[] {
  const out: OcrLine[] = [];
  (page.blocks ?? []).forEach((block, b) => {
    for (const para of block.paragraphs)
      for (const line of para.lines) {
        const words = line.words
          .filter((w) => w.text.trim())
          .map((w) => ({ text: w.text.normalize("NFC"), confidence: w.confidence, bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1] as [number, number, number, number] }));
        const text = words.map((w) => w.text).join(" ");
        if (!text) continue;
        const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
        const { x0, y0, x1, y1 } = line.bbox;
        const baseline = line.baseline ? (line.baseline.y0 + line.baseline.y1) / 2 : y1;
        out.push({ text, bbox: [x0, y0, x1, y1], confidence, words, baseline, block: b });
      }
  });
  return out;
}
