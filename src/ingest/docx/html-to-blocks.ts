import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Block, Provenance } from "../../model/document.js";
import type { ParagraphInfo } from "./annotate.js";
import { layoutKind } from "./header-block.js";
import { BLOCK_TAGS, readInline } from "./inline.js";
import { readCell, rowCells, tableRows } from "./table-html.js";
import { expandGrid, type SpanRow } from "./table-grid.js";

/** What the converter knows besides the HTML. */
export interface BlockContext {
  /** Facts per annotated w:p, indexed by paragraph marker. */
  paragraphs: ParagraphInfo[];
  /**
   * True when Word recorded rendered page starts; then `prov.page` is filled. LibreOffice does
   * not record them, and counting explicit breaks alone would give wrong pages, so without them
   * page stays unknown.
   */
  pages: boolean;
}

const HEADING = /^h([1-6])$/;
const el = (n: RootContent | ElementContent): n is Element => n.type === "element";

/** mammoth's footnote/endnote list: <ol><li id="footnote-1">…</li></ol> at the end of the body. */
function isNoteList(n: Element): boolean {
  const items = n.children.filter(el);
  return items.length > 0 && items.every((li) => li.tagName === "li" && /^(?:footnote|endnote)-\d+$/.test(String(li.properties.id ?? "")));
}

/**
 * Turn mammoth's HTML (as hast) into Document blocks in reading order: paragraphs (with Word's
 * numerals, bold/italic, heading level as a hint), tables as regular grids (layout tables
 * flagged), page breaks, and finally footnotes/endnotes as plain trailing paragraphs.
 */
export function htmlToBlocks(root: Root, ctx: BlockContext): Block[] {
  const blocks: Block[] = [];
  let page = 1;
  const prov = (): Provenance => (ctx.pages ? { page } : {});
  const pageBreak = () => blocks.push({ kind: "pageBreak", prov: prov() });

  const paragraph = (content: (RootContent | ElementContent)[], opts: { heading?: number; listItem?: boolean; note?: boolean }) => {
    const inline = readInline(content, ctx.paragraphs);
    const { info, scan } = inline;
    if (info?.pageBreakBefore && blocks.length > 0) pageBreak();
    for (let i = 0; i < scan.breaksBefore; i++) pageBreak();
    page += scan.renderedBefore;
    const numeral = info?.numeral && !info.numeral.bullet && info.numeral.text ? info.numeral.text : undefined;
    // Paragraphs with no text at all were empty in Word (mammoth drops those); a paragraph holding
    // only a no-break space is kept with text "": it separates consecutive tables.
    if (inline.text !== "" || numeral) {
      blocks.push({
        kind: "paragraph",
        text: inline.text.trim(),
        bold: inline.bold,
        italic: inline.italic,
        ...(opts.heading ? { headingLevel: opts.heading } : {}),
        ...(numeral ? { numbering: numeral } : {}),
        ...(opts.listItem || (info?.numeral && !opts.note) ? { listItem: true } : {}),
        prov: prov(),
      });
    }
    page += scan.renderedAfter;
    for (let i = 0; i < scan.breaksAfter; i++) pageBreak();
  };

  const table = (t: Element) => {
    const spanRows: SpanRow[] = [];
    const floating: string[] = [];
    for (const { tr, header } of tableRows(t)) {
      const cells = rowCells(tr).map((td) => readCell(td, ctx.paragraphs));
      floating.push(...cells.flatMap((c) => c.floating));
      // Word marks the first paragraph of a row that starts a new page.
      page += Math.max(0, ...cells.map((c) => c.rendered));
      spanRows.push({ cells, header, prov: prov() });
    }
    if (spanRows.length === 0) return;
    const rows = expandGrid(spanRows);
    blocks.push({
      kind: "table",
      rows,
      ...(layoutKind(rows) ? { layout: true } : {}),
      prov: rows[0].prov,
    });
    for (const text of floating) blocks.push({ kind: "paragraph", text, bold: false, italic: false, prov: prov() });
  };

  const walk = (nodes: (RootContent | ElementContent)[], listItem = false) => {
    let pending: (RootContent | ElementContent)[] = [];
    const flush = () => {
      // Whitespace between block tags is HTML formatting, not a paragraph.
      if (pending.some((n) => el(n) || (n.type === "text" && n.value.trim() !== ""))) paragraph(pending, { listItem });
      pending = [];
    };
    for (const n of nodes) {
      if (!el(n) || !BLOCK_TAGS.has(n.tagName)) {
        if (n.type === "text" || el(n)) pending.push(n);
        continue;
      }
      flush();
      const heading = HEADING.exec(n.tagName);
      if (heading) paragraph(n.children, { heading: Number(heading[1]), listItem });
      else if (n.tagName === "p") paragraph(n.children, { listItem });
      else if (n.tagName === "table") table(n);
      else if ((n.tagName === "ol" || n.tagName === "ul") && isNoteList(n)) {
        for (const li of n.children.filter(el)) for (const p of li.children.filter(el)) paragraph(p.children, { note: true });
      } else if (n.tagName === "ol" || n.tagName === "ul") walk(n.children, true);
      else if (n.tagName === "li") {
        paragraph(n.children.filter((c) => !el(c) || !BLOCK_TAGS.has(c.tagName)), { listItem: true });
        walk(n.children.filter((c) => el(c) && BLOCK_TAGS.has(c.tagName)), true);
      } else walk(n.children, listItem);
    }
    flush();
  };

  walk(root.children);
  return blocks;
}
