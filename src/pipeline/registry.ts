import { conversionMessages } from "../ingest/conversions.js";
import { formatEntry } from "../ingest/formats.js";
import type { Ingest } from "../ingest/types.js";
import type { SourceFormat } from "../model/document.js";

export { shutdownStages } from "../ingest/formats.js";

const loaded = new Map<SourceFormat, Ingest>();

/**
 * The ingest module of a registered format (ingest/formats.ts), loaded once. Its messages
 * begin with one per text conversion the ingest applied (Document.source.conversions), so
 * every format reports them the same way.
 */
export async function ingestFor(format: SourceFormat): Promise<Ingest> {
  let ingest = loaded.get(format);
  if (!ingest) {
    const entry = formatEntry(format);
    if (!entry) throw new Error(`No ingest registered for format ${format}`);
    const read = await entry.load();
    ingest = async (input, options) => {
      const r = await read(input, options);
      return { value: r.value, messages: [...conversionMessages(r.value.source.conversions, input.file), ...r.messages] };
    };
    loaded.set(format, ingest);
  }
  return ingest;
}
