import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL server the tests use, from BAOCAO_TEST_PG (a URL whose user may create
 * databases, e.g. postgres://baocao:baocao@127.0.0.1:5432/postgres; .ci/run sets it). Without
 * it the PostgreSQL tests are skipped, and this prints one line saying so.
 */
export const TEST_PG = process.env.BAOCAO_TEST_PG?.trim() || undefined;

/** Prints the visible skip line once per test file when no server is configured. */
export function noteSkipped(what: string): void {
  if (!TEST_PG) console.warn(`SKIPPED: ${what} — set BAOCAO_TEST_PG=postgres://USER:PASS@HOST:PORT/DB (a user that may create databases) to run them.`);
}

/** A fresh, empty database on the test server and its drop. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_PG) throw new Error("BAOCAO_TEST_PG is not set");
  const name = `baocao_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_PG);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
