import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Block } from "../../model/document.js";
import { BlockBuilder, type BlockContext, type Inline, type Mark, type RowInput } from "../blocks/blocks.js";

/**
 * mammoth's HTML (as hast) to Document blocks in reading order: paragraphs (with Word's numerals,
 * bold/italic, heading level as a hint), tables as regular grids (layout tables flagged), page
 * breaks, and finally footnotes/endnotes as plain trailing paragraphs. The bookmarks the
 * annotation step wrote (mammoth-reader.ts) come back as empty anchors, read here as marks.
 * Tags are removed without inserting spaces; <br> becomes "\n".
 */

/** Elements that start their own block; inline reading stops at them (the caller walks them). */
const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "table", "div"]);
const HEADING = /^h([1-6])$/;
const el = (n: RootContent | ElementContent): n is Element => n.type === "element";
const inlineOnly = (nodes: ElementContent[]) => nodes.filter((c) => !el(c) || !BLOCK_TAGS.has(c.tagName));
const blocksOnly = (nodes: ElementContent[]) => nodes.filter((c) => el(c) && BLOCK_TAGS.has(c.tagName));

/** Prefix of the bookmark names the annotation step writes: `${MARK_PREFIX}p12`, `…page`, `…rendered`. */
export const MARK_PREFIX = "_baocao_";

/** The mark an anchor of the annotation step stands for, if it is one. */
function markOf(id: unknown): Mark | undefined {
  if (typeof id !== "string" || !id.startsWith(MARK_PREFIX)) return undefined;
  const what = id.slice(MARK_PREFIX.length);
  if (what === "page") return { mark: "pageBreak" };
  if (what === "rendered") return { mark: "rendered" };
  return /^p\d+$/.test(what) ? { mark: "paragraph", index: Number(what.slice(1)) } : undefined;
}

/**
 * mammoth writes footnote and endnote references as <sup><a href="#footnote-1">[1]</a></sup> and
 * back-links as <a href="#footnote-ref-1">↑</a>. Their text must not be spliced into a heading
 * or a table cell, so they are skipped (the notes themselves are emitted at the end).
 */
export function isNoteLink(href: unknown): boolean {
  return typeof href === "string" && /^#(?:footnote|endnote|comment)(?:-ref)?-/.test(href);
}

/** The inline items of HTML inline content, in order (block children are skipped). */
function inlines(nodes: (RootContent | ElementContent)[], fmt = { bold: false, italic: false }, out: Inline[] = []): Inline[] {
  for (const n of nodes) {
    if (n.type === "text") out.push({ text: n.value, ...fmt });
    if (n.type !== "element" || BLOCK_TAGS.has(n.tagName)) continue;
    const tag = n.tagName;
    const mark = tag === "a" ? markOf(n.properties.id) : undefined;
    if (mark) out.push(mark);
    else if (tag === "br") out.push({ text: "\n", ...fmt });
    else if (tag === "img" || (tag === "a" && isNoteLink(n.properties.href))) continue;
    else inlines(n.children, { bold: fmt.bold || tag === "strong" || tag === "b", italic: fmt.italic || tag === "em" || tag === "i" }, out);
  }
  return out;
}

/** The <tr> elements of a table with whether each sits in <thead>; nested tables are not entered. */
function tableRows(table: Element): { tr: Element; header: boolean }[] {
  const out: { tr: Element; header: boolean }[] = [];
  for (const c of table.children.filter(el)) {
    if (c.tagName === "tr") out.push({ tr: c, header: false });
    else if (["thead", "tbody", "tfoot"].includes(c.tagName))
      for (const tr of c.children.filter(el)) if (tr.tagName === "tr") out.push({ tr, header: c.tagName === "thead" });
  }
  return out;
}

const rowCells = (tr: Element) => tr.children.filter(el).filter((c) => c.tagName === "td" || c.tagName === "th");

/**
 * Lines of a cell: one per paragraph or list item, <br> inside a paragraph kept as "\n". A nested
 * table is flattened into the cell, one line per inner cell, so that it cannot break the outer grid.
 */
function cellLines(nodes: ElementContent[], out: Inline[][]): void {
  let pending: ElementContent[] = [];
  const flush = () => {
    if (pending.length) out.push(inlines(pending));
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
      out.push(inlines(inlineOnly(n.children)));
      cellLines(blocksOnly(n.children), out);
    } else if (n.tagName === "ol" || n.tagName === "ul" || n.tagName === "div") cellLines(n.children, out);
    else out.push(inlines(n.children));
  }
  flush();
}

/** A mammoth <table> as rows of cells with their lines and spans. */
function readTable(t: Element): RowInput[] {
  return tableRows(t).map(({ tr, header }) => ({
    header,
    cells: rowCells(tr).map((td) => {
      const lines: Inline[][] = [];
      cellLines(td.children, lines);
      return { lines, colSpan: Number(td.properties.colSpan), rowSpan: Number(td.properties.rowSpan) };
    }),
  }));
}

/** mammoth's footnote/endnote list: <ol><li id="footnote-1">…</li></ol> at the end of the body. */
function isNoteList(n: Element): boolean {
  const items = n.children.filter(el);
  return items.length > 0 && items.every((li) => li.tagName === "li" && /^(?:footnote|endnote)-\d+$/.test(String(li.properties.id ?? "")));
}

/** The blocks of mammoth's HTML. */
export function htmlToBlocks(root: Root, ctx: BlockContext): Block[] {
  const out = new BlockBuilder(ctx);
  const walk = (nodes: (RootContent | ElementContent)[], listItem = false) => {
    let pending: (RootContent | ElementContent)[] = [];
    const flush = () => {
      // Whitespace between block tags is HTML formatting, not a paragraph.
      if (pending.some((n) => el(n) || (n.type === "text" && n.value.trim() !== ""))) out.paragraph(inlines(pending), { listItem });
      pending = [];
    };
    for (const n of nodes) {
      if (!el(n) || !BLOCK_TAGS.has(n.tagName)) {
        if (n.type === "text" || el(n)) pending.push(n);
        continue;
      }
      flush();
      const heading = HEADING.exec(n.tagName);
      if (heading) out.paragraph(inlines(n.children), { heading: Number(heading[1]), listItem });
      else if (n.tagName === "p") out.paragraph(inlines(n.children), { listItem });
      else if (n.tagName === "table") out.table(readTable(n));
      else if ((n.tagName === "ol" || n.tagName === "ul") && isNoteList(n)) {
        for (const li of n.children.filter(el)) for (const p of li.children.filter(el)) out.paragraph(inlines(p.children), { note: true });
      } else if (n.tagName === "ol" || n.tagName === "ul") walk(n.children, true);
      else if (n.tagName === "li") {
        out.paragraph(inlines(inlineOnly(n.children)), { listItem: true });
        walk(blocksOnly(n.children), true);
      } else walk(n.children, listItem);
    }
    flush();
  };
  walk(root.children);
  return out.blocks;
}
