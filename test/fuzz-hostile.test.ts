import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTENT_TYPES, ROOT_RELS, zip } from "./make/bad-inputs.js";
import { ingestDocx } from "../src/ingest/docx/index.js";
import { ingestTxt } from "../src/ingest/txt/index.js";
import { Document } from "../src/model/document.js";
import { Message, UnusableInputError } from "../src/model/message.js";
import { parseValue, plainDigits, valueProblem } from "../src/normalize/value.js";

/**
 * Issue 19's fuzz test: the value parser, the txt reader and the docx reader on generated
 * hostile structure (deep nesting, long runs, invisible characters). For every input: no throw
 * (other than UnusableInputError, the documented refusal), a schema-valid result, and each run
 * inside fast-check's per-run `timeout` (a loose bound that proves termination: before the
 * guards, inputs of this size overflowed the stack or ran for minutes).
 */

const PER_RUN_MS = 20_000;
const RUNS = { numRuns: 40, timeout: PER_RUN_MS, interruptAfterTimeLimit: 8 * PER_RUN_MS };

const invisible = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"];
const digitsOf = [
  "0123456789",
  "０１２３４５６７８９", // full-width
  "٠١٢٣٤٥٦٧٨٩", // Arabic-Indic
  "۰۱۲۳۴۵۶۷۸۹", // Extended Arabic-Indic
];

/** A number as printed in one of four digit sets, with separators and invisible characters sprinkled in. */
const hostileNumber = fc
  .tuple(
    fc.nat({ max: 3 }),
    fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 420 }),
    fc.array(fc.constantFrom(".", ",", " ", ...invisible, "e", "E", "%", "/", "-", "+"), { maxLength: 12 }),
    fc.array(fc.nat(), { maxLength: 12 }),
  )
  .map(([set, ds, extras, at]) => {
    const chars = ds.map((d) => [...digitsOf[set]][d]);
    extras.forEach((x, i) => chars.splice((at[i] ?? 0) % (chars.length + 1), 0, x));
    return chars.join("");
  });

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

describe("value parser on hostile numbers", () => {
  it("never throws, gives finite numbers or null, and explains every null written as a number", () => {
    fc.assert(
      fc.property(fc.oneof(hostileNumber, fc.string({ maxLength: 60 })), (raw) => {
        const p = parseValue(raw);
        expect(finiteOrNull(p.value) && finiteOrNull(p.numerator) && finiteOrNull(p.denominator)).toBe(true);
        const problem = valueProblem(raw);
        // A plain digit string that reads as nothing always carries a reason.
        const plain = plainDigits(raw).replace(/\s+/g, "");
        if (p.value === null && /^\d+$/.test(plain)) expect(problem).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("reads a number the same with invisible characters or in any digit set", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.nat({ max: 3 }), fc.constantFrom(...invisible), (n, set, inv) => {
        const printed = [...String(n)].map((d) => [...digitsOf[set]][Number(d)]).join(inv);
        expect(parseValue(printed).value).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

/** Hostile markdown structure: deep containers, long backtick runs, many list levels, invisible characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.nat({ max: 20_000 }).map((d) => `${"> ".repeat(d)}x`),
      fc.nat({ max: 3_000 }).map((d) => Array.from({ length: d }, (_, i) => `${" ".repeat(2 * i)}- m`).join("\n")),
      fc.nat({ max: 2_000 }).map((d) => Array.from({ length: d }, (_, i) => `${"`".repeat(i + 1)}a`).join(" ")),
      fc.nat({ max: 20_000 }).map((d) => `${"*".repeat(d)}x${"_".repeat(d)}`),
      fc.nat({ max: 10_000 }).map((d) => `${"[".repeat(d)}a${"]".repeat(d)}`),
      fc.nat({ max: 5_000 }).map((d) => `${"<b>".repeat(d)}x`),
      fc.array(fc.constantFrom(...invisible, "1.034", "\t", "Mục", "1. ", "\n"), { maxLength: 200 }).map((a) => a.join("")),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join("\n\n"));

async function checkedTxt(text: string): Promise<void> {
  try {
    const r = await ingestTxt({ file: "fuzz.txt", bytes: new TextEncoder().encode(text), sha256: "" }, {});
    Document.parse(r.value);
    for (const m of r.messages) Message.parse(m);
  } catch (e) {
    if (!(e instanceof UnusableInputError)) throw e;
  }
}

describe("txt reader on hostile structure", () => {
  it("returns a valid Document (or a documented refusal) for deep nesting and long runs", async () => {
    await fc.assert(fc.asyncProperty(hostileText, checkedTxt), RUNS);
  }, 10 * PER_RUN_MS);
});

/** document.xml bodies nesting tables, paragraphs and runs to random depths. */
const hostileBody = fc
  .array(
    fc.oneof(
      fc.nat({ max: 3_000 }).map((d) => `${"<w:tbl><w:tr><w:tc>".repeat(d)}<w:p/>${"</w:tc></w:tr></w:tbl>".repeat(d)}<w:p/>`),
      fc.nat({ max: 120 }).map((d) => `${"<w:tbl><w:tr><w:tc>".repeat(d)}<w:p><w:r><w:t>1\u200b034</w:t></w:r></w:p>${"</w:tc></w:tr></w:tbl>".repeat(d)}<w:p/>`),
      fc.nat({ max: 5_000 }).map((d) => `<w:p>${"<w:hyperlink>".repeat(d)}<w:r><w:t>x</w:t></w:r>${"</w:hyperlink>".repeat(d)}</w:p>`),
      fc.nat({ max: 20_000 }).map((d) => `<w:p>${"<w:r><w:t>a</w:t></w:r>".repeat(d)}</w:p>`),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join(""));

describe("docx reader on hostile structure", () => {
  it("returns a valid Document (or a documented refusal) for deeply nested tables, links and long runs", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
        const bytes = await zip({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": xml });
        try {
          const r = await ingestDocx({ file: "fuzz.docx", bytes, sha256: "" }, {});
          Document.parse(r.value);
          for (const m of r.messages) Message.parse(m);
        } catch (e) {
          if (!(e instanceof UnusableInputError)) throw e;
        }
      }),
      { ...RUNS, numRuns: 25 },
    );
  }, 10 * PER_RUN_MS);
});
