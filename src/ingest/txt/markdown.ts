import type { Nodes, PhrasingContent, RootContent, Table as MdTable } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Block, Cell, Paragraph, Row } from "../../model/document.js";
import type { Message } from "../../model/message.js";
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
export function markdownToBlocks(source: string, firstLine: number, messages: Message[] = [], file = ""): Block[] {
  // Most groups are plain paragraphs, one-line headings and list items; simpleMarkdownBlocks
  // builds those directly. Anything else goes through remark, one blank-line-separated group
  // at a time, unless it nests too deep for remark (tooDeep): then its lines are kept as
  // plain paragraphs and an error says so.
  const blocks: Block[] = [];
  const lines = source.split("\n");
  let start = 0;
  const append = (bs: Block[]) => {
    // Not push(...bs): a group of a million one-line items would overflow the call stack.
    for (const b of bs) blocks.push(b);
  };
  const flush = (end: number) => {
    if (end > start) {
      const group = lines.slice(start, end);
      const simple = simpleMarkdownBlocks(group, firstLine + start);
      if (simple) append(simple);
      else {
        const deep = tooDeep(group);
        if (deep) {
          messages.push({
            severity: "error",
            ruleId: "ingest.txt.too-deep",
            reason: `${deep.what} (line ${firstLine + start + deep.line}); markdown this deep is not a report's layout and would take the parser minutes or overflow its stack. The ${group.length} line(s) of this paragraph group are kept as plain text, markers included.`,
            place: { file, line: firstLine + start + deep.line },
          });
          append(plainLines(group, firstLine + start));
        } else append(parseGroup(group.join("\n"), firstLine + start));
      }
    }
    start = end + 1;
  };
  for (let i = 0; i < lines.length; i++) if (!lines[i].trim()) flush(i);
  flush(lines.length);
  return blocks;
}

/** Most container levels (block quotes, list markers) one line may open before remark reads it. */
export const MAX_NESTING = 64;
/** Most leading indentation, in columns (a tab counts 4): each nested list level needs 2 or more. */
export const MAX_INDENT = 256;
/**
 * Most distinct lengths of backtick runs in one group: micromark looks, for every run, for a
 * closing run of the same length, so many different lengths cost a time cubic in the group.
 */
export const MAX_BACKTICK_RUNS = 32;
/** Most link brackets "[" open at once in one group (micromark resolves nested labels quadratically). */
export const MAX_OPEN_BRACKETS = 256;

/**
 * Why a group nests too deep for remark, or undefined. remark (micromark) recurses per
 * container level and rescans per nested list level: 5,000 nested block quotes overflow the
 * stack, 300 nested list levels take seconds and 2,000 minutes; 1,000 backtick runs of growing
 * length take 20 s; 10,000 nested "[" take 6 s. Real reports nest a few levels.
 */
export function tooDeep(group: string[]): { what: string; line: number } | undefined {
  const runLengths = new Set<number>();
  let brackets = 0;
  for (let i = 0; i < group.length; i++) {
    const line = group[i];
    if (line.includes("[")) {
      for (let k = 0; k < line.length; k++) {
        const ch = line.charCodeAt(k);
        if (ch === 0x5b) brackets++;
        else if (ch === 0x5d && brackets > 0) brackets--;
        if (brackets > MAX_OPEN_BRACKETS) return { what: `More than ${MAX_OPEN_BRACKETS} link brackets "[" open at once`, line: i };
      }
    }
    const prefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/.exec(line)![0];
    let markers = 0;
    let indent = 0;
    for (const ch of prefix) {
      if (ch === " ") indent++;
      else if (ch === "\t") indent += 4;
      else if (ch === ">" || ch === "-" || ch === "+" || ch === "*" || ch === "." || ch === ")") markers++;
    }
    if (markers > MAX_NESTING) return { what: `Block quotes or list markers nested ${markers} levels deep, more than ${MAX_NESTING}`, line: i };
    if (indent > MAX_INDENT) return { what: `A line indented ${indent} columns (nested lists more than ${MAX_INDENT / 2} levels deep)`, line: i };
    if (line.includes("`")) for (const m of line.matchAll(/`+/g)) runLengths.add(m[0].length);
    if (runLengths.size > MAX_BACKTICK_RUNS) return { what: `More than ${MAX_BACKTICK_RUNS} backtick runs of different lengths in one paragraph group`, line: i };
  }
  return undefined;
}

/** Each non-blank line as a paragraph of its own, text as printed (the too-deep fallback). */
function plainLines(group: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  group.forEach((line, i) => {
    const text = line.trim();
    if (text) blocks.push({ kind: "paragraph", text, bold: false, italic: false, prov: { line: firstLine + i, endLine: firstLine + i } });
  });
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
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
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
