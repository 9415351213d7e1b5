/**
 * The inline content of one paragraph as every Word reader hands it to the block builder: text
 * segments with their formatting, and marks saying which source paragraph this is and where page
 * breaks fall. Readers put marks in as data (the own .docx reader and the .doc reader directly,
 * the mammoth path from the bookmarks it annotated document.xml with), so no marker character
 * ever travels through the text.
 */

/** A stretch of text with uniform formatting. */
export interface Segment {
  text: string;
  bold: boolean;
  italic: boolean;
}

/**
 * Where the source paragraph starts (`index`: its 0-based place in document order, into the
 * reader's ParagraphInfo list), an explicit page break, or a page start Word rendered.
 */
export type Mark = { mark: "paragraph"; index: number } | { mark: "pageBreak" } | { mark: "rendered" };

/** One item of a paragraph's inline content. */
export type Inline = Segment | Mark;

/** The numeral Word prints before a paragraph (automatic numbering). */
export interface Numeral {
  /** As printed, e.g. "I.", "2.1.", "a)"; the glyph for bullets. */
  text: string;
  bullet: boolean;
  /** What separates the numeral from the text (w:suff). */
  suffix: "tab" | "space" | "nothing";
}

/** What the source says about one paragraph beyond its text. */
export interface ParagraphInfo {
  /** The numeral Word prints before the paragraph, if any. */
  numeral?: Numeral;
  /** All visible text is bold / italic after resolving styles; false when there is no visible text. */
  bold: boolean;
  italic: boolean;
  /** Page break before the paragraph, set directly or by its style. */
  pageBreakBefore: boolean;
  /** The paragraph sits in a text box: floating text, not part of its anchor. */
  textBox: boolean;
}

/** The text of one paragraph, what its marks say, and its formatting. */
export interface InlineText {
  /** NFC text, not trimmed ("" when the paragraph had no text at all). */
  text: string;
  /** Facts of the source paragraph, when a paragraph mark names it. */
  info?: ParagraphInfo;
  /** Explicit page breaks before / after the first visible character. */
  breaksBefore: number;
  breaksAfter: number;
  /** Rendered page starts before / after the first visible character. */
  renderedBefore: number;
  renderedAfter: number;
  /** All visible text bold / italic: from the source's facts when known, else from the segments. */
  bold: boolean;
  italic: boolean;
}

const VISIBLE = /\S/;

/** Read one paragraph's inline items as its text, mark facts and formatting. */
export function inlineText(items: Inline[], paragraphs: ParagraphInfo[]): InlineText {
  let text = "";
  let index: number | undefined;
  const out = { breaksBefore: 0, breaksAfter: 0, renderedBefore: 0, renderedAfter: 0 };
  const segs: Segment[] = [];
  for (const item of items) {
    if (!("mark" in item)) {
      text += item.text;
      segs.push(item);
    } else if (item.mark === "paragraph") index ??= item.index;
    else {
      const after = VISIBLE.test(text);
      if (item.mark === "pageBreak") after ? out.breaksAfter++ : out.breaksBefore++;
      else after ? out.renderedAfter++ : out.renderedBefore++;
    }
  }
  const info = index !== undefined ? paragraphs[index] : undefined;
  let bold: boolean;
  let italic: boolean;
  if (info) ({ bold, italic } = info);
  else {
    const visible = segs.filter((s) => VISIBLE.test(s.text));
    bold = visible.length > 0 && visible.every((s) => s.bold);
    italic = visible.length > 0 && visible.every((s) => s.italic);
  }
  return { text: text.normalize("NFC"), info, ...out, bold, italic };
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
