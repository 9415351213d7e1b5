import { describe, expect, it } from "vitest";
import type { TextRun } from "./geometry.js";
import { buildLines, joinRuns, joinWrapped } from "./lines.js";

const run = (text: string, x0: number, y: number, opts: Partial<TextRun> = {}): TextRun => ({
  text,
  x0,
  x1: x0 + text.length * 6,
  y,
  size: 12,
  bold: false,
  italic: false,
  ...opts,
});

describe("joinRuns", () => {
  it("inserts a space where the gap between runs is a word gap", () => {
    expect(joinRuns([run("Số", 100, 700), run("liệu", 100 + 12 + 3, 700)])).toBe("Số liệu");
  });

  it("does not double a space the producer already emitted", () => {
    expect(joinRuns([run("Số ", 100, 700), run("liệu", 100 + 18 + 3, 700)])).toBe("Số liệu");
    expect(joinRuns([run("Số", 100, 700), run(" liệu", 100 + 12 + 3, 700)])).toBe("Số liệu");
  });

  it("joins runs of one word without a space (kerning gaps, style changes)", () => {
    expect(joinRuns([run("Hồ", 100, 700), run("sơ", 112.5, 700, { bold: true })])).toBe("Hồsơ");
  });

  it("reads a field's text as its own word, glued to a number's joiner", () => {
    // "Số:" … blank … "/BC-UBND" with "329" drawn by a signature field into the blank.
    expect(joinRuns([run("Số:", 100, 700), run("329", 130, 700, { field: true }), run("/BC-UBND", 170, 700)])).toBe("Số: 329/BC-UBND");
    // A day drawn flush against "ngày" still reads as a word; printed runs that touch do not.
    expect(joinRuns([run("ngày", 100, 700), run("12", 124.5, 700, { field: true }), run("tháng", 140, 700)])).toBe("ngày 12 tháng");
    expect(joinRuns([run("ngày", 100, 700), run("12", 124.5, 700)])).toBe("ngày12");
  });

  it("keeps one copy of text overprinted to fake bold", () => {
    expect(joinRuns([run("STT", 100, 700), run("STT", 100.4, 700)])).toBe("STT");
  });
});

describe("buildLines", () => {
  it("groups runs by baseline and orders each line left to right", () => {
    const lines = buildLines([run("b", 200, 700), run("c", 100, 717), run("a", 100, 700.5)]);
    expect(lines.map((l) => l.text)).toEqual(["a b", "c"]);
  });

  it("keeps a superscript on its line", () => {
    const lines = buildLines([run("70,5 m", 100, 700, { size: 13 }), run("2", 136, 695.5, { size: 8.5 }), run("next", 100, 717, { size: 13 })]);
    expect(lines.map((l) => l.text)).toEqual(["70,5 m2", "next"]);
  });

  it("marks a line bold only when every run is bold, and records mixed styles", () => {
    const [line] = buildLines([run("* ", 100, 700, { bold: true }), run("Đánh giá", 112, 700, { bold: true, italic: true })]);
    expect(line).toMatchObject({ bold: true, italic: false, anyItalic: true });
  });
});

describe("joinWrapped", () => {
  it("joins soft-wrapped lines with a space", () => {
    expect(joinWrapped("cải cách", "hành chính")).toBe("cải cách hành chính");
  });

  it("joins a code broken after its hyphen without a space", () => {
    expect(joinWrapped("Kế hoạch số 05/KH-", "UBND ngày")).toBe("Kế hoạch số 05/KH-UBND ngày");
  });

  it("keeps the space around a spaced dash", () => {
    expect(joinWrapped("kinh tế -", "xã hội")).toBe("kinh tế - xã hội");
  });
});
