import type { SourceFormat } from "../model/document.js";
import { formatEntry } from "../ingest/formats.js";
import type { Ingest } from "../ingest/types.js";

export { shutdownStages } from "../ingest/formats.js";

const loaded = new Map<SourceFormat, Ingest>();

/** The ingest module of a registered format (ingest/formats.ts), loaded once. */
export async function ingestFor(format: SourceFormat): Promise<Ingest> {
  let ingest = loaded.get(format);
  if (!ingest) {
    const entry = formatEntry(format);
    if (!entry) throw new Error(`No ingest registered for format ${format}`);
    ingest = await entry.load();
    loaded.set(format, ingest);
  }
  return ingest;
}
