import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Extraction } from "../src/model/records.js";
import { extractFile } from "../src/pipeline/extract.js";
import { type Db, openStore } from "../src/store/open.js";
import { unmatchedLabels } from "../src/store/unmatched.js";
import { DocumentWriter } from "../src/store/write.js";

/**
 * Multi-value, matrix and plan tables end to end (issue 15), on the fixtures of
 * scripts/make-table-fixtures.mjs in every format it writes (txt, docx, pdf): the records, and what the store
 * holds (every table, every body cell, values by column, matrix cells). Expected cells come
 * from the fixtures' own description (fixtures.json, the script's input), expected meanings
 * are typed here.
 */
const DIR = join(import.meta.dirname, "fixtures/tables");
interface Fixture {
  name: string;
  title: string;
  pages: string[][][];
}
const FIXTURES = JSON.parse(readFileSync(join(DIR, "fixtures.json"), "utf8")) as Fixture[];
const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;
const FORMATS = ["txt", "docx", "pdf"] as const;

async function stored(name: string, format: string): Promise<{ ex: Extraction; db: Db; id: number }> {
  const { extraction } = await extractFile(join(DIR, `${name}.${format}`));
  const db = openStore(join(mkdtempSync(join(tmpdir(), "baocao-tables-")), "db.sqlite"));
  const writer = new DocumentWriter(db, { groupSize: 1 });
  const { documentId } = writer.write(extraction, { parserVersion: "test" });
  writer.close();
  return { ex: extraction, db, id: documentId };
}

/** Body cells of the document's one data table, as the store's table_cells view gives them. */
function storedCells(db: Db, kind: string): string[][] {
  const rows = db.prepare("SELECT row_index, column_index, text FROM table_cells WHERE kind = ? ORDER BY row_index, column_index").all(kind) as {
    row_index: number;
    column_index: number;
    text: string;
  }[];
  const out: string[][] = [];
  for (const r of rows) (out[r.row_index] ??= [])[r.column_index] = r.text;
  return out;
}

