import { describe, expect, it } from "vitest";
import { columnNames } from "./columns.js";
import { SCHEMA_VERSION } from "./migrations.js";
import { openStore } from "./open.js";
import { PG_SCHEMA_VERSION, TABLES } from "./postgres/schema.js";

describe("store columns declared once", () => {
  it("gives every SQLite table exactly the columns of its row schema (plus id and document_id)", () => {
    const db = openStore(":memory:");
    try {
      for (const t of TABLES) {
        const actual = (db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string }[]).map((c) => c.name).sort();
        const expected = [...(t.id ? ["id"] : []), ...(t.document ? ["document_id"] : []), ...columnNames(t.schema)].sort();
        expect(actual, t.name).toEqual(expected);
      }
    } finally {
      db.close();
    }
  });

  it("has a PostgreSQL migration for the SQLite schema version (a new SQLite migration needs its twin)", () => {
    expect(PG_SCHEMA_VERSION).toBe(SCHEMA_VERSION);
  });
});
