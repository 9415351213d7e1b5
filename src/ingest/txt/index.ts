import type { Block, Document, Row } from "../../model/document.js";
import { type Message, UnusableInputError } from "../../model/message.js";
import type { Ingest } from "../types.js";
import { decodeText } from "./decode.js";
import { cleanInline } from "./inline.js";
import { markdownToBlocks } from "./markdown.js";

/**
 * .txt ingest: markdown mixed with inline HTML and LaTeX, plus TAB-separated tables (one row
 * per line, one cell per TAB field). TAB tables are cut out line by line before markdown
 * parsing because remark would read them as paragraphs; everything else goes through remark.
 * A blank line ends a TAB table, so tables split at source page breaks arrive as consecutive
 * table blocks (the tables stage joins them).
 */
export const ingestTxt: Ingest = async (input) => {
  const { text, conversions } = decodeText(input.bytes);
  // Only a byte order mark, spaces, invisible characters and line ends: nothing to read, as an
  // empty file (README: ingest.empty), not an `ok` document without text.
  if (!/[^\s\u200b-\u200d\u2060\ufeff]/.test(text))
    throw new UnusableInputError("ingest.empty", "The file holds no text: only a byte order mark, spaces or blank lines.");
  const messages: Message[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  refuseTooManyLines(lines);
  const blocks: Block[] = [];
  let chunkStart = 0;
  const flushChunk = (end: number) => {
    if (end > chunkStart) {
      const chunk = lines.slice(chunkStart, end).join("\n");
      if (chunk.trim()) for (const b of markdownToBlocks(chunk, chunkStart + 1, messages, input.file)) blocks.push(b);
    }
  };
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].includes("\t") || !lines[i].trim()) {
      i++;
      continue;
    }
    flushChunk(i);
    const start = i;
    const rows: Row[] = [];
    while (i < lines.length && lines[i].includes("\t")) {
      rows.push(tabRow(lines[i], i + 1));
      i++;
    }
    const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
    for (const r of rows) while (r.cells.length < width) r.cells.push({ text: "", bold: false, italic: false });
    blocks.push({ kind: "table", rows, prov: { line: start + 1, endLine: i } });
    chunkStart = i;
  }
  flushChunk(lines.length);
  if (!blocks.some((b) => b.kind !== "pageBreak" && (b.kind === "table" || b.text.trim())))
    messages.push({
      severity: "warning",
      ruleId: "ingest.txt.no-text",
      reason: "The file holds no readable text.",
      place: { file: input.file },
    });
  const doc: Document = {
    source: { path: input.file, format: "txt", sha256: input.sha256, bytes: input.bytes.length, conversions },
    blocks,
  };
  return { value: doc, messages };
};

function tabRow(line: string, lineNo: number): Row {
  return {
    cells: line.split("\t").map((raw) => ({ ...cleanInline(raw), prov: { line: lineNo } })),
    prov: { line: lineNo },
  };
}

/**
 * Most non-blank lines a .txt file may have, text and TAB rows counted apart. A report has a few
 * thousand; 10 MB of one-line headings ("1. Mục", 1.2 million) would become as many sections
 * and take minutes and gigabytes downstream, so it is refused at once with the reason.
 */
export const MAX_TEXT_LINES = 200_000;
export const MAX_TABLE_ROWS = 200_000;

function refuseTooManyLines(lines: string[]): void {
  let text = 0;
  let rows = 0;
  for (const l of lines) {
    if (l.includes("\t")) rows++;
    else if (/[^ \t]/.test(l)) text++;
  }
  const over = text > MAX_TEXT_LINES ? `${text} lines of text, more than ${MAX_TEXT_LINES}` : rows > MAX_TABLE_ROWS ? `${rows} TAB table rows, more than ${MAX_TABLE_ROWS}` : "";
  if (over)
    throw new UnusableInputError(
      "ingest.txt.too-many-lines",
      `The file has ${over}; a report has a few thousand. It is refused rather than parsed for minutes: split it into its reports, or check that it is one.`,
    );
}
