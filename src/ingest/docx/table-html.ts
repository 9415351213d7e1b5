import type { Element, ElementContent } from "hast";
import type { ParagraphInfo } from "./annotate.js";
import { BLOCK_TAGS, printedLine, readInline } from "./inline.js";
import type { SpanCell } from "./table-grid.js";

/**
 * Reading mammoth's <table> markup: rows from <thead>/<tbody>/<tfoot> or directly, cells with
 * their spans, and each cell's text as printed.
 */

interface Line {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Rendered page starts (w:lastRenderedPageBreak) seen in this line. */
  rendered: number;
  /** The line came from a text box anchored in the cell (mammoth places it inside the cell). */
  floating: boolean;
}

const el = (n: ElementContent): n is Element => n.type === "element";

/** The <tr> elements of a table with whether each sits in <thead>; nested tables are not entered. */
export function tableRows(table: Element): { tr: Element; header: boolean }[] {
  const out: { tr: Element; header: boolean }[] = [];
  for (const c of table.children.filter(el)) {
    if (c.tagName === "tr") out.push({ tr: c, header: false });
    else if (["thead", "tbody", "tfoot"].includes(c.tagName))
      for (const tr of c.children.filter(el)) if (tr.tagName === "tr") out.push({ tr, header: c.tagName === "thead" });
  }
  return out;
}

/** The <td>/<th> cells of a row. */
export function rowCells(tr: Element): Element[] {
  return tr.children.filter(el).filter((c) => c.tagName === "td" || c.tagName === "th");
}

/**
 * Lines of a cell: one per paragraph or list item, <br> inside a paragraph kept as "\n".
 * A nested table is flattened into the cell, one line per inner cell, so that it cannot break
 * the outer table's grid.
 */
function cellLines(nodes: ElementContent[], paragraphs: ParagraphInfo[], out: Line[]): void {
  let pending: ElementContent[] = [];
  const flush = () => {
    if (pending.length) pushInline(pending);
    pending = [];
  };
  const pushInline = (content: ElementContent[]) => {
    const inline = readInline(content, paragraphs);
    const rendered = inline.scan.renderedBefore + inline.scan.renderedAfter;
    // A paragraph with no text at all was empty in Word; mammoth would have dropped it.
    if (inline.text === "" && !inline.info?.numeral && !rendered) return;
    out.push({ text: printedLine(inline), bold: inline.bold, italic: inline.italic, rendered, floating: inline.info?.textBox ?? false });
  };
  for (const n of nodes) {
    if (!el(n) || !BLOCK_TAGS.has(n.tagName)) {
      pending.push(n);
      continue;
    }
    flush();
    if (n.tagName === "table") {
      for (const { tr } of tableRows(n)) for (const td of rowCells(tr)) cellLines(td.children, paragraphs, out);
    } else if (n.tagName === "li") {
      pushInline(n.children.filter((c) => !el(c) || !BLOCK_TAGS.has(c.tagName)));
      cellLines(n.children.filter((c) => el(c) && BLOCK_TAGS.has(c.tagName)), paragraphs, out);
    } else if (n.tagName === "ol" || n.tagName === "ul" || n.tagName === "div") {
      cellLines(n.children, paragraphs, out);
    } else {
      pushInline(n.children);
    }
  }
  flush();
}

/**
 * A cell's printed text, formatting and spans, the rendered page starts seen in it, and the
 * text of text boxes anchored in it (kept apart so it is not spliced into the cell).
 */
export function readCell(td: Element, paragraphs: ParagraphInfo[]): SpanCell & { rendered: number; floating: string[] } {
  const all: Line[] = [];
  cellLines(td.children, paragraphs, all);
  // Text-box text is not cell content: it is handed back to be emitted after the table.
  const lines = all.filter((l) => !l.floating);
  const visible = lines.filter((l) => /\S/.test(l.text));
  const span = (v: unknown) => {
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : 1;
  };
  return {
    // Trim the cell as a whole (empty cells hold a no-break space in Word); keep inner text as printed.
    text: lines.map((l) => l.text).join("\n").normalize("NFC").trim(),
    bold: visible.length > 0 && visible.every((l) => l.bold),
    italic: visible.length > 0 && visible.every((l) => l.italic),
    colSpan: span(td.properties.colSpan),
    rowSpan: span(td.properties.rowSpan),
    rendered: Math.max(0, ...lines.map((l) => l.rendered)),
    floating: all.filter((l) => l.floating && /\S/.test(l.text)).map((l) => l.text.normalize("NFC").trim()),
  };
}
