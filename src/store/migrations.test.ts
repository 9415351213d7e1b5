import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, type Migration, migrations, SCHEMA_VERSION, SchemaTooNewError } from "./migrations.js";
import { NoDatabaseError, openStore } from "./open.js";

const tmp = () => mkdtempSync(join(tmpdir(), "baocao-store-"));

describe("schema and migrations", () => {
  it("creates the schema at the latest user_version, in WAL mode with foreign keys on, making the folder", () => {
    const file = join(tmp(), "nested", "folder", "db.sqlite");
    const db = openStore(file);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table','view')").all() as { name: string }[]).map((r) => r.name);
    for (const t of ["documents", "sections", "section_topics", "indicator_tables", "indicators", "tasks", "targets", "messages", "sections_fts", "indicator_values"])
      expect(names).toContain(t);
    db.close();
  });

  it("deletes a replaced document's section topics through an index, not a scan per section", () => {
    const db = openStore(":memory:");
    // The ON DELETE CASCADE from sections runs this lookup for every deleted section.
    const plan = db.prepare("EXPLAIN QUERY PLAN DELETE FROM section_topics WHERE section_id = ?").all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toMatch(/SEARCH section_topics USING (COVERING )?INDEX section_topics_section/);
  });

  it("upgrades a version-2 store by adding the contract v2 columns, keeping its documents", () => {
    const db = new Database(":memory:");
    migrate(db, migrations.slice(0, 2));
    db.prepare("INSERT INTO documents (path, sha256, format, status, metadata_json, ingested_at, parser_version) VALUES ('a.txt', '', 'txt', 'ok', '{}', 'now', 't')").run();
    expect(migrate(db)).toEqual(migrations.slice(2).map((m) => m.version));
    expect(db.prepare("SELECT path, subject, parent, period_month FROM documents").all()).toEqual([{ path: "a.txt", subject: null, parent: null, period_month: null }]);
    db.close();
  });

  it("re-opening an up-to-date store applies nothing", () => {
    const file = join(tmp(), "db.sqlite");
    openStore(file).close();
    const db = new Database(file);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it("applies only the missing migrations, in order, each setting user_version", () => {
    const db = new Database(":memory:");
    const list: Migration[] = [
      { version: 1, description: "a", sql: "CREATE TABLE a (x)" },
      { version: 2, description: "b", sql: "CREATE TABLE b (x)" },
    ];
    expect(migrate(db, list.slice(0, 1))).toEqual([1]);
    expect(migrate(db, list)).toEqual([2]);
    expect(db.pragma("user_version", { simple: true })).toBe(2);
  });

  it("rolls back a failing migration and keeps the previous version", () => {
    const db = new Database(":memory:");
    const list: Migration[] = [
      { version: 1, description: "a", sql: "CREATE TABLE a (x)" },
      { version: 2, description: "broken", sql: "CREATE TABLE b (x); CREATE TABLE a (x)" },
    ];
    expect(() => migrate(db, list)).toThrow();
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it("refuses a database written by a newer schema", () => {
    const file = join(tmp(), "db.sqlite");
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openStore(file)).toThrow(SchemaTooNewError);
    expect(() => openStore(file, { readonly: true })).toThrow(SchemaTooNewError);
  });

  it("a read-only open of a missing file says how to create it instead of creating it", () => {
    expect(() => openStore(join(tmp(), "none.sqlite"), { readonly: true })).toThrow(NoDatabaseError);
  });
});
