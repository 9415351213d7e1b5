import { describe, expect, it } from "vitest";
import { latexToText, parseValue, parseVietnameseNumber } from "./value.js";

describe("parseVietnameseNumber", () => {
  it.each([
    ["7", 7],
    ["02", 2],
    ["1.034", 1034],
    ["1.234.567", 1234567],
    ["16,67", 16.67],
    ["98.66", 98.66],
    ["76.70", 76.7],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["0,5", 0.5],
    ["-3", -3],
  ])("reads %s as %d", (text, n) => {
    expect(parseVietnameseNumber(text)).toBe(n);
  });
  it("refuses text that is not a number", () => {
    expect(parseVietnameseNumber("12a")).toBeNull();
    expect(parseVietnameseNumber("")).toBeNull();
  });
});

describe("parseValue", () => {
  const v = (raw: string | null, unit: string | null = null) => parseValue(raw, unit);
  it("reads thousands grouped by spaces and a ratio followed by its percentage", () => {
    expect(v("9 870").value).toBe(9870);
    expect(v("1 234 567").value).toBe(1234567);
    expect(v("12/15 (80%)")).toEqual({ value: 80, numerator: 12, denominator: 15 });
    expect(v("2 cấp").value).toBe(2);
  });
  it("reads plain counts with leading zeros and thousands dots", () => {
    expect(v("01").value).toBe(1);
    expect(v("1.034").value).toBe(1034);
  });
  it("reads percentages in Vietnamese and English style", () => {
    expect(v("16,67%").value).toBe(16.67);
    expect(v("98.66%").value).toBe(98.66);
    expect(v("76.70 %").value).toBe(76.7);
  });
  it("reads a stated ratio x/y = z% as z with its numerator and denominator", () => {
    expect(v("317/1.034 = 31%")).toEqual({ value: 31, numerator: 317, denominator: 1034 });
    expect(v("184/184= 100%")).toEqual({ value: 100, numerator: 184, denominator: 184 });
    expect(v("27/101 =26%")).toEqual({ value: 26, numerator: 27, denominator: 101 });
  });
  it("reads a LaTeX fraction from a Word equation", () => {
    expect(v("$\\frac{317}{1.034} = 31\\%$")).toEqual({ value: 31, numerator: 317, denominator: 1034 });
    expect(latexToText("$\\frac{317}{1.034} = 31\\%$")).toBe("317/1.034 = 31%");
  });
  it("reads z% (x/y) as z with its ratio", () => {
    expect(v("100% (19/19)")).toEqual({ value: 100, numerator: 19, denominator: 19 });
  });
  it("reads a bare fraction as its numerator", () => {
    expect(v("01/01")).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(v("02/02")).toEqual({ value: 2, numerator: 2, denominator: 2 });
  });
  it("reads a number followed by a note as the number", () => {
    expect(v("126 (+01 TTHC cấp Thành phố thực hiện tiếp nhận tại Phường)").value).toBe(126);
  });
  it("gives a legend word its code and leaves other words null", () => {
    expect(v("Có", "Có = 1; Không = 0").value).toBe(1);
    expect(v("không", "Có = 1; Không = 0").value).toBe(0);
    expect(v("3 cấp", "Chưa có = 0 2 cấp = 1 3 cấp = 2").value).toBe(2);
    expect(v("Đang làm", "Có = 1; Không = 0").value).toBeNull();
  });
  it("keeps free text and empty cells as null", () => {
    expect(v("Phiếu tại Bộ phận một cửa").value).toBeNull();
    expect(v(null).value).toBeNull();
    expect(v("  ").value).toBeNull();
    expect(v("-").value).toBeNull();
  });
});
