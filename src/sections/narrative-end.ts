import type { Block } from "../model/document.js";
import { fold } from "../rules/fold.js";
import { isLayoutTable } from "../tables/layout.js";
import { readMarkers } from "./markers.js";
import type { HeadingRules } from "./rules.js";

/** Where the narrative stops and which rule said so. */
export interface NarrativeEnd {
  /** Index of the first block that is not narrative (doc.blocks.length when none is found). */
  index: number;
  /** Id of the rules/headings.json end rule that matched, when one did. */
  ruleId?: string;
}

/**
 * Finds the first block of the signature block, the Nơi nhận list or an appendix. "Trên đây là
 * báo cáo …" is not an end: it closes the body and stays in the last section. Layout tables (a
 * docx signature laid out in two columns) are read cell by cell; data tables never end it.
 */
export function findNarrativeEnd(blocks: Block[], rules: HeadingRules): NarrativeEnd {
  let structured = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const texts =
      b.kind === "paragraph" ? [b.text] : b.kind === "table" && isLayoutTable(b) ? b.rows.flatMap((r) => r.cells.map((c) => c.text)) : [];
    for (const text of texts) {
      const hit = matchEnd(text, () => nextText(blocks, i), structured, rules);
      if (hit) return { index: i, ruleId: hit };
    }
    // An attached plan titled "KẾ HOẠCH" ends a decision, but the same word is a plan's own
    // title at the top of the document: it only counts once the body has begun.
    if (b.kind === "paragraph" && readMarkers(b, rules).some((m) => (m.kind === "roman" && !m.typoOf) || m.kind === "article"))
      structured = true;
  }
  return { index: blocks.length };
}

/** `next` gives the first line of the next paragraph; asked for only when a rule needs a name below. */
function matchEnd(text: string, next: () => string | undefined, structured: boolean, rules: HeadingRules): string | undefined {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const first = fold(lines[0]).replace(/[*_]/g, "").trim();
  for (const rule of rules.ends) {
    if (first.length > rule.maxFirstLineChars) continue;
    if (rule.afterNarrativeOnly && !structured) continue;
    if (rule.notSentence && /[.;]$/.test(first)) continue;
    if (!rule.re.test(first)) continue;
    if (rule.needsName && !looksLikeName(lines[1] ?? next() ?? "")) continue;
    return rule.id;
  }
  return undefined;
}

function nextText(blocks: Block[], i: number): string | undefined {
  for (let j = i + 1; j < blocks.length; j++) {
    const b = blocks[j];
    if (b.kind === "paragraph" && b.text.trim() !== "") return b.text.split("\n")[0];
  }
  return undefined;
}

/**
 * A signer's name: two to six capitalised words, no digits or punctuation ("Lê Anh Đức").
 * A title line followed by prose ("CHỦ TỊCH" heading a paragraph) is thereby not a signature.
 */
export function looksLikeName(line: string): boolean {
  const t = line.replace(/[*_]/g, "").trim();
  if (t.length === 0 || t.length > 40 || /[\d.,;:()]/.test(t)) return false;
  const words = t.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}/u.test(w));
}
