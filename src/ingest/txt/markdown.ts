import type { Nodes, PhrasingContent, RootContent, Table as MdTable } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Block, Cell, Paragraph, Row } from "../../model/document.js";
import { cleanInline } from "./inline.js";
import { simpleMarkdownBlocks } from "./simple-markdown.js";

export const gfmParser = unified().use(remarkParse).use(remarkGfm);
const commonmarkParser = unified().use(remarkParse);
/**
 * Characters every GFM extension needs: tables "|", strikethrough "~", footnotes and task list
 * items "[", autolink literals "www." / "http" / "@". Without them GFM reads a group exactly as
 * CommonMark does, and the CommonMark parser is twice as fast (fewer syntax extensions to set up
 * on every call); markdown.test.ts checks the two agree.
 */
const GFM_SYNTAX = /[|~[@]|www\.|https?:/i;

/** The parser for a group: GFM when it may use a GFM extension, plain CommonMark otherwise. */
export const parserFor = (source: string) => (GFM_SYNTAX.test(source) ? gfmParser : commonmarkParser);

interface Styled {
  text: string;
  bold: boolean;
  italic: boolean;
}

/**
 * Parses a run of non-TAB lines with remark (+GFM) and turns the tree into Document blocks.
 * `firstLine` is the 1-based source line of the chunk's first line, so provenance points into
 * the original file.
 */
export function markdownToBlocks(source: string, firstLine: number): Block[] {
  // Most groups are plain paragraphs, one-line headings and list items; simpleMarkdownBlocks
  // builds those directly. Anything else goes through remark, one blank-line-separated group
  // at a time.
  const blocks: Block[] = [];
  const lines = source.split("\n");
  let start = 0;
  const flush = (end: number) => {
    if (end > start) {
      const group = lines.slice(start, end);
      const simple = simpleMarkdownBlocks(group, firstLine + start);
      if (simple) blocks.push(...simple);
      else blocks.push(...parseGroup(group.join("\n"), firstLine + start));
    }
    start = end + 1;
  };
  for (let i = 0; i < lines.length; i++) if (!lines[i].trim()) flush(i);
  flush(lines.length);
  return blocks;
}

/** remark's reading of one group (exported for the test that holds the simple reader to it). */
export function parseGroup(source: string, firstLine: number, parser = parserFor(source)): Block[] {
  const tree = parser.parse(source);
  const blocks: Block[] = [];
  const lineOf = (n: Nodes) => (n.position ? n.position.start.line + firstLine - 1 : firstLine);
  const endLineOf = (n: Nodes) => (n.position ? n.position.end.line + firstLine - 1 : firstLine);

  const paragraph = (n: Nodes, styled: Styled, extra: Partial<Paragraph> = {}): void => {
    if (!styled.text.trim() && !extra.listItem) return;
    blocks.push({
      kind: "paragraph",
      text: styled.text,
      bold: styled.bold,
      italic: styled.italic,
      ...extra,
      prov: { line: lineOf(n), endLine: endLineOf(n) },
    });
  };

  const visit = (node: RootContent, listMarker?: string): void => {
    switch (node.type) {
      case "heading":
        paragraph(node, phrasing(node.children), { headingLevel: node.depth });
        return;
      case "paragraph": {
        const styled = phrasing(node.children);
        if (listMarker) styled.text = `${listMarker} ${styled.text}`;
        paragraph(node, styled, listMarker !== undefined ? { listItem: true } : {});
        return;
      }
      case "list": {
        node.children.forEach((item, k) => {
          // List markers are printed text in the report ("1. Tiếp tục…", "- Lưu VP", "* Kết quả…"),
          // as Word and PDF show them: keep them as printed.
          const marker = node.ordered ? orderedMarker(source, item, (node.start ?? 1) + k) : bulletMarker(source, item);
          item.children.forEach((child, j) => {
            if (child.type === "paragraph" && j === 0) {
              const styled = phrasing(child.children);
              if (marker) styled.text = `${marker} ${styled.text}`;
              paragraph(child, styled, { listItem: true });
            } else visit(child);
          });
        });
        return;
      }
      case "blockquote":
        node.children.forEach((c) => visit(c));
        return;
      case "html": {
        const styled = cleanInline(node.value);
        paragraph(node, styled);
        return;
      }
      case "code":
        paragraph(node, { text: node.value, bold: false, italic: false });
        return;
      case "table":
        blocks.push(gfmTable(node, lineOf));
        return;
      default:
        return; // thematic breaks, definitions: no text to keep
    }
  };
  tree.children.forEach((c) => visit(c));
  return blocks;
}

/** Reads the printed bullet ("-", "*", "+") of an unordered list item from the source. */
function bulletMarker(source: string, item: Nodes): string | undefined {
  const offset = item.position?.start.offset;
  if (offset === undefined) return undefined;
  const m = /^\s*([-*+])/.exec(source.slice(offset, offset + 8));
  return m ? m[1] : undefined;
}

/** Reads the printed marker of an ordered list item ("1." or "1)") from the source. */
function orderedMarker(source: string, item: Nodes, fallback: number): string {
  const offset = item.position?.start.offset;
  if (offset !== undefined) {
    const m = /^\s*(\d{1,9}[.)])/.exec(source.slice(offset, offset + 16));
    if (m) return m[1];
  }
  return `${fallback}.`;
}

