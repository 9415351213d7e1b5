import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { extractFile } from "../pipeline/extract.js";
import { migrate, migrations, SCHEMA_VERSION } from "./migrations.js";
import { openStore } from "./open.js";
import { sampleExtraction } from "./testing/fixtures.js";
import { DocumentWriter } from "./write.js";

const BUNDLE = join(import.meta.dirname, "../../test/fixtures/parts/two-documents.docx");
const tmpFile = () => join(mkdtempSync(join(tmpdir(), "baocao-parts-")), "db.sqlite");

describe("storing a file that holds several documents", () => {
  it("stores every part's records with its part index and the further parts' metadata in document_parts", async () => {
    const { extraction } = await extractFile(BUNDLE);
    const db = openStore(":memory:");
    new DocumentWriter(db).write(extraction, { parserVersion: "t" });
    expect(db.prepare("SELECT doc_type, number, issuer FROM documents").all()).toEqual([{ doc_type: "TỜ TRÌNH", number: "45/TTr-SNV", issuer: "Sở Nội vụ" }]);
    expect(db.prepare("SELECT part, doc_type, number, issuer, period_kind, period_year FROM document_parts").all()).toEqual([
      { part: 1, doc_type: "BÁO CÁO", number: null, issuer: "UBND tỉnh An Giang", period_kind: "half", period_year: 2025 },
    ]);
    expect(db.prepare("SELECT part, number, title FROM sections ORDER BY ordinal").all()).toEqual([
      { part: 1, number: "I", title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" },
      { part: 1, number: "II", title: "KẾT QUẢ THỰC HIỆN" },
    ]);
    // One number per table: the indicator table's table_index is its doc_tables one.
    const appendix = db.prepare("SELECT table_index FROM doc_tables WHERE kind = 'indicators'").pluck().get();
    expect(db.prepare("SELECT part, table_index, rows FROM indicator_tables").all()).toEqual([{ part: 1, table_index: appendix, rows: 3 }]);
    // The indicator carries its own document's who and when, not the cover letter's.
    expect(db.prepare("SELECT part, code, value, issuer, period_kind, number FROM indicator_values ORDER BY row_index").all()).toEqual([
      { part: 1, code: "1", value: 1250, issuer: "UBND tỉnh An Giang", period_kind: "half", number: null },
      { part: 1, code: "2", value: 1200, issuer: "UBND tỉnh An Giang", period_kind: "half", number: null },
      { part: 1, code: "3", value: 96, issuer: "UBND tỉnh An Giang", period_kind: "half", number: null },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM messages WHERE part = 1").get()).not.toEqual({ n: 0 });
    // Replacing the file removes its parts with it.
    db.prepare("DELETE FROM documents").run();
    expect(db.prepare("SELECT count(*) AS n FROM document_parts").get()).toEqual({ n: 0 });
  });

  it("stores a one-document file as part 0 everywhere, with no document_parts row", () => {
    const db = openStore(":memory:");
    new DocumentWriter(db).write(sampleExtraction(), { parserVersion: "t" });
    for (const t of ["sections", "indicators", "indicator_tables", "tasks", "targets", "messages"])
      expect(db.prepare(`SELECT DISTINCT part FROM ${t}`).all()).toEqual([{ part: 0 }]);
    expect(db.prepare("SELECT count(*) AS n FROM document_parts").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT DISTINCT issuer FROM indicator_values").all()).toEqual(db.prepare("SELECT issuer FROM documents").all());
  });

  it("upgrades a version 2 store in place: existing rows become part 0 and indicator_values keeps them", () => {
    const file = tmpFile();
    const v2 = new Database(file);
    migrate(v2, migrations.filter((m) => m.version <= 2));
    v2.prepare(
      "INSERT INTO documents (id, path, sha256, format, status, issuer, period_year, metadata_json, ingested_at, parser_version) VALUES (1, 'a.txt', 'x', 'txt', 'ok', 'UBND xã A', 2024, '{}', 'now', 'old')",
    ).run();
    v2.prepare("INSERT INTO indicators (document_id, table_index, row_index, code, code_path, name, is_group, flags) VALUES (1, 0, 0, '1', '[]', 'Số hồ sơ', 0, '[]')").run();
    v2.close();
    const db = openStore(file);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT part, issuer, period_year, name FROM indicator_values").all()).toEqual([{ part: 0, issuer: "UBND xã A", period_year: 2024, name: "Số hồ sơ" }]);
    db.close();
  });
});
