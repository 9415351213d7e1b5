import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingestPdf, setPdfReader, type PdfReader } from "../index.js";

/**
 * The PDFium reader must give the pipeline what the pdf.js reader gives it: on every PDF of the
 * samples, the fixtures and (when it is there) the real corpus, the final Document and messages
 * of both readers are compared. Text, structure, flags and messages must be identical; numbers
 * (bboxes, rounded to 0.01 pt) may differ by up to TOLERANCE: PDFium computes positions in single
 * precision (≈ 3·10⁻⁵ pt on a page) and a ruling's edges come out up to 0.1 pt apart (largest
 * seen on the samples and the real corpus: 0.14 pt). PDFium also keeps glyph widths as whole
 * 1/1000 em: where a producer writes fractional widths (pdf-lib, which made test/fixtures/pdf)
 * a line's right end drifts by up to 0.001 em per glyph, FRACTIONAL_WIDTHS (seen: 0.37 pt).
 */
const TOLERANCE = 0.15;
const FRACTIONAL_WIDTHS = 0.5;

const ROOT = join(import.meta.dirname, "../../../..");
const REAL = join(ROOT, "../shared/corpus/real/pdf");
// The scans too (OCR off: both readers must send the same pages to OCR with the same verdict).
const SCANS = [join(ROOT, "../shared/corpus/real/scan"), join(ROOT, "../shared/corpus/scan")].filter((d) => existsSync(d));
const dirs = [join(ROOT, "data/samples"), join(ROOT, "test/fixtures/pdf"), ...(existsSync(REAL) ? [REAL, ...SCANS] : [])];
if (!existsSync(REAL)) console.log(`pdfium equality: ${REAL} not found, real PDFs skipped (samples and fixtures only)`);
const files = dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(".pdf")).map((f) => join(d, f)) : []));

async function read(file: string, with_: PdfReader): Promise<unknown> {
  const prev = setPdfReader(with_);
  try {
    const r = await ingestPdf({ file, bytes: new Uint8Array(readFileSync(file)), sha256: "" }, { ocr: false });
    return { value: r.value, messages: r.messages };
  } catch (err) {
    const e = err as { ruleId?: string; status?: string; message?: string };
    return { error: e.ruleId ?? String(err), status: e.status, message: e.message };
  } finally {
    setPdfReader(prev);
  }
}

/** Differences between two JSON-like values: paths where they differ (numbers beyond `tol`). */
export function differences(a: unknown, b: unknown, tol: number, path = "", out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (typeof a === "number" && typeof b === "number") {
    if (!(Math.abs(a - b) <= tol)) out.push(`${path}: ${a} ≠ ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], tol, `${path}[${i}]`, out);
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`, out);
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`);
  return out;
}

describe("PDFium reader = pdf.js reader", () => {
  let largest = 0;
  afterAll(() => console.log(`pdfium equality: ${files.length} PDFs, largest numeric difference ${largest.toFixed(3)} pt`));
  it.each(files.map((f) => [f.slice(f.lastIndexOf("/", f.lastIndexOf("/") - 1) + 1), f]))("%s", async (_name, file) => {
    const pdfjs = await read(file, "pdfjs");
    const viaPdfium = await read(file, "pdfium");
    expect(differences(pdfjs, viaPdfium, file.includes("test/fixtures/pdf") ? FRACTIONAL_WIDTHS : TOLERANCE)).toEqual([]);
    const exact = differences(pdfjs, viaPdfium, 0);
    for (const d of exact) {
      const m = /: (-?[\d.]+) ≠ (-?[\d.]+)$/.exec(d);
      if (m) largest = Math.max(largest, Math.abs(Number(m[1]) - Number(m[2])));
    }
  }, 120_000);

  it("the differences check can fail", () => {
    expect(differences({ a: [1, "x"] }, { a: [1.2, "x"] }, 0.15)).toHaveLength(1);
    expect(differences({ a: "x" }, { a: "y" }, 1)).toHaveLength(1);
    expect(differences([1], [1, 2], 1)).toHaveLength(1);
  });
});
