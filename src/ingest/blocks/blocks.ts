import type { Block, Provenance } from "../../model/document.js";
import { layoutKind } from "./header-block.js";
import { inlineText, printedLine, type Inline, type ParagraphInfo } from "./inline.js";
import { expandGrid, type SpanCell, type SpanRow } from "./table-grid.js";

/**
 * Building Document blocks from paragraphs and tables as the Word readers see them: both .docx
 * paths (the own reader and mammoth's HTML) and the .doc reader call the same methods in the
 * same order, so page counting, page breaks, cell text, merged-cell expansion and layout-table
 * detection are one code for all of them.
 */

export type { Inline, Mark, Numeral, ParagraphInfo, Segment } from "./inline.js";

/** What the builder knows besides the text. */
export interface BlockContext {
  /** Facts per source paragraph, indexed by the paragraph marks. */
  paragraphs: ParagraphInfo[];
  /**
   * True when Word recorded rendered page starts; then `prov.page` is filled. LibreOffice does
   * not record them, and counting explicit breaks alone would give wrong pages, so without them
   * page stays unknown.
   */
  pages: boolean;
}

/** How a paragraph was placed: heading level (1–6), inside a list, or a footnote/endnote. */
export interface ParagraphPlace {
  heading?: number;
  listItem?: boolean;
  note?: boolean;
}

/** A cell before grid expansion: one inline list per line source (paragraph, list item). */
export interface CellInput {
  lines: Inline[][];
  /** Columns / rows covered, as read (values below 1 or not integers count as 1). */
  colSpan: number;
  rowSpan: number;
}

export interface RowInput {
  cells: CellInput[];
  /** Row belongs to the table's leading run of repeat-as-header rows. */
  header: boolean;
}

interface Line {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Rendered page starts (w:lastRenderedPageBreak) seen in this line. */
  rendered: number;
  /** The line came from a text box anchored in the cell (mammoth places it inside the cell). */
  floating: boolean;
}

/** A span as HTML reads a colspan/rowspan value: a positive integer, else 1. */
function span(v: unknown): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * A cell's printed text, formatting and spans, the rendered page starts seen in it, and the
 * text of text boxes anchored in it (kept apart so it is not spliced into the cell).
 */
function readCell(cell: CellInput, paragraphs: ParagraphInfo[]): SpanCell & { rendered: number; floating: string[] } {
  const all: Line[] = [];
  for (const segs of cell.lines) {
    const inline = inlineText(segs, paragraphs);
    const rendered = inline.renderedBefore + inline.renderedAfter;
    // A paragraph with no text at all was empty in Word; mammoth would have dropped it.
    if (inline.text === "" && !inline.info?.numeral && !rendered) continue;
    all.push({ text: printedLine(inline), bold: inline.bold, italic: inline.italic, rendered, floating: inline.info?.textBox ?? false });
  }
  // Text-box text is not cell content: it is handed back to be emitted after the table.
  const lines = all.filter((l) => !l.floating);
  const visible = lines.filter((l) => /\S/.test(l.text));
  return {
    // Trim the cell as a whole (empty cells hold a no-break space in Word); keep inner text as printed.
    text: lines.map((l) => l.text).join("\n").normalize("NFC").trim(),
    bold: visible.length > 0 && visible.every((l) => l.bold),
    italic: visible.length > 0 && visible.every((l) => l.italic),
    colSpan: span(cell.colSpan),
    rowSpan: span(cell.rowSpan),
    rendered: Math.max(0, ...lines.map((l) => l.rendered)),
    floating: all.filter((l) => l.floating && /\S/.test(l.text)).map((l) => l.text.normalize("NFC").trim()),
  };
}

/** Collects blocks in reading order while counting pages. */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  private page = 1;

  constructor(private readonly ctx: BlockContext) {}

  private prov(): Provenance {
    return this.ctx.pages ? { page: this.page } : {};
  }

  private pageBreak(): void {
    this.blocks.push({ kind: "pageBreak", prov: this.prov() });
  }

  /** One paragraph (with Word's numeral, bold/italic, heading level as a hint) and the page breaks around it. */
  paragraph(items: Inline[], place: ParagraphPlace): void {
    const inline = inlineText(items, this.ctx.paragraphs);
    const { info } = inline;
    if (info?.pageBreakBefore && this.blocks.length > 0) this.pageBreak();
    for (let i = 0; i < inline.breaksBefore; i++) this.pageBreak();
    this.page += inline.renderedBefore;
    const numeral = info?.numeral && !info.numeral.bullet && info.numeral.text ? info.numeral.text : undefined;
    // Paragraphs with no text at all were empty in Word (mammoth drops those); a paragraph holding
    // only a no-break space is kept with text "": it separates consecutive tables.
    if (inline.text !== "" || numeral) {
      this.blocks.push({
        kind: "paragraph",
        text: inline.text.trim(),
        bold: inline.bold,
        italic: inline.italic,
        ...(place.heading ? { headingLevel: place.heading } : {}),
        ...(numeral ? { numbering: numeral } : {}),
        ...(place.listItem || (info?.numeral && !place.note) ? { listItem: true } : {}),
        prov: this.prov(),
      });
    }
    this.page += inline.renderedAfter;
    for (let i = 0; i < inline.breaksAfter; i++) this.pageBreak();
  }

  /** A table as a regular grid (layout tables flagged), then the text of text boxes anchored in its cells. */
  table(rows: RowInput[]): void {
    const spanRows: SpanRow[] = [];
    const floating: string[] = [];
    for (const row of rows) {
      const cells = row.cells.map((c) => readCell(c, this.ctx.paragraphs));
      for (const c of cells) floating.push(...c.floating);
      // Word marks the first paragraph of a row that starts a new page.
      this.page += Math.max(0, ...cells.map((c) => c.rendered));
      spanRows.push({ cells, header: row.header, prov: this.prov() });
    }
    if (spanRows.length === 0) return;
    const grid = expandGrid(spanRows);
    this.blocks.push({
      kind: "table",
      rows: grid,
      ...(layoutKind(grid) ? { layout: true } : {}),
      prov: grid[0].prov,
    });
    for (const text of floating) this.blocks.push({ kind: "paragraph", text, bold: false, italic: false, prov: this.prov() });
  }
}