describe.each(FORMATS)("table fixtures in %s", (format) => {
  it("stores a two-year comparison with one value per year column, the main value staying the first", async () => {
    const { ex, db } = await stored("two-year-comparison", format);
    const f = fixture("two-year-comparison");
    expect(ex.indicators.map((r) => [r.name, r.rawValue, r.value])).toEqual([
      ["Số TTHC tiếp nhận", "1.250", 1250],
      ["Tỷ lệ hồ sơ giải quyết đúng hạn", "96,5%", 96.5],
      ["Số cuộc kiểm tra CCHC", "4", 4],
    ]);
    expect(ex.indicators[0].values.map((v) => [v.header.join(" › "), v.year, v.value, v.main])).toEqual([
      ["Năm 2023", 2023, 1250, true],
      ["Năm 2024", 2024, 1480, false],
    ]);
    expect(storedCells(db, "indicators")).toEqual(f.pages.flat());
    const long = db.prepare("SELECT name, header, year, raw_value, value, is_main FROM indicator_values_by_column ORDER BY row_index, column_index").all();
    expect(long).toEqual([
      { name: "Số TTHC tiếp nhận", header: "Năm 2023", year: 2023, raw_value: "1.250", value: 1250, is_main: 1 },
      { name: "Số TTHC tiếp nhận", header: "Năm 2024", year: 2024, raw_value: "1.480", value: 1480, is_main: 0 },
      { name: "Tỷ lệ hồ sơ giải quyết đúng hạn", header: "Năm 2023", year: 2023, raw_value: "96,5%", value: 96.5, is_main: 1 },
      { name: "Tỷ lệ hồ sơ giải quyết đúng hạn", header: "Năm 2024", year: 2024, raw_value: "98,2%", value: 98.2, is_main: 0 },
      { name: "Số cuộc kiểm tra CCHC", header: "Năm 2023", year: 2023, raw_value: "4", value: 4, is_main: 1 },
      { name: "Số cuộc kiểm tra CCHC", header: "Năm 2024", year: 2024, raw_value: "6", value: 6, is_main: 0 },
    ]);
    db.close();
  });

  it("resolves a two-row merged header into Kết quả › Kế hoạch | Thực hiện | Tỷ lệ, the actual column being the main value", async () => {
    const { ex, db } = await stored("plan-actual-ratio", format);
    const t = ex.tables.find((x) => x.kind === "indicators")!;
    expect(t.headerRows).toBe(2);
    expect(t.columns.map((c) => [c.header.join(" › "), c.valueRole])).toEqual([
      ["STT", null],
      ["Chỉ tiêu", null],
      ["Đơn vị tính", null],
      ["Kết quả › Kế hoạch", "plan"],
      ["Kết quả › Thực hiện", "actual"],
      ["Kết quả › Tỷ lệ (%)", "ratio"],
      ["Ghi chú", null],
    ]);
    expect(ex.indicators.map((r) => [r.code, r.value, r.note])).toEqual([
      ["1", 18, null],
      ["2", 15, "Vượt kế hoạch"],
    ]);
    expect(ex.indicators[1].values.map((v) => [v.role, v.rawValue, v.value])).toEqual([
      ["plan", "12", 12],
      ["actual", "15", 15],
      ["ratio", "125", 125],
    ]);
    expect(storedCells(db, "indicators")).toEqual(fixture("plan-actual-ratio").pages.flat());
    const byRole = db.prepare("SELECT role, value FROM indicator_values_by_column WHERE code = '1' ORDER BY column_index").all();
    expect(byRole).toEqual([
      { role: "plan", value: 20 },
      { role: "actual", value: 18 },
      { role: "ratio", value: 90 },
    ]);
    db.close();
  });

  it("joins a unit ranking split over two pages into one matrix whose rows are the units", async () => {
    const { ex, db } = await stored("unit-ranking-split", format);
    expect(ex.indicators).toEqual([]);
    const t = ex.tables.find((x) => x.kind === "matrix")!;
    expect(t.fragments).toBe(2);
    expect(t.title).toBe("Bảng xếp hạng Chỉ số CCHC các xã năm 2024");
    expect(storedCells(db, "matrix")).toEqual(fixture("unit-ranking-split").pages.flat());
    const cells = db.prepare("SELECT row_entity, header, value_role, raw, value FROM matrix_cells ORDER BY row_index, column_index").all();
    expect(cells).toEqual(
      fixture("unit-ranking-split")
        .pages.flat()
        .flatMap(([, unit, score, rank]) => [
          { row_entity: unit, header: "Điểm số", value_role: "score", raw: score, value: Number(score.replace(",", ".")) },
          { row_entity: unit, header: "Thứ hạng", value_role: "rank", raw: rank, value: Number(rank) },
        ]),
    );
    db.close();
  });

  it("keeps all seven columns of a plan table, Phối hợp and Theo dõi included", async () => {
    const { ex, db } = await stored("plan-seven-columns", format);
    expect(ex.tasks.map((t) => [t.group, t.code, t.content, t.output, t.timeframe, t.owner, t.coordinator, t.monitor])).toEqual([
      ["Cải cách thể chế", "1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo kết quả rà soát", "Quý II/2025", "Phòng Tư pháp", "Các phòng chuyên môn", "Văn phòng UBND"],
      ["Cải cách thể chế", "2", "Kiểm tra việc thi hành pháp luật", "Kế hoạch kiểm tra", "Tháng 6/2025", "Phòng Tư pháp", null, "Phòng Nội vụ"],
      ["Cải cách thủ tục hành chính", "1", "Công khai thủ tục hành chính", "Danh mục TTHC", "Thường xuyên", "Bộ phận Một cửa", "Các phòng chuyên môn", "Văn phòng UBND"],
    ]);
    expect(ex.tasks.every((t) => Object.keys(t.extra).length === 0)).toBe(true);
    expect(storedCells(db, "tasks")).toEqual(fixture("plan-seven-columns").pages.flat());
    expect(db.prepare("SELECT coordinator, monitor FROM tasks ORDER BY row_index LIMIT 1").get()).toEqual({ coordinator: "Các phòng chuyên môn", monitor: "Văn phòng UBND" });
    db.close();
  });

  it("reads a province comparison as matrix cells: criterion × province › measure, ranks as x of y", async () => {
    const { ex, db } = await stored("province-comparison", format);
    expect(ex.indicators).toEqual([]);
    expect(storedCells(db, "matrix")).toEqual(fixture("province-comparison").pages.flat());
    const rows = fixture("province-comparison").pages.flat();
    const expected = rows.flatMap(([code, label, ...values]) =>
      ["Lâm Đồng › Điểm số", "Lâm Đồng › Thứ hạng", "Đắk Nông › Điểm số", "Đắk Nông › Thứ hạng"].map((header, k) => ({
        row_code: code,
        row_label: label,
        header,
        column_entity: header.split(" › ")[0],
        value_role: header.endsWith("Điểm số") ? "score" : "rank",
        raw: values[k],
        value: Number(values[k].split("/")[0].replace(",", ".")),
        denominator: values[k].includes("/") ? 63 : null,
      })),
    );
    expect(
      db.prepare("SELECT row_code, row_label, header, column_entity, value_role, raw, value, denominator FROM matrix_cells ORDER BY row_index, column_index").all(),
    ).toEqual(expected);
    expect(ex.matrixCells.filter((c) => c.row === 0).every((c) => c.rowEntity === null)).toBe(true);
    db.close();
  });

  it("stores every table of the document, the signature block marked layout", async () => {
    const { ex, db } = await stored("unit-ranking-split", format);
    const kinds = (db.prepare("SELECT kind FROM doc_tables ORDER BY table_index").all() as { kind: string }[]).map((r) => r.kind);
    expect(kinds).toEqual(ex.tables.map((t) => t.kind));
    expect(kinds.filter((k) => k !== "layout")).toEqual(["matrix"]);
    if (format === "txt") expect(kinds).toContain("layout");
    db.close();
  });

  it("lists the criteria of a matrix the catalog does not know in catalog unmatched, never its unit rows", async () => {
    const province = await stored("province-comparison", format);
    const names = unmatchedLabels(province.db).map((u) => u.name);
    expect(names).toContain("Tính minh bạch và tiếp cận thông tin");
    expect(province.ex.matrixCells.filter((c) => c.rowLabel === "Tính minh bạch và tiếp cận thông tin").every((c) => c.indicatorId === null)).toBe(true);
    province.db.close();
    const ranking = await stored("unit-ranking-split", format);
    expect(unmatchedLabels(ranking.db).map((u) => u.name)).not.toContain("UBND xã An Bình");
    ranking.db.close();
  });
});

