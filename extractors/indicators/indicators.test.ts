import { describe, expect, it } from "vitest";
import type { Row } from "../../src/model/document.js";
import type { Result } from "../../src/model/message.js";
import type { IndicatorRecord } from "../../src/model/records.js";
import { normalizeIndicators } from "../../src/normalize/indicators.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { codeDepth } from "./codes.js";
import { extractIndicators as extract } from "./index.js";

/** The rows as the pipeline hands them on: extracted (cells read, rows joined), then normalized (numbers read). */
function extractIndicators(tables: LogicalTable[], file: string): Result<IndicatorRecord[]> {
  const e = extract(tables, file);
  const n = normalizeIndicators(e.value, file);
  return { value: n.value, messages: [...e.messages, ...n.messages] };
}

const row = (...texts: string[]): Row => ({ cells: texts.map((text) => ({ text, bold: false, italic: false })), prov: { line: 1 } });
const table = (rows: Row[]): LogicalTable => ({
  index: 0,
  kind: "indicators",
  roles: ["code", "name", "unit", "value", "note"],
  headerRows: [],
  columns: [],
  provs: [],
  rows,
  fragmentStart: rows.map(() => false),
  fragments: 1,
  title: "PHỤ LỤC",
  blockIndex: 0,
  prov: {},
});

describe("extractIndicators", () => {
  it("appends a coded-legend fragment row to the unit of the row above", () => {
    const { value } = extractIndicators(
      [table([row("5.2", "Hình thức khảo sát", "Trực tuyến = 0;", "132", ""), row("", "", "Phát phiếu = 1", "", ""), row("", "", "Kết hợp = 2", "", "")])],
      "f",
    );
    expect(value).toHaveLength(1);
    expect(value[0].unit).toBe("Trực tuyến = 0; Phát phiếu = 1 Kết hợp = 2");
    expect(value[0].value).toBe(132);
  });
  it("makes a breakdown row without STT and label its own row repeating code and name", () => {
    const { value } = extractIndicators(
      [table([row("1.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "NV Tp giao", "0", ""), row("", "", "NV Tỉnh giao", "3", "")])],
      "f",
    );
    expect(value.map((r) => [r.code, r.name, r.unit, r.value])).toEqual([
      ["1.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "NV Tp giao", 0],
      ["1.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "NV Tỉnh giao", 3],
    ]);
  });
  it("keeps a labelled row without STT as its own row with code ''", () => {
    const { value } = extractIndicators([table([row("2.2", "Tỷ lệ", "%", "0", ""), row("", "Tổng số VBQPPL", "Văn bản", "0", "")])], "f");
    expect(value[1]).toMatchObject({ code: "", name: "Tổng số VBQPPL", codePath: ["2.2"] });
    expect(value[0].isGroup).toBe(true);
  });
  it("builds code paths from numbering depth and marks group rows", () => {
    const { value } = extractIndicators(
      [table([row("I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""), row("2", "Tỷ lệ", "%", "", ""), row("2.1", "Số nhiệm vụ", "Nhiệm vụ", "7", ""), row("3", "Kiểm tra", "", "", "")])],
      "f",
    );
    expect(value.map((r) => r.codePath)).toEqual([[], ["I"], ["I", "2"], ["I"]]);
    expect(value.map((r) => r.isGroup)).toEqual([true, true, false, false]);
  });
  it("keeps the raw value verbatim next to the parsed number", () => {
    const { value } = extractIndicators([table([row("3.1", "Tỷ lệ hồ sơ", "%", "317/1.034 = 31%", "Hồ sơ trong kỳ")])], "f");
    expect(value[0]).toMatchObject({ rawValue: "317/1.034 = 31%", value: 31, numerator: 317, denominator: 1034, note: "Hồ sơ trong kỳ" });
  });
  it("skips empty rows and ignores tables of other kinds, numbering records by the table's own index", () => {
    const other = { ...table([row("1", "x", "", "", "")]), kind: "tasks" as const };
    const { value } = extractIndicators([other, { ...table([row("", "", "", "", ""), row("1", "A", "", "", "")]), index: 1 }], "f");
    expect(value).toHaveLength(1);
    expect(value[0].table).toBe(1);
  });
});

describe("codeDepth", () => {
  it.each([
    ["I", 1],
    ["IV", 1],
    ["2", 2],
    ["2.", 2],
    ["2.1", 3],
    ["1,5", 3],
    ["2.1.3.", 4],
    ["a)", 5],
    ["III.1", 1.5],
    ["III.1.2", 2.5],
  ])("gives %s depth %d", (code, d) => {
    expect(codeDepth(code)).toBe(d);
  });
});

describe("rows split by a page break", () => {
  it("joins the second half of a row cut by a page break to the row above", () => {
    const t = table([row("3.1", "Tỷ lệ hồ sơ TTHC được", "%", "", ""), row("", "giải quyết đúng hạn", "", "98", ""), row("3.2", "Số hồ sơ", "Hồ sơ", "5", "")]);
    t.fragmentStart = [false, true, false];
    const { value } = extractIndicators([t], "f");
    expect(value.map((r) => [r.code, r.name, r.unit, r.value])).toEqual([
      ["3.1", "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", "%", 98],
      ["3.2", "Số hồ sơ", "Hồ sơ", 5],
    ]);
  });
  it("keeps a labelled row without STT at a page start as its own row when it starts a new label", () => {
    const t = table([row("2.2", "Tỷ lệ xử lý", "%", "0", ""), row("", "Tổng số VBQPPL cần xử lý", "Văn bản", "0", "")]);
    t.fragmentStart = [false, true];
    expect(extractIndicators([t], "f").value).toHaveLength(2);
  });
});
