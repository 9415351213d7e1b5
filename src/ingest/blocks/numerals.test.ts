import { describe, expect, it } from "vitest";
import { formatNumber } from "./numerals.js";

describe("formatNumber", () => {
  it("prints Roman numerals, letters past z and zero-padded decimals as Word does", () => {
    expect([1, 4, 9, 14, 40].map((n) => formatNumber(n, "upperRoman"))).toEqual(["I", "IV", "IX", "XIV", "XL"]);
    expect(formatNumber(3, "lowerRoman")).toBe("iii");
    expect([1, 26, 27, 28].map((n) => formatNumber(n, "lowerLetter"))).toEqual(["a", "z", "aa", "bb"]);
    expect(formatNumber(2, "upperLetter")).toBe("B");
    expect(formatNumber(7, "decimalZero")).toBe("07");
    expect(formatNumber(5, "ordinalText")).toBe("5");
  });
});
