import { describe, expect, it } from "vitest";
import { openStore } from "./open.js";
import { ftsQuery, searchSections } from "./search.js";
import { sampleExtraction } from "./testing/fixtures.js";
import { DocumentWriter } from "./write.js";

function store() {
  const db = openStore(":memory:");
  new DocumentWriter(db).write(sampleExtraction("a.txt"), { parserVersion: "test" });
  return db;
}

describe("section search", () => {
  it("finds 'một cửa' from 'mot cua', 'Một Cửa' and 'MỘT CỬA' alike", () => {
    const db = store();
    for (const q of ["mot cua", "Một Cửa", "MỘT CỬA", "một cửa"]) {
      const hits = searchSections(db, q);
      expect(hits.map((h) => h.title), q).toEqual(["Cải cách thủ tục hành chính"]);
    }
  });

  it("matches đ with d, which SQLite's own diacritic removal does not", () => {
    const db = store();
    expect(searchSections(db, "dang uy").map((h) => h.numberPath)).toEqual(["I"]);
    expect(searchSections(db, "đảng ủy").map((h) => h.numberPath)).toEqual(["I"]);
  });

  it("cuts the snippet from the accented original and marks the match", () => {
    const [hit] = searchSections(store(), "mot cua lien thong");
    expect(hit.snippet).toContain("«một cửa liên thông»");
    expect(hit.path).toBe("a.txt");
  });

  it("reads words as a phrase by default, anywhere with mode 'all', and FTS5 syntax with mode 'fts'", () => {
    const db = store();
    expect(searchSections(db, "co che thuc hien")).toEqual([]);
    expect(searchSections(db, "co che thuc hien", { mode: "all" })).toHaveLength(1);
    expect(searchSections(db, "so hoa OR dang", { mode: "fts" }).map((h) => h.numberPath).sort()).toEqual(["I", "II"]);
  });

  it("does not read query words such as 'or' and 'not' as operators, nor choke on punctuation", () => {
    expect(ftsQuery('một "cửa" (or) not')).toBe('"mot cua or not"');
    expect(ftsQuery("...")).toBe("");
    expect(searchSections(store(), 'hồ sơ "còn" chậm!')).toHaveLength(1);
  });
});

describe("indicator_values view", () => {
  it("gives one indicator across units and periods in one SELECT", () => {
    const db = openStore(":memory:");
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("a.txt", "a".repeat(64), 2024), { parserVersion: "t" });
    w.write(sampleExtraction("b.txt", "b".repeat(64), 2023), { parserVersion: "t" });
    const rows = db
      .prepare("SELECT path, issuer, unit_level, period_year, value FROM indicator_values WHERE indicator_id = 'tthc.tiep_nhan' ORDER BY period_year")
      .all();
    expect(rows).toEqual([
      { path: "b.txt", issuer: "UBND xã Đông Hòa", unit_level: "xã", period_year: 2023, value: 120 },
      { path: "a.txt", issuer: "UBND xã Đông Hòa", unit_level: "xã", period_year: 2024, value: 120 },
    ]);
  });
});
