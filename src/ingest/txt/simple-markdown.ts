import type { Block, Paragraph } from "../../model/document.js";

/**
 * A reader for the small subset of markdown that makes up almost all of a report's narrative:
 * ATX headings, one-line list items ("- …", "* …", "1. …", "a) …" is not a list), plain
 * paragraphs, and a whole paragraph, heading or item wrapped in `*`, `**` or `***`. It returns
 * the blocks remark would build for such a blank-line-separated group, or `undefined` as soon as
 * anything falls outside the subset, and the caller hands the group to remark. remark stays
 * the reader of record; this exists because building ~40 small groups per report through
 * micromark costs more than everything else in the text pipeline together.
 * src/ingest/txt/simple-markdown.test.ts checks the two readers agree on every group of the
 * samples and fixtures and on generated groups.
 */
export function simpleMarkdownBlocks(lines: string[], firstLine: number): Block[] | undefined {
  const blocks: Block[] = [];
  let open: { lines: string[]; start: number; marker?: string } | undefined;
  const close = (): boolean => {
    if (!open) return true;
    const styled = simpleInline(open.lines.join("\n"));
    if (!styled) return false;
    const p: Paragraph = {
      kind: "paragraph",
      text: open.marker ? `${open.marker} ${styled.text}` : styled.text,
      bold: styled.bold,
      italic: styled.italic,
      ...(open.marker ? { listItem: true } : {}),
      prov: { line: firstLine + open.start, endLine: firstLine + open.start + open.lines.length - 1 },
    };
    if (open.marker || styled.text) blocks.push(p);
    open = undefined;
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!/[^ \t]/.test(line)) {
      if (!close()) return undefined;
      continue;
    }
    // Only Unicode spaces (no-break, em…): blank to a reader, text to CommonMark. Left to remark.
    if (!line.trim()) return undefined;
    const heading = HEADING.exec(line);
    if (heading) {
      const styled = simpleInline(heading[2]);
      if (!styled || !styled.text || !close()) return undefined;
      blocks.push({
        kind: "paragraph",
        text: styled.text,
        bold: styled.bold,
        italic: styled.italic,
        headingLevel: heading[1].length,
        prov: { line: firstLine + i, endLine: firstLine + i },
      });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const [, marker, number] = item;
      // An ordered item not starting at 1 cannot interrupt a paragraph (CommonMark 5.2): it
      // would be a continuation line there, which this reader leaves to remark.
      if (open && !open.marker && number !== undefined && number !== "1") return undefined;
      if (!isPlainStart(item[3]) || !close()) return undefined;
      open = { lines: [item[3]], start: i, marker };
      continue;
    }
    if (!isParagraphLine(line)) return undefined;
    // CommonMark strips spaces and tabs around paragraph lines, not other Unicode spaces (a
    // no-break space at a line's start stays); simpleInline trims the whole text at the end.
    const content = line.replace(/^[ \t]+|[ \t]+$/g, "");
    if (open) open.lines.push(content);
    else open = { lines: [content], start: i };
  }
  return close() ? blocks : undefined;
}

/** An ATX heading with its content; a closing "#" sequence or "#" inside is left to remark. */
const HEADING = /^ {0,3}(#{1,6})[ \t]+([^#]*?)[ \t]*$/;
/** A list item starting in column 0 with 1–4 spaces after the marker and some content. */
const LIST_ITEM = /^([-+*]|(\d{1,9})[.)]) {1,4}(\S.*)$/;

// Characters that may start markdown inline syntax, HTML, entities or GFM autolinks anywhere in
// a line (checked on the inline content, see simpleInline).
// "&" only counts when it could start a character reference ("&amp;", "&#8211;"); "TN&TKQ" is text.
const INLINE_SYNTAX = /[*_`\\<>[\]!~|$]|&(#[0-9xX]|[A-Za-z][A-Za-z0-9]*;)|https?:|www\./;
// Markers that only matter at the start of a line: indented code, headings, quotes, lists,
// setext underlines, ordered lists "1." / "1)"; "* " is tried as a list item before this.
const LINE_START_SYNTAX = /^(\s{4,}|\s*([#>+=-]|\*\s|\d{1,9}[.)](\s|$)))/;

/**
 * True for a line that continues or starts a paragraph and nothing else (its inline content is
 * checked when the paragraph closes). Two trailing spaces would make a hard break.
 */
function isParagraphLine(line: string): boolean {
  return !LINE_START_SYNTAX.test(line) && !/[ \t]{2,}$/.test(line);
}

/** Content after a list marker that starts no nested block of its own. */
function isPlainStart(content: string): boolean {
  return isParagraphLine(content) && !/^\*+$/.test(content);
}

/**
 * Inline content that is plain text, or plain text wrapped whole in one run of 1–3 asterisks
 * (italic, bold, both). Backslash escapes of ASCII punctuation ("\\* Kết quả") count as the
 * character they escape. Anything else (emphasis inside the text, links, HTML) → undefined.
 */
function simpleInline(content: string): { text: string; bold: boolean; italic: boolean } | undefined {
  let text = content.replace(/[ \t]+\n/g, "\n").trim();
  let escaped = false;
  if (text.includes("\\")) {
    if (/[\ue000-\ue07f]/.test(text)) return undefined;
    // Escaped characters are stood in for by private-use characters while the syntax is
    // checked, so an escaped "*" can neither open nor close emphasis.
    text = text.replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
    escaped = true;
  }
  const restore = (s: string) => (escaped ? s.replace(ESCAPE_STAND_IN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000)) : s);
  if (!INLINE_SYNTAX.test(text)) return { text: restore(text), bold: false, italic: false };
  const m = /^(\*{1,3})([^*\s](?:[^*]*[^*\s])?)\1$/.exec(text);
  if (!m || INLINE_SYNTAX.test(m[2]) || /\n/.test(m[2])) return undefined;
  const stars = m[1].length;
  return { text: restore(m[2]), bold: stars >= 2, italic: stars !== 2 };
}

const ESCAPE_STAND_IN = /[\ue000-\ue07f]/g;
