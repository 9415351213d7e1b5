import { z } from "zod";
import { FORMAT_IDS } from "../ingest/formats.js";

/**
 * The one Document model every ingest format produces (Docling's lesson: backends differ, the
 * model is one). Nothing downstream of ingest asks which format a block came from.
 */

/** Where a block, row or cell was read. Lines and pages are 1-based. */
export const Provenance = z.object({
  /** 1-based first source line (txt). */
  line: z.number().int().positive().optional(),
  /** 1-based last source line when the block spans several (txt). */
  endLine: z.number().int().positive().optional(),
  /** 1-based page (PDF; docx when page breaks are known). */
  page: z.number().int().positive().optional(),
  /** Bounding box in PDF points, origin top-left of the page: [x0, y0, x1, y1]. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** OCR confidence 0–100 when the text came from OCR. */
  confidence: z.number().min(0).max(100).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * A paragraph: plain NFC text with markup removed. Soft line breaks inside the paragraph are
 * kept as "\n" (a title printed over two lines stays two lines).
 */
export const Paragraph = z.object({
  kind: z.literal("paragraph"),
  text: z.string(),
  /** True when all of the paragraph's visible text is bold (headings are often just bold lines). */
  bold: z.boolean(),
  /** True when all of the visible text is italic. */
  italic: z.boolean(),
  /**
   * Heading level the source format declared (markdown `#` count, Word "Heading n" style), or
   * undefined. Only a hint: the section stage decides levels from the numbering.
   */
  headingLevel: z.number().int().min(1).max(9).optional(),
  /** Numbering that the source applied outside the text (Word automatic numbering: "I.", "2.1."). */
  numbering: z.string().optional(),
  /** True for a list item (bullets are kept in text only when the source printed them). */
  listItem: z.boolean().optional(),
  prov: Provenance,
});
export type Paragraph = z.infer<typeof Paragraph>;

/** One cell of a regular grid. Merged cells are expanded: the covered positions repeat nothing. */
export const Cell = z.object({
  /** Plain NFC text; line breaks inside the cell (<br>, paragraphs) become "\n". */
  text: z.string(),
  bold: z.boolean(),
  italic: z.boolean(),
  /** True when this grid position is covered by a merged cell that starts elsewhere (text is ""). */
  spanned: z.boolean().optional(),
  /** Number of columns / rows the cell spans when it is the origin of a merge (default 1). */
  colSpan: z.number().int().positive().optional(),
  rowSpan: z.number().int().positive().optional(),
  prov: Provenance.optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Row = z.object({
  cells: z.array(Cell),
  /**
   * True when the source marked the row as a header (Word "repeat as header row", <thead>).
   * Header rows that repeat at each page are recognised later from their text as well.
   */
  header: z.boolean().optional(),
  prov: Provenance,
});
export type Row = z.infer<typeof Row>;

/** A table as rows × cells. All rows have the same number of cells (the grid width). */
export const Table = z.object({
  kind: z.literal("table"),
  rows: z.array(Row),
  /**
   * True for a layout table (the two-column header block, a signature block): its text is for
   * the metadata extractor, never for data records.
   */
  layout: z.boolean().optional(),
  prov: Provenance,
});
export type Table = z.infer<typeof Table>;

/** A page break as the source recorded it (PDF pages, Word explicit breaks). */
export const PageBreak = z.object({
  kind: z.literal("pageBreak"),
  prov: Provenance,
});
export type PageBreak = z.infer<typeof PageBreak>;

export const Block = z.discriminatedUnion("kind", [Paragraph, Table, PageBreak]);
export type Block = z.infer<typeof Block>;

/** Input formats: the registry's ids (src/ingest/formats.ts), so adding a format is one entry there. */
export const SourceFormat = z.enum(FORMAT_IDS);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const Document = z.object({
  source: z.object({
    /** Path as given by the user. */
    path: z.string(),
    format: SourceFormat,
    /** Hex sha256 of the file bytes. */
    sha256: z.string(),
    /** File size in bytes. */
    bytes: z.number().int().nonnegative(),
    /** Number of pages when the format has pages. */
    pages: z.number().int().nonnegative().optional(),
    /** Text conversion applied while reading (e.g. "utf-16le", "tcvn3", "nfd→nfc"). */
    conversions: z.array(z.string()).default([]),
  }),
  blocks: z.array(Block),
});
export type Document = z.infer<typeof Document>;

export function isParagraph(b: Block): b is Paragraph {
  return b.kind === "paragraph";
}
