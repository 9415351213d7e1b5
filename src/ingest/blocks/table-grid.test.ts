import { describe, expect, it } from "vitest";
import { expandGrid, type SpanCell } from "./table-grid.js";

const c = (text: string, colSpan = 1, rowSpan = 1): SpanCell => ({ text, bold: false, italic: false, colSpan, rowSpan });

describe("expandGrid", () => {
  it("expands a colspan header and a rowspan STT cell into a regular grid of spanned positions", () => {
    const rows = expandGrid([
      { header: true, prov: {}, cells: [c("STT", 1, 2), c("Chỉ tiêu", 1, 2), c("Kết quả thống kê", 2), c("Ghi chú", 1, 2)] },
      { header: true, prov: {}, cells: [c("Đơn vị tính"), c("Số liệu")] },
      { header: false, prov: {}, cells: [c("1"), c("Số văn bản"), c("Văn bản"), c("6"), c("")] },
    ]);
    expect(rows.map((r) => r.cells.map((x) => x.text))).toEqual([
      ["STT", "Chỉ tiêu", "Kết quả thống kê", "", "Ghi chú"],
      ["", "", "Đơn vị tính", "Số liệu", ""],
      ["1", "Số văn bản", "Văn bản", "6", ""],
    ]);
    expect(rows[0].cells[2]).toMatchObject({ colSpan: 2 });
    expect(rows[0].cells[3]).toMatchObject({ spanned: true });
    expect(rows[1].cells[0]).toMatchObject({ text: "", spanned: true });
    expect(rows[0].cells[0]).toMatchObject({ rowSpan: 2 });
    expect(rows.map((r) => r.header ?? false)).toEqual([true, true, false]);
  });

  it("pads ragged rows and clips a rowspan that runs past the last row", () => {
    const rows = expandGrid([
      { header: false, prov: {}, cells: [c("a", 1, 5), c("b")] },
      { header: false, prov: {}, cells: [c("c"), c("d"), c("e")] },
    ]);
    expect(rows.map((r) => r.cells.map((x) => x.text))).toEqual([
      ["a", "b", "", ""],
      ["", "c", "d", "e"],
    ]);
    expect(rows.every((r) => r.cells.length === 4)).toBe(true);
    expect(rows[0].cells[0].rowSpan).toBe(2);
  });

  it("clamps a huge column span to the HTML limit of 1000, so a hostile w:gridSpan cannot exhaust memory", () => {
    const rows = expandGrid([{ header: false, prov: {}, cells: [c("x", 1_000_000_000), c("y")] }]);
    expect(rows[0].cells).toHaveLength(1001);
    expect(rows[0].cells[0]).toMatchObject({ text: "x", colSpan: 1000 });
    expect(rows[0].cells[1000].text).toBe("y");
  });
});
