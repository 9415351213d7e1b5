import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gfmParser, parseGroup, parserFor } from "./markdown.js";

const ROOT = join(import.meta.dirname, "../../..");
const TEXT_DIRS = ["data/samples", "test/fixtures/txt", "test/fixtures/variants"];

describe("choosing the markdown parser", () => {
  it("reads every blank-line group of the samples and fixtures as GFM does", () => {
    let plain = 0;
    for (const dir of TEXT_DIRS)
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith(".txt")))
        for (const g of readFileSync(join(ROOT, dir, f), "utf8").split(/\n[ \t]*\n/)) {
          const source = g.split("\n").filter((l) => !l.includes("\t")).join("\n");
          if (!source.trim()) continue;
          if (parserFor(source) !== gfmParser) plain++;
          expect(parseGroup(source, 3), `${f}: ${source}`).toEqual(parseGroup(source, 3, gfmParser));
        }
    expect(plain).toBeGreaterThan(100);
  });

  it("keeps GFM for tables, strikethrough, task items, footnotes and autolinks", () => {
    for (const s of ["| a | b |\n|---|---|\n| 1 | 2 |", "~~bỏ~~", "- [x] xong", "xem[^1]", "www.hanoi.gov.vn", "a@b.vn"])
      expect(parserFor(s)).toBe(gfmParser);
  });

  it("agrees with GFM on generated markdown without GFM syntax", () => {
    const piece = fc.constantFrom("Kết quả", "**đạt**", "*ghi chú*", "1. mục", "- ý", "# Tiêu đề", "> trích", "<b>in</b>", "`mã`", "\\*", "&amp;", "  ", "\n", "\n\n", "a)", "    code", "***", "---", "===", "_x_", "[liên kết](http://x)", "![ảnh](y)");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(" ")), (source) => {
        if (parserFor(source) === gfmParser) return;
        expect(parseGroup(source, 1)).toEqual(parseGroup(source, 1, gfmParser));
      }),
      { numRuns: 1500 },
    );
  });
});
