import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { read, utils } from "@e965/xlsx";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../cli/testing/capture.js";
import { tempDir } from "../cli/testing/corpus.js";
import { extractFile } from "../pipeline/extract.js";
import { exportSql } from "../store/reviewed-exports.js";
import { EXPORT_KINDS, type ExportKind } from "../store/exports.js";
import { openStore } from "../store/open.js";
import { sampleExtraction } from "../store/testing/fixtures.js";
import { DocumentWriter } from "../store/write.js";
import { columnType } from "./columns.js";

/**
 * Issue 17 part 3: `baocao export --format parquet|xlsx`. A store of two hand-made reports (one
 * with a label a spreadsheet would run as a formula) and two table fixtures of issue 15 (so
 * tables, cells, values and matrix cells are not empty) is exported, and the files are read
 * back by DuckDB and SheetJS: row counts against the store, column types, Vietnamese text,
 * values cell for cell.
 */
const FORMULA = '=HYPERLINK("http://x","Bấm")';
let dir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir("baocao-export-formats-");
  db = join(dir, "store.sqlite");
  const store = openStore(db);
  const w = new DocumentWriter(store, { groupSize: 1 });
  w.write(sampleExtraction("reports/a.txt", "a".repeat(64), 2024), { parserVersion: "t" });
  const tricky = sampleExtraction("reports/b.txt", "b".repeat(64), 2023);
  tricky.indicators[2].name = FORMULA;
  tricky.indicators[1].isGroup = true;
  w.write(tricky, { parserVersion: "t" });
  for (const f of ["unit-ranking-split", "two-year-comparison"]) {
    const { extraction } = await extractFile(join(import.meta.dirname, `../../test/fixtures/tables/${f}.txt`));
    w.write(extraction, { parserVersion: "t" });
  }
  w.close();
  store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows the store gives for one kind, as better-sqlite3 returns them. */
function storeRows(kind: ExportKind): Record<string, unknown>[] {
  const store = openStore(db, { readonly: true });
  try {
    return store.prepare(exportSql(kind)).all() as Record<string, unknown>[];
  } finally {
    store.close();
  }
}

async function duck<T>(body: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await instance.connect();
  try {
    return await body(async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const DUCK_TYPE = { integer: "BIGINT", double: "DOUBLE", boolean: "BOOLEAN", text: "VARCHAR" } as const;

describe("baocao export --format parquet", () => {
  it.each(EXPORT_KINDS)("writes %s as a Parquet file DuckDB reads back with every row, typed columns and the store's values", async (kind) => {
    const out = join(dir, "parquet", `${kind}.parquet`);
    const r = await cli("export", "--what", kind, "--format", "parquet", "--db", db, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const expected = storeRows(kind);
    expect(r.stderr).toBe(`${expected.length} ${kind} row(s) written to ${out}\n`);
    const store = openStore(db, { readonly: true });
    const declared = store.prepare(exportSql(kind)).columns();
    store.close();
    await duck(async (run) => {
      const types = await run(`DESCRIBE SELECT * FROM read_parquet('${out}')`);
      expect(types.map((t) => [t.column_name, t.column_type])).toEqual(declared.map((c) => [c.name, DUCK_TYPE[columnType(c.name, c.type)]]));
      const rows = await run(`SELECT * FROM read_parquet('${out}')`);
      expect(rows.length).toBe(expected.length);
      // Back to SQLite's representation: BIGINT arrives as bigint, BOOLEAN as true/false.
      const asStore = rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? Number(v) : v])),
      );
      expect(asStore).toEqual(expected);
    });
  });

  it("keeps the types an analyst filters on: integers, doubles, booleans, and Vietnamese text intact", async () => {
    const out = join(dir, "parquet", "values-typed.parquet");
    expect((await cli("export", "--what", "values", "--format", "parquet", "--db", db, "--out", out)).code).toBe(0);
    await duck(async (run) => {
      const t = Object.fromEntries((await run(`DESCRIBE SELECT * FROM '${out}'`)).map((c) => [c.column_name, c.column_type]));
      expect([t.year, t.row_index, t.value, t.is_main, t.name, t.header]).toEqual(["BIGINT", "BIGINT", "DOUBLE", "BOOLEAN", "VARCHAR", "VARCHAR"]);
      const r = await run(`SELECT name, header, year, value, is_main FROM '${out}' WHERE name = 'Tỷ lệ hồ sơ giải quyết đúng hạn' ORDER BY column_index`);
      expect(r).toEqual([
        { name: "Tỷ lệ hồ sơ giải quyết đúng hạn", header: "Năm 2023", year: 2023n, value: 96.5, is_main: true },
        { name: "Tỷ lệ hồ sơ giải quyết đúng hạn", header: "Năm 2024", year: 2024n, value: 98.2, is_main: false },
      ]);
    });
  });
});

