/**
 * Markers we write into document.xml before mammoth converts it, so that every paragraph in
 * mammoth's HTML can be traced back to the w:p it came from (for numbering, style-level bold and
 * page breaks) without counting paragraphs — footnotes, text boxes and dropped empty paragraphs
 * make counting fragile. They are Private Use Area code points that no font or producer we know
 * emits, and are removed before any text leaves this module. They stay in the BMP on purpose:
 * mammoth's zip reader decodes UTF-8 in chunks and mangles 4-byte sequences split across chunks
 * (seen on sample 002), while 3-byte sequences — all Vietnamese text — survive.
 */

/** Opens a paragraph marker: PARA_OPEN + decimal index of the w:p + PARA_CLOSE. */
export const PARA_OPEN = "\u{EDF0}";
export const PARA_CLOSE = "\u{EDF1}";
/** Stands where an explicit page break (`<w:br w:type="page"/>`) was. */
export const PAGE_BREAK = "\u{EDF2}";
/** Stands where Word last rendered a page start (`<w:lastRenderedPageBreak/>`). */
export const RENDERED_BREAK = "\u{EDF3}";

// Lone marker characters are stripped too, so a marker damaged in transit can never leak.
const MARKERS = /\u{EDF0}\d*\u{EDF1}|[\u{EDF0}-\u{EDF3}]/gu;

/** The paragraph marker text for w:p number `index` (0-based, document order). */
export function paraMarker(index: number): string {
  return `${PARA_OPEN}${index}${PARA_CLOSE}`;
}

/** What the markers in one stretch of text say. */
export interface MarkerScan {
  /** Text with every marker removed. */
  text: string;
  /** Index of the first paragraph marker, if any. */
  paragraph?: number;
  /** Explicit page breaks before / after the first visible character. */
  breaksBefore: number;
  breaksAfter: number;
  /** Rendered page starts before / after the first visible character. */
  renderedBefore: number;
  renderedAfter: number;
}

const ANY_MARKER = /[\u{EDF0}-\u{EDF3}]/u;

/** Remove markers from text and report what they said. */
export function scanMarkers(raw: string): MarkerScan {
  // Most paragraphs carry just their own marker, first: read that without the general loop.
  let from = 0;
  if (raw.charCodeAt(0) === 0xedf0) {
    let k = 1;
    while (raw.charCodeAt(k) >= 48 && raw.charCodeAt(k) <= 57) k++;
    if (raw.charCodeAt(k) === 0xedf1) from = k + 1;
  }
  if (!ANY_MARKER.test(from ? raw.slice(from) : raw)) {
    const text = from ? raw.slice(from) : raw;
    const scan: MarkerScan = { text, breaksBefore: 0, breaksAfter: 0, renderedBefore: 0, renderedAfter: 0 };
    if (from) scan.paragraph = Number(raw.slice(1, from - 1));
    return scan;
  }
  const scan: MarkerScan = { text: "", breaksBefore: 0, breaksAfter: 0, renderedBefore: 0, renderedAfter: 0 };
  let last = 0;
  for (const m of raw.matchAll(MARKERS)) {
    scan.text += raw.slice(last, m.index);
    last = m.index + m[0].length;
    const visibleBefore = /\S/.test(scan.text);
    if (m[0].length > 1) scan.paragraph ??= Number(m[0].slice(1, -1));
    else if (m[0] === PAGE_BREAK) visibleBefore ? scan.breaksAfter++ : scan.breaksBefore++;
    else if (m[0] === RENDERED_BREAK) visibleBefore ? scan.renderedAfter++ : scan.renderedBefore++;
  }
  scan.text += raw.slice(last);
  return scan;
}

/** Remove all markers (for text pieces whose marker meaning is read elsewhere). */
export function stripMarkers(raw: string): string {
  return raw.replace(MARKERS, "");
}
