import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { type Db, openStore } from "./open.js";
import { toRows } from "./rows.js";
import { searchSections } from "./search.js";
import { sampleExtraction } from "./testing/fixtures.js";
import { DocumentWriter } from "./write.js";

const tmpFile = () => join(mkdtempSync(join(tmpdir(), "baocao-write-")), "db.sqlite");
const fresh = (): Db => openStore(tmpFile());
/** Documents another connection sees: only what is committed. */
const committed = (file: string): number => {
  const other = new Database(file, { readonly: true });
  try {
    return (other.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
  } finally {
    other.close();
  }
};
const facts = { parserVersion: "test", bytes: 1000, pages: null };

function counts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ["documents", "sections", "section_topics", "indicator_tables", "indicators", "tasks", "targets", "messages"])
    out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  out.fts = (db.prepare("SELECT count(*) AS n FROM sections_fts WHERE sections_fts MATCH 'mot'").get() as { n: number }).n;
  return out;
}

describe("DocumentWriter", () => {
  it("stores a document with its sections (flattened in pre-order), topics, records and messages", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    w.write(sampleExtraction(), facts);
    // The search index of a group is filled when the group commits (see DocumentWriter).
    w.flush();
    expect(counts(db)).toEqual({
      documents: 1, sections: 3, section_topics: 3, indicator_tables: 1, indicators: 3, tasks: 1, targets: 1, messages: 1, fts: 1,
    });
    const secs = db.prepare("SELECT ordinal, parent_ordinal, number, number_path, level FROM sections ORDER BY ordinal").all();
    expect(secs).toEqual([
      { ordinal: 0, parent_ordinal: null, number: "I", number_path: "I", level: 1 },
      { ordinal: 1, parent_ordinal: 0, number: "1", number_path: "I/1", level: 2 },
      { ordinal: 2, parent_ordinal: null, number: "II", number_path: "II", level: 1 },
    ]);
    const doc = db.prepare("SELECT issuer, unit_level, period_kind, period_year, issued_on, status, error FROM documents").get();
    expect(doc).toEqual({ issuer: "UBND xã Đông Hòa", unit_level: "xã", period_kind: "year", period_year: 2024, issued_on: "2024-12-15", status: "ok", error: null });
    const msg = db.prepare("SELECT rule_id, table_index, row_index, actual_json FROM messages").get();
    expect(msg).toEqual({ rule_id: "ratio.mismatch", table_index: 0, row_index: 1, actual_json: "98.3" });
  });

  it("stores the metadata of contract v2 in its own columns: subject, parent, period_month, a central level", () => {
    const db = fresh();
    const ex = sampleExtraction("reports/cv.pdf");
    Object.assign(ex.metadata, {
      docType: "CÔNG VĂN",
      subject: "Góp ý dự thảo báo cáo sơ kết",
      issuer: "Sở Nội vụ",
      parent: "UBND tỉnh Đắk Lắk",
      unitLevel: "sở",
      period: { kind: "month", year: 2025, quarter: null, month: 10, from: null, to: null },
    });
    const central = sampleExtraction("reports/bnv.pdf", "b".repeat(64));
    Object.assign(central.metadata, { issuer: "Bộ Nội vụ", unitLevel: "trung ương", province: null, period: { kind: "multi_year", year: null, quarter: null, month: null, from: "2021-01-01", to: "2025-12-31" } });
    const w = new DocumentWriter(db);
    w.write(ex, facts);
    w.write(central, facts);
    expect(db.prepare("SELECT doc_type, subject, parent, unit_level, period_kind, period_month FROM documents ORDER BY path").all()).toEqual([
      { doc_type: "BÁO CÁO", subject: null, parent: null, unit_level: "trung ương", period_kind: "multi_year", period_month: null },
      { doc_type: "CÔNG VĂN", subject: "Góp ý dự thảo báo cáo sơ kết", parent: "UBND tỉnh Đắk Lắk", unit_level: "sở", period_kind: "month", period_month: 10 },
    ]);
  });

  it("finds every 'ton_tai_han_che' section of 2024 reports in one query through section_topics", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("a.txt", "a".repeat(64), 2024), facts);
    w.write(sampleExtraction("b.txt", "b".repeat(64), 2023), facts);
    const rows = db
      .prepare(
        `SELECT d.path, s.title FROM section_topics t JOIN sections s ON s.id = t.section_id
         JOIN documents d ON d.id = s.document_id WHERE t.topic = 'ton_tai_han_che' AND d.period_year = 2024`,
      )
      .all();
    expect(rows).toEqual([{ path: "a.txt", title: "TỒN TẠI, HẠN CHẾ" }]);
  });

  it("says a stored path is unchanged only for the same sha256 and parser version, and never for a failed file", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("a.txt", "a".repeat(64)), facts);
    expect(w.isUnchanged("a.txt", "a".repeat(64), "test")).toBe(true);
    expect(w.isUnchanged("a.txt", "b".repeat(64), "test")).toBe(false);
    expect(w.isUnchanged("a.txt", "a".repeat(64), "newer")).toBe(false);
    expect(w.isUnchanged("other.txt", "a".repeat(64), "test")).toBe(false);
    const failed = { ...sampleExtraction("f.txt", "c".repeat(64)), status: "failed" as const };
    w.write(failed, facts);
    expect(w.isUnchanged("f.txt", "c".repeat(64), "test")).toBe(false);
  });

  it("replaces a changed document's rows, its search index entries included", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("a.txt", "a".repeat(64)), facts);
    const changed = sampleExtraction("a.txt", "d".repeat(64));
    changed.indicators = changed.indicators.slice(0, 1);
    changed.sections = changed.sections.slice(1);
    const r = w.write(changed, facts);
    expect(r.replaced).toBe(true);
    const c = counts(db);
    expect(c).toMatchObject({ documents: 1, sections: 1, section_topics: 1, indicators: 1, messages: 1, fts: 0 });
    expect(db.prepare("SELECT sha256 FROM documents").get()).toEqual({ sha256: "d".repeat(64) });
  });

  it("writes nothing of a document when a failure strikes in the middle of its transaction", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("a.txt", "a".repeat(64)), facts);
    const before = counts(db);
    // Sections and the first indicators are inserted before this trigger aborts the third row.
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON indicators WHEN new.name LIKE 'Chỉ tiêu lạ%'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => w.writeRows(toRowsFor(sampleExtraction("a.txt", "e".repeat(64))))).toThrow(/disk on fire/);
    expect(counts(db)).toEqual(before);
    expect(db.prepare("SELECT sha256 FROM documents").get()).toEqual({ sha256: "a".repeat(64) });
    expect(() => w.writeRows(toRowsFor(sampleExtraction("new.txt", "f".repeat(64))))).toThrow(/disk on fire/);
    expect(db.prepare("SELECT count(*) AS n FROM documents WHERE path = 'new.txt'").get()).toEqual({ n: 0 });
  });

  it("records a document whose rows cannot be stored as failed, with the reason, and keeps going", () => {
    const db = fresh();
    const w = new DocumentWriter(db);
    const bad = sampleExtraction("bad.txt");
    bad.indicators[1].value = Number.NaN; // not storable as a number
    const r = w.write(bad, facts);
    expect(r.storeError).toMatch(/could not be stored: indicators row 1: value: Invalid input: expected number, received NaN/);
    expect(db.prepare("SELECT status, error_rule FROM documents").get()).toEqual({ status: "failed", error_rule: "store.write" });
    expect(counts(db)).toMatchObject({ sections: 0, indicators: 0, messages: 1 });
    w.write(sampleExtraction("good.txt"), facts);
    expect(counts(db).documents).toBe(2);
  });
});

