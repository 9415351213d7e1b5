import type { Element, ElementContent } from "hast";
import type { RowInput } from "./blocks.js";
import { BLOCK_TAGS, htmlSegments, type Segment } from "./inline.js";

/**
 * Reading mammoth's <table> markup: rows from <thead>/<tbody>/<tfoot> or directly, cells with
 * their spans, and each cell's lines.
 */

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
function cellLines(nodes: ElementContent[], out: Segment[][]): void {
  let pending: ElementContent[] = [];
  const flush = () => {
    if (pending.length) out.push(htmlSegments(pending));
    pending = [];
  };
  for (const n of nodes) {
    if (!el(n) || !BLOCK_TAGS.has(n.tagName)) {
      pending.push(n);
      continue;
    }
    flush();
    if (n.tagName === "table") {
      for (const { tr } of tableRows(n)) for (const td of rowCells(tr)) cellLines(td.children, out);
    } else if (n.tagName === "li") {
      out.push(htmlSegments(n.children.filter((c) => !el(c) || !BLOCK_TAGS.has(c.tagName))));
      cellLines(n.children.filter((c) => el(c) && BLOCK_TAGS.has(c.tagName)), out);
    } else if (n.tagName === "ol" || n.tagName === "ul" || n.tagName === "div") {
      cellLines(n.children, out);
    } else {
      out.push(htmlSegments(n.children));
    }
  }
  flush();
}

/** A mammoth <table> as rows of cells with their lines and spans. */
export function readHtmlTable(t: Element): RowInput[] {
  return tableRows(t).map(({ tr, header }) => ({
    header,
    cells: rowCells(tr).map((td) => {
      const lines: Segment[][] = [];
      cellLines(td.children, lines);
      return { lines, colSpan: Number(td.properties.colSpan), rowSpan: Number(td.properties.rowSpan) };
    }),
  }));
}
