import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGroup } from "./markdown.js";
import { simpleMarkdownBlocks } from "./simple-markdown.js";

const ROOT = join(import.meta.dirname, "../../..");
const TEXT_DIRS = ["data/samples", "test/fixtures/txt", "test/fixtures/variants"];

/** Blank-line-separated groups without TAB lines, as markdownToBlocks hands them over. */
function groupsOf(text: string): string[][] {
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (!line.trim() || line.includes("\t")) {
      if (cur.length) groups.push(cur);
      cur = [];
    } else cur.push(line);
  }
  if (cur.length) groups.push(cur);
  return groups;
}

describe("the simple markdown reader", () => {
  it("builds exactly what remark builds for every group of the samples and fixtures it takes", () => {
    let taken = 0;
    let all = 0;
    for (const dir of TEXT_DIRS)
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith(".txt"))) {
        for (const g of groupsOf(readFileSync(join(ROOT, dir, f), "utf8"))) {
          all++;
          const simple = simpleMarkdownBlocks(g, 7);
          if (!simple) continue;
          taken++;
          expect(simple, `${f}: ${g.join("\n")}`).toEqual(parseGroup(g.join("\n"), 7));
        }
      }
    // It exists to take most groups; if a change makes it bail everywhere, the test says so.
    expect(taken / all).toBeGreaterThan(0.9);
  });

  it("agrees with remark on generated headings, list items, emphasis and near-misses", () => {
    // Mostly plain words, so that most generated groups are ones the simple reader takes.
    const word = fc.oneof(
      { arbitrary: fc.constantFrom("Kết", "quả", "CCHC", "100%", "(TTHC)", "đạt", "12/2024", "2024.", "1.", "a)", ":"), weight: 12 },
      {
        arbitrary: fc.constantFrom("-", "*", "**", "#", "x*", "_", "<b>", "&amp;", "&#42;", "[x]", "TN&TKQ", "\u00a0", "x\u2003", "\\*", "\\-", "\\#", "\\a", "\\"),
        weight: 2,
      },
    );
    const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(" "));
    const line = fc.oneof(
      { arbitrary: text, weight: 3 },
      { arbitrary: fc.tuple(fc.constantFrom("# ", "## ", "#### ", "###### ", "####### ", "#", " ## "), text).map(([h, t]) => h + t), weight: 2 },
      {
        arbitrary: fc.tuple(fc.constantFrom("- ", "* ", "+ ", "1. ", "2) ", "01. ", "-     ", " - ", "3.", "-"), text).map(([m, t]) => m + t),
        weight: 3,
      },
      { arbitrary: fc.tuple(fc.constantFrom("*", "**", "***", "__"), text, fc.constantFrom("", "", " ")).map(([s, t, sp]) => s + sp + t + s), weight: 2 },
      { arbitrary: fc.tuple(text, fc.constantFrom("  ", " ", "\\")).map(([t, e]) => t + e), weight: 1 },
      { arbitrary: fc.constantFrom("***", "---", "===", "* * *", "    indented code", "> quoted", "*", "1."), weight: 1 },
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const simple = simpleMarkdownBlocks(lines, 1);
        if (simple) {
          taken++;
          expect(simple).toEqual(parseGroup(lines.join("\n"), 1));
        }
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(300);
  });
});