describe("group commit", () => {
  it("commits a burst every groupSize documents, and the rest before the running code yields", async () => {
    const file = tmpFile();
    const db = openStore(file);
    const w = new DocumentWriter(db, { groupSize: 4, maxDelayMs: 60_000 });
    for (let i = 0; i < 10; i++) w.write(sampleExtraction(`r/${i}.txt`), facts);
    // The writer's own connection sees everything at once; others see whole groups.
    expect(counts(db).documents).toBe(10);
    expect(committed(file)).toBe(8);
    await Promise.resolve();
    expect(committed(file)).toBe(10);
    db.close();
  });

  it("with holdMs, keeps a group open across event-loop turns and commits it by a timer", async () => {
    const file = tmpFile();
    const db = openStore(file);
    // holdMs long enough that three writes fit inside it on a loaded machine; the commit by the
    // timer is then awaited by polling, so the test proves order, not speed.
    const w = new DocumentWriter(db, { groupSize: 64, maxDelayMs: 60_000, holdMs: 1500 });
    const start = Date.now();
    for (let i = 0; i < 3; i++) {
      w.write(sampleExtraction(`h/${i}.txt`), facts);
      await new Promise((r) => setImmediate(r)); // one document per turn, as parse replies come
    }
    if (Date.now() - start < 1500) expect(committed(file)).toBe(0);
    for (let waited = 0; committed(file) < 3 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(committed(file)).toBe(3);
    w.write(sampleExtraction("h/3.txt"), facts);
    w.close();
    expect(committed(file)).toBe(4);
    db.close();
  });

  it("commits the open group when the database is closed or the writer flushed", () => {
    const file = tmpFile();
    let db = openStore(file);
    new DocumentWriter(db).write(sampleExtraction("a.txt"), facts);
    db.close();
    db = openStore(file);
    const w = new DocumentWriter(db);
    w.write(sampleExtraction("b.txt"), facts);
    expect(committed(file)).toBe(1);
    w.flush();
    expect(committed(file)).toBe(2);
    w.close();
    expect(() => w.write(sampleExtraction("c.txt"), facts)).toThrow(/closed/);
    db.close();
    expect(committed(file)).toBe(2);
  });

  it("undoes only the failing document of a group, records it as failed and keeps the others", async () => {
    const file = tmpFile();
    const db = openStore(file);
    // An insert failure no validation can foresee, for one path only.
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON indicators
             WHEN new.document_id = (SELECT id FROM documents WHERE path = 'bad.txt')
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const w = new DocumentWriter(db, { groupSize: 10 });
    w.write(sampleExtraction("good1.txt"), facts);
    const r = w.write(sampleExtraction("bad.txt"), facts);
    w.write(sampleExtraction("good2.txt"), facts);
    expect(r.storeError).toMatch(/disk on fire/);
    await Promise.resolve();
    expect(committed(file)).toBe(3);
    const perDoc = db
      .prepare(
        `SELECT d.path, d.status, (SELECT count(*) FROM sections WHERE document_id = d.id) AS sections,
                (SELECT count(*) FROM indicators WHERE document_id = d.id) AS indicators FROM documents d ORDER BY d.path`,
      )
      .all();
    expect(perDoc).toEqual([
      { path: "bad.txt", status: "failed", sections: 0, indicators: 0 },
      { path: "good1.txt", status: "ok", sections: 3, indicators: 3 },
      { path: "good2.txt", status: "ok", sections: 3, indicators: 3 },
    ]);
    expect(counts(db).fts).toBe(2);
  });

  it("replaces a document written earlier in the same group, its search index entries included", () => {
    const db = fresh();
    const w = new DocumentWriter(db, { groupSize: 10 });
    w.write(sampleExtraction("a.txt", "a".repeat(64)), facts);
    const r = w.write(sampleExtraction("a.txt", "b".repeat(64)), facts);
    expect(r.replaced).toBe(true);
    w.flush();
    expect(counts(db)).toMatchObject({ documents: 1, sections: 3, indicators: 3, fts: 1 });
  });

  it("fills a group's search index at its commit as document by document, searchable on its own connection before", () => {
    // The same writes, replacements inside the group included, through a group and one by one.
    const docs = (): ReturnType<typeof sampleExtraction>[] => {
      const changed = sampleExtraction("a.txt", "d".repeat(64));
      changed.sections = changed.sections.slice(1);
      const other = sampleExtraction("c.txt", "e".repeat(64));
      other.sections[1].text = "Một cửa điện tử của xã chưa kết nối.";
      return [sampleExtraction("a.txt"), sampleExtraction("b.txt", "b".repeat(64)), changed, other, sampleExtraction("b.txt", "f".repeat(64))];
    };
    const grouped = openStore(":memory:");
    const g = new DocumentWriter(grouped, { groupSize: 64, maxDelayMs: 60_000 });
    const single = openStore(":memory:");
    const one = new DocumentWriter(single, { groupSize: 1 });
    const queries = ["mot cua", "so hoa ho so", "dang uy", "ket noi", "cai cach"];
    const search = (db: Db) => queries.map((q) => searchSections(db, q, { mode: "all" }).map((h) => [h.path, h.numberPath, h.score]));
    for (const ex of docs()) {
      g.write(ex, facts);
      one.write(ex, facts);
      // Before the commit: the writer's own connection finds what it wrote.
      expect(search(grouped)).toEqual(search(single));
    }
    g.flush();
    const results = search(grouped);
    expect(results).toEqual(search(single));
    expect(new Set(results[0].map((h) => h[0]))).toEqual(new Set(["b.txt", "c.txt"])); // a.txt's "một cửa" section was replaced
    // The index holds exactly one entry per stored section: nothing left of replaced documents.
    const entries = (db: Db) => (db.prepare("SELECT count(*) AS n FROM sections_fts_docsize").get() as { n: number }).n;
    expect(entries(grouped)).toBe((grouped.prepare("SELECT count(*) AS n FROM sections").get() as { n: number }).n);
    expect(entries(grouped)).toBe(entries(single));
    grouped.exec("INSERT INTO sections_fts(sections_fts) VALUES ('integrity-check')");
  });

  it("keeps a replaced document's search index entries when the replacement is undone", () => {
    const file = tmpFile();
    const db = openStore(file);
    const w = new DocumentWriter(db, { groupSize: 64, maxDelayMs: 60_000 });
    w.write(sampleExtraction("a.txt"), facts);
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON indicators WHEN new.name LIKE 'Chỉ tiêu lạ%'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => w.writeRows(toRowsFor(sampleExtraction("a.txt", "e".repeat(64))))).toThrow(/disk on fire/);
    w.close();
    db.close();
    const other = openStore(file, { readonly: true });
    expect(searchSections(other, "mot cua").map((h) => h.path)).toEqual(["a.txt"]);
    other.close();
  });

  it("leaves whole documents only when the process is killed in the middle of a group", () => {
    const file = tmpFile();
    const write = fileURLToPath(new URL("./write.ts", import.meta.url));
    const fixtures = fileURLToPath(new URL("./testing/fixtures.ts", import.meta.url));
    const open = fileURLToPath(new URL("./open.ts", import.meta.url));
    // Groups of 4: documents 0–7 are committed, 8–9 are in the open group when SIGKILL lands.
    const script = `
      const { openStore } = await import(${JSON.stringify(open)});
      const { DocumentWriter } = await import(${JSON.stringify(write)});
      const { sampleExtraction } = await import(${JSON.stringify(fixtures)});
      const w = new DocumentWriter(openStore(${JSON.stringify(file)}), { groupSize: 4, maxDelayMs: 60_000 });
      for (let i = 0; i < 10; i++) w.write(sampleExtraction("r/" + i + ".txt"), { parserVersion: "t" });
      process.kill(process.pid, "SIGKILL");`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    const db = new Database(file);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const perDoc = db
      .prepare(
        `SELECT count(*) AS documents, min(s) AS minSections, max(s) AS maxSections, min(i) AS minIndicators, max(i) AS maxIndicators
           FROM (SELECT (SELECT count(*) FROM sections WHERE document_id = d.id) AS s,
                        (SELECT count(*) FROM indicators WHERE document_id = d.id) AS i FROM documents d)`,
      )
      .get();
    expect(perDoc).toEqual({ documents: 8, minSections: 3, maxSections: 3, minIndicators: 3, maxIndicators: 3 });
    db.close();
  });
});

function toRowsFor(ex: ReturnType<typeof sampleExtraction>) {
  return toRows(ex, facts);
}
