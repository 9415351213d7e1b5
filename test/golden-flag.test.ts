import { describe, expect, it } from "vitest";

describe("golden files", () => {
  it("are never regenerated in CI (UPDATE_GOLDEN must not be left on)", () => {
    if (process.env.CI) expect(process.env.UPDATE_GOLDEN ?? "").toBe("");
  });
});
