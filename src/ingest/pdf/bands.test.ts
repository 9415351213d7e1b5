import { describe, expect, it } from "vitest";
import { findColumnBands } from "./bands.js";
import type { Line, TextRun } from "./geometry.js";
import { makeLine } from "./lines.js";

/** A line of runs given as [text, x0, x1]; 12 pt. */
function line(y: number, ...runs: [string, number, number][]): Line {
  return makeLine(runs.map(([text, x0, x1]): TextRun => ({ text, x0, x1, y, size: 12, bold: false, italic: false })));
}

const cellTexts = (lines: Line[]) => findColumnBands(lines, 1).map((b) => b.table.rows.map((r) => r.cells.map((c) => c.text)));

describe("findColumnBands", () => {
  it("takes two columns with a common gutter, and stops at a full-width line", () => {
    const lines = [
      line(100, ["Nơi nhận:", 85, 140], ["TM. ỦY BAN NHÂN DÂN", 350, 480]),
      line(114, ["- Như trên;", 85, 150], ["CHỦ TỊCH", 385, 445]),
      line(127, ["- Lưu: VT.", 85, 145]),
      line(190, ["Nguyễn Văn An", 370, 460]),
      line(215, ["Ghi chú: văn bản này được ký số và gửi qua hệ thống quản lý văn bản điều hành.", 85, 540]),
    ];
    expect(cellTexts(lines)).toEqual([
      [
        ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"],
        ["- Như trên;", "CHỦ TỊCH"],
        ["- Lưu: VT.", ""],
        ["", "Nguyễn Văn An"],
      ],
    ]);
  });

  it("does not take body lines whose wide gaps do not line up, nor a line with a column on one side only", () => {
    expect(cellTexts([line(100, ["Số lượng hồ sơ:", 85, 180], ["1.034", 200, 240], ["hồ sơ đã tiếp nhận trong kỳ", 245, 400]), line(114, ["Trong đó đúng hạn", 85, 300], ["317", 320, 340])])).toEqual([]);
    expect(cellTexts([line(100, ["Số: 09/BC-UBND", 90, 200], ["Hà Nội, ngày 08 tháng 3 năm 2024", 300, 500])])).toEqual([]);
  });

  it("leaves a name that is not centred under the titles out of the band", () => {
    const lines = [
      line(100, ["Nơi nhận:", 85, 140], ["KT. GIÁM ĐỐC", 380, 460]),
      line(114, ["- Như trên;", 85, 150], ["PHÓ GIÁM ĐỐC", 375, 465]),
      line(180, ["Ghi chú", 300, 340]),
    ];
    expect(cellTexts(lines)[0].map((r) => r[1])).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
  });
});
