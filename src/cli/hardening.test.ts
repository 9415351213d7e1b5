import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMULA_NAMES, formulaReport } from "../../test/make/hostile-inputs.js";
import { openStore } from "../store/open.js";
import { ingestPaths } from "../batch/run.js";
import { Sink } from "./format/sink.js";
import { cli } from "./testing/capture.js";
import { corpus, put, tempDir } from "./testing/corpus.js";

/**
 * Issue 19, the store and the command line under attack: every command line that used to lose
 * data, write where it must not or be silently misread is refused with a reason, and the
 * guards do not get in the way of the commands as documented. docs/BAD-INPUT.md lists them.
 */

let dir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir("baocao-harden-");
  corpus(join(dir, "in"), { "a.txt": "000.txt", "b.txt": "001.txt" });
  put(join(dir, "in"), "formula.txt", formulaReport());
  db = join(dir, "store.sqlite");
  const r = await cli("ingest", join(dir, "in"), "--db", db, "--jobs", "0", "--quiet");
  expect(r.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const documents = (file: string) => {
  const d = new Database(file, { readonly: true });
  try {
    return d.prepare("SELECT path, status FROM documents ORDER BY path").all() as { path: string; status: string }[];
  } finally {
    d.close();
  }
};

describe("strict command line", () => {
  it("refuses an unknown option instead of letting it swallow the next argument", async () => {
    const r = await cli("ingest", join(dir, "in"), "--dbb", join(dir, "typo.sqlite"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option --dbb\. This command takes: .*--db/);
    expect(existsSync(join(dir, "typo.sqlite"))).toBe(false);
  });

  it("refuses a second file for a command that reads one", async () => {
    const r = await cli("extract", join(dir, "in/a.txt"), join(dir, "in/b.txt"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Too many arguments: this command takes 1; ".*b\.txt" would be ignored/);
  });

  it("validates --timeout of extract", async () => {
    const r = await cli("extract", join(dir, "in/a.txt"), "--timeout", "abc");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout needs a whole number ≥ 0, got "abc"/);
  });

  it("refuses a value flag without its value and a value given to a switch", async () => {
    expect((await cli("query", "SELECT 1", "--db")).stderr).toMatch(/--db needs a value/);
    expect((await cli("ingest", join(dir, "in"), "--quiet=yes")).stderr).toMatch(/--quiet takes no value/);
  });

  it("refuses --all together with --fts", async () => {
    const r = await cli("search", "một cửa", "--all", "--fts", "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--all and --fts cannot be used together/);
  });

  it("prints the version from package.json", async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    for (const argv of [["--version"], ["ingest", "--version"]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`baocao ${pkg.version}\n`);
    }
  });

  it('refuses --db "" (better-sqlite3 would use a temporary database and throw the run away)', async () => {
    const r = await cli("ingest", join(dir, "in/a.txt"), "--db", "");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--db needs a file name; an empty one would store into a temporary database/);
    expect((await cli("query", "SELECT 1", "--db", "")).code).toBe(2);
  });

  it("refuses an input path that does not exist before creating a database", async () => {
    const target = join(dir, "never.sqlite");
    const r = await cli("ingest", join(dir, "no-such-folder"), "--db", target);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-folder": no such file or folder .* Nothing was ingested/);
    expect(existsSync(target)).toBe(false);
  });

  it("says so and fails when --ext matches nothing", async () => {
    const r = await cli("ingest", join(dir, "in"), "--ext", "md", "--db", join(dir, "ext.sqlite"), "--jobs", "0");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No file to ingest: the folder\(s\) hold no \.md file/);
  });

  it("caps --jobs at the cores with a notice", async () => {
    const r = await cli("ingest", join(dir, "in/a.txt"), "--db", db, "--jobs", "100");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: --jobs 100 is more than the ${availableParallelism()} core(s) here; using ${availableParallelism()}.`);
  });

  it("counts truly in the summary: a run that read nothing does not say it ingested a file", async () => {
    const r = await cli("ingest", join(dir, "in/a.txt"), "--db", db, "--jobs", "0");
    expect(r.stdout).toMatch(/^Read 0 of 1 file\(s\) found into .* \(failed 0, unchanged and skipped 1\)/);
  });

  it("turns raw SQLite and Node errors into sentences a user can act on", async () => {
    put(dir, "blocker", "a file where a folder should be");
    const mk = await cli("ingest", join(dir, "in/a.txt"), "--db", join(dir, "blocker/x.sqlite"));
    expect(mk.code).toBe(1);
    expect(mk.stderr).toMatch(/A file is in the way where a folder is needed/);
    expect(mk.stderr).not.toMatch(/EEXIST|ENOTDIR/);
    const fts = await cli("search", '"unbalanced', "--fts", "--db", db);
    expect(fts.code).toBe(2);
    expect(fts.stderr).toMatch(/not valid FTS5 syntax \(unterminated string\)\. Leave out --fts/);
    expect((await cli("search", "AND", "--fts", "--db", db)).stderr).toMatch(/not valid FTS5 syntax \(syntax error near/);
    const notDb = await cli("query", "SELECT 1", "--db", join(dir, "in/a.txt"));
    expect(notDb.stderr).toMatch(/not an SQLite database/);
  });
});

describe("query is read-only by SQLite's own verdict", () => {
  it("refuses VACUUM INTO, ATTACH, write PRAGMAs and every statement without rows; nothing is written", async () => {
    const copy = join(dir, "copy.sqlite");
    const empty = put(dir, "empty-target.sqlite", "");
    for (const sql of [
      `VACUUM INTO '${copy}'`,
      `vacuum   /* comment */ INTO '${empty}'`,
      `ATTACH '${join(dir, "attached.sqlite")}' AS x`,
      "PRAGMA journal_mode = DELETE",
      "PRAGMA wal_checkpoint",
      "CREATE TEMP TABLE t(x)",
      "BEGIN",
    ]) {
      const r = await cli("query", sql, "--db", db);
      expect(r.code, sql).toBe(2);
      expect(r.stderr, sql).toMatch(/query runs only (statements that return rows|read-only statements)/);
    }
    expect(existsSync(copy)).toBe(false);
    expect(statSync(empty).size).toBe(0);
    expect(existsSync(join(dir, "attached.sqlite"))).toBe(false);
    // Reading still works, PRAGMA reads included.
    const ok = await cli("query", "PRAGMA user_version", "--db", db, "--format", "json");
    expect(ok.code).toBe(0);
  });
});

describe("outputs never overwrite a database", () => {
  it("refuses --out that is the store itself, by its name, a symbolic link or a hard link", async () => {
    const before = readFileSync(db);
    symlinkSync(db, join(dir, "link.csv"));
    linkSync(db, join(dir, "hard.csv"));
    for (const out of [db, join(dir, "link.csv"), join(dir, "hard.csv"), `${db}-wal`]) {
      for (const argv of [["export", "--what", "documents"], ["query", "SELECT * FROM documents"]]) {
        const r = await cli(...argv, "--db", db, "--out", out);
        expect(r.code, `${argv[0]} ${out}`).toBe(2);
        expect(r.stderr).toMatch(/is the database itself/);
      }
    }
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("refuses --out onto any other SQLite file", async () => {
    const other = join(dir, "other.sqlite");
    new Database(other).exec("CREATE TABLE keep(x); INSERT INTO keep VALUES (1)").close();
    const r = await cli("export", "--what", "indicators", "--db", db, "--out", other);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is an SQLite database; baocao does not overwrite databases/);
    expect(new Database(other, { readonly: true }).prepare("SELECT x FROM keep").get()).toEqual({ x: 1 });
  });

  it("writes a file through a temporary name: a failed export leaves no 0-byte or partial file", async () => {
    const out = join(dir, "out", "partial.csv");
    const sink = new Sink(out);
    await sink.write("a,b\r\n");
    await sink.flush();
    sink.discard(); // what the commands do when writing fails (a full disk, an error)
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(dir, "out"))).toEqual([]);
    const good = await cli("export", "--what", "documents", "--db", db, "--out", out);
    expect(good.code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^\ufeffid,path/);
    expect(readdirSync(join(dir, "out"))).toEqual(["partial.csv"]);
  });
});

describe("CSV is safe to open in a spreadsheet", () => {
  it("neutralises cells a spreadsheet would run as formulas, keeping signed numbers", async () => {
    const r = await cli("query", "SELECT name, value FROM indicators WHERE name NOT LIKE 'Số%' AND name NOT LIKE 'Tỷ%' ORDER BY id", "--db", db, "--format", "csv");
    expect(r.code).toBe(0);
    for (const name of FORMULA_NAMES) expect(r.stdout).toContain(`'${name.replace(/"/g, '""')}`);
    const neg = await cli("query", "SELECT '-12,5' AS n, '=1+1' AS f", "--db", db, "--format", "csv");
    expect(neg.stdout).toBe("n,f\r\n-12,5,'=1+1\r\n".replace("-12,5,", '"-12,5",'));
  });

  it("writes no byte order mark on stdout, and one in a file", async () => {
    const r = await cli("query", "SELECT 1 AS x", "--db", db, "--format", "csv");
    expect(r.stdout).toBe("x\r\n1\r\n");
    await cli("query", "SELECT 1 AS x", "--db", db, "--format", "csv", "--out", join(dir, "x.csv"));
    expect(readFileSync(join(dir, "x.csv"), "utf8")).toBe("\ufeffx\r\n1\r\n");
  });
});

