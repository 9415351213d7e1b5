import { BOM, csvLine } from "./csv.js";
import type { Sink } from "./sink.js";

export const ROW_FORMATS = ["table", "csv", "json", "jsonl"] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

type Row = Record<string, unknown>;

export interface WriteRowsOptions {
  /** Widest cell in table format before it is cut with "…" (default 60; 0 = no limit). */
  maxWidth?: number;
  /** Applied to each row for json/jsonl (e.g. parse JSON-text columns). */
  jsonRow?: (row: Row) => Row;
}

/**
 * Writes rows as an aligned text table, CSV (with a BOM when written to a file), a JSON array or JSON lines. Rows are
 * streamed except for the table format, which must see every row to size its columns.
 * Returns the number of rows written.
 */
export async function writeRows(
  sink: Sink,
  columns: string[],
  rows: Iterable<Row> | AsyncIterable<Row>,
  format: RowFormat,
  options: WriteRowsOptions = {},
): Promise<number> {
  let n = 0;
  const jsonRow = options.jsonRow ?? ((r: Row) => r);
  switch (format) {
    case "csv":
      // The BOM is for Excel opening a file; on stdout it would glue itself to the first column
      // name of whatever reads the pipe.
      await sink.write((sink.toFile ? BOM : "") + csvLine(columns));
      for await (const r of rows) {
        await sink.write(csvLine(columns.map((c) => r[c])));
        n++;
      }
      break;
    case "jsonl":
      for await (const r of rows) {
        await sink.write(`${JSON.stringify(jsonRow(r))}\n`);
        n++;
      }
      break;
    case "json":
      await sink.write("[");
      for await (const r of rows) {
        await sink.write(`${n ? "," : ""}\n  ${JSON.stringify(jsonRow(r))}`);
        n++;
      }
      await sink.write(n ? "\n]\n" : "]\n");
      break;
    case "table": {
      const all: Row[] = [];
      for await (const r of rows) all.push(r);
      n = all.length;
      await sink.write(textTable(columns, all, options.maxWidth ?? 60));
      break;
    }
  }
  await sink.flush();
  return n;
}

/** Cell text for the table format: one line, cut to `max` characters. */
function cell(v: unknown, max: number): string {
  if (v === null || v === undefined) return "";
  const s = (typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v)).replace(/\s*[\r\n]+\s*/g, " ⏎ ");
  const chars = [...s];
  return max > 0 && chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
}

/** Display width: counts code points, not UTF-16 units or combining marks (NFD input). */
function width(s: string): number {
  return [...s.replace(/[\u0300-\u036f]/g, "")].length;
}

/** An aligned plain-text table with a header rule and a row count. */
export function textTable(columns: string[], rows: Row[], maxWidth = 60): string {
  const cells = rows.map((r) => columns.map((c) => cell(r[c], maxWidth)));
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]))));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || typeof r[c] === "number"));
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(widths[i] - width(s));
    return numeric[i] ? fill + s : s + fill;
  };
  const line = (vals: string[]) => `${vals.map(pad).join(" | ")}`.trimEnd();
  const out = [line(columns), widths.map((w) => "-".repeat(w)).join("-+-"), ...cells.map(line)];
  return `${out.join("\n")}\n(${rows.length} row${rows.length === 1 ? "" : "s"})\n`;
}
