import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnusableInputError } from "../../model/message.js";
import type { Table } from "../../model/document.js";
import { extractFile } from "../../pipeline/extract.js";
import { ingestDocx } from "../docx/index.js";
import { ingestDoc } from "./index.js";
import { readDoc } from "./reader.js";

/**
 * The .doc fixtures (scripts/make-doc-fixtures.mjs): each .doc was converted by LibreOffice from
 * the .docx beside it, so the .docx path is the oracle — both must give the same Document and
 * the same records — and the expected values are also written out, so a bug shared by both
 * paths fails too.
 */

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/doc");
const fixture = (name: string) => join(FIXTURES, name);
const input = (name: string) => ({ file: fixture(name), bytes: readFileSync(fixture(name)), sha256: "" });

describe(".doc read into the Document model", () => {
  it("gives report.doc the same blocks as the .docx it was made from", async () => {
    const doc = await ingestDoc(input("report.doc"), {});
    const docx = await ingestDocx(input("report.docx"), {});
    expect(doc.value.source.format).toBe("doc");
    expect(doc.messages).toEqual([]);
    expect(doc.value.blocks).toEqual(docx.value.blocks);
  });

  it("reads the header block and the signature block as layout tables, headings as bold paragraphs, and keeps the page header out", async () => {
    const { blocks } = (await ingestDoc(input("report.doc"), {})).value;
    const tables = blocks.filter((b): b is Table => b.kind === "table");
    expect(tables.map((t) => [t.rows.length, t.rows[0].cells.length, t.layout ?? false])).toEqual([
      [1, 2, true],
      [1, 2, true],
      [5, 4, false],
    ]);
    expect(tables[0].rows[0].cells.map((c) => c.text)).toEqual([
      "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ\nSố: 15/BC-SNV",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKhánh Hòa, ngày 10 tháng 6 năm 2024",
    ]);
    const paragraphs = blocks.flatMap((b) => (b.kind === "paragraph" ? [b] : []));
    expect(paragraphs.filter((p) => p.bold).map((p) => p.text)).toEqual([
      "BÁO CÁO",
      "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024",
      "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
      "1. Công tác kiểm tra",
      "II. KẾT QUẢ THỰC HIỆN",
      "PHỤ LỤC",
      "SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH",
    ]);
    // The field's result stays, its instruction goes; the footnote follows the body; the page header is nowhere.
    expect(paragraphs.map((p) => p.text)).toContain("Sở đã ban hành Kế hoạch cải cách hành chính năm 2024 và công khai trên Cổng Dịch vụ công quốc gia.");
    expect(paragraphs[paragraphs.length - 1].text).toBe("Theo Kế hoạch số 12/KH-UBND ngày 05/01/2024.");
    expect(JSON.stringify(blocks)).not.toMatch(/HYPERLINK|Trang đầu/);
    // Word's automatic numbering, recounted from the list tables.
    expect(paragraphs.filter((p) => p.numbering).map((p) => [p.numbering, p.text])).toEqual([
      ["a)", "Hoàn thành đúng hạn"],
      ["b)", "Còn tồn tại"],
      ["1.", "Số hồ sơ trực tuyến tăng"],
    ]);
    // The page break before the appendix is a block; the line break stays inside its paragraph.
    expect(blocks.findIndex((b) => b.kind === "pageBreak")).toBe(blocks.findIndex((b) => b.kind === "paragraph" && b.text === "PHỤ LỤC") - 1);
    expect(paragraphs.map((p) => p.text)).toContain("Tổ chức kiểm tra tại 5 đơn vị;\nkết quả được thông báo bằng văn bản.");
  });

  it("takes heading levels from Word's heading styles with their automatic numerals, flattens a nested table into its cell, and puts text boxes after their anchors", async () => {
    const doc = (await ingestDoc(input("headings-nested.doc"), {})).value.blocks;
    expect(doc).toEqual((await ingestDocx(input("headings-nested.docx"), {})).value.blocks);
    expect(doc.flatMap((b) => (b.kind === "paragraph" && b.headingLevel ? [[b.headingLevel, b.numbering, b.text, b.bold]] : []))).toEqual([
      [1, "I.", "CÔNG TÁC CHỈ ĐẠO", true],
      [2, "1.", "Xây dựng kế hoạch", true],
      [2, "2.", "Kiểm tra", true],
      [1, "II.", "KẾT QUẢ", true],
    ]);
    const table = doc.find((b): b is Table => b.kind === "table")!;
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["STT", "Nội dung"],
      ["1", "Bảng con:\na\nb\nc\nd"],
    ]);
    // The heading's text box follows the heading, the cell's follows the table; neither enters a heading or a cell.
    expect(doc.map((b) => (b.kind === "paragraph" ? b.text : b.kind))).toEqual(["CÔNG TÁC CHỈ ĐẠO", "DỰ THẢO", "Xây dựng kế hoạch", "Kiểm tra", "KẾT QUẢ", "table", "Mẫu số 01", "Kết thúc."]);
  });

  it("expands merged cells into the grid the .docx path gives", async () => {
    const doc = (await ingestDoc(input("merged-cells.doc"), {})).value.blocks;
    const docx = (await ingestDocx(input("merged-cells.docx"), {})).value.blocks;
    expect(doc).toEqual(docx);
    const table = doc[0] as Table;
    expect(table.rows.map((r) => [r.header ?? false, ...r.cells.map((c) => (c.spanned ? "~" : c.text) + (c.colSpan ? `{c${c.colSpan}}` : "") + (c.rowSpan ? `{r${c.rowSpan}}` : ""))])).toEqual([
      [true, "STT{r2}", "Chỉ tiêu thống kê{r2}", "Kết quả thống kê{c2}", "~", "Ghi chú{r2}"],
      [true, "~", "~", "Đơn vị tính", "Số liệu", "~"],
      [false, "1{r2}", "Số văn bản", "Văn bản", "6", ""],
      [false, "~", "Trong đó: ban hành mới", "Văn bản", "2", ""],
      [false, "2", "Dòng một\ndòng hai\nđoạn ba", "%", "100", ""],
    ]);
  });
});

