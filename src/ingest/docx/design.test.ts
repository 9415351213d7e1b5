import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The reading design held as a test: the modules of the Word ingest and the shared block builder
 * import each other in one direction only, so the calls from ingestDocx through either reader go
 * down a chain of files and never come back into one they left; and nothing reaches into a
 * library's private fields or passes one element type off as another.
 */

const SRC = join(import.meta.dirname, "..");
const modules = ["docx", "blocks"].flatMap((dir) =>
  readdirSync(join(SRC, dir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => `${dir}/${f}`),
);
const source = (m: string) => readFileSync(join(SRC, m), "utf8");

/** The modules among `modules` that `m` imports. */
function imports(m: string): string[] {
  const dir = m.slice(0, m.indexOf("/"));
  return [...source(m).matchAll(/^(?:import|export)[^;]*? from "(\.{1,2}\/[^"]+)\.js";/gm)]
    .map((i) => join(dir, i[1]).replace(/\\/g, "/") + ".ts")
    .filter((t) => modules.includes(t));
}

describe("the Word reading design", () => {
  it("has no import cycle among the docx modules and the shared block builder", () => {
    // Kahn's algorithm: every module must be removable once the modules it imports are.
    const pending = new Map(modules.map((m) => [m, new Set(imports(m))]));
    for (let progress = true; progress; ) {
      progress = false;
      for (const [m, deps] of pending)
        if ([...deps].every((d) => !pending.has(d))) {
          pending.delete(m);
          progress = true;
        }
    }
    expect([...pending.keys()]).toEqual([]);
    expect(imports("docx/own-reader.ts")).not.toContain("docx/mammoth-reader.ts");
    expect(imports("docx/mammoth-reader.ts")).not.toContain("docx/own-reader.ts");
  });

  it("uses no private library fields and no double casts", () => {
    for (const m of modules) {
      expect(source(m), m).not.toMatch(/as unknown as|\._data\b|internalStream/);
    }
  });
});
