import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Block } from "../../model/document.js";
import { BlockBuilder, type BlockContext } from "./blocks.js";
import { BLOCK_TAGS, htmlSegments } from "./inline.js";
import { readHtmlTable } from "./table-html.js";

export type { BlockContext } from "./blocks.js";

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
  const out = new BlockBuilder(ctx);

  const walk = (nodes: (RootContent | ElementContent)[], listItem = false) => {
    let pending: (RootContent | ElementContent)[] = [];
    const flush = () => {
      // Whitespace between block tags is HTML formatting, not a paragraph.
      if (pending.some((n) => el(n) || (n.type === "text" && n.value.trim() !== ""))) out.paragraph(htmlSegments(pending), { listItem });
      pending = [];
    };
    for (const n of nodes) {
      if (!el(n) || !BLOCK_TAGS.has(n.tagName)) {
        if (n.type === "text" || el(n)) pending.push(n);
        continue;
      }
      flush();
      const heading = HEADING.exec(n.tagName);
      if (heading) out.paragraph(htmlSegments(n.children), { heading: Number(heading[1]), listItem });
      else if (n.tagName === "p") out.paragraph(htmlSegments(n.children), { listItem });
      else if (n.tagName === "table") out.table(readHtmlTable(n));
      else if ((n.tagName === "ol" || n.tagName === "ul") && isNoteList(n)) {
        for (const li of n.children.filter(el)) for (const p of li.children.filter(el)) out.paragraph(htmlSegments(p.children), { note: true });
      } else if (n.tagName === "ol" || n.tagName === "ul") walk(n.children, true);
      else if (n.tagName === "li") {
        out.paragraph(htmlSegments(n.children.filter((c) => !el(c) || !BLOCK_TAGS.has(c.tagName))), { listItem: true });
        walk(n.children.filter((c) => el(c) && BLOCK_TAGS.has(c.tagName)), true);
      } else walk(n.children, listItem);
    }
    flush();
  };

  walk(root.children);
  return out.blocks;
}
