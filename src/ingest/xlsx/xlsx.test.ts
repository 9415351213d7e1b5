import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block, Table } from "../../model/document.js";
import { UnusableInputError } from "../../model/message.js";
import { extractFile } from "../../pipeline/extract.js";
import { detectFormat } from "../detect.js";
import { ingestXlsx } from "./index.js";
import { cellText, vietnameseSeparators } from "./sheet.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/xlsx");
const path = (name: string) => join(FIXTURES, name);
const ingest = (name: string) => ingestXlsx({ file: path(name), bytes: readFileSync(path(name)), sha256: "0" }, {});
const texts = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === "table");

describe("xlsx ingest on appendix.xlsx", () => {
  it("is told from a Word package by its workbook part, also when named .docx", () => {
    const bytes = readFileSync(path("appendix.xlsx"));
    expect(detectFormat("a.xlsx", bytes)).toBe("xlsx");
    expect(detectFormat("a.docx", bytes)).toBe("xlsx");
    expect(detectFormat("a.docx", readFileSync(join(FIXTURES, "../docx/merged-cells.docx")))).toBe("docx");
  });

  it("gives the sheet name as a heading, the caption rows as paragraphs and the used range as one grid with merges expanded", async () => {
    const { value, messages } = await ingest("appendix.xlsx");
    expect(value.source).toMatchObject({ format: "xlsx", pages: 2 });
    expect(value.blocks.map((b) => (b.kind === "paragraph" ? `p:${b.text}` : b.kind))).toEqual([
      "p:Biểu 1",
      "p:BIỂU MẪU 1",
      "p:Kết quả giải quyết thủ tục hành chính",
      "p:(Kèm theo Báo cáo số 12/BC-UBND ngày 20/6/2025 của UBND xã An Bình)",
      "table",
      "p:Người lập biểu",
    ]);
    expect(value.blocks[0]).toMatchObject({ headingLevel: 1, bold: true, prov: { page: 1 } });
    const [t] = tables(value.blocks);
    expect(texts(t)).toEqual([
      ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"],
      ["", "", "Đơn vị tính", "Số liệu", ""],
      ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
      ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "1.034", ""],
      ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "1.000", ""],
      ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "96,71%", "Tự tính"],
      ["4", "Tổ chức đối thoại với người dân", "Có = 1; Không = 0", "1", ""],
    ]);
    expect(t.rows[0].cells[0]).toMatchObject({ rowSpan: 2 });
    expect(t.rows[0].cells[2]).toMatchObject({ colSpan: 2 });
    expect(t.rows[0].cells[3]).toMatchObject({ spanned: true, text: "" });
    expect(t.rows[1].cells[4]).toMatchObject({ spanned: true });
    // Row provenance is the spreadsheet row number on the sheet's position.
    expect(t.rows[3].prov).toEqual({ page: 1, line: 7 });
    // The hidden helper sheet gives no block, only the message.
    expect(JSON.stringify(value.blocks)).not.toContain("Dòng tính phụ");
    expect(messages).toEqual([
      {
        severity: "info",
        ruleId: "ingest.xlsx.hidden-sheet",
        reason: 'Sheet "Tính toán" is hidden and was skipped.',
        place: { file: path("appendix.xlsx"), page: 2 },
        actual: "Tính toán",
      },
    ]);
  });

  it("gives indicator records through the table stages, the formula read as its cached percentage", async () => {
    const { extraction } = await extractFile(path("appendix.xlsx"), { ocr: false });
    expect(extraction.status).toBe("ok");
    expect(extraction.format).toBe("xlsx");
    expect(extraction.indicators.map((r) => [r.code, r.name, r.unit, r.rawValue, r.value, r.note])).toEqual([
      ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", null, null, null, null],
      ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "1.034", 1034, null],
      ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "1.000", 1000, null],
      ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "96,71%", 96.71, "Tự tính"],
      ["4", "Tổ chức đối thoại với người dân", "Có = 1; Không = 0", "1", 1, null],
    ]);
    expect(extraction.indicators[0]).toMatchObject({ tableTitle: "BIỂU MẪU 1: Kết quả giải quyết thủ tục hành chính", isGroup: true });
    expect(extraction.indicators[3].codePath).toEqual(["I"]);
    expect(extraction.messages.map((m) => m.ruleId)).toContain("ingest.xlsx.hidden-sheet");
    expect(extraction.metadata).toMatchObject({ number: "12/BC-UBND", date: "2025-06-20" });
  });
});

describe("xlsx ingest on bad workbooks", () => {
  it("reads a formula saved without a value as empty and says so with the cell", async () => {
    const { value, messages } = await ingest("formula-without-value.xlsx");
    expect(texts(tables(value.blocks)[0])[5][3]).toBe("");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: "warning", ruleId: "ingest.xlsx.formula-without-value", place: { page: 1 }, actual: ["Biểu 1!D9"] });
    expect(messages[0].reason).toContain("D9");
  });

  it("fails a truncated workbook as a workbook, with advice", async () => {
    const bytes = readFileSync(path("corrupt.xlsx"));
    expect(detectFormat("x.xlsx", bytes)).toBe("xlsx");
    await expect(ingest("corrupt.xlsx")).rejects.toThrow(UnusableInputError);
    const { extraction } = await extractFile(path("corrupt.xlsx"));
    expect(extraction.status).toBe("failed");
    expect(extraction.messages).toEqual([
      expect.objectContaining({ severity: "error", ruleId: "ingest.xlsx.corrupt", reason: expect.stringContaining("Re-save it from Excel or LibreOffice") }),
    ]);
  });
});

describe("xlsx zip bombs", () => {
  it("refuses a workbook whose directory declares more than 200 MB before inflating anything", async () => {
    await expect(ingest("declared-too-large.xlsx")).rejects.toMatchObject({ ruleId: "ingest.xlsx.too-large" });
  });
});

describe("cell text", () => {
  it("shows numbers through their format with the Vietnamese separators", () => {
    expect(vietnameseSeparators("1,034.5")).toBe("1.034,5");
    expect(vietnameseSeparators("16.67%")).toBe("16,67%");
    expect(vietnameseSeparators("Quý 1. Năm 2025")).toBe("Quý 1. Năm 2025");
    expect(cellText({ t: "n", v: 0.5, z: "0%" })).toBe("50%");
    expect(cellText({ t: "n", v: 1234567 })).toBe("1234567");
    expect(cellText({ t: "n", v: 16.67 })).toBe("16,67");
    expect(cellText({ t: "s", v: " Hồ sơ\r\n(bản giấy) " })).toBe("Hồ sơ\n(bản giấy)");
    expect(cellText(undefined)).toBe("");
  });
});