describe("baocao export --format xlsx", () => {
  it("writes one sheet per kind with a frozen header row, typed cells and formula-like text neutralised", async () => {
    const out = join(dir, "xlsx", "all.xlsx");
    const r = await cli("export", "--what", "all", "--format", "xlsx", "--db", db, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(out);
    const wb = read(bytes);
    expect(wb.SheetNames).toEqual(EXPORT_KINDS);
    for (const kind of EXPORT_KINDS) {
      const expected = storeRows(kind);
      const grid = utils.sheet_to_json<unknown[]>(wb.Sheets[kind], { header: 1, defval: null });
      const store = openStore(db, { readonly: true });
      const names = store.prepare(exportSql(kind)).columns().map((c) => c.name);
      store.close();
      expect(grid[0], kind).toEqual(names);
      expect(grid.length - 1, kind).toBe(expected.length);
    }
    const ind = utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.indicators, { defval: null });
    const names = ind.map((x) => x.name);
    expect(names).toContain(`'${FORMULA}`);
    expect(names).not.toContain(FORMULA);
    expect(names).toContain("Tổng số TTHC tiếp nhận");
    const first = ind.find((x) => x.name === "Tổng số TTHC tiếp nhận")!;
    expect([first.value, first.row_index, first.is_group, first.issuer]).toEqual([120, 0, false, "UBND xã Đông Hòa"]);
    expect(ind.find((x) => x.path === "reports/b.txt" && x.row_index === 1)!.is_group).toBe(true);
    // Typed cells: numbers as numbers, flags as booleans, text as strings.
    const sheet = wb.Sheets.indicators;
    const col = (name: string) => utils.encode_col((grid0(sheet) as string[]).indexOf(name));
    expect(sheet[`${col("value")}2`].t).toBe("n");
    expect(sheet[`${col("is_group")}2`].t).toBe("b");
    expect(sheet[`${col("name")}2`].t).toBe("s");
    // The header row is frozen in every sheet (SheetJS reads no panes: the sheet XML says it).
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBe(EXPORT_KINDS.length);
    for (const s of sheets) expect(await zip.file(s)!.async("string")).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
  });

  it("writes only the kinds listed, in that order", async () => {
    const out = join(dir, "xlsx", "two.xlsx");
    const r = await cli("export", "--what", "values,matrix", "--format", "xlsx", "--db", db, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`${storeRows("values").length} values, ${storeRows("matrix").length} matrix row(s) written to ${out}\n`);
    expect(read(readFileSync(out)).SheetNames).toEqual(["values", "matrix"]);
  });
});

