import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_DIR, makeFilesystemCases, REPORT_TEXT, writeBadInputs } from "./make/bad-inputs.js";
import { ingestPaths } from "../src/batch/run.js";
import { walkInputs } from "../src/batch/walk.js";
import { Document, isParagraph } from "../src/model/document.js";
import { Extraction } from "../src/model/records.js";
import { extractFile } from "../src/pipeline/extract.js";

/**
 * The bad-input corpus (scripts/make-bad-inputs.ts → test/fixtures/bad/): every hostile or
 * damaged file gets a clear status and reason, and never takes the rest of a batch down.
 * docs/BAD-INPUT.md is the table of these outcomes; keep the two in step.
 */

const bad = (name: string) => join(BAD_DIR, name);

interface Case {
  file: string;
  status: "ok" | "partial" | "failed" | "needs_ocr";
  /** ruleId of the message that explains the outcome (the first error, or the encoding info). */
  ruleId?: string;
  reason?: RegExp;
  /** The outcome with OCR off (the batch below runs with `ocr: false`), when it differs. */
  withoutOcr?: { status: Case["status"]; ruleId: string };
}

const FAILURES: Case[] = [
  { file: "empty.txt", status: "failed", ruleId: "ingest.empty", reason: /empty \(0 bytes\)/ },
  { file: "binary-junk.txt", status: "failed", ruleId: "ingest.binary", reason: /binary data, not text/ },
  { file: "binary-junk.docx", status: "failed", ruleId: "ingest.wrong-format", reason: /named \.docx but its bytes are not a Word document/ },
  { file: "binary-junk.pdf", status: "failed", ruleId: "ingest.wrong-format", reason: /named \.pdf but its bytes are not a PDF/ },
  { file: "truncated.docx", status: "failed", ruleId: "ingest.docx.corrupt", reason: /not a readable \.docx \(ZIP\) package/ },
  { file: "no-document-xml.docx", status: "failed", ruleId: "ingest.docx.no-document", reason: /no main document part \(word\/document\.xml\)/ },
  { file: "zip-bomb-declared.docx", status: "failed", ruleId: "ingest.docx.too-large", reason: /declares more than 200 MB .* zip bomb/ },
  { file: "zip-bomb-lying.docx", status: "failed", ruleId: "ingest.docx.too-large", reason: /expands to more than 200 MB .* zip bomb/ },
  { file: "legacy-word97.doc", status: "failed", ruleId: "ingest.doc.corrupt", reason: /Word 97-2003 \(\.doc\) file is damaged or truncated \(its OLE2 container cannot be read\)/ },
  { file: "legacy-word97-named.docx", status: "failed", ruleId: "ingest.doc.corrupt", reason: /Word 97-2003 \(\.doc\) file is damaged or truncated/ },
  { file: "encrypted-user-password.pdf", status: "failed", ruleId: "ingest.pdf.encrypted", reason: /user \(open\) password.*qpdf --decrypt/ },
  { file: "truncated.pdf", status: "failed", ruleId: "ingest.pdf.corrupt", reason: /cannot be parsed/ },
  // OCR is on by default: it reads the page (a gradient picture) and finds no text, and says so.
  { file: "image-only.pdf", status: "failed", ruleId: "ingest.pdf.no-text", reason: /^OCR found no text on any page of this image-only PDF \(page 1\)/, withoutOcr: { status: "needs_ocr", ruleId: "ingest.pdf.no-text-layer" } },
];

const READABLE: (Case & { format: string; conversions: string[] })[] = [
  { file: "good.docx", status: "ok", format: "docx", conversions: [] },
  { file: "good.pdf", status: "ok", format: "pdf", conversions: [] },
  // pdf.js rebuilds a broken cross-reference table by scanning the objects.
  { file: "broken-xref.pdf", status: "ok", format: "pdf", conversions: [] },
  // An owner (permissions) password does not stop reading; only a user password does.
  { file: "encrypted-owner-only.pdf", status: "ok", format: "pdf", conversions: [] },
  { file: "pdf-named.txt", status: "ok", format: "pdf", conversions: [] },
];

const ENCODED: { file: string; conversion: string; ruleId: string; severity: "info" | "warning" }[] = [
  { file: "report-tcvn3.txt", conversion: "tcvn3→unicode", ruleId: "ingest.encoding.tcvn3", severity: "info" },
  { file: "report-tcvn3-mojibake-utf8.txt", conversion: "tcvn3→unicode", ruleId: "ingest.encoding.tcvn3", severity: "info" },
  { file: "report-vni.txt", conversion: "vni→unicode", ruleId: "ingest.encoding.vni", severity: "info" },
  { file: "report-windows-1258.txt", conversion: "windows-1258→unicode", ruleId: "ingest.encoding.windows-1258", severity: "info" },
  { file: "report-nfd.txt", conversion: "nfd→nfc", ruleId: "ingest.encoding.nfd-to-nfc", severity: "info" },
  { file: "report-utf-16le.txt", conversion: "utf-16le", ruleId: "ingest.encoding.utf-16le", severity: "info" },
  { file: "report-utf-8-bom.txt", conversion: "utf-8-bom", ruleId: "ingest.encoding.utf-8-bom", severity: "info" },
  { file: "report-broken-utf8.txt", conversion: "utf-8-invalid-bytes", ruleId: "ingest.encoding.utf-8-invalid-bytes", severity: "warning" },
];

