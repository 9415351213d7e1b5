import type { Document } from "../model/document.js";
import type { Result } from "../model/message.js";

/** What every ingest module receives: the file's bytes and where they came from. */
export interface IngestInput {
  /** Path as given by the user (used in provenance and messages). */
  file: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Options shared by ingest modules. */
export interface IngestOptions {
  /** Per-file time limit in milliseconds for formats that can hang on pathological input (0 = none). */
  timeoutMs?: number;
  /** Run OCR on pages without a text layer when an OCR stage is configured (default true). */
  ocr?: boolean;
}

/**
 * An ingest module turns one file's bytes into the Document model. It throws
 * UnusableInputError when the file cannot be read at all (corrupt, encrypted, wrong format);
 * otherwise it reports problems as messages.
 */
export type Ingest = (input: IngestInput, options: IngestOptions) => Promise<Result<Document>>;
