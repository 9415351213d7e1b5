import { describe, expect, it } from "vitest";
import type { Cell, Row } from "../model/document.js";
import { headerPaths, joinPath } from "./meaning.js";

/** A header row from "text", "text/span" (origin of a merge over span columns) and "-" (covered). */
function row(...cells: string[]): Row {
  const out: Cell[] = [];
  for (const c of cells) {
    if (c === "-") out.push({ text: "", bold: true, italic: false, spanned: true });
    else {
      const [text, span] = c.split("/");
      out.push({ text, bold: true, italic: false, ...(span ? { colSpan: Number(span) } : {}) });
    }
  }
  return { cells: out, prov: { line: 1 } };
}

describe("header paths", () => {
  it("gives a merged sub-header cut by a misaligned group above one path, the one no other column has", () => {
    // Word grid of a real PAR Index table: "B" spans four grid columns, the fourth being the
    // first half of "C"'s merged "Điểm số".
    const top = row("STT", "A/3", "-", "-", "B/4", "-", "-", "-", "C/3", "-", "-");
    const sub = row("", "Điểm số", "Chỉ số", "Thứ hạng", "Điểm số", "Chỉ số", "Thứ hạng", "Điểm số/2", "-", "Chỉ số", "Thứ hạng");
    expect(headerPaths([top, sub], 11).map(joinPath)).toEqual([
      "STT",
      "A › Điểm số", "A › Chỉ số", "A › Thứ hạng",
      "B › Điểm số", "B › Chỉ số", "B › Thứ hạng",
      "C › Điểm số", "C › Điểm số", "C › Chỉ số", "C › Thứ hạng",
    ]);
  });

  it("keeps the columns of a group header split by the sub-headers below it", () => {
    const top = row("STT", "Chỉ tiêu", "Kết quả/3", "-", "-");
    const sub = row("", "", "Kế hoạch", "Thực hiện", "Tỷ lệ");
    expect(headerPaths([top, sub], 5).map(joinPath)).toEqual(["STT", "Chỉ tiêu", "Kết quả › Kế hoạch", "Kết quả › Thực hiện", "Kết quả › Tỷ lệ"]);
  });
});
