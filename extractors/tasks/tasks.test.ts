import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document, Row } from "../../src/model/document.js";
import { ingestTxt } from "../../src/ingest/txt/index.js";
import { buildTables } from "../../src/tables/stitch.js";
import type { LogicalTable } from "../../src/tables/types.js";
import { extractTasks } from "./index.js";

const root = join(import.meta.dirname, "../..");
const row = (...texts: string[]): Row => ({ cells: texts.map((text) => ({ text, bold: false, italic: false })), prov: { line: 1 } });
const table = (rows: Row[], fragmentStart: boolean[] = rows.map(() => false)): LogicalTable => ({
  index: 0,
  kind: "tasks",
  roles: ["code", "content", "output", "owner", "timeframe"],
  headerRows: [],
  columns: [],
  provs: [],
  rows,
  fragmentStart,
  fragments: 1,
  title: "KẾ HOẠCH",
  blockIndex: 0,
  prov: {},
});

describe("extractTasks", () => {
  it("gives each task the text of the Roman group row above it", () => {
    const { value } = extractTasks(
      [table([row("I", "Ban hành văn bản", "", "", ""), row("1", "Xây dựng kế hoạch", "Kế hoạch", "Văn phòng", "Quý I"), row("II", "Công bố, công khai TTHC", "", "", ""), row("2", "Niêm yết", "Bản niêm yết", "Một cửa", "Thường xuyên")])],
      "f",
    );
    expect(value.map((t) => [t.code, t.group, t.content, t.output, t.owner, t.timeframe])).toEqual([
      ["1", "Ban hành văn bản", "Xây dựng kế hoạch", "Kế hoạch", "Văn phòng", "Quý I"],
      ["2", "Công bố, công khai TTHC", "Niêm yết", "Bản niêm yết", "Một cửa", "Thường xuyên"],
    ]);
  });
  it("treats a numbered row with only the content cell as a group row", () => {
    const { value } = extractTasks([table([row("A", "Nhóm nhiệm vụ chung", "", "", ""), row("1", "Việc", "Kết quả", "", "")])], "f");
    expect(value).toHaveLength(1);
    expect(value[0].group).toBe("Nhóm nhiệm vụ chung");
  });
  it("joins a row split by a page break field by field with one space", () => {
    const { value, messages } = extractTasks(
      [table([row("7", "Tiếp nhận, phân loại và chuyển phản", "- Văn bản chuyển phản ánh, kiến", "- Văn phòng;", "Thường"), row("", "ánh, kiến nghị.", "nghị.\n- Văn bản trả lời.", "- Các ngành phối hợp.", "xuyên")], [false, true])],
      "f",
    );
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({
      content: "Tiếp nhận, phân loại và chuyển phản ánh, kiến nghị.",
      output: "- Văn bản chuyển phản ánh, kiến nghị. - Văn bản trả lời.",
      owner: "- Văn phòng; - Các ngành phối hợp.",
      timeframe: "Thường xuyên",
    });
    expect(messages).toEqual([]);
  });
  it("keeps a task after a page break that follows a group row in that group", () => {
    const { value } = extractTasks([table([row("X", "Cải cách các quy định TTHC", "", "", ""), row("24", "A", "B", "C", "D"), row("25", "E", "F", "G", "H")], [false, false, true])], "f");
    expect(value.map((t) => t.group)).toEqual(["Cải cách các quy định TTHC", "Cải cách các quy định TTHC"]);
  });
  it("removes leftover list markup and keeps '- ' bullets inline", () => {
    const { value } = extractTasks([table([row("1", "Việc", "<ul><li>- Báo cáo.</li></ul>", "• Văn phòng;\n• Các ngành", "Quý I")])], "f");
    expect(value[0].output).toBe("- Báo cáo.");
    expect(value[0].owner).toBe("- Văn phòng; - Các ngành");
  });
  it("says so when it joins a row without Stt that does not start a page fragment", () => {
    const { value, messages } = extractTasks([table([row("1", "Việc", "Kết quả", "", ""), row("", "", "Kết quả 2", "", "")])], "f");
    expect(value[0].output).toBe("Kết quả Kết quả 2");
    expect(messages.map((m) => m.ruleId)).toEqual(["tasks.continuation.merged-row"]);
  });
  it("warns about a row without Stt that has nothing to continue", () => {
    const { value, messages } = extractTasks([table([row("", "", "Kết quả", "", "")])], "f");
    expect(value).toEqual([]);
    expect(messages[0]).toMatchObject({ severity: "warning", ruleId: "tasks.orphan-row", place: { file: "f", table: 0, row: 0, line: 1 } });
  });
  it("ignores tables of other kinds", () => {
    const other = { ...table([row("1", "x", "y", "z", "w")]), kind: "indicators" as const };
    expect(extractTasks([other], "f").value).toEqual([]);
  });
  it("reads the plan table of sample 002 as the hand-checked task rows", async () => {
    const file = join(root, "data/samples/002.txt");
    const doc = (await ingestTxt({ file, bytes: readFileSync(file), sha256: "" }, {})).value;
    const { value, messages } = extractTasks(buildTables(doc), file);
    const gold = JSON.parse(readFileSync(join(root, "test/golden/tasks/002.json"), "utf8")).rows;
    expect(value.map(({ code, group, content, output, owner, timeframe }) => ({ code, group, content, output, owner, timeframe }))).toEqual(gold);
    expect(messages).toEqual([]);
  });
  it("keeps a column no rule names under its header text, and Phối hợp / Theo dõi in their own fields", () => {
    const doc: Document = {
      source: { path: "t", format: "txt", sha256: "", bytes: 0, conversions: [] },
      blocks: [
        {
          kind: "table",
          prov: {},
          rows: [
            row("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Theo dõi", "Kinh phí"),
            row("1", "Rà soát TTHC", "Văn phòng", "Các phòng", "Phòng Nội vụ", "Ngân sách xã"),
          ],
        },
      ],
    };
    const { value } = extractTasks(buildTables(doc), "t");
    expect(value.map((t) => [t.owner, t.coordinator, t.monitor, t.extra])).toEqual([["Văn phòng", "Các phòng", "Phòng Nội vụ", { "Kinh phí": "Ngân sách xã" }]]);
  });
});