function gfmTable(node: MdTable, lineOf: (n: Nodes) => number): Block {
  const rows: Row[] = node.children.map((r, i) => ({
    cells: r.children.map((c): Cell => {
      const s = phrasing(c.children);
      return { text: s.text, bold: s.bold, italic: s.italic };
    }),
    header: i === 0 ? true : undefined,
    prov: { line: lineOf(r) },
  }));
  const width = Math.max(...rows.map((r) => r.cells.length));
  for (const r of rows) while (r.cells.length < width) r.cells.push({ text: "", bold: false, italic: false });
  return { kind: "table", rows, prov: { line: lineOf(node) } };
}

/** Flattens inline content to text, tracking which visible characters were bold or italic. */
function phrasing(nodes: PhrasingContent[]): Styled {
  let text = "";
  let visible = 0;
  let visibleBold = 0;
  let visibleItalic = 0;
  let htmlBold = 0;
  let htmlItalic = 0;
  const add = (s: string, bold: boolean, italic: boolean) => {
    text += s;
    const n = s.replace(/\s/g, "").length;
    visible += n;
    if (bold || htmlBold > 0) visibleBold += n;
    if (italic || htmlItalic > 0) visibleItalic += n;
  };
  const walk = (ns: PhrasingContent[], bold: boolean, italic: boolean) => {
    for (const n of ns) {
      switch (n.type) {
        case "text":
        case "inlineCode":
          add(n.value, bold, italic);
          break;
        case "strong":
          walk(n.children, true, italic);
          break;
        case "emphasis":
          walk(n.children, bold, true);
          break;
        case "delete":
        case "link":
        case "linkReference":
          walk(n.children, bold, italic);
          break;
        case "break":
          text += "\n";
          break;
        case "html": {
          // Inline tags arrive one by one: <b>, then text nodes, then </b>.
          const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(n.value);
          if (!tag) break;
          const closing = tag[1] === "/";
          const name = tag[2].toLowerCase();
          if (name === "b" || name === "strong") htmlBold = Math.max(0, htmlBold + (closing ? -1 : 1));
          else if (name === "i" || name === "em") htmlItalic = Math.max(0, htmlItalic + (closing ? -1 : 1));
          else if (name === "br" || (!closing && (name === "p" || name === "li"))) text += text ? "\n" : "";
          break;
        }
        default:
          break;
      }
    }
  };
  walk(nodes, false, false);
  return {
    text: text.replace(/[ \t]+\n/g, "\n").replace(/\n[ \t]+/g, "\n").trim(),
    bold: visible > 0 && visibleBold === visible,
    italic: visible > 0 && visibleItalic === visible,
  };
}
