import type { TextLine } from "./lines.js";
import { metadataRules } from "./rules.js";

/** The "Nơi nhận:" list: where it starts and its entries. */
export interface Recipients {
  /** Index in the lines array of the "Nơi nhận" line. */
  at: number;
  line: TextLine;
  /** Entries without bullets and trailing ";" ("UBND Thành phố (B/c)", "Lưu: VT"). */
  entries: string[];
}

const BULLET = /^\s*[-+•–]\s*/u;

/**
 * Reads the recipients list (DOMAIN.md: "signature block → Nơi nhận"): the entries after the
 * "Nơi nhận:" line — list items, bulleted lines, or the rest of the same layout cell — up to
 * the first line that is none of these. The first "Nơi nhận" is the main document's: an
 * attached plan (sample 002) follows the decision's signature.
 */
export function findRecipients(lines: TextLine[]): Recipients | null {
  const start = metadataRules().recipientsStart;
  const at = lines.findIndex((l) => start.test(l.key));
  if (at < 0) return null;
  const head = lines[at];
  const entries: string[] = [];
  const inline = head.text.replace(/^[^:]*:\s*/, "");
  if (inline && inline !== head.text) entries.push(tidy(inline));
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i];
    // The rest of the same layout cell, or of the same paragraph ("Nơi nhận:\nNhư trên;\nLưu: VT.").
    const sameCell = l.block === head.block && (!head.layout || l.column === head.column);
    if (!(l.listItem || BULLET.test(l.text) || sameCell)) break;
    if (head.layout && l.layout && l.column !== head.column) break;
    entries.push(tidy(l.text));
  }
  return { at, line: head, entries: entries.filter(Boolean) };
}

function tidy(s: string): string {
  return s.replace(BULLET, "").replace(/[;,]\s*$/, "").trim();
}
