import { describe, expect, it } from "vitest";
import { buildItems, type Glyph } from "./items.js";
import { viewportTransform } from "./viewport.js";

/** Glyphs of `text` from x, 0.5 em wide each, 10 pt, on baseline y; spaces advance 0.25 em. */
function word(text: string, x: number, y = 700, extra: Partial<Glyph> = {}): Glyph[] {
  const out: Glyph[] = [];
  for (const ch of text) {
    const w = ch === " " ? 2.5 : 5;
    out.push({ ch, x, y, w, a: 1, b: 0, c: 0, d: 1, k: 1, size: 10, font: "Times-Roman", group: 0, stream: 0, ...extra });
    x += w;
  }
  return out;
}
const VIEW = [0, 0, 595, 842];

describe("buildItems (pdf.js text items from PDFium characters)", () => {
  it("keeps a line's words in one item, with its spaces", () => {
    const items = buildItems([...word("ab cd", 100)], VIEW);
    expect(items.map((i) => i.str)).toEqual(["ab cd"]);
    expect(items[0].width).toBeCloseTo(22.5);
  });

  it("puts a space where a gap of 0.1–0.6 em has no space character", () => {
    expect(buildItems([...word("ab", 100), ...word("cd", 113)], VIEW).map((i) => i.str)).toEqual(["ab cd"]);
    expect(buildItems([...word("ab", 100), ...word("cd", 110.5)], VIEW).map((i) => i.str)).toEqual(["abcd"]);
  });

  it("ends the item at a wider gap, a new line, a font size change or a marked-content boundary", () => {
    expect(buildItems([...word("ab", 100), ...word("cd", 150)], VIEW).map((i) => i.str)).toEqual(["ab", "cd"]);
    expect(buildItems([...word("ab", 100), ...word("cd", 100, 680)], VIEW).map((i) => i.str)).toEqual(["ab", "cd"]);
    expect(buildItems([...word("ab", 100), ...word("cd", 110, 700, { size: 12 })], VIEW).map((i) => i.str)).toEqual(["ab", "cd"]);
    expect(buildItems([...word("ab", 100), ...word("cd", 110, 700, { group: 1 })], VIEW).map((i) => i.str)).toEqual(["ab", "cd"]);
  });

  it("gives a combining mark no width and drops glyphs outside the view box", () => {
    const items = buildItems([...word("a", 100), { ...word("x", 105)[0], ch: "\u0301", w: 0 }, ...word("b", 105), ...word("zz", 900)], VIEW);
    expect(items.map((i) => i.str)).toEqual(["a\u0301b"]);
    expect(items[0].width).toBeCloseTo(10);
  });
});

describe("viewportTransform (pdf.js PageViewport at scale 1)", () => {
  const apply = (m: number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  it("flips y and removes the view box offset", () => {
    const { transform, width, height } = viewportTransform([10, 20, 605, 862], 0);
    expect([width, height]).toEqual([595, 842]);
    expect(apply(transform, 10, 862)).toEqual([0, 0]);
    expect(apply(transform, 605, 20)).toEqual([595, 842]);
  });
  it("turns a /Rotate 90 page on its side", () => {
    const { transform, width, height } = viewportTransform([0, 0, 595, 842], 90);
    expect([width, height]).toEqual([842, 595]);
    expect(apply(transform, 0, 0)).toEqual([0, 0]);
    expect(apply(transform, 0, 842)).toEqual([842, 0]);
  });
});
