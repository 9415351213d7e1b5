import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open.js";
import { sampleExtraction } from "../store/testing/fixtures.js";
import { DocumentWriter } from "../store/write.js";
import { ingestPaths } from "../batch/run.js";
import { cli } from "./testing/capture.js";
import { SAMPLES, tempDir } from "./testing/corpus.js";

/** A store of hand-made records (fast, exact values) for the output-format tests. */
let fixtureDb: string;
/** A store of the five text samples and the table fixtures in text, for the documented example queries. */
let samplesDb: string;

beforeAll(async () => {
  const dir = tempDir("baocao-cmd-");
  fixtureDb = join(dir, "fixture.sqlite");
  const db = openStore(fixtureDb);
  const w = new DocumentWriter(db);
  w.write(sampleExtraction("reports/a.txt", "a".repeat(64), 2024), { parserVersion: "t" });
  const tricky = sampleExtraction("reports/b, \"quoted\".txt", "b".repeat(64), 2023);
  tricky.indicators[2].name = 'Chỉ tiêu "lạ", có dấu phẩy\nvà xuống dòng';
  w.write(tricky, { parserVersion: "t" });
  db.close();
  samplesDb = join(dir, "samples.sqlite");
  const files = ["000", "001", "002", "003", "004"].map((f) => join(SAMPLES, `${f}.txt`));
  // The samples hold no ranking table: the README's ranking query needs the fixture's.
  files.push(join(SAMPLES, "../../test/fixtures/tables/unit-ranking-split.txt"), join(SAMPLES, "../../test/fixtures/tables/two-year-comparison.txt"));
  await ingestPaths(files, { db: samplesDb, jobs: 0 });
}, 60_000);

