import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../src/batch/run.js";
import { cli } from "../src/cli/testing/capture.js";
import { SAMPLES, tempDir } from "../src/cli/testing/corpus.js";

/**
 * The README's queries on tables and values by column (issue 15), exactly as printed there, on a
 * store of what `npm start` ingests (data/samples, every format) plus the table fixtures of
 * scripts/make-table-fixtures.mjs (test/fixtures/tables), which hold the two-year comparison and
 * the unit ranking the samples lack. Each query must return rows that make sense, not just rows.
 */
const README = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
const section = README.slice(README.indexOf("### Tables and values by column"), README.indexOf("\n## ", README.indexOf("### Tables and values by column")));
const queries = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1].trim());

let dir: string;
let db: string;
beforeAll(async () => {
  dir = tempDir("baocao-readme-queries-");
  db = join(dir, "store.sqlite");
  const summary = await ingestPaths([SAMPLES, join(import.meta.dirname, "fixtures/tables")], { db, jobs: 0 });
  expect(summary.failed).toEqual([]);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(sql: string): Promise<Record<string, unknown>[]> {
  const r = await cli("query", sql, "--db", db, "--format", "json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

describe("the README's queries on tables and values by column", () => {
  it("are the three the README announces", () => {
    expect(queries.length).toBe(3);
    expect(queries[0]).toMatch(/FROM indicator_values_by_column/);
    expect(queries[1]).toMatch(/FROM table_cells/);
    expect(queries[2]).toMatch(/FROM matrix_cells/);
  });

  it("one indicator across years: a value per report and year, the two-year table giving both its years", async () => {
    const rows = await run(queries[0]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(typeof r.value).toBe("number");
      expect(r.value as number).toBeGreaterThanOrEqual(0);
      expect(r.value as number).toBeLessThanOrEqual(100); // a share of dossiers settled on time, in %
      expect(typeof r.year).toBe("number");
    }
    const years = rows.map((r) => r.year as number);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years).toContain(2023);
    expect(years).toContain(2024);
    const twoYear = rows.filter((r) => r.header === "Năm 2023" || r.header === "Năm 2024");
    expect(twoYear.map((r) => [r.year, r.raw_value, r.value])).toEqual([
      [2023, "96,5%", 96.5],
      [2024, "98,2%", 98.2],
    ]);
  });

  it("the plan tables' deadline column: one cell per task row, under a 'Thời gian' header", async () => {
    const rows = await run(queries[1]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.header as string).toMatch(/^Thời gian/);
      expect(typeof r.row_index).toBe("number");
      expect(typeof r.issuer).toBe("string");
    }
    // Body rows in order within each report.
    const byIssuer = new Map<string, number[]>();
    for (const r of rows) byIssuer.set(r.issuer as string, [...(byIssuer.get(r.issuer as string) ?? []), r.row_index as number]);
    for (const idx of byIssuer.values()) expect(idx).toEqual([...idx].sort((a, b) => a - b));
  });

  it("units ranked by a score: in each ranking the higher score has the better rank, in every format", async () => {
    const rows = await run(queries[2]);
    expect(rows.length).toBeGreaterThan(0);
    const rankings = new Map<string, { entity: string; score: number; rank: number }[]>();
    for (const r of rows) {
      expect(r.row_entity).toEqual(expect.any(String));
      expect(Number.isInteger(r.rank)).toBe(true);
      const k = `${r.path} #${r.table_index} ${r.header}`;
      rankings.set(k, [...(rankings.get(k) ?? []), { entity: r.row_entity as string, score: r.score as number, rank: r.rank as number }]);
    }
    for (const [k, list] of rankings) {
      expect(list.map((x) => x.score), k).toEqual([...list.map((x) => x.score)].sort((a, b) => b - a));
      expect(list.map((x) => x.rank), k).toEqual([...list.map((x) => x.rank)].sort((a, b) => a - b));
    }
    // The unit ranking split over two pages, in each of its formats: five units, ranks 1–5.
    for (const ext of ["txt", "docx", "pdf"]) {
      const list = [...rankings].find(([k]) => k.includes(`unit-ranking-split.${ext} `))?.[1];
      expect(list?.map((x) => [x.entity, x.rank]), ext).toEqual([
        ["UBND xã An Bình", 1],
        ["UBND xã Tân Phú", 2],
        ["UBND phường Hòa Thuận", 3],
        ["UBND xã Đông Sơn", 4],
        ["UBND xã Phước Hưng", 5],
      ]);
    }
  });
});
