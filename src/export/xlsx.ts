/**
 * Excel output with SheetJS (`@e965/xlsx`): one sheet per export kind, named after it, with the
 * column names as a header row that is frozen (stays on screen while scrolling) and carries an
 * autofilter. Cells keep their type: numbers and booleans as Excel numbers and booleans, text as
 * shared strings. Text a spreadsheet would run as a formula gets the same leading apostrophe as
 * in CSV (`neutralizeFormula`); SheetJS's community build writes no cell styles, so the
 * apostrophe is part of the stored text rather than Excel's hidden quote prefix.
 */
import { utils, write, type CellObject, type WorkSheet } from "@e965/xlsx";
import JSZip from "jszip";
import { neutralizeFormula } from "../cli/format/csv.js";
import { type ExportColumn, typedValue } from "./columns.js";

/** Excel's limits (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
const XLSX_MAX_ROWS = 1_048_576;
const XLSX_MAX_CELL_CHARS = 32_767;

/** One sheet to write: its name (≤ 31 characters) and rows. */
export interface SheetSource {
  name: string;
  columns: readonly ExportColumn[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

/** What was written: rows per sheet and the text cells cut at Excel's 32 767 characters. */
export interface XlsxResult {
  rows: Record<string, number>;
  truncatedCells: number;
}

/** A sheet with more rows than Excel holds: the export stops (csv or parquet have no limit). */
export class XlsxTooLargeError extends Error {
  constructor(sheet: string) {
    super(`the ${sheet} sheet would have more than ${XLSX_MAX_ROWS - 1} rows, more than Excel holds; export it as --format parquet or csv instead`);
    this.name = "XlsxTooLargeError";
  }
}

const FROZEN_VIEW = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/** The workbook's bytes. Sheets are written in the order given. */
export async function xlsxBytes(sheets: readonly SheetSource[]): Promise<{ bytes: Buffer; result: XlsxResult }> {
  const wb = utils.book_new();
  const result: XlsxResult = { rows: {}, truncatedCells: 0 };
  for (const sheet of sheets) {
    const ws: WorkSheet = {};
    const widths = sheet.columns.map((c) => Math.max(8, c.name.length + 2));
    sheet.columns.forEach((c, col) => (ws[utils.encode_cell({ r: 0, c: col })] = { t: "s", v: c.name }));
    let r = 0;
    for await (const row of sheet.rows) {
      if (r + 2 > XLSX_MAX_ROWS) throw new XlsxTooLargeError(sheet.name);
      sheet.columns.forEach((c, col) => {
        const v = typedValue(c, row[c.name], r);
        if (v === null) return;
        let cell: CellObject;
        if (typeof v === "number") cell = { t: "n", v };
        else if (typeof v === "boolean") cell = { t: "b", v };
        else {
          let s = neutralizeFormula(v);
          if (s.length > XLSX_MAX_CELL_CHARS) {
            s = `${s.slice(0, XLSX_MAX_CELL_CHARS - 1)}…`;
            result.truncatedCells++;
          }
          cell = { t: "s", v: s };
        }
        if (r < 200) widths[col] = Math.min(60, Math.max(widths[col], String(cell.v).length + 1));
        ws[utils.encode_cell({ r: r + 1, c: col })] = cell;
      });
      r++;
    }
    const range = { s: { r: 0, c: 0 }, e: { r, c: Math.max(0, sheet.columns.length - 1) } };
    ws["!ref"] = utils.encode_range(range);
    ws["!autofilter"] = { ref: ws["!ref"] };
    ws["!cols"] = widths.map((wch) => ({ wch }));
    utils.book_append_sheet(wb, ws, sheet.name.slice(0, 31));
    result.rows[sheet.name] = r;
  }
  const raw = write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
  // SheetJS's community build writes no panes: freeze the header row in each sheet's XML.
  const zip = await JSZip.loadAsync(raw);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const frozen = xml.replace(/<sheetView\b[^>]*?\/>/, FROZEN_VIEW);
    if (frozen === xml) throw new Error(`could not freeze the header row of ${name}: no sheetView element`);
    zip.file(name, frozen);
  }
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { bytes, result };
}
