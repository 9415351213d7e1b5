import type { CellObject, Range, WorkSheet } from "@e965/xlsx";
import { SSF, utils } from "@e965/xlsx";
import type { Block, Cell, Row } from "../../model/document.js";
import { message, type Message } from "../../model/message.js";

/**
 * One worksheet to Document blocks: the sheet name as a heading paragraph, the title rows above
 * the grid (a caption merged across the sheet, "BIỂU MẪU 1", "(Kèm theo …)") as paragraphs, the
 * grid itself as one table with merged cells expanded as the .docx reader does (origin keeps the
 * text and its spans, covered positions are `spanned`), and the single-cell rows below the
 * grid (notes, "Người lập biểu") as paragraphs again.
 *
 * Provenance: `page` is the 1-based position of the sheet in the workbook (hidden sheets
 * counted), `line` the 1-based spreadsheet row number, as Excel shows them.
 */

/** Where a sheet sits and is called, for provenance and messages. */
export interface SheetPlace {
  file: string;
  /** 1-based sheet position in the workbook. */
  sheetNo: number;
  name: string;
}

/**
 * The text a cell shows. Formulas are read as their cached value (what Excel last computed and
 * saved; SheetJS does not recalculate). Numbers are shown through their number format (a
 * percentage stays "16,67%"), with the Vietnamese separators a Vietnamese Excel prints — decimal
 * comma, dot between thousands — because SheetJS formats in en-US and the value stage reads
 * "1,034" as 1.034. Dates keep SheetJS's rendering of their own format.
 */
export function cellText(cell: CellObject | undefined): string {
  if (!cell || cell.t === "z") return "";
  if (cell.t === "n") {
    const fmt = typeof cell.z === "string" ? cell.z : "General";
    if (SSF.is_date(fmt)) return (cell.w ?? String(cell.v)).trim();
    let shown: string;
    try {
      shown = cell.w ?? SSF.format(fmt, cell.v as number);
    } catch {
      shown = String(cell.v);
    }
    return vietnameseSeparators(shown.trim());
  }
  if (cell.t === "s") return String(cell.v ?? "").replace(/\r\n?/g, "\n").normalize("NFC").trim();
  return (cell.w ?? String(cell.v ?? "")).trim();
}

/** Swaps "." and "," inside each run of digits: "1,034.5" → "1.034,5", "16.67%" → "16,67%". */
export function vietnameseSeparators(s: string): string {
  return s.replace(/\d[\d.,]*\d/g, (run) => run.replace(/[.,]/g, (c) => (c === "." ? "," : ".")));
}

interface Merge {
  rows: number;
  cols: number;
}

/** Blocks of one visible sheet, plus messages about its cells. Empty sheets give the heading only. */
export function sheetBlocks(ws: WorkSheet, place: SheetPlace): { blocks: Block[]; messages: Message[] } {
  const messages: Message[] = [];
  const heading: Block = { kind: "paragraph", text: place.name.normalize("NFC").trim(), bold: true, italic: false, headingLevel: 1, prov: { page: place.sheetNo } };
  const ref = ws["!ref"];
  if (!ref) return { blocks: [heading], messages };
  const range: Range = utils.decode_range(ref);

  // Texts of the used range, and the formulas saved without a value.
  const height = range.e.r - range.s.r + 1;
  const width = range.e.c - range.s.c + 1;
  const texts: string[][] = [];
  const missing: string[] = [];
  for (let r = 0; r < height; r++) {
    const line: string[] = [];
    for (let c = 0; c < width; c++) {
      const addr = utils.encode_cell({ r: range.s.r + r, c: range.s.c + c });
      const cell = ws[addr] as CellObject | undefined;
      if (cell?.f && (cell.v === undefined || cell.t === "z")) missing.push(addr);
      line.push(cellText(cell));
    }
    texts.push(line);
  }
  if (missing.length)
    messages.push(
      message(
        "warning",
        "ingest.xlsx.formula-without-value",
        `Sheet "${place.name}": ${missing.length} formula cell(s) were saved without a computed value (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}) and read as empty; open the file in Excel or LibreOffice and save it again so the values are stored.`,
        { file: place.file, page: place.sheetNo },
        { actual: missing.slice(0, 20).map((a) => `${place.name}!${a}`) },
      ),
    );

  // Merges, relative to the used range: origin → spans, covered positions → spanned.
  const origin = new Map<string, Merge>();
  const covered = new Set<string>();
  for (const m of ws["!merges"] ?? []) {
    const r0 = Math.max(m.s.r, range.s.r) - range.s.r;
    const c0 = Math.max(m.s.c, range.s.c) - range.s.c;
    const r1 = Math.min(m.e.r, range.e.r) - range.s.r;
    const c1 = Math.min(m.e.c, range.e.c) - range.s.c;
    if (r1 < r0 || c1 < c0) continue;
    origin.set(`${r0},${c0}`, { rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${r},${c}`);
  }
  // A covered cell's own value is not shown by Excel.
  for (const key of covered) {
    const [r, c] = key.split(",").map(Number);
    texts[r][c] = "";
  }

  const filled = (r: number) => texts[r].filter((t) => t !== "").length;
  // Rows holding at most one text are captions and notes, not grid rows (a title merged across
  // the sheet, "(Kèm theo Báo cáo số …)", "Người lập biểu"); the grid runs from the first to the
  // last row with two texts or more.
  let top = 0;
  while (top < height && filled(top) < 2) top++;
  let bottom = height - 1;
  while (bottom >= top && filled(bottom) < 2) bottom--;

  const paragraph = (r: number): Block | undefined => {
    const text = texts[r].find((t) => t !== "");
    return text === undefined ? undefined : { kind: "paragraph", text, bold: false, italic: false, prov: { page: place.sheetNo, line: range.s.r + r + 1 } };
  };
  const blocks: Block[] = [heading];
  for (let r = 0; r < Math.min(top, height); r++) {
    const p = paragraph(r);
    if (p) blocks.push(p);
  }
  if (top <= bottom) {
    // Columns outside the grid's texts (a margin column, a helper column far right) are cut.
    const used = (c: number) => texts.slice(top, bottom + 1).some((line) => line[c] !== "");
    let left = 0;
    while (left < width && !used(left)) left++;
    let right = width - 1;
    while (right > left && !used(right)) right--;
    const rows: Row[] = [];
    for (let r = top; r <= bottom; r++) {
      const cells: Cell[] = [];
      for (let c = left; c <= right; c++) {
        const key = `${r},${c}`;
        if (covered.has(key)) {
          cells.push({ text: "", bold: false, italic: false, spanned: true });
          continue;
        }
        const m = origin.get(key);
        // A merge reaching past the grid is clipped to it, as the .docx grid clips a rowspan.
        const rowSpan = m ? Math.min(m.rows, bottom - r + 1) : 1;
        const colSpan = m ? Math.min(m.cols, right - c + 1) : 1;
        cells.push({ text: texts[r][c], bold: false, italic: false, ...(colSpan > 1 ? { colSpan } : {}), ...(rowSpan > 1 ? { rowSpan } : {}) });
      }
      // A row with no text and no merged cell carries nothing (rows left blank between groups).
      if (cells.every((c) => c.text === "" && !c.spanned)) continue;
      rows.push({ cells, prov: { page: place.sheetNo, line: range.s.r + r + 1 } });
    }
    if (rows.length) blocks.push({ kind: "table", rows, prov: rows[0].prov });
  }
  for (let r = Math.max(bottom + 1, top); r < height; r++) {
    const p = paragraph(r);
    if (p) blocks.push(p);
  }
  return { blocks, messages };
}
