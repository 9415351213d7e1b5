import type { Provenance } from "../../src/model/document.js";
import { type Message, type Place, placeOf } from "../../src/model/message.js";
import type { TextLine } from "./lines.js";

/**
 * What the metadata readers record besides values: messages (info when a value was inferred,
 * warning when sources disagree or a field is missing) and, per field, where it was found.
 */
export class Notes {
  readonly messages: Message[] = [];
  readonly sources: Record<string, Provenance> = {};
  constructor(readonly file: string) {}

  /** Adds a message placed at `line` (file only when null). */
  note(severity: "info" | "warning", ruleId: string, reason: string, line: TextLine | null | undefined, extra: { actual?: unknown; expected?: unknown } = {}): void {
    this.messages.push({ severity, ruleId, reason, place: this.place(line?.prov), ...extra });
  }

  /** Records that `field` was read from `line`. */
  source(field: string, line: TextLine | null | undefined): void {
    if (line) this.sources[field] = line.prov;
  }

  private place(prov: Provenance | undefined): Place {
    return placeOf(this.file, prov);
  }
}
