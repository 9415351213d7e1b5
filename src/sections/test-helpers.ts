import type { Block, Document, Paragraph } from "../model/document.js";
import type { Section } from "../model/records.js";

/** A paragraph for a test document: plain text, or text with the fields a format would set. */
export type ParagraphSpec = string | ({ text: string } & Partial<Omit<Paragraph, "kind" | "text">>) | { table: string[][] };

/** Builds a Document from paragraph specs, one block per spec, lines numbered from 1. */
export function docOf(specs: ParagraphSpec[], format: "txt" | "docx" | "pdf" = "txt"): Document {
  const blocks: Block[] = specs.map((s, i): Block => {
    const prov = { line: i + 1 };
    if (typeof s === "string") return { kind: "paragraph", text: s, bold: false, italic: false, prov };
    if ("table" in s)
      return { kind: "table", prov, rows: s.table.map((r) => ({ prov, cells: r.map((t) => ({ text: t, bold: false, italic: false })) })) };
    return { kind: "paragraph", bold: false, italic: false, prov, ...s };
  });
  return { source: { path: "test", format, sha256: "", bytes: 0, conversions: [] }, blocks };
}

/** Top-level number and title pairs, as the scorer reads them. */
export function top(sections: Section[]): { number: string; title: string }[] {
  return sections.map((s) => ({ number: s.number, title: s.title }));
}

/** The tree as indented "number title" lines, for compact assertions. */
export function outline(sections: Section[], depth = 0): string[] {
  return sections.flatMap((s) => [`${"  ".repeat(depth)}${s.number} ${s.title}`, ...outline(s.children, depth + 1)]);
}
