#!/usr/bin/env node
/**
 * Builds the .xlsx fixtures in test/fixtures/xlsx/ with SheetJS (the library the ingest reads
 * them with is also a writer, so no Excel or LibreOffice is needed). Each fixture is named for
 * what it tests. Run: node scripts/make-xlsx-fixtures.mjs   (deterministic; commit the files).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { utils, write } from "@e965/xlsx";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "xlsx");
const FIXED = new Date("2025-01-01T00:00:00Z");

const range = (a) => utils.decode_range(a);

/** A workbook from [name, sheet, hidden] triples, written with fixed document properties. */
function book(sheets) {
  const wb = utils.book_new();
  for (const [name, ws] of sheets) utils.book_append_sheet(wb, ws, name);
  wb.Workbook = { Sheets: sheets.map(([name, , hidden]) => ({ name, Hidden: hidden ?? 0 })) };
  wb.Props = { Title: "", Author: "baocao fixtures", CreatedDate: FIXED, ModifiedDate: FIXED };
  return write(wb, { type: "buffer", bookType: "xlsx", compression: true });
}

/**
 * A statistics appendix as offices fill it in Excel: caption rows merged across the sheet, a
 * two-row header with merged cells (STT, Chỉ tiêu and Ghi chú over two rows, "Kết quả thống kê"
 * over Đơn vị tính and Số liệu), a group row, counts with a thousands format, a rate computed by
 * a formula (cached value, percentage format), a coded row, and the signer's line below.
 */
function appendixSheet() {
  const ws = utils.aoa_to_sheet([
    ["BIỂU MẪU 1"],
    ["Kết quả giải quyết thủ tục hành chính"],
    ["(Kèm theo Báo cáo số 12/BC-UBND ngày 20/6/2025 của UBND xã An Bình)"],
    ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", null, "Ghi chú"],
    [null, null, "Đơn vị tính", "Số liệu", null],
    ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", null, null, null],
    ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", 1034, null],
    ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", 1000, null],
    ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", null, "Tự tính"],
    ["4", "Tổ chức đối thoại với người dân", "Có = 1; Không = 0", 1, null],
    [null, null, null, null, null],
    ["Người lập biểu"],
  ]);
  ws.D7.z = "#,##0";
  ws.D8.z = "#,##0";
  // The rate as Excel saves it: the formula and the value it last computed.
  ws.D9 = { t: "n", f: "D8/D7", v: 1000 / 1034, z: "0.00%" };
  ws["!merges"] = ["A1:E1", "A2:E2", "A3:E3", "A4:A5", "B4:B5", "C4:D4", "E4:E5"].map(range);
  return ws;
}

/** A helper sheet of lookups, hidden as offices keep them. */
function hiddenSheet() {
  return utils.aoa_to_sheet([
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
    ["9", "Dòng tính phụ không được báo cáo", "Hồ sơ", 5],
  ]);
}

mkdirSync(OUT, { recursive: true });
const appendix = book([
  ["Biểu 1", appendixSheet()],
  ["Tính toán", hiddenSheet(), 1],
]);
writeFileSync(join(OUT, "appendix.xlsx"), appendix);

// A formula saved without its value (written by a tool that does not calculate).
const unsaved = appendixSheet();
unsaved.D9 = { t: "n", f: "D8/D7", z: "0.00%" };
writeFileSync(join(OUT, "formula-without-value.xlsx"), book([["Biểu 1", unsaved]]));

// The appendix cut in the middle of its parts: the ZIP directory at the end is gone.
writeFileSync(join(OUT, "corrupt.xlsx"), appendix.subarray(0, Math.floor(appendix.length * 0.6)));
// A zip bomb's directory: the first entry declares 2 GB uncompressed (the bytes are the appendix's).
const bomb = Buffer.from(appendix);
const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
bomb.writeUInt32LE(0x80000000, central + 24);
writeFileSync(join(OUT, "declared-too-large.xlsx"), bomb);
console.log(`wrote ${OUT}`);
