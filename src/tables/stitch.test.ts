import { describe, expect, it } from "vitest";
import type { Block, Document, Row } from "../model/document.js";
import { buildTables } from "./stitch.js";

const row = (...texts: string[]): Row => ({
  cells: texts.map((text) => ({ text, bold: false, italic: false })),
  prov: {},
});
const table = (...rows: Row[]): Block => ({ kind: "table", rows, prov: {} });
const para = (text: string): Block => ({ kind: "paragraph", text, bold: false, italic: false, prov: {} });
const doc = (...blocks: Block[]): Document => ({
  source: { path: "t", format: "txt", sha256: "", bytes: 0, conversions: [] },
  blocks,
});
const HEADER = [row("STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"), row("", "", "Đơn vị tính", "Số liệu", "")];

describe("buildTables", () => {
  it("joins a table split across three pages and drops the repeated header rows", () => {
    const t = buildTables(
      doc(
        para("PHỤ LỤC 1a"),
        para("Báo cáo nội dung"),
        table(...HEADER, row("1", "A", "Văn bản", "6", "")),
        { kind: "pageBreak", prov: { page: 2 } },
        table(...HEADER, row("2", "B", "%", "5", "")),
        para("\u00a0"),
        table(...HEADER, row("3", "C", "%", "7", "")),
      ),
    );
    expect(t).toHaveLength(1);
    expect(t[0].fragments).toBe(3);
    expect(t[0].rows.map((r) => r.cells[0].text)).toEqual(["1", "2", "3"]);
    expect(t[0].fragmentStart).toEqual([false, true, true]);
    expect(t[0].kind).toBe("indicators");
    expect(t[0].roles).toEqual(["code", "name", "unit", "value", "note"]);
    expect(t[0].title).toBe("PHỤ LỤC 1a: Báo cáo nội dung");
  });
  it("joins a continuation that does not repeat the header", () => {
    const h = row("Stt", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2024", "Cơ quan thực hiện");
    const t = buildTables(doc(table(h, row("1", "A", "%", "80", "X")), para(""), table(row("2", "B", "%", "90", "Y"))));
    expect(t).toHaveLength(1);
    expect(t[0].kind).toBe("targets");
    expect(t[0].rows).toHaveLength(2);
  });
  it("keeps tables apart when a titled paragraph stands between them", () => {
    const h = row("TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu");
    const t = buildTables(
      doc(para("BIỂU MẪU 1"), table(h, row("1.", "A", "Văn bản", "7")), para("BIỂU MẪU 2"), para("Cải cách thể chế"), table(h, row("1.", "B", "Văn bản", "1"))),
    );
    expect(t.map((x) => x.title)).toEqual(["BIỂU MẪU 1", "BIỂU MẪU 2: Cải cách thể chế"]);
  });
  it("does not join tables of different widths", () => {
    const t = buildTables(doc(table(row("STT", "Chỉ tiêu", "Số liệu"), row("1", "A", "2")), table(row("x", "y"), row("1", "2"))));
    expect(t).toHaveLength(2);
  });
  it("recognises a task table from its header cells", () => {
    const t = buildTables(
      doc(table(row("Stt", "Nội dung công việc", "Kết quả công việc", "Bộ phận thực hiện", "Thời gian thực hiện"), row("1", "a", "b", "c", "d"))),
    );
    expect(t[0].kind).toBe("tasks");
  });
  it("treats a header with a parenthetical note as a header", () => {
    const t = buildTables(doc(table(row("STT", "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo)", "Đơn vị tính", "Số liệu"), row("1.", "A", "%", "1"))));
    expect(t[0].headerRows).toHaveLength(1);
    expect(t[0].rows).toHaveLength(1);
  });
  it("never reads a layout table (the header block) as data", () => {
    const layout: Block = { kind: "table", layout: true, rows: [row("STT", "Chỉ tiêu", "Số liệu")], prov: {} };
    expect(buildTables(doc(layout))).toHaveLength(0);
  });
  it("sets a score table apart as a matrix, never as a statistics appendix (STT | Nội dung | Tỷ lệ | Điểm số | Thứ hạng)", () => {
    const t = buildTables(doc(table(row("STT", "Nội dung", "Tỷ lệ", "Điểm số", "Thứ hạng"), row("1", "Tỷ lệ TTHC công bố đúng hạn", "71,96%", "4,32", ""))));
    expect(t[0].kind).toBe("matrix");
    expect(t[0].columns.map((c) => c.valueRole)).toEqual([null, null, "ratio", "score", "rank"]);
  });
  it("reads a unit-by-year table as a matrix and the years from its header", () => {
    const t = buildTables(doc(table(row("STT", "Đơn vị", "Năm 2023", "Năm 2024"), row("1", "UBND xã A", "80,5", "85"))));
    expect(t[0].kind).toBe("matrix");
    expect(t[0].columns.map((c) => c.year)).toEqual([null, null, 2023, 2024]);
  });
  it("resolves a merged two-row header of a text export into one header path per column", () => {
    const t = buildTables(doc(table(...HEADER, row("1", "A", "Văn bản", "6", ""))));
    expect(t[0].columns.map((c) => c.path.join(" › "))).toEqual(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê › Đơn vị tính", "Kết quả thống kê › Số liệu", "Ghi chú"]);
  });
  it("takes a merged header cell's text for every column it covers (docx/PDF colSpan and rowSpan)", () => {
    const cell = (text: string, extra: object = {}) => ({ text, bold: false, italic: false, ...extra });
    const top: Row = { cells: [cell("STT", { rowSpan: 2 }), cell("Nội dung", { rowSpan: 2 }), cell("Lâm Đồng", { colSpan: 2 }), cell("", { spanned: true })], header: true, prov: {} };
    const second: Row = { cells: [cell("", { spanned: true }), cell("", { spanned: true }), cell("Điểm số"), cell("Thứ hạng")], header: true, prov: {} };
    const t = buildTables(doc(table(top, second, row("1", "Cải cách thể chế", "9,38", "20/63"))));
    expect(t[0].columns.map((c) => c.path.join(" › "))).toEqual(["STT", "Nội dung", "Lâm Đồng › Điểm số", "Lâm Đồng › Thứ hạng"]);
    expect(t[0].kind).toBe("matrix");
  });
  it("keeps a text-only group row over a recognised header row in the header", () => {
    const t = buildTables(doc(table(row("Tỉnh", "PAR Index", "", "PCI", ""), row("", "Điểm số", "Thứ hạng", "Điểm số", "Thứ hạng"), row("Lâm Đồng", "83,1/100", "62/63", "65,08", "54/63"))));
    expect(t[0].headerRows).toHaveLength(2);
    expect(t[0].rows).toHaveLength(1);
    expect(t[0].columns[2].path).toEqual(["PAR Index", "Thứ hạng"]);
  });
});

