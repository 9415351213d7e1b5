import type { ElementContent, RootContent } from "hast";
import type { ParagraphInfo } from "./annotate.js";
import { scanMarkers, type MarkerScan } from "./markers.js";

/**
 * Reading the inline content of one paragraph into plain text. Both readers feed it: the mammoth
 * path collects segments from mammoth's HTML (<p>, <hN>, <li>), the own reader (reader.ts) from
 * the runs of document.xml. Tags are removed without inserting spaces; <br> becomes "\n"; the
 * text is NFC.
 */

/** Elements that start their own block; inline reading stops at them (the caller walks them). */
export const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "table", "div"]);

/** A stretch of text with uniform formatting as HTML marks it (<strong>/<b>, <em>/<i>). */
export interface Segment {
  text: string;
  bold: boolean;
  italic: boolean;
}

/**
 * mammoth writes footnote and endnote references as <sup><a href="#footnote-1">[1]</a></sup> and
 * back-links as <a href="#footnote-ref-1">↑</a>. Their text must not be spliced into a heading
 * or a table cell, so they are skipped (the notes themselves are emitted at the end).
 */
export function isNoteLink(href: unknown): boolean {
  return typeof href === "string" && /^#(?:footnote|endnote|comment)(?:-ref)?-/.test(href);
}

function collect(nodes: (RootContent | ElementContent)[], fmt: { bold: boolean; italic: boolean }, out: Segment[]): void {
  for (const n of nodes) {
    if (n.type === "text") out.push({ text: n.value, ...fmt });
    if (n.type !== "element" || BLOCK_TAGS.has(n.tagName)) continue;
    const tag = n.tagName;
    if (tag === "br") out.push({ text: "\n", ...fmt });
    else if (tag === "img") continue;
    else if (tag === "a" && isNoteLink(n.properties.href)) continue;
    else
      collect(n.children, {
        bold: fmt.bold || tag === "strong" || tag === "b",
        italic: fmt.italic || tag === "em" || tag === "i",
      }, out);
  }
}

/** The text segments of HTML inline content, in order (block children are skipped). */
export function htmlSegments(nodes: (RootContent | ElementContent)[]): Segment[] {
  const segs: Segment[] = [];
  collect(nodes, { bold: false, italic: false }, segs);
  return segs;
}

/** The text of one paragraph, what its markers say, and its formatting. */
export interface InlineText {
  /** NFC text with markers removed, not trimmed ("" when the paragraph had no text at all). */
  text: string;
  scan: MarkerScan;
  /** Facts from the XML paragraph the marker points to, when there is a marker. */
  info?: ParagraphInfo;
  /** All visible text bold / italic: from the XML when known, else from <strong>/<em>. */
  bold: boolean;
  italic: boolean;
}

const VISIBLE = /\S/;

/** Read one paragraph's segments (markers included) as its text, marker facts and formatting. */
export function inlineText(segs: Segment[], paragraphs: ParagraphInfo[]): InlineText {
  let raw = "";
  for (const s of segs) raw += s.text;
  const scan = scanMarkers(raw);
  const info = scan.paragraph !== undefined ? paragraphs[scan.paragraph] : undefined;
  let bold: boolean;
  let italic: boolean;
  if (info) ({ bold, italic } = info);
  else {
    // Formatting from the HTML, when no marker says what the XML resolved.
    const visible = segs.filter((s) => VISIBLE.test(scanMarkers(s.text).text));
    bold = visible.length > 0 && visible.every((s) => s.bold);
    italic = visible.length > 0 && visible.every((s) => s.italic);
  }
  return { text: scan.text.normalize("NFC"), scan, info, bold, italic };
}

/** Read the inline (non-block) children of an element as one paragraph's text. */
export function readInline(nodes: (RootContent | ElementContent)[], paragraphs: ParagraphInfo[]): InlineText {
  return inlineText(htmlSegments(nodes), paragraphs);
}

/** Bullet glyphs that print as ordinary characters (symbol-font bullets map to private-use code points). */
const PLAIN_BULLET = /^[-+•–—*·o]$/u;

/**
 * The paragraph as printed in a table cell: Word's numeral (or a plain bullet) in front of the
 * text, separated as the level's suffix says; an empty numbered STT cell prints just "1.".
 */
export function printedLine(inline: InlineText): string {
  const n = inline.info?.numeral;
  if (!n || !n.text || (n.bullet && !PLAIN_BULLET.test(n.text))) return inline.text;
  if (!/\S/.test(inline.text)) return n.text;
  return n.text + (n.suffix === "nothing" ? "" : " ") + inline.text.replace(/^\s+/, "");
}
