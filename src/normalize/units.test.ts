import { describe, expect, it } from "vitest";
import { codeForLabel, parseCodedLegend } from "./units.js";

describe("parseCodedLegend", () => {
  it("reads a semicolon-separated yes/no legend", () => {
    expect(parseCodedLegend("Có = 1; Không = 0")).toEqual([
      { label: "Có", code: 1 },
      { label: "Không", code: 0 },
    ]);
  });

  it("keeps a legend with a duplicated code as printed (000 3.2)", () => {
    expect(parseCodedLegend("Có=1; Không=1")).toEqual([
      { label: "Có", code: 1 },
      { label: "Không", code: 1 },
    ]);
  });

  it("splits options that have no separator between them", () => {
    expect(parseCodedLegend("Chưa = 0 Đang làm = 1 Hoàn thành = 2")).toEqual([
      { label: "Chưa", code: 0 },
      { label: "Đang làm", code: 1 },
      { label: "Hoàn thành", code: 2 },
    ]);
    expect(parseCodedLegend("Chưa = 0 Đang làm = 1 Hoàn thành=2")?.map((o) => o.code)).toEqual([0, 1, 2]);
  });

  it("mixes separators and continuation fragments", () => {
    expect(parseCodedLegend("Trực tuyến = 0; Phát phiếu = 1 Kết hợp = 2")).toEqual([
      { label: "Trực tuyến", code: 0 },
      { label: "Phát phiếu", code: 1 },
      { label: "Kết hợp", code: 2 },
    ]);
  });

  it("reads labels that start with a digit", () => {
    expect(parseCodedLegend("Chưa có = 0 2 cấp = 1 3 cấp = 2")).toEqual([
      { label: "Chưa có", code: 0 },
      { label: "2 cấp", code: 1 },
      { label: "3 cấp", code: 2 },
    ]);
  });

  it("reads a legend whose first code is not 0", () => {
    expect(parseCodedLegend("Không = 0 Có = 1")).toEqual([
      { label: "Không", code: 0 },
      { label: "Có", code: 1 },
    ]);
    expect(parseCodedLegend("Đã thực hiện = 1 Chưa thực hiện = 0")).toEqual([
      { label: "Đã thực hiện", code: 1 },
      { label: "Chưa thực hiện", code: 0 },
    ]);
  });

  it("normalises decomposed text and line breaks", () => {
    expect(parseCodedLegend("Co\u0301 = 1;\nKhông = 0")).toEqual([
      { label: "Có", code: 1 },
      { label: "Không", code: 0 },
    ]);
  });

  it("returns null for units that are not legends", () => {
    for (const u of ["%", "Hồ sơ", "10%", "NV Tỉnh giao", "", "x = 1,5", "100 = 1"]) {
      expect(parseCodedLegend(u)).toBeNull();
    }
  });
});

describe("codeForLabel", () => {
  const legend = parseCodedLegend("Chưa = 0 Đang làm = 1 Hoàn thành = 2")!;
  it("finds the code of a printed answer whatever its case and accents", () => {
    expect(codeForLabel(legend, "Hoàn thành")).toBe(2);
    expect(codeForLabel(legend, "HOÀN THÀNH")).toBe(2);
    expect(codeForLabel(legend, "dang lam")).toBe(1);
  });
  it("returns null for a word outside the legend", () => {
    expect(codeForLabel(legend, "Có")).toBeNull();
    expect(codeForLabel(legend, "")).toBeNull();
  });
});