describe("the store on read-only media and under two writers", () => {
  it("leaves the store in rollback-journal mode after an ingest, so it opens where no -shm can be made", () => {
    // Byte 18 of the header: 1 = rollback journal, 2 = WAL.
    expect(readFileSync(db)[18]).toBe(1);
    mkdirSync(`${db}-shm`); // a -shm that cannot be created, as on a read-only disk
    try {
      const ro = openStore(db, { readonly: true });
      expect((ro.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n).toBeGreaterThan(0);
      ro.close();
    } finally {
      rmSync(`${db}-shm`, { recursive: true });
    }
  });

  it("reads a WAL-mode store whose -shm cannot be made (read-only disk) from a copy in memory", async () => {
    const wal = join(dir, "wal.sqlite");
    const w = new Database(wal);
    w.pragma("journal_mode = WAL");
    w.close();
    const src = new Database(db, { readonly: true });
    await src.backup(wal);
    src.close();
    const x = new Database(wal);
    x.pragma("journal_mode = WAL");
    x.close();
    expect(readFileSync(wal)[18]).toBe(2);
    mkdirSync(`${wal}-shm`);
    const r = await cli("query", "SELECT count(*) AS n FROM documents", "--db", wal, "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].n).toBeGreaterThan(0);
  });

  it("refuses a second writer up front (exit 2) while one holds the store, and lets it in afterwards", async () => {
    const holder = openStore(db, { lock: true });
    try {
      const r = await cli("ingest", join(dir, "in"), "--db", db, "--jobs", "0");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Another baocao ingest is writing to .*Wait for it to finish/);
      // Readers are not locked out.
      expect((await cli("query", "SELECT count(*) FROM documents", "--db", db)).code).toBe(0);
    } finally {
      holder.close();
    }
    expect((await cli("ingest", join(dir, "in"), "--db", db, "--jobs", "0", "--quiet")).code).toBe(0);
  });

  it("stores every document once when ingests on one store follow each other", async () => {
    await ingestPaths([join(dir, "in")], { db, jobs: 0 });
    const docs = documents(db);
    expect(docs.map((d) => d.path)).toEqual([...new Set(docs.map((d) => d.path))]);
    expect(docs.every((d) => d.status !== "failed")).toBe(true);
  });
});
