/**
 * baocao's library entry (`import { extractFile } from "baocao"`): the pipeline that turns one
 * file into an Extraction, the model its stages hand on (zod schemas, each with its type), the
 * format registry, and the stages themselves for callers that run them one by one. The command
 * line (src/cli) is one user of this API.
 */
export { extractBytes, extractFile, type ExtractOptions, type ExtractOutcome, MAX_FILE_BYTES } from "./pipeline/extract.js";
export { ingestFor } from "./pipeline/registry.js";
export { splitParts, type Part } from "./pipeline/parts.js";

export * from "./model/document.js";
export * from "./model/message.js";
export * from "./model/records.js";

export { detectFormat } from "./ingest/detect.js";
export { type FormatEntry, FORMATS, formatOfExtension, shutdownStages } from "./ingest/formats.js";
export type { Ingest, IngestInput, IngestOptions } from "./ingest/types.js";

export { buildSections, type SectionOptions, type SectionTree } from "./sections/index.js";
export { buildTables } from "./tables/stitch.js";
export { describeTables } from "./tables/describe.js";
export type { LogicalTable } from "./tables/types.js";
export { extractIndicators } from "../extractors/indicators/index.js";
export { extractMatrixCells } from "../extractors/matrix/index.js";
export { extractMetadata } from "../extractors/metadata/index.js";
export { extractTargets } from "../extractors/targets/index.js";
export { extractTasks } from "../extractors/tasks/index.js";
export { normalizeIndicators } from "./normalize/indicators.js";
export { normalizeMatrixCells } from "./normalize/matrix.js";
export { parseValue, type ParsedValue } from "./normalize/value.js";
