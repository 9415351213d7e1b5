import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileCheck, RowError, rowValidator } from "./check.js";
import { DocumentRow, IndicatorRow, IndicatorTableRow, MessageRow, SectionRow, TargetRow, TaskRow, toRows } from "./rows.js";
import { sampleExtraction } from "./testing/fixtures.js";

const rows = toRows(sampleExtraction(), { parserVersion: "test", bytes: 10, pages: 2 });
/** Each row schema with a valid row of its kind, the seed the generated rows vary. */
const kinds: [string, z.ZodObject, Record<string, unknown>][] = [
  ["documents", DocumentRow, rows.document],
  ["sections", SectionRow, rows.sections[1]],
  ["indicator_tables", IndicatorTableRow, rows.indicatorTables[0]],
  ["indicators", IndicatorRow, rows.indicators[0]],
  ["tasks", TaskRow, rows.tasks[0]],
  ["targets", TargetRow, rows.targets[0]],
  ["messages", MessageRow, rows.messages[0]],
];

/** Values near every boundary the row schemas draw: types, null, integers, signs, ranges, enums. */
const value = fc.oneof(
  fc.constantFrom(null, undefined, "", "x", "ok", "failed", "warning", ">=", "≥", 0, -0, 1, 2, 4, 5, -1, 0.5, 1e300),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER - 2),
  fc.constantFrom(true, false, [], ["a"], [1], {}, new Date(0), 10n),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
);

describe("compiled row checks", () => {
  it("compiles every row schema of the store (none is left to a zod parse per row)", () => {
    for (const [kind, schema] of kinds) expect(compileCheck(schema).compiled, kind).toBe(true);
  });

  it("accepts exactly the rows zod accepts, on rows with fields replaced, removed or added", () => {
    for (const [kind, schema, seed] of kinds) {
      const check = compileCheck(schema);
      const keys = Object.keys(seed);
      const edit = fc.record({
        set: fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 3 }),
        drop: fc.array(fc.constantFrom(...keys), { maxLength: 1 }),
        extra: fc.option(value),
      });
      fc.assert(
        fc.property(edit, ({ set, drop, extra }) => {
          const row: Record<string, unknown> = { ...seed };
          for (const [k, v] of set) row[k] = v;
          for (const k of drop) delete row[k];
          if (extra !== null) row.not_a_column = extra;
          expect(check(row), `${kind} ${JSON.stringify(row, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`).toBe(schema.safeParse(row).success);
        }),
        { numRuns: 400 },
      );
      for (const notARow of [null, undefined, [], "row", 1, [seed]]) expect(check(notARow), kind).toBe(false);
    }
  });

  it("leaves a schema it cannot compile to zod, with zod's verdicts", () => {
    const schema = z.object({ code: z.string().regex(/^\d+$/) });
    const check = compileCheck(schema);
    expect(check.compiled).toBe(false);
    expect(check({ code: "12" })).toBe(true);
    expect(check({ code: "1a" })).toBe(false);
  });
});

describe("row validators", () => {
  it("names the kind, the 0-based row and zod's reason for the first bad row", () => {
    const validate = rowValidator("indicators", IndicatorRow);
    const bad = [rows.indicators[0], { ...rows.indicators[1], value: Number.NaN }, { ...rows.indicators[2], is_group: 2 }];
    expect(() => validate(rows.indicators)).not.toThrow();
    expect(() => validate(bad)).toThrow(RowError);
    expect(() => validate(bad)).toThrow(/^indicators row 1: value: Invalid input: expected number, received NaN$/);
  });
});
