import type { Block, Paragraph, Table } from "../../model/document.js";
import { findColumnBands } from "./bands.js";
import { findUnruledTables } from "./columns.js";
import type { Line, TextRun } from "./geometry.js";
import { findGrids } from "./grid.js";
import { buildLines, joinWrapped } from "./lines.js";
import type { PageContent } from "./page.js";
import { continues, flowStats, paragraphBlock, segment } from "./paragraphs.js";
import { dropRunning } from "./running.js";
import { runInBox, tableFromGrid } from "./tables.js";

/** One page after table detection: its ruled tables and its free (non-table) lines. */
interface PageLayout {
  content: PageContent;
  tables: Table[];
  lines: Line[];
}

/** The Document blocks of the pages with text, plus what layout analysis noticed. */
export interface LayoutResult {
  /** Blocks per page, in page order, keyed by 1-based page number. */
  blocks: Map<number, Block[]>;
  /** Running header/footer/page-number lines removed. */
  droppedRunning: number;
}

/**
 * Turn pages' runs and rulings into blocks: ruled tables first (their runs are taken out of the
 * flow), then running heads/feet are dropped across the document, then unruled tables and
 * paragraphs are found among the remaining lines. Blocks are ordered by their top edge. A
 * paragraph that runs on to the next page is joined to its start (the source has one
 * paragraph there), so a page may end without its last paragraph, which sits before the break.
 * `known` may give a page's lines already built from its runs (buildLines), not to build them again.
 */
export function layoutPages(pages: PageContent[], known?: ReadonlyMap<PageContent, Line[]>): LayoutResult {
  const laid: PageLayout[] = pages.map((p) => splitTables(p, known?.get(p)));
  const { pages: kept, dropped } = dropRunning(laid.map((p) => ({ lines: p.lines, height: p.content.height })));
  kept.forEach((lines, i) => (laid[i].lines = lines));
  const stats = flowStats(kept);
  const blocks = new Map<number, Block[]>();
  let carry: { para: Paragraph; lines: Line[] } | undefined;
  for (const p of laid) {
    const out: Block[] = [];
    const n = p.content.number;
    const bands = findColumnBands(p.lines, n);
    const inBand = new Set(bands.flatMap((b) => b.lines));
    const unruled = [...bands, ...findUnruledTables(p.lines.filter((l) => !inBand.has(l)), n)];
    const consumed = new Set(unruled.flatMap((u) => u.lines));
    const items: (Table | Line)[] = [...p.tables, ...unruled.map((u) => u.table), ...p.lines.filter((l) => !consumed.has(l))];
    items.sort((a, b) => topOfItem(a) - topOfItem(b));
    // A page without text (a scan) interrupts the flow: nothing continues across it.
    if (!items.length) carry = undefined;
    let run: Line[] = [];
    let first = true;
    const flush = () => {
      if (!run.length) return;
      const groups = segment(run, stats);
      run = [];
      for (const g of groups) {
        if (first && carry && continues(carry.lines, g[0], stats, true)) {
          joinInto(carry.para, g);
          carry.lines = g;
        } else {
          const para = paragraphBlock(g, n);
          para.text = para.text.normalize("NFC");
          out.push(para);
          carry = { para, lines: g };
        }
        first = false;
      }
    };
    for (const item of items) {
      if ("kind" in item) {
        flush();
        out.push(item);
        carry = undefined;
        first = false;
      } else run.push(item);
    }
    flush();
    blocks.set(n, out);
  }
  return { blocks, droppedRunning: dropped };
}

function topOfItem(item: Table | Line): number {
  return "kind" in item ? (item.prov.bbox?.[1] ?? 0) : item.y - item.size;
}

/** Append a continuation (the same paragraph on the next page) to a paragraph. */
function joinInto(para: Paragraph, lines: Line[]): void {
  para.text = lines.map((l) => l.text).reduce(joinWrapped, para.text).normalize("NFC");
  para.bold &&= lines.every((l) => l.bold);
  para.italic &&= lines.every((l) => l.italic);
}

/** Find the page's ruled tables and take their runs out of the text flow (`lines`: the page's, when built already). */
function splitTables(content: PageContent, lines?: Line[]): PageLayout {
  const grids = findGrids(content.drawing.horizontal, content.drawing.vertical);
  if (!grids.length) return { content, tables: [], lines: lines ?? buildLines(content.runs) };
  const inside: TextRun[][] = grids.map(() => []);
  const free: TextRun[] = [];
  for (const run of content.runs) {
    const g = grids.findIndex((grid) => runInBox(run, grid.box));
    if (g >= 0) inside[g].push(run);
    else free.push(run);
  }
  const tables = grids.map((grid, g) => tableFromGrid(grid, inside[g], content.number));
  return { content, tables, lines: buildLines(free) };
}