function firstError(e: Extraction) {
  return e.messages.find((m) => m.severity === "error");
}

describe("the bad-input corpus", () => {
  it("holds every file the generator writes (regenerate with npx tsx scripts/make-bad-inputs.ts)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "baocao-bad-gen-"));
    try {
      const names = await writeBadInputs(dir);
      const committed = readdirSync(BAD_DIR);
      for (const n of names) expect(committed, n).toContain(n);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what happens to bad files", () => {
  for (const c of FAILURES)
    it(`records ${c.file} as ${c.status} with ${c.ruleId} and keeps no records`, async () => {
      const { extraction, document } = await extractFile(bad(c.file));
      expect(Extraction.safeParse(extraction).success).toBe(true);
      expect(extraction.status).toBe(c.status);
      expect(document).toBeUndefined();
      expect(extraction.messages).toHaveLength(1);
      const err = firstError(extraction)!;
      expect(err.ruleId).toBe(c.ruleId);
      expect(err.reason).toMatch(c.reason!);
      expect(err.place.file).toBe(bad(c.file));
      expect(extraction.indicators).toEqual([]);
      expect(extraction.sections).toEqual([]);
    });

  for (const c of READABLE)
    it(`reads ${c.file} as ${c.format} with status ${c.status}`, async () => {
      const { extraction, document } = await extractFile(bad(c.file));
      expect(extraction.status).toBe(c.status);
      expect(extraction.format).toBe(c.format);
      expect(firstError(extraction)).toBeUndefined();
      const doc = Document.parse(document);
      expect(doc.source.conversions).toEqual(c.conversions);
      const text = doc.blocks.filter(isParagraph).map((p) => p.text).join("\n");
      expect(text).toMatch(/B[AÁ]O C[AÁ]O/);
    });

  it("refuses a zip bomb declaring 4 GB without inflating it", async () => {
    // JSZip reads declared sizes as signed 32-bit numbers, so 0xF0000000 arrives negative and the
    // docx ingest's declared-size check misses it; the inflate budget still stops the file.
    const dir = mkdtempSync(join(tmpdir(), "baocao-bomb4g-"));
    try {
      const { patchDeclaredSize, goodDocx } = await import("./make/bad-inputs.js");
      const file = join(dir, "zip-bomb-declared-4gb.docx");
      writeFileSync(file, patchDeclaredSize(await goodDocx(), "word/document.xml", 0xf0000000));
      const { extraction } = await extractFile(file);
      expect(extraction.status).toBe("failed");
      expect(firstError(extraction)?.ruleId).toBe("ingest.docx.too-large");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("legacy encodings and Unicode forms in .txt", () => {
  for (const c of ENCODED)
    it(`reads ${c.file} with ${c.conversion}, says so in a ${c.severity} message, and finds the same rows`, async () => {
      const { extraction, document } = await extractFile(bad(c.file));
      expect(extraction.status).toBe("ok");
      const doc = Document.parse(document);
      expect(doc.source.conversions).toEqual([c.conversion]);
      expect(extraction.messages).toContainEqual(
        expect.objectContaining({ severity: c.severity, ruleId: c.ruleId, place: { file: bad(c.file) }, actual: c.conversion }),
      );
      const paragraphs = doc.blocks.filter(isParagraph).map((p) => p.text);
      for (const p of paragraphs) expect(p).toBe(p.normalize("NFC"));
      // The title typed in capitals stays capitals even in TCVN3, which has no toned capitals.
      expect(paragraphs[0]).toBe("BÁO CÁO\nKết quả công tác cải cách hành chính quý I năm 2024");
      expect(paragraphs).toContain("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH");
      expect(extraction.indicators.map((r) => [r.name, r.rawValue, r.value])).toEqual([
        ["Số thủ tục hành chính được rà soát", "125", 125],
        ["Tỷ lệ hồ sơ giải quyết đúng hạn", "98,5", 98.5],
      ]);
    });

  it("keeps a file name with Vietnamese letters and spaces as given", async () => {
    const file = bad("Báo cáo CCHC quý I - Sở Nội vụ.txt");
    const { extraction, document } = await extractFile(file);
    expect(extraction.status).toBe("ok");
    expect(extraction.file).toBe(file);
    expect(document?.source.path).toBe(file);
    expect(extraction.indicators).toHaveLength(2);
  });
});

describe("paths that are not report files", () => {
  let dir: string;
  let fs: ReturnType<typeof makeFilesystemCases>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "baocao-bad-fs-"));
    fs = makeFilesystemCases(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records a directory passed as a file as failed (input.directory)", async () => {
    const { extraction } = await extractFile(fs.directory);
    expect(extraction.status).toBe("failed");
    expect(firstError(extraction)).toMatchObject({ ruleId: "input.directory", reason: "This path is a directory, not a file." });
  });

  it("records a broken symbolic link as failed (input.enoent)", async () => {
    const { extraction } = await extractFile(fs.brokenSymlink);
    expect(extraction.status).toBe("failed");
    expect(firstError(extraction)).toMatchObject({ ruleId: "input.enoent", reason: expect.stringMatching(/does not exist \(or is a broken symbolic link\)/) });
  });

  it("refuses a 100 MB text file by its size before reading it (input.too-large)", async () => {
    const { extraction } = await extractFile(fs.hugeText);
    expect(extraction.status).toBe("failed");
    expect(firstError(extraction)).toMatchObject({ ruleId: "input.too-large", reason: "The file is 100.0 MB, above the 64 MB limit for one report." });
  });

  it("applies a smaller size limit given as maxBytes", async () => {
    const { extraction } = await extractFile(bad("report-tcvn3.txt"), { maxBytes: 100 });
    expect(firstError(extraction)?.ruleId).toBe("input.too-large");
  });

  it("walks a folder with a symbolic link loop once, taking its report once and reporting the loop", async () => {
    const skipped: string[] = [];
    const found: string[] = [];
    for await (const p of walkInputs([fs.loopFolder], { onSkip: (p) => skipped.push(p) })) found.push(p);
    expect(found).toEqual([join(fs.loopFolder, "inner", "report.txt")]);
    expect(skipped.length).toBeGreaterThan(0);
  });
});

describe("a batch with bad files in it", () => {
  let dir: string;
  let db: string;
  let inputs: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "baocao-bad-batch-"));
    inputs = join(dir, "inputs");
    mkdirSync(inputs);
    for (const f of readdirSync(BAD_DIR)) copyFileSync(join(BAD_DIR, f), join(inputs, f));
    copyFileSync(join(import.meta.dirname, "../data/samples/000.txt"), join(inputs, "sample-000.txt"));
    writeFileSync(join(inputs, "plain.txt"), REPORT_TEXT);
    makeFilesystemCases(inputs);
    db = join(dir, "batch.sqlite");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores every good file in full and records every bad file with its reason", async () => {
    const summary = await ingestPaths([inputs], { db, jobs: 2, timeoutSeconds: 60, extract: { ocr: false } });
    const sqlite = new Database(db, { readonly: true });
    try {
      const rows = sqlite.prepare("SELECT path, status, error_rule AS rule FROM documents").all() as { path: string; status: string; rule: string | null }[];
      const byName = new Map(rows.map((r) => [r.path.slice(inputs.length + 1), r]));
      for (const c of FAILURES) expect(byName.get(c.file), c.file).toMatchObject({ status: c.withoutOcr?.status ?? c.status, rule: c.withoutOcr?.ruleId ?? c.ruleId });
      for (const c of [...READABLE, ...ENCODED]) expect(byName.get(c.file)?.status, c.file).toBe("ok");
      // Inside a folder a directory named .txt is walked into, not read; a broken link is recorded.
      expect(byName.get("broken-link.txt")).toMatchObject({ status: "failed", rule: "input.enoent" });
      expect(byName.get("huge-100mb.txt")).toMatchObject({ status: "failed", rule: "input.too-large" });
      expect(byName.get("loop/inner/report.txt")?.status).toBe("ok");
      // The good files around the bad ones are stored with all their rows.
      const sample = byName.get("sample-000.txt");
      expect(sample?.status).toBe("ok");
      const count = (table: string, name: string) =>
        (sqlite.prepare(`SELECT count(*) AS n FROM ${table} JOIN documents d ON d.id = document_id WHERE d.path = ?`).get(join(inputs, name)) as { n: number }).n;
      expect(count("indicators", "sample-000.txt")).toBeGreaterThan(100);
      expect(count("sections", "sample-000.txt")).toBeGreaterThan(5);
      for (const f of ["plain.txt", "Báo cáo CCHC quý I - Sở Nội vụ.txt", "report-tcvn3.txt", "report-vni.txt"]) expect(count("indicators", f), f).toBe(2);
      // A failed file keeps its reason as a message row, and nothing else.
      expect(count("messages", "zip-bomb-lying.docx")).toBe(1);
      expect(count("indicators", "zip-bomb-lying.docx")).toBe(0);
      expect(summary.failed.length).toBe(rows.filter((r) => r.status === "failed" || r.status === "needs_ocr").length);
    } finally {
      sqlite.close();
    }
  });
});