/** Minimal RFC 4180 reader for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  return rows;
}

describe("baocao query", () => {
  it("prints an aligned table with a row count", async () => {
    const r = await cli("query", "SELECT path, period_year FROM documents ORDER BY path", "--db", fixtureDb);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      ["path                    | period_year", "------------------------+------------", 'reports/a.txt           |        2024', 'reports/b, "quoted".txt |        2023', "(2 rows)", ""].join("\n"),
    );
  });

  it("prints JSON and JSON lines", async () => {
    const json = await cli("query", "SELECT name, value FROM indicators WHERE value = 120 ORDER BY document_id", "--db", fixtureDb, "--format", "json");
    expect(JSON.parse(json.stdout)).toEqual([{ name: "Tổng số TTHC tiếp nhận", value: 120 }, { name: "Tổng số TTHC tiếp nhận", value: 120 }]);
    const jsonl = await cli("query", "SELECT id FROM documents ORDER BY id", "--db", fixtureDb, "--format", "jsonl");
    expect(jsonl.stdout).toBe('{"id":1}\n{"id":2}\n');
  });

  it("refuses to write: only row-returning read-only statements run", async () => {
    for (const sql of ["DELETE FROM documents", "UPDATE documents SET status = 'ok'", "DROP TABLE indicators"]) {
      const r = await cli("query", sql, "--db", fixtureDb);
      expect(r.code, sql).toBe(2);
      expect(r.stderr).toMatch(/only statements that return rows/i);
    }
    const still = await cli("query", "SELECT count(*) AS n FROM documents", "--db", fixtureDb, "--format", "json");
    expect(JSON.parse(still.stdout)).toEqual([{ n: 2 }]);
  });

  it("offers fold() for accent-insensitive comparisons", async () => {
    const r = await cli("query", "SELECT count(*) AS n FROM documents WHERE fold(issuer) = 'ubnd xa dong hoa'", "--db", fixtureDb, "--format", "json");
    expect(JSON.parse(r.stdout)).toEqual([{ n: 2 }]);
  });

  it("says how to create a missing database, and reports bad SQL in one line", async () => {
    const missing = await cli("query", "SELECT 1", "--db", join(tempDir(), "none.sqlite"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No database at .* baocao ingest/);
    const bad = await cli("query", "SELEC nonsense", "--db", fixtureDb);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*syntax error/);
  });
});

describe("baocao export", () => {
  it("writes CSV with a UTF-8 BOM that round-trips through a CSV reader", async () => {
    const out = join(tempDir(), "x", "indicators.csv");
    const r = await cli("export", "--what", "indicators", "--out", out, "--db", fixtureDb);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    const header = rows[0];
    expect(header.slice(0, 3)).toEqual(["path", "issuer", "unit_level"]);
    expect(rows).toHaveLength(1 + 6);
    const col = (name: string) => rows.slice(1).map((row) => row[header.indexOf(name)]);
    expect(col("name")).toContain('Chỉ tiêu "lạ", có dấu phẩy\nvà xuống dòng');
    expect(col("path")).toContain('reports/b, "quoted".txt');
    expect(col("value")).toContain("118");
    expect(col("code_path")[0]).toBe("[]");
  });

  it("writes JSON lines with list columns as arrays and is_group as a boolean", async () => {
    const r = await cli("export", "--what", "indicators", "--format", "jsonl", "--db", fixtureDb);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ path: "reports/a.txt", code_path: [], flags: [], is_group: false, value: 120 });
  });

  it("writes documents as a JSON array with the metadata object", async () => {
    const r = await cli("export", "--what", "documents", "--format", "json", "--db", fixtureDb);
    const docs = JSON.parse(r.stdout);
    expect(docs).toHaveLength(2);
    expect(docs[0].metadata).toMatchObject({ issuer: "UBND xã Đông Hòa", period: { year: 2024 } });
  });

  it("exports sections, tasks and targets, and refuses an unknown kind", async () => {
    for (const what of ["sections", "tasks", "targets"]) {
      const r = await cli("export", "--what", what, "--format", "jsonl", "--db", fixtureDb);
      expect(r.code, what).toBe(0);
      expect(r.stdout.trim().split("\n").length, what).toBeGreaterThan(1);
    }
    const bad = await cli("export", "--what", "everything", "--db", fixtureDb);
    expect(bad.code).toBe(2);
  });
});

describe("baocao search", () => {
  it("finds 'một cửa' from 'mot cua' with a snippet, the document and the section", async () => {
    const r = await cli("search", "mot cua", "--db", fixtureDb, "--limit", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^reports\/.*\.txt § I\/1 Cải cách thủ tục hành chính \(line 1\)\n {4}.*«một cửa»/);
  });

  it("prints hits as JSON and says so when nothing matches", async () => {
    const r = await cli("search", "số hóa", "--format", "json", "--db", fixtureDb);
    expect(JSON.parse(r.stdout).map((h: { numberPath: string }) => h.numberPath)).toEqual(["II", "II"]);
    const none = await cli("search", "không có gì như thế", "--db", fixtureDb);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/No section matches/);
  });
});

describe("baocao catalog unmatched", () => {
  it("lists labels without an indicator id, most frequent first", async () => {
    const r = await cli("catalog", "unmatched", "--format", "json", "--db", fixtureDb);
    expect(JSON.parse(r.stdout)).toEqual([
      { rows: 1, documents: 1, name: 'Chỉ tiêu "lạ", có dấu phẩy\nvà xuống dòng', units: "TTHC", group: 0, example: 'reports/b, "quoted".txt' },
      { rows: 1, documents: 1, name: "Chỉ tiêu lạ chưa có trong danh mục", units: "TTHC", group: 0, example: "reports/a.txt" },
    ]);
  });
});

describe("baocao inspect", () => {
  it("prints the section tree and the logical tables of a file", async () => {
    const r = await cli("inspect", join(SAMPLES, "001.txt"), "--rows", "2");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sections \(\d+\):$/m);
    expect(r.stdout).toMatch(/^ {2}I\. /m);
    expect(r.stdout).toMatch(/^Tables \(\d+ logical\):$/m);
    expect(r.stdout).toMatch(/#0 \w+/);
  });
});

describe.each(["docs/STORE.md", "README.md"])("the example queries of %s", (file) => {
  const doc = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), "utf8");
  const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1].trim());

  it("are there", () => expect(queries.length).toBeGreaterThanOrEqual(3));

  it.each(queries.map((q, i) => [i + 1, q]))("example %i runs on the samples and returns rows", async (_, sql) => {
    const r = await cli("query", sql as string, "--db", samplesDb, "--format", "json");
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
  });
});

describe("every command", () => {
  it.each(["ingest", "query", "export", "search", "inspect", "catalog"])("%s has --help with examples", async (name) => {
    const r = await cli(name, "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: baocao /);
    expect(r.stdout).toMatch(/Examples:\n {2}baocao /);
  });
});
