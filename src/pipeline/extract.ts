import { createHash } from "node:crypto";
import { extractIndicators } from "../../extractors/indicators/index.js";
import { extractMatrixCells } from "../../extractors/matrix/index.js";
import { extractMetadata } from "../../extractors/metadata/index.js";
import { extractTargets } from "../../extractors/targets/index.js";
import { extractTasks } from "../../extractors/tasks/index.js";
import { detectFormat } from "../ingest/detect.js";
import { isUnreadRule } from "../ingest/formats.js";
import type { IngestOptions } from "../ingest/types.js";
import type { Document } from "../model/document.js";
import { type DocumentStatus, type Message, UnusableInputError, type UnusableStatus } from "../model/message.js";
import { emptyMetadata, type Extraction, Extraction as ExtractionSchema, type ExtractionPart, type MatrixCell, type TableRecord } from "../model/records.js";
import { scoreConfidence } from "../confidence/index.js";
import { normalizeIndicators } from "../normalize/indicators.js";
import { normalizeMatrixCells } from "../normalize/matrix.js";
import { normalizeTargets } from "../normalize/targets.js";
import { describeTables } from "../tables/describe.js";
import { buildSections } from "../sections/index.js";
import { buildTables } from "../tables/stitch.js";
import type { LogicalTable } from "../tables/types.js";
import { MAX_FILE_BYTES, readRegularFile } from "./read.js";
import { type Part, splitParts } from "./parts.js";
import { ingestFor } from "./registry.js";

export { MAX_FILE_BYTES } from "./read.js";

export interface ExtractOptions extends IngestOptions {
  /** Override the size limit in bytes. */
  maxBytes?: number;
  /**
   * The file's path as bytes, when its name is not valid UTF-8 (a Latin-1 or Windows-1258 name
   * copied from an old disk): read from there, while `path` is the name as shown and stored.
   */
  readFrom?: Uint8Array;
}

/** The extraction of one file plus its Document and logical tables (undefined when ingest failed). */
export interface ExtractOutcome {
  extraction: Extraction;
  document?: Document;
  /** The logical tables of every part, numbered as the extraction's tables (TableRecord.index). */
  tables?: LogicalTable[];
}

