import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../src/ingest/detect.js";
import { decodeText } from "../src/ingest/txt/decode.js";
import { ingestTxt } from "../src/ingest/txt/index.js";
import { Document } from "../src/model/document.js";
import { Message, UnusableInputError } from "../src/model/message.js";
import { parseValue, parseVietnameseNumber } from "../src/normalize/value.js";

/**
 * Property-based tests: for any input the text parser returns a schema-valid Document (or
 * throws UnusableInputError), and the value parser returns a well-formed ParsedValue. Runs are
 * kept short (200 cases each) so the suite stays fast; a failure prints the seed to replay.
 */

const RUNS = { numRuns: 200 };

/** Runs the txt ingest the way the pipeline does: detection first, then the parser. */
async function ingestBytes(bytes: Uint8Array): Promise<"unusable" | Document> {
  try {
    detectFormat("fuzz.txt", bytes);
    const r = await ingestTxt({ file: "fuzz.txt", bytes, sha256: "" }, {});
    for (const m of r.messages) Message.parse(m);
    return Document.parse(r.value);
  } catch (e) {
    if (e instanceof UnusableInputError) return "unusable";
    throw e;
  }
}

const words = ["Báo cáo", "cải cách", "hành chính", "của", "và", "các", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "1.034", "16,67", "98.5%", "317/1.034", "x", "-", "I.", "2.1.", "a)", "*"];
const markup = ["#", "## ", "**", "*", "_", "|", "---", "- ", "1. ", "> ", "<b>", "</b>", "<br>", "<table><tr><td>", "</td></tr></table>", "$\\frac{317}{1.034}$", "\\%", "`", "```", "[", "](", "&amp;", "&#x1EA1;"];
const whitespace = [" ", "\t", "\n", "\n\n", "\r\n", "\u00a0", "\u200b"];

/** Lines of markdown-ish report text: headings, emphasis, HTML, LaTeX, lists, pipes. */
const markdownish = fc
  .array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...markup), fc.constantFrom(...whitespace), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(""));

/** TAB tables: ragged rows of cells, blank lines between fragments, markup inside cells. */
const tabish = fc
  .array(
    fc.oneof(
      fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...markup), fc.constant("")), { maxLength: 7 }).map((cells) => cells.join("\t")),
      fc.constant(""),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

describe("txt parser under arbitrary input", () => {
  it("returns a schema-valid Document for any Unicode string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), async (s) => {
        const r = await ingestBytes(new TextEncoder().encode(s));
        if (r !== "unusable") for (const b of r.blocks) if (b.kind === "paragraph") expect(b.text).toBe(b.text.normalize("NFC"));
      }),
      RUNS,
    );
  });

  it("returns a schema-valid Document or a clear UnusableInputError for any bytes", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => void (await ingestBytes(bytes))), RUNS);
  });

  it("survives markdown-ish text with headings, HTML, LaTeX and lists", async () => {
    await fc.assert(fc.asyncProperty(markdownish, async (s) => void (await ingestBytes(new TextEncoder().encode(s)))), RUNS);
  });

  it("keeps every TAB table rectangular whatever the row lengths", async () => {
    await fc.assert(
      fc.asyncProperty(tabish, async (s) => {
        const r = await ingestBytes(new TextEncoder().encode(s));
        if (r === "unusable") return;
        for (const b of r.blocks)
          if (b.kind === "table") expect(new Set(b.rows.map((row) => row.cells.length)).size).toBe(1);
      }),
      RUNS,
    );
  });

  it("decodes any bytes to NFC text without throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const d = decodeText(bytes);
        expect(d.text).toBe(d.text.normalize("NFC"));
        expect(Array.isArray(d.conversions)).toBe(true);
      }),
      RUNS,
    );
  });
});

const numberish = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(..."0123456789.,-+% /()=xX"), maxLength: 24 }),
  fc.double({ noNaN: false }).map(String),
  fc.integer().map((n) => n.toLocaleString("vi-VN")),
);

function wellFormed(n: number | null): void {
  if (n !== null) expect(Number.isFinite(n)).toBe(true);
}

describe("value parser under arbitrary input", () => {
  it("parseVietnameseNumber returns a finite number or null", () => {
    fc.assert(fc.property(numberish, (s) => wellFormed(parseVietnameseNumber(s))), { numRuns: 500 });
  });

  it("parseValue returns finite numbers or nulls for any cell and unit", () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(numberish, markdownish), { nil: null }), fc.option(fc.constantFrom("%", "Thủ tục", "Hồ sơ", "Có=1; Không=0", "", "đồng"), { nil: null }), (raw, unit) => {
        const v = parseValue(raw, unit);
        expect(Object.keys(v).sort()).toEqual(["denominator", "numerator", "value"]);
        wellFormed(v.value);
        wellFormed(v.numerator);
        wellFormed(v.denominator);
      }),
      RUNS,
    );
  });

  it("reads the printed forms of the reports the same way every time", () => {
    expect(parseVietnameseNumber("1.034")).toBe(1034);
    expect(parseVietnameseNumber("16,67")).toBe(16.67);
    expect(parseValue("317/1.034")).toEqual({ value: 317, numerator: 317, denominator: 1034 });
  });
});
