import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain .mjs script without type declarations
import { needsBuild } from "./build-if-changed.mjs";

/** `npm start` compiles only when a source is newer than the last build (issue 19: 5 s for nothing). */

const root = mkdtempSync(join(tmpdir(), "baocao-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("build-if-changed", () => {
  it("builds when dist/ was never built, not after, and again once a source changes", () => {
    mkdirSync(join(root, "src/cli"), { recursive: true });
    const source = join(root, "src/cli/main.ts");
    writeFileSync(source, "export {};\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(source, past, past);
    expect(needsBuild(root)).toBe(true);
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist/.build-stamp"), "built\n");
    expect(needsBuild(root)).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(source, future, future);
    expect(needsBuild(root)).toBe(true);
  });
});
