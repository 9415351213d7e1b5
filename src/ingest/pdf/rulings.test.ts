import { describe, expect, it } from "vitest";
import type { Matrix } from "./geometry.js";
import { findGrids } from "./grid.js";
import { OPS } from "./load.js";
import { mergeCollinear, readDrawing, type OperatorList } from "./rulings.js";

// A4 viewport at scale 1: flips y so the origin is the top-left corner.
const VIEWPORT: Matrix = [1, 0, 0, -1, 0, 842];
const M = 0, L = 1, Z = 4;

function ops(...entries: [number, unknown[] | null][]): OperatorList {
  return { fnArray: entries.map((e) => e[0]), argsArray: entries.map((e) => e[1]) };
}
const path = (paint: number, data: number[]): [number, unknown[]] => [OPS.constructPath, [paint, [Float32Array.from(data)], null]];
const rect = (x: number, y: number, w: number, h: number) => [M, x, y, L, x + w, y, L, x + w, y + h, L, x, y + h, Z];

describe("readDrawing", () => {
  it("turns stroked lines into horizontal and vertical rulings in top-left coordinates", () => {
    const d = readDrawing(ops(path(OPS.stroke, [M, 100, 700, L, 300, 700, M, 100, 700, L, 100, 600])), VIEWPORT);
    expect(d.horizontal).toEqual([{ at: 142, a: 100, b: 300 }]);
    expect(d.vertical).toEqual([{ at: 100, a: 142, b: 242 }]);
    expect(d.hasInk).toBe(true);
    expect(d.hasImage).toBe(false);
  });

  it("reads a thin filled rectangle as a border and ignores large fills (shading)", () => {
    const d = readDrawing(ops(path(OPS.fill, [...rect(100, 699.6, 200, 0.8), ...rect(100, 500, 200, 100)])), VIEWPORT);
    expect(d.horizontal).toHaveLength(1);
    expect(d.horizontal[0].at).toBeCloseTo(142);
    expect(d.vertical).toEqual([]);
  });

  it("applies the current transform through save and restore", () => {
    const d = readDrawing(
      ops([OPS.save, null], [OPS.transform, [1, 0, 0, 1, 50, 0]], path(OPS.stroke, [M, 0, 700, L, 100, 700]), [OPS.restore, null], path(OPS.stroke, [M, 0, 600, L, 100, 600])),
      VIEWPORT,
    );
    expect(d.horizontal.map((s) => [s.at, s.a, s.b])).toEqual([
      [142, 50, 150],
      [242, 0, 100],
    ]);
  });

  it("ignores white strokes, unpainted paths and curves", () => {
    const d = readDrawing(
      ops([OPS.setStrokeRGBColor, ["#ffffff"]], path(OPS.stroke, [M, 0, 700, L, 100, 700]), [OPS.setStrokeRGBColor, ["#000000"]], path(OPS.endPath, [M, 0, 600, L, 100, 600]), path(OPS.stroke, [M, 0, 500, 2, 10, 510, 20, 510, 30, 500])),
      VIEWPORT,
    );
    expect(d.horizontal).toEqual([]);
    expect(d.vertical).toEqual([]);
  });

  it("notices images so a page without text can be sent to OCR", () => {
    expect(readDrawing(ops([OPS.paintImageXObject, ["img_p0_1", 100, 100]]), VIEWPORT).hasImage).toBe(true);
  });
});

describe("mergeCollinear", () => {
  it("joins touching pieces of one border and keeps separate lines apart", () => {
    const merged = mergeCollinear([
      { at: 100, a: 0, b: 50 },
      { at: 100.4, a: 50.5, b: 120 },
      { at: 100, a: 200, b: 300 },
      { at: 140, a: 0, b: 120 },
    ]);
    expect(merged.map((s) => [Math.round(s.at), s.a, s.b])).toEqual([
      [100, 0, 120],
      [100, 200, 300],
      [140, 0, 120],
    ]);
  });
});

describe("findGrids", () => {
  const h = (at: number, a: number, b: number) => ({ at, a, b });
  it("builds a regular grid and merges positions where an inner border is missing", () => {
    // 2 rows × 3 columns; the border between columns 1 and 2 is absent in row 0.
    const grids = findGrids(
      [h(100, 0, 300), h(120, 0, 300), h(140, 0, 300)],
      [h(0, 100, 140), h(100, 100, 140), h(200, 120, 140), h(300, 100, 140)],
    );
    expect(grids).toHaveLength(1);
    const [g] = grids;
    expect(g.xs).toEqual([0, 100, 200, 300]);
    expect(g.ys).toEqual([100, 120, 140]);
    expect(g.origin).toEqual([0, 1, 1, 3, 4, 5]);
    expect(g.box).toEqual([0, 100, 300, 140]);
  });

  it("does not take a single framed box for a table", () => {
    expect(findGrids([h(100, 0, 300), h(200, 0, 300)], [h(0, 100, 200), h(300, 100, 200)])).toEqual([]);
  });

  it("keeps two separate tables on one page apart, top first", () => {
    const table = (top: number) => ({
      h: [h(top, 0, 200), h(top + 20, 0, 200), h(top + 40, 0, 200)],
      v: [h(0, top, top + 40), h(100, top, top + 40), h(200, top, top + 40)],
    });
    const a = table(500);
    const b = table(100);
    const grids = findGrids([...a.h, ...b.h], [...a.v, ...b.v]);
    expect(grids.map((g) => g.box[1])).toEqual([100, 500]);
  });
});
