import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFile } from "../src/pipeline/extract.js";

const fixture = (name: string) => join(import.meta.dirname, "fixtures/txt", name);

describe("txt fixtures end to end", () => {
  it("joins a statistics table split over three pages into one table", async () => {
    const { extraction } = await extractFile(fixture("split-three-pages.txt"));
    expect(extraction.status).toBe("ok");
    const rows = extraction.indicators.map((r) => [r.table, r.code, r.unit, r.value]);
    expect(rows).toEqual([
      [0, "1", "Văn bản", 1234],
      [0, "2", "%", 16.67],
      [0, "2.1", "Nhiệm vụ", 6],
      [0, "2.2", "Nhiệm vụ", 1],
      [0, "3", "Có = 1; Không = 0", 1],
      [0, "3.1", "Trực tuyến = 0; Phát phiếu = 1", 1],
    ]);
    expect(extraction.indicators[3].codePath).toEqual(["2"]);
    expect(extraction.indicators[0].prov.line).toBe(10);
  });
  it("reads a GFM pipe table as an indicator table", async () => {
    const { extraction } = await extractFile(fixture("pipe-table.txt"));
    expect(extraction.indicators.map((r) => [r.code, r.name, r.value, r.numerator, r.denominator])).toEqual([
      ["1", "Số TTHC", 101, null, null],
      ["1.1", "Số TTHC cấp xã", 26, 27, 101],
    ]);
  });
  it("records a missing file as failed with a clear reason", async () => {
    const { extraction } = await extractFile(fixture("does-not-exist.txt"));
    expect(extraction.status).toBe("failed");
    expect(extraction.messages[0]).toMatchObject({ severity: "error", ruleId: "input.enoent" });
  });
  it("joins an indicator row that a PDF page break cut in two", async () => {
    const { extraction } = await extractFile(join(import.meta.dirname, "fixtures/pdf/row-split.pdf"));
    expect(extraction.indicators.map((r) => [r.code, r.name, r.value])).toEqual([
      ["1", "Số văn bản đã ban hành", 12],
      ["2", "Số thủ tục hành chính được cung cấp trực tuyến toàn trình", 74],
      ["3", "Số hồ sơ tiếp nhận", 1034],
    ]);
    expect(extraction.indicators[2].prov.page).toBe(2);
  });
});