/** Reads one file and runs every stage on it. Never throws for a bad file: the failure is in the result. */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ExtractOutcome> {
  try {
    // Regular files only, read no further than the limit (a FIFO or /dev/zero cannot hang it).
    const bytes = await readRegularFile(options.readFrom ? Buffer.from(options.readFrom) : path, options.maxBytes ?? MAX_FILE_BYTES);
    return await extractBytes(path, bytes, options);
  } catch (e) {
    return { extraction: failed(path, "", e) };
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Runs every stage on bytes already read. */
export async function extractBytes(file: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractOutcome> {
  const sha256 = sha256Hex(bytes);
  let format = "";
  try {
    const fmt = detectFormat(file, bytes);
    format = fmt;
    const ingest = await ingestFor(fmt);
    const ingested = await ingest({ file, bytes, sha256 }, options);
    const doc = ingested.value;
    const messages: Message[] = [...ingested.messages];
    const collect = <T>(r: { value: T; messages: Message[] }): T => {
      messages.push(...r.messages);
      return r.value;
    };
    const parts = collect(splitParts(doc, file));
    // Table numbers continue across the parts, so (file, table) names one table: a part's
    // tables are shifted by the number of tables (layout ones included) of the parts before.
    let offset = 0;
    const read = parts.map((p) => {
      const r = readPart(p, file, offset, messages);
      offset += r.tables.length;
      return r;
    });
    const [first, ...rest] = read;
    // Validated here, where records leave the pipeline, so every consumer (JSON output, the
    // store's writer) receives schema-checked data; a violation is a bug, recorded as failed.
    const extraction: Extraction = ExtractionSchema.parse({
      file,
      format: fmt,
      sha256,
      status: statusOf(messages),
      metadata: first.metadata,
      sections: first.sections,
      indicators: first.indicators,
      tasks: first.tasks,
      targets: first.targets,
      tables: read.flatMap((r) => r.tables),
      matrixCells: read.flatMap((r) => r.matrixCells),
      parts: rest.map(({ tables: _tables, matrixCells: _cells, logical: _logical, ...r }) => r),
      messages,
    });
    return { extraction, document: doc, tables: read.flatMap((r) => r.logical) };
  } catch (e) {
    return { extraction: failed(file, sha256, e, format) };
  }
}

/** What one part (document) of a file gives: its records, and its stored tables and matrix cells. */
type PartRecords = Omit<ExtractionPart, "part"> & { part: number; tables: TableRecord[]; matrixCells: MatrixCell[]; logical: LogicalTable[] };

/**
 * Runs the stages after ingest on one part: sections, tables, records, metadata. Records,
 * tables, matrix cells and messages get the part's index and table numbers shifted by
 * `offset` (the tables of the parts before); messages are appended to `messages`.
 */
function readPart(p: Part, file: string, offset: number, messages: Message[]): PartRecords {
  const doc = p.document;
  const collect = <T>(r: { value: T; messages: Message[] }): T => {
    for (const m of r.messages) {
      if (m.place.table !== undefined) m.place.table += offset;
      if (p.index > 0) m.place.part = p.index;
      messages.push(m);
    }
    return r.value;
  };
  const tag = <R extends { table: number; part?: number }>(records: R[]): R[] => {
    for (const r of records) {
      r.table += offset;
      r.part = p.index;
    }
    return records;
  };
  const tree = collect(buildSections(doc, file));
  const tables = buildTables(doc);
  const indicators = collect(normalizeIndicators(collect(extractIndicators(tables, file)), file));
  const tasks = collect(extractTasks(tables, file));
  const targets = collect(normalizeTargets(collect(extractTargets(tables, file)), file));
  const meta = extractMetadata(doc, { file, tables, narrativeEnd: tree.narrativeEnd });
  const metadata = collect(meta);
  // Scored before the table numbers are shifted: a record's table is still the index of its
  // table among this part's tables.
  const scored = collect(scoreConfidence({ indicators, tasks, targets, metadata, tables, metadataMessages: meta.messages }));
  const stored = describeTables(doc, tables).map((t) => ({ ...t, index: t.index + offset }));
  const matrixCells = collect(normalizeMatrixCells(collect(extractMatrixCells(tables, file)))).map((c) => ({ ...c, table: c.table + offset }));
  const logical = tables.map((t) => ({ ...t, index: t.index + offset }));
  return {
    part: p.index,
    metadata: scored.metadata,
    sections: tree.sections,
    indicators: tag(scored.indicators),
    tasks: tag(scored.tasks),
    targets: tag(scored.targets),
    tables: stored,
    matrixCells,
    logical,
  };
}

/**
 * ok | partial from the messages of a file that was read: any error makes the document partial,
 * never ok, and so does a message a format declares as "part of the file left unread"
 * (FormatEntry.unreadRules, e.g. PDF pages without a text layer).
 */
function statusOf(messages: Message[]): DocumentStatus {
  return messages.some((m) => m.severity === "error" || isUnreadRule(m.ruleId)) ? "partial" : "ok";
}

function failed(file: string, sha256: string, e: unknown, format = ""): Extraction {
  const unusable = e instanceof UnusableInputError;
  const err = e as NodeJS.ErrnoException;
  const ruleId = unusable ? e.ruleId : err?.code ? `input.${err.code.toLowerCase()}` : "pipeline.crash";
  const reason = unusable
    ? e.message
    : err?.code === "ENOENT"
      ? "The file does not exist (or is a broken symbolic link)."
      : `Unexpected failure while reading the file: ${err?.message ?? String(e)}`;
  return failedExtraction(file, sha256, ruleId, reason, format, unusable ? e.status : "failed");
}

/**
 * The Extraction of a file that could not be read: no records, one error message with the
 * reason. Also used by the batch for files stopped at the time limit or lost with a worker.
 */
export function failedExtraction(
  file: string,
  sha256: string,
  ruleId: string,
  reason: string,
  format = "",
  status: UnusableStatus = "failed",
): Extraction {
  return {
    file,
    format,
    sha256,
    status,
    metadata: emptyMetadata(),
    sections: [],
    indicators: [],
    tasks: [],
    targets: [],
    tables: [],
    matrixCells: [],
    parts: [],
    messages: [{ severity: "error", ruleId, reason, place: { file } }],
  };
}
