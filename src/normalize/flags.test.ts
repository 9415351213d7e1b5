import { describe, expect, it } from "vitest";
import { templateRecords, toRecords } from "../../test/fixtures/indicators/records.js";
import { loadCheckParams, ratioAgrees, roundingTolerance } from "./flags.js";
import { normalizeIndicators } from "./indicators.js";

const run = (rows: Parameters<typeof toRecords>[0]) => normalizeIndicators(toRecords(rows), "fixture.txt");
const flagsOf = (rows: Parameters<typeof toRecords>[0]) => run(rows).value.map((r) => r.flags);
const t = loadCheckParams()["ratio.mismatch"];

describe("rounding tolerance", () => {
  it("is half a unit of the last printed decimal plus slack", () => {
    expect(roundingTolerance(31, t)).toBeCloseTo(0.51);
    expect(roundingTolerance(16.67, t)).toBeCloseTo(0.015);
  });
  it("accepts 317/1.034 = 31% (30.66 rounds to 31) and rejects 30%", () => {
    expect(ratioAgrees(31, 317, 1034, t)).toBe(true);
    expect(ratioAgrees(30, 317, 1034, t)).toBe(false);
    expect(ratioAgrees(16.67, 1, 6, t)).toBe(true);
    expect(ratioAgrees(16.6, 1, 6, t)).toBe(false);
  });
});

describe("ratio.mismatch", () => {
  const row = (rawValue: string, value: number, numerator: number, denominator: number) => ({
    code: "3.1",
    name: "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
    unit: "%",
    rawValue,
    value,
    numerator,
    denominator,
  });
  it("does not fire on 001's '317/1.034 = 31%'", () => {
    expect(flagsOf([row("317/1.034 = 31%", 31, 317, 1034)])).toEqual([[]]);
  });
  it("fires when the stated percent is off by more than rounding", () => {
    expect(flagsOf([row("317/1.034 = 30%", 30, 317, 1034)])).toEqual([["ratio.mismatch"]]);
    // 001 L238: 74/101 = 73.27%, printed as 74%.
    expect(flagsOf([row("74/101 =74%", 74, 74, 101)])).toEqual([["ratio.mismatch"]]);
  });
  it("leaves a count printed as a fraction alone (003 '02/02' in a count row)", () => {
    expect(flagsOf([{ code: "1.2.", name: "Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm theo quy định", unit: "Cơ quan, đơn vị", rawValue: "02/02", value: 2, numerator: 2, denominator: 2 }])).toEqual([[]]);
  });
  it("raises a warning message with the place and the computed percent", () => {
    const { messages } = run([row("317/1.034 = 30%", 30, 317, 1034)]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: "warning", ruleId: "ratio.mismatch", place: { file: "fixture.txt", table: 0, row: 0 }, actual: 30, expected: 30.66 });
  });
});

describe("rate.children_mismatch", () => {
  const plan = (rate: number, planned: number, done: number) => [
    { code: "2", name: "Tỷ lệ hoàn thành Kế hoạch CCHC năm", unit: "%", value: rate },
    { code: "2.1", name: "Số nhiệm vụ đề ra trong kế hoạch", unit: "Nhiệm vụ", value: planned },
    { code: "2.2", name: "Số nhiệm vụ đã hoàn thành", unit: "Nhiệm vụ", value: done },
  ];
  it("fires when a rate disagrees with its planned/done child rows", () => {
    expect(flagsOf(plan(50, 7, 3))).toEqual([["rate.children_mismatch"], [], []]);
  });
  it("does not fire when the rate agrees within rounding (001: 16,67% of 1/6)", () => {
    expect(flagsOf(plan(16.67, 6, 1))).toEqual([[], [], []]);
    expect(flagsOf(plan(43, 7, 3))).toEqual([[], [], []]);
  });
  it("finds the rows among siblings when the template prints them beside the rate (000 VI)", () => {
    const rows = [
      { code: "VI", name: "CẢI CÁCH TÀI CHÍNH CÔNG" },
      { code: "", name: "Tỷ lệ thực hiện Kế hoạch giải ngân vốn đầu tư công", unit: "%", value: 90 },
      { code: "1", name: "Kế hoạch được giao", unit: "Triệu đồng", value: 215 },
      { code: "2", name: "Đã thực hiện", unit: "Triệu đồng", value: 215 },
    ];
    expect(flagsOf(rows)[1]).toEqual(["rate.children_mismatch"]);
  });
  it("skips a rate whose denominator is zero", () => {
    expect(flagsOf(plan(100, 0, 0))).toEqual([[], [], []]);
  });
});

describe("percent.out_of_range", () => {
  it("fires on a rate above 100 or below 0", () => {
    expect(flagsOf([{ code: "3.3", name: "Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra", unit: "%", value: 120 }])).toEqual([["percent.out_of_range"]]);
    expect(flagsOf([{ code: "3.3", name: "Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra", unit: "%", value: -5 }])).toEqual([["percent.out_of_range"]]);
  });
  it("does not double-flag a count in a '%' row", () => {
    expect(flagsOf([{ code: "1.1", name: "Số lượng VB điện tử", unit: "%", value: 233 }])).toEqual([["unit.count_in_percent"]]);
  });
});

describe("coded.out_of_set", () => {
  it("fires on 000 3.2: 'Có=1; Không=1' with 2", () => {
    expect(flagsOf([{ code: "3.2", name: "Đã thực hiện tự kiểm tra", unit: "Có=1; Không=1", value: 2 }])).toEqual([["coded.out_of_set"]]);
  });
  it("does not fire on a code of the legend", () => {
    expect(flagsOf([{ code: "5.2", name: "Hình thức khảo sát", unit: "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2", value: 2 }])).toEqual([[]]);
  });
});