describe(".doc end to end", () => {
  it("gives report.doc the metadata, sections and indicator records of the same report as .docx", async () => {
    const { extraction: doc } = await extractFile(fixture("report.doc"));
    const { extraction: docx } = await extractFile(fixture("report.docx"));
    expect(doc.status).toBe("ok");
    expect(doc.messages).toEqual(docx.messages);
    expect(doc.metadata).toEqual(docx.metadata);
    expect(doc.sections).toEqual(docx.sections);
    expect(doc.indicators).toEqual(docx.indicators);
    expect(doc.metadata).toMatchObject({ docType: "BÁO CÁO", number: "15/BC-SNV", date: "2024-06-10", issuer: "Sở Nội vụ", signer: "Trần Văn Bình", signerTitle: "GIÁM ĐỐC" });
    expect(doc.indicators.map((r) => [r.code, r.name, r.unit, r.value])).toEqual([
      ["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", 12],
      ["2", "Số thủ tục hành chính được cung cấp trực tuyến toàn trình", "Thủ tục", 74],
      ["2.1", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ", 1034],
      ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 98.5],
    ]);
  });

  it.each([
    ["truncated.doc", "ingest.doc.corrupt", /^This Word 97-2003 \(\.doc\) file is damaged or truncated \(its OLE2 container cannot be read\)\. Open it in Word or LibreOffice and save it again/],
    ["encrypted.doc", "ingest.doc.encrypted", /^This Word 97-2003 \(\.doc\) file is password-protected \(encrypted\).*save it without one/],
    ["not-word.doc", "ingest.doc.not-word", /^This OLE2 file holds no Word document \(no WordDocument stream\): it is probably an Excel, PowerPoint or Outlook file/],
  ])("fails %s with %s and says what to do", async (name, ruleId, reason) => {
    const { extraction } = await extractFile(fixture(name));
    expect(extraction.status).toBe("failed");
    expect(extraction.messages).toHaveLength(1);
    expect(extraction.messages[0]).toMatchObject({ severity: "error", ruleId, place: { file: fixture(name) } });
    expect(extraction.messages[0].reason).toMatch(reason);
  });
});

describe(".doc damaged anywhere", () => {
  const original = readFileSync(fixture("report.doc"));
  const outcome = (bytes: Uint8Array): string => {
    try {
      readDoc(bytes);
      return "read";
    } catch (e) {
      // Anything but a clear refusal (a TypeError, a RangeError) would fail the file without a reason.
      if (!(e instanceof UnusableInputError)) throw e;
      return e.ruleId;
    }
  };
  it("either reads or fails with a .doc rule id when bytes are overwritten", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), (edits) => {
        const bytes = Uint8Array.from(original);
        for (const [at, value] of edits) bytes[at] = value;
        expect(outcome(bytes)).toMatch(/^(read|ingest\.doc\.(corrupt|encrypted|word95|not-word))$/);
      }),
      { numRuns: 150, seed: 13 },
    );
  });
  it("fails with ingest.doc.corrupt or reads when cut at any length", () => {
    fc.assert(
      fc.property(fc.nat(original.length - 1), (length) => {
        expect(outcome(original.subarray(0, length))).toMatch(/^(read|ingest\.doc\.(corrupt|not-word))$/);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});
