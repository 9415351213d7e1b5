import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Row } from "../../src/model/document.js";
import { ingestTxt } from "../../src/ingest/txt/index.js";
import { buildTables } from "../../src/tables/stitch.js";
import type { Result } from "../../src/model/message.js";
import type { TargetRecord } from "../../src/model/records.js";
import { normalizeTargets, parseTarget } from "../../src/normalize/targets.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { extractTargets as extract } from "./index.js";

/** The rows as the pipeline hands them on: extracted (cells read, rows joined), then normalized (target and comparator read). */
function extractTargets(tables: LogicalTable[], file: string): Result<TargetRecord[]> {
  const e = extract(tables, file);
  const n = normalizeTargets(e.value, file);
  return { value: n.value, messages: [...e.messages, ...n.messages] };
}

const root = join(import.meta.dirname, "../..");
const row = (...texts: string[]): Row => ({ cells: texts.map((text) => ({ text, bold: false, italic: false })), prov: { line: 1 } });
const table = (rows: Row[], fragmentStart: boolean[] = rows.map(() => false)): LogicalTable => ({
  index: 0,
  kind: "targets",
  roles: ["code", "name", "unit", "target", "owner"],
  headerRows: [],
  columns: [],
  provs: [],
  rows,
  fragmentStart,
  fragments: 1,
  title: null,
  blockIndex: 0,
  prov: {},
});

describe("parseTarget", () => {
  it.each([
    ["Tối thiểu 80", 80, ">="],
    ["Đạt tối thiểu 80%", 80, ">="],
    ["Phấn đấu tối thiểu 90", 90, ">="],
    ["Đạt trên 90%", 90, ">"],
    ["Phấn đấu đạt 95%", 95, "="],
    ["Tối thiểu 90%", 90, ">="],
    ["Tối đa 5", 5, "<="],
    ["Không quá 3%", 3, "<="],
    ["Trên 50", 50, ">"],
    ["Dưới 2%", 2, "<"],
    ["Từ 80% trở lên", 80, ">="],
    ["100", 100, "="],
    ["95%", 95, "="],
    ["Đạt 99,5%", 99.5, "="],
    ["1.034", 1034, "="],
  ])("reads %s as %s with %s", (raw, target, comparator) => {
    expect(parseTarget(raw)).toMatchObject({ target, comparator });
  });
  it("gives nulls for a cell without a number", () => {
    expect(parseTarget("Hoàn thành")).toEqual({ target: null, comparator: null, ruleId: null });
    expect(parseTarget(null)).toEqual({ target: null, comparator: null, ruleId: null });
  });
});

describe("extractTargets", () => {
  it("reads comparator and value and keeps the raw cell", () => {
    const { value } = extractTargets([table([row("1", "Tỷ lệ DVC toàn trình", "%", "Tối thiểu 80", "Các sở")])], "f");
    expect(value[0]).toMatchObject({ code: "1", name: "Tỷ lệ DVC toàn trình", unit: "%", rawTarget: "Tối thiểu 80", target: 80, comparator: ">=", owner: "Các sở" });
  });
  it("gives a group row without unit and target nulls", () => {
    const { value } = extractTargets([table([row("12", "Tỷ lệ xử lý văn bản", "", "", ""), row("12.1", "Các sở", "%", "100", "Các sở")])], "f");
    expect(value[0]).toMatchObject({ code: "12", unit: null, rawTarget: null, target: null, comparator: null, owner: null });
    expect(value[1]).toMatchObject({ code: "12.1", target: 100, comparator: "=" });
  });
  it("joins a row split at a page break and reads the target from the joined cell", () => {
    const { value } = extractTargets([table([row("4", "Tỷ lệ số hóa", "%", "Tối", "Các sở,"), row("", "hồ sơ.", "", "thiểu 80", "UBND cấp huyện")], [false, true])], "f");
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ name: "Tỷ lệ số hóa hồ sơ.", rawTarget: "Tối thiểu 80", target: 80, comparator: ">=", owner: "Các sở, UBND cấp huyện" });
  });
  it("notes a target cell that states no number", () => {
    const { value, messages } = extractTargets([table([row("1", "Triển khai", "", "Hoàn thành", "")])], "f");
    expect(value[0]).toMatchObject({ rawTarget: "Hoàn thành", target: null, comparator: null });
    expect(messages.map((m) => [m.severity, m.ruleId])).toEqual([["info", "targets.no-number"]]);
  });
  it("reads the target list of sample 002 as the hand-checked target rows", async () => {
    const file = join(root, "data/samples/002.txt");
    const doc = (await ingestTxt({ file, bytes: readFileSync(file), sha256: "" }, {})).value;
    const { value, messages } = extractTargets(buildTables(doc), file);
    const gold = JSON.parse(readFileSync(join(root, "test/golden/targets/002.json"), "utf8")).rows;
    expect(value.map(({ code, name, unit, rawTarget, target, comparator, owner }) => ({ code, name, unit, rawTarget, target, comparator, owner }))).toEqual(gold);
    expect(messages).toEqual([]);
  });
});
