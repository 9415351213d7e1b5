import type { Document } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import { emptyMetadata, type Metadata } from "../../src/model/records.js";
import type { LogicalTable } from "../../src/tables/types.js";

/** Context the metadata extractor reads besides the Document. */
export interface MetadataContext {
  file: string;
  tables: LogicalTable[];
  /** Index of the first block after the narrative (signature block, appendix). */
  narrativeEnd: number;
}

/** PLACEHOLDER until the metadata issue lands: returns empty metadata. */
export function extractMetadata(_doc: Document, _ctx: MetadataContext): Result<Metadata> {
  return { value: emptyMetadata(), messages: [] };
}
