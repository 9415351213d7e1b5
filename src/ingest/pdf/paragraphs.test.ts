import { describe, expect, it } from "vitest";
import type { Line } from "./geometry.js";
import { makeLine } from "./lines.js";
import { flowStats, paragraphBlock, segment } from "./paragraphs.js";
import { dropRunning } from "./running.js";

/** A line of `text` at baseline y, 6 pt per character from x0 (12 pt font). */
function line(text: string, y: number, opts: { x0?: number; bold?: boolean; width?: number } = {}): Line {
  const x0 = opts.x0 ?? 85;
  return makeLine([{ text, x0, x1: x0 + (opts.width ?? text.length * 6), y, size: 12, bold: opts.bold ?? false, italic: false }]);
}
const FULL = 467; // a justified line reaches the right edge at 552
const texts = (groups: Line[][]) => groups.map((g) => paragraphBlock(g, 1).text);

describe("segment", () => {
  it("joins soft-wrapped lines and splits at paragraph spacing", () => {
    const lines = [line("đoạn một dòng một", 100, { width: FULL }), line("dòng hai.", 116), line("Đoạn hai", 140, { width: FULL }), line("kết thúc.", 156)];
    expect(texts(segment(lines, flowStats([lines])))).toEqual(["đoạn một dòng một dòng hai.", "Đoạn hai kết thúc."]);
  });

  it("ends a paragraph at a short last line even without extra spacing", () => {
    const lines = [line("Dòng dài", 100, { width: FULL }), line("ngắn.", 116), line("Đoạn mới", 132, { width: FULL }), line("tiếp.", 148)];
    expect(texts(segment(lines, flowStats([lines])))).toEqual(["Dòng dài ngắn.", "Đoạn mới tiếp."]);
  });

  it("never merges a bold heading into the body text after it", () => {
    const lines = [line("I. CÔNG TÁC CHỈ ĐẠO", 100, { bold: true, width: FULL }), line("Nội dung", 116, { width: FULL }), line("hết.", 132)];
    const groups = segment(lines, flowStats([lines]));
    expect(texts(groups)).toEqual(["I. CÔNG TÁC CHỈ ĐẠO", "Nội dung hết."]);
    expect(paragraphBlock(groups[0], 1).bold).toBe(true);
  });

  it("starts a paragraph at a first-line indent after body lines", () => {
    const lines = [line("Một", 100, { x0: 120, width: FULL - 35 }), line("hai", 116, { width: FULL }), line("ba", 132, { width: FULL }), line("Bốn", 148, { x0: 120 })];
    expect(texts(segment(lines, flowStats([lines])))).toEqual(["Một hai ba", "Bốn"]);
  });

  it("marks a printed bullet as a list item and keeps the bullet", () => {
    const [g] = segment([line("- Lưu: VT.", 100)], flowStats([]));
    expect(paragraphBlock(g, 3)).toMatchObject({ text: "- Lưu: VT.", listItem: true, prov: { page: 3 } });
  });
});

describe("dropRunning", () => {
  const page = (...lines: Line[]) => ({ lines, height: 842 });
  it("drops page numbers at the foot and heads repeated on most pages", () => {
    const pages = [1, 2, 3].map((n) => page(line("UBND XÃ A - Báo cáo CCHC", 40), line("Nội dung", 300 + n), line(`- ${n} -`, 815)));
    const { pages: kept, dropped } = dropRunning(pages);
    expect(kept.map((ls) => ls.map((l) => l.text))).toEqual([["Nội dung"], ["Nội dung"], ["Nội dung"]]);
    expect(dropped).toBe(6);
  });

  it("keeps appendix titles that open consecutive pages", () => {
    const pages = [1, 2, 3, 4].map((n) => page(line(`BIỂU MẪU ${n}`, 70), line("Bảng", 300)));
    expect(dropRunning(pages).dropped).toBe(0);
  });

  it("keeps a number that belongs to the text flow", () => {
    const { pages } = dropRunning([page(line("Tổng số:", 790), line("12", 806))]);
    expect(pages[0].map((l) => l.text)).toEqual(["Tổng số:", "12"]);
  });
});