describe("Excel's limits", () => {
  it("cuts a text cell at 32 767 characters with a warning counting the cells cut, keeping it whole in Parquet", async () => {
    const file = join(dir, "long.sqlite");
    const store = openStore(file);
    const x = sampleExtraction("reports/long.txt", "c".repeat(64), 2024);
    x.sections[1].text = "Việc số hóa hồ sơ còn chậm. ".repeat(2000);
    const w = new DocumentWriter(store, { groupSize: 1 });
    w.write(x, { parserVersion: "t" });
    w.close();
    store.close();
    const out = join(dir, "xlsx", "long.xlsx");
    const r = await cli("export", "--what", "sections", "--format", "xlsx", "--db", file, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: 1 text cell\(s\) cut at Excel's 32767 characters/);
    const texts = utils.sheet_to_json<Record<string, unknown>>(read(readFileSync(out)).Sheets.sections).map((s) => s.text as string);
    const long = texts.find((t) => t.startsWith("Việc số hóa"))!;
    expect(long.length).toBe(32_767);
    expect(long.endsWith("…")).toBe(true);
    const pq = join(dir, "parquet", "long.parquet");
    expect((await cli("export", "--what", "sections", "--format", "parquet", "--db", file, "--out", pq)).code).toBe(0);
    const whole = await duck((run) => run(`SELECT max(length(text)) AS n FROM '${pq}'`));
    expect(Number(whole[0].n)).toBe(x.sections[1].text.length);
  });
});

function grid0(sheet: import("@e965/xlsx").WorkSheet): unknown[] {
  return utils.sheet_to_json<unknown[]>(sheet, { header: 1 })[0];
}

describe("bad export requests", () => {
  it("refuses an unknown format with exit 2 and the formats it knows", async () => {
    const out = join(dir, "bad", "x.arrow");
    const r = await cli("export", "--what", "indicators", "--format", "arrow", "--db", db, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--format must be one of csv, jsonl, json, parquet, xlsx\./);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });

  it("refuses a binary format without --out, and several kinds in one Parquet file", async () => {
    const a = await cli("export", "--what", "indicators", "--format", "parquet", "--db", db);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^--format parquet writes a binary file: name it with --out FILE\./);
    expect(a.stdout).toBe("");
    const b = await cli("export", "--what", "indicators,values", "--format", "parquet", "--db", db, "--out", join(dir, "two.parquet"));
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/several kinds at once only with --format xlsx/);
    const c = await cli("export", "--what", "indicators,nonsense", "--format", "xlsx", "--db", db, "--out", join(dir, "two.xlsx"));
    expect(c.code).toBe(2);
    expect(existsSync(join(dir, "two.parquet")) || existsSync(join(dir, "two.xlsx"))).toBe(false);
  });

  it.each(["parquet", "xlsx"])("refuses an unwritable --out for %s with exit 2 and the reason, leaving nothing", async (format) => {
    const blocker = join(dir, `blocker-${format}`);
    writeFileSync(blocker, "a file where a folder is needed");
    const r = await cli("export", "--what", "documents", "--format", format, "--db", db, "--out", join(blocker, "sub", `x.${format}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write --out .*: A file is in the way where a folder is needed/);
    expect(readFileSync(blocker, "utf8")).toBe("a file where a folder is needed");
  });

  it.each(["parquet", "xlsx"])("leaves the previous %s file as it was when an export fails half-way", async (format) => {
    const copy = join(dir, `broken-${format}.sqlite`);
    writeFileSync(copy, readFileSync(db));
    const store = openStore(copy);
    // A value that fits no integer column: SQLite keeps it as text in an INTEGER column.
    store.prepare("UPDATE documents SET pages = 'many' WHERE path = 'reports/b.txt'").run();
    store.close();
    const folder = join(dir, `keep-${format}`);
    mkdirSync(folder);
    const out = join(folder, `documents.${format}`);
    writeFileSync(out, "the previous export");
    const r = await cli("export", "--what", "documents", "--format", format, "--db", copy, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: column pages \(integer\) of row \d+ holds "many", which is not of that type/);
    expect(readFileSync(out, "utf8")).toBe("the previous export");
    expect(readdirSync(folder)).toEqual([`documents.${format}`]);
  });
});

describe("column types", () => {
  it("takes names first, then SQLite's declared type, then text", () => {
    expect(columnType("is_main", "INTEGER")).toBe("boolean");
    expect(columnType("row_index", null)).toBe("integer");
    expect(columnType("value", null)).toBe("double");
    expect(columnType("bytes", "INTEGER")).toBe("integer");
    expect(columnType("something", "REAL")).toBe("double");
    expect(columnType("something", "VARCHAR(20)")).toBe("text");
    expect(columnType("headers", null)).toBe("text");
  });
});
