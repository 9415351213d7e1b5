import type { Line } from "./geometry.js";

/** Running heads and feet live in the outer band of the page: this fraction of its height. */
const BAND = 0.12;
/** How many lines from the top and from the bottom of a page may be running lines. */
const DEPTH = 2;

/**
 * Page numbers as printed: "3", "- 3 -", "Trang 3", "3/10", "Trang 3/10", "Page 3 of 10".
 * Decree 30/2020/NĐ-CP puts the number at the top centre from page 2; other producers put it
 * at the foot.
 */
const PAGE_NUMBER = /^(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|of|trên)\s*\d{1,4})?$/i;

/** A page's free-text lines (tables excluded), top to bottom, and its height in points. */
export interface PageLines {
  lines: Line[];
  height: number;
}

/**
 * Drop running headers, footers and page numbers. A line is running when it sits among the
 * first or last two lines of its page, inside the outer band, and either reads as a page number
 * standing apart from the text, or repeats verbatim on at least half of the pages (and on three
 * or more). Returns the
 * kept lines per page and how many were dropped.
 */
export function dropRunning(pages: PageLines[]): { pages: Line[][]; dropped: number } {
  // Exact text, not digits-folded: appendix titles ("BIỂU MẪU 1", "BIỂU MẪU 2", …) open page
  // after page in the same spot and must not be taken for a running head. Numbered heads are
  // caught by PAGE_NUMBER instead.
  const key = (l: Line) => l.text.replace(/\s+/g, " ").toLowerCase();
  const edge = (p: PageLines): Line[] => {
    const n = p.lines.length;
    const picked = new Set<Line>();
    for (let i = 0; i < Math.min(DEPTH, n); i++) {
      if (p.lines[i].y < p.height * BAND) picked.add(p.lines[i]);
      if (p.lines[n - 1 - i].y > p.height * (1 - BAND)) picked.add(p.lines[n - 1 - i]);
    }
    return [...picked];
  };
  const counts = new Map<string, number>();
  for (const p of pages) for (const k of new Set(edge(p).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const minRepeats = Math.max(3, Math.ceil(pages.length / 2));
  let dropped = 0;
  const kept = pages.map((p) => {
    const running = new Set(
      edge(p).filter((l) => (PAGE_NUMBER.test(l.text) && isolated(p.lines, l)) || (counts.get(key(l)) ?? 0) >= minRepeats),
    );
    dropped += running.size;
    return p.lines.filter((l) => !running.has(l));
  });
  return { pages: kept, dropped };
}

/**
 * True when no other line sits within 1.5 em above or below: a page number stands apart from
 * the body, while a lone number inside the text flow (a short line of a list) does not.
 */
function isolated(lines: Line[], line: Line): boolean {
  return lines.every((o) => o === line || Math.abs(o.y - line.y) > 1.5 * Math.max(o.size, line.size));
}
