import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

describe("the library entry (package.json exports)", () => {
  it("points the package's main export at this module's build", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8"));
    expect(pkg.exports["."]).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/src/index.js" });
  });

  it("extracts a sample through the public API and validates it with the exported schema", async () => {
    const { extraction } = await api.extractFile(join(import.meta.dirname, "../data/samples/002.txt"));
    expect(api.Extraction.parse(extraction).status).toBe("ok");
    expect(api.DocumentStatus.options).toContain(extraction.status);
    expect(extraction.tasks.length).toBeGreaterThan(0);
    expect(api.FORMATS.map((f) => f.id)).toEqual(api.SourceFormat.options);
  });
});
