import type { Cell, Row, Table } from "../../model/document.js";
import { bottomOf, roundBox, topOf, type Line, type TextRun } from "./geometry.js";
import { joinRuns } from "./lines.js";

/** A gap of this many em inside a line separates columns; word spaces are ≈ 0.25–0.6 em. */
const COLUMN_GAP = 1.5;
/** Lines of one unruled table sit at most this many em apart (baseline to baseline). */
const ROW_GAP = 2.6;

/** An unruled table found among a page's free lines, with the lines it consumed. */
export interface UnruledTable {
  table: Table;
  lines: Line[];
}

/** Split a line's runs where the gap between them is a column gap. */
function segmentsOf(line: Line): TextRun[][] {
  const out: TextRun[][] = [[line.runs[0]]];
  for (let i = 1; i < line.runs.length; i++) {
    const prev = line.runs[i - 1];
    const run = line.runs[i];
    if (run.x0 - prev.x1 > COLUMN_GAP * Math.min(prev.size, run.size)) out.push([run]);
    else out[out.length - 1].push(run);
  }
  return out;
}

/**
 * Fallback for tables drawn without rulings: two or more consecutive lines that each break
 * into several segments at wide gaps, where the segments' x-ranges line up into two or more
 * columns that no segment crosses. Each line becomes a row. A two-column result is marked
 * `layout` (the header block and signature block of an official letter are laid out this way);
 * its text is kept but is not read as data. Lines are top to bottom.
 */
export function findUnruledTables(lines: Line[], page: number): UnruledTable[] {
  const segs = lines.map(segmentsOf);
  const found: UnruledTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (segs[i].length < 2) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && segs[j].length >= 2 && lines[j].y - lines[j - 1].y <= ROW_GAP * lines[j].size) j++;
    const columns = j - i >= 2 ? columnsOf(segs.slice(i, j)) : [];
    if (columns.length >= 2) found.push({ table: buildTable(lines.slice(i, j), segs.slice(i, j), columns, page), lines: lines.slice(i, j) });
    i = j;
  }
  return found;
}

/** Union of the segments' x-ranges: each disjoint interval is a column. */
function columnsOf(rows: TextRun[][][]): [number, number][] {
  const spans = rows
    .flat()
    .map((s): [number, number] => [s[0].x0, Math.max(...s.map((r) => r.x1))])
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + 2) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function buildTable(lines: Line[], segs: TextRun[][][], columns: [number, number][], page: number): Table {
  const left = columns[0][0];
  const right = columns[columns.length - 1][1];
  const rows: Row[] = lines.map((line, k) => {
    const top = topOf(line.y, line.size);
    const bottom = bottomOf(line.y, line.size);
    const cellRuns: TextRun[][] = columns.map(() => []);
    for (const seg of segs[k]) {
      const c = columns.findIndex(([a, b]) => seg[0].x0 >= a - 0.5 && seg[0].x0 <= b);
      cellRuns[Math.max(c, 0)].push(...seg);
    }
    const cells: Cell[] = cellRuns.map((runs, c) => ({
      text: joinRuns(runs.sort((p, q) => p.x0 - q.x0)),
      bold: runs.length > 0 && runs.every((r) => r.bold),
      italic: runs.length > 0 && runs.every((r) => r.italic),
      prov: { page, bbox: roundBox([columns[c][0], top, columns[c][1], bottom]) },
    }));
    return { cells, prov: { page, bbox: roundBox([left, top, right, bottom]) } };
  });
  const first = lines[0];
  const last = lines[lines.length - 1];
  const table: Table = {
    kind: "table",
    rows,
    prov: { page, bbox: roundBox([left, topOf(first.y, first.size), right, bottomOf(last.y, last.size)]) },
  };
  if (columns.length === 2) table.layout = true;
  return table;
}