describe("unit.count_in_percent", () => {
  it("fires on 000 L351-352: count labels with 233 under '%'", () => {
    const flags = flagsOf([
      { code: "1", name: "Số liệu về trao đổi văn bản điện tử: Tỷ lệ sử dụng văn bản điện tử", value: 100 },
      { code: "1.1", name: "Số lượng VB điện tử (Chỉ thống kê tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử)", unit: "%", value: 233 },
      { code: "1.2", name: "Số lượng CV đi (VB, BC, KH,... theo dõi trên số CV đi)", unit: "%", value: 233 },
    ]);
    expect(flags).toEqual([[], ["unit.count_in_percent"], ["unit.count_in_percent"]]);
  });
  it("fires on 003 L273: 'Số cơ quan, đơn vị được thanh tra' in '%'", () => {
    expect(flagsOf([{ code: "4.1.", name: "Số cơ quan, đơn vị được thanh tra", unit: "%", value: 0 }])).toEqual([["unit.count_in_percent"]]);
  });
  it("fires on an integer above 100 under a label that is not a rate", () => {
    expect(flagsOf([{ code: "5", name: "Văn bản điện tử đã gửi", unit: "%", value: 412 }])).toEqual([["unit.count_in_percent"]]);
  });
  it("does not fire on 'Số liệu về …' or on a rate", () => {
    expect(flagsOf([{ code: "5", name: "Số liệu về trao đổi văn bản điện tử", unit: "%", value: 100 }])).toEqual([[]]);
  });
});

describe("children.sum_exceeds_parent", () => {
  it("fires on 003 6.5: 6.5.2 = 48 TTHC provided online above 6.5.1 = 11 eligible", () => {
    const out = normalizeIndicators(templateRecords("003"), "003").value;
    const eligible = out.find((r) => r.code === "6.5.1.");
    expect(eligible?.flags).toEqual(["children.sum_exceeds_parent"]);
  });
  it("fires when a breakdown by level adds up to more than the total", () => {
    const rows = [
      { code: "1.4", name: "Tổng số TTHC thuộc thẩm quyền giải quyết", unit: "Thủ tục", value: 100 },
      { code: "", name: "Số TTHC cấp huyện (Bao gồm cả TTHC của cơ quan ngành dọc)", unit: "Thủ tục", value: 8 },
      { code: "", name: "Số TTHC cấp xã (Bao gồm cả TTHC của cơ quan ngành dọc)", unit: "Thủ tục", value: 126 },
    ];
    expect(flagsOf(rows)).toEqual([["children.sum_exceeds_parent"], [], []]);
  });
  it("does not fire on 000's real breakdown 14 + 8 + 126 ≤ 163", () => {
    const rows = [
      { code: "1.4", name: "Tổng số TTHC thuộc thẩm quyền giải quyết", unit: "Thủ tục", value: 163 },
      { code: "", name: "Số TTHC thuộc thẩm quyền giải quyết của các sở, ban, ngành", unit: "Thủ tục", value: 14 },
      { code: "", name: "Số TTHC cấp huyện (Bao gồm cả TTHC của cơ quan ngành dọc)", unit: "Thủ tục", value: 8 },
      { code: "", name: "Số TTHC cấp xã (Bao gồm cả TTHC của cơ quan ngành dọc)", unit: "Thủ tục", value: 126 },
    ];
    expect(flagsOf(rows).flat()).toEqual([]);
  });
  it("falls back on 'Tổng số …' rows the catalog does not know, only when children share its unit", () => {
    const rows = (childUnit: string) => [
      { code: "1", name: "Tổng số hội nghị tập huấn đã tổ chức", unit: "Cuộc", value: 3 },
      { code: "1.1", name: "Hội nghị cấp tỉnh", unit: childUnit, value: 2 },
      { code: "1.2", name: "Hội nghị cấp huyện", unit: childUnit, value: 2 },
    ];
    expect(flagsOf(rows("Cuộc"))[0]).toEqual(["children.sum_exceeds_parent"]);
    expect(flagsOf(rows("Người"))[0]).toEqual([]);
  });
});

describe("clean rows", () => {
  it("get no flags in 004, whose numbers are consistent", () => {
    const out = normalizeIndicators(templateRecords("004"), "004");
    expect(out.value.flatMap((r) => r.flags)).toEqual([]);
    expect(out.messages).toEqual([]);
  });
  it("get no flags in 001 apart from its two mis-rounded rates", () => {
    const out = normalizeIndicators(templateRecords("001"), "001").value;
    expect(out.filter((r) => r.flags.length).map((r) => [r.code, r.flags])).toEqual([
      ["2.1", ["ratio.mismatch"]],
      ["2.2", ["ratio.mismatch"]],
    ]);
  });
  it("get exactly the sample's known inconsistencies in 000 and 003", () => {
    const flagged = (id: "000" | "003") =>
      normalizeIndicators(templateRecords(id), id).value.filter((r) => r.flags.length).map((r) => `${r.code}|${r.flags.join(",")}`);
    expect(flagged("000")).toEqual([
      "3.2|coded.out_of_set",
      "5.2|coded.out_of_set",
      "|children.sum_exceeds_parent", // 855 on time > 851 resolved
      "1.1|unit.count_in_percent",
      "1.2|unit.count_in_percent",
    ]);
    expect(flagged("003")).toEqual(["4.1.|unit.count_in_percent", "4.2.|unit.count_in_percent", "6.5.1.|children.sum_exceeds_parent"]);
  });
});
