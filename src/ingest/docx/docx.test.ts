import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block, Paragraph, Table } from "../../model/document.js";
import { UnusableInputError } from "../../model/message.js";
import { detectFormat } from "../detect.js";
import { ingestDocx } from "./index.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/docx");

async function ingest(name: string, options = {}) {
  const file = join(FIXTURES, name);
  return ingestDocx({ file, bytes: readFileSync(file), sha256: "0" }, options);
}

const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === "table");
const texts = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));

async function failure(name: string, options = {}) {
  try {
    await ingest(name, options);
  } catch (e) {
    expect(e).toBeInstanceOf(UnusableInputError);
    return e as UnusableInputError;
  }
  throw new Error(`${name} was accepted`);
}

describe("ingestDocx on auto-numbered.docx", () => {
  it("recovers Word's numerals for numbered headings, including restarts and style-bound lists", async () => {
    const { value, messages } = await ingest("auto-numbered.docx");
    expect(messages).toEqual([]);
    const numbered = paragraphs(value.blocks).filter((p) => p.numbering);
    expect(numbered.map((p) => [p.numbering, p.text])).toEqual([
      ["I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
      ["1.", "Xây dựng kế hoạch"],
      ["2.", "Văn bản chỉ đạo"],
      ["2.1.", "Ban hành kịp thời"],
      ["2.2.", "Kiểm tra"],
      ["a)", "Ý thứ nhất"],
      ["b)", "Ý thứ hai"],
      ["e)", "Ý nối tiếp từ năm"],
      ["II.", "KẾT QUẢ THỰC HIỆN"],
      ["1.", "Cải cách thể chế"],
    ]);
  });

  it("keeps the numeral out of the text, marks list items and takes bold/italic from the heading style", async () => {
    const { value } = await ingest("auto-numbered.docx");
    const byText = (t: string) => paragraphs(value.blocks).find((p) => p.text === t)!;
    expect(byText("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")).toMatchObject({ bold: true, italic: false, headingLevel: 1, listItem: true });
    expect(byText("Ban hành kịp thời")).toMatchObject({ bold: false, italic: true, headingLevel: 3 });
    expect(byText("Nội dung thường, không đánh số.")).toMatchObject({ bold: false });
    expect(byText("Nội dung thường, không đánh số.").numbering).toBeUndefined();
    expect(byText("Gạch đầu dòng")).toMatchObject({ listItem: true });
    expect(byText("Gạch đầu dòng").numbering).toBeUndefined();
    expect(byText("BÁO CÁO").bold).toBe(true);
  });

  it("prints Word-numbered STT cells as the numeral, continuing across group rows", async () => {
    const { value } = await ingest("auto-numbered.docx");
    expect(texts(tables(value.blocks)[0]).map((r) => r[0])).toEqual(["STT", "I", "1.", "2.", "II", "3."]);
    expect(tables(value.blocks)[0].rows[1].cells[1]).toMatchObject({ text: "CÔNG TÁC CHỈ ĐẠO", bold: true });
  });
});

describe("ingestDocx on tables", () => {
  it("expands merged cells into a regular grid and marks repeat-as-header rows", async () => {
    const { value } = await ingest("merged-cells.docx");
    const [t] = tables(value.blocks);
    expect(texts(t)).toEqual([
      ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"],
      ["", "", "Đơn vị tính", "Số liệu", ""],
      ["1", "Số văn bản", "Văn bản", "6", ""],
      ["", "Trong đó: ban hành mới", "Văn bản", "2", ""],
      ["2", "Dòng một\ndòng hai\nđoạn ba", "%", "100", ""],
    ]);
    expect(t.rows.map((r) => r.header ?? false)).toEqual([true, true, false, false, false]);
    expect(t.rows[0].cells[0]).toMatchObject({ rowSpan: 2 });
    expect(t.rows[0].cells[2]).toMatchObject({ colSpan: 2 });
    expect(t.rows[1].cells[0]).toMatchObject({ spanned: true, text: "" });
    expect(t.rows[3].cells[0]).toMatchObject({ spanned: true });
    expect(t.layout).toBeUndefined();
  });

  it("keeps a table split across pages as two tables with the separator paragraph and page break between", async () => {
    const { value } = await ingest("split-table.docx");
    expect(value.blocks.map((b) => (b.kind === "paragraph" ? `p:${b.text}` : b.kind))).toEqual([
      "p:Phụ lục", "table", "pageBreak", "p:", "table", "pageBreak", "p:Mục sau",
    ]);
    const [first, second] = tables(value.blocks);
    expect(second.rows[0]).toMatchObject({ header: true });
    expect(texts(second)[0]).toEqual(texts(first)[0]);
  });

  it("flattens a nested table into its cell without breaking the outer grid", async () => {
    const { value } = await ingest("nested-table.docx");
    expect(tables(value.blocks)).toHaveLength(1);
    expect(texts(tables(value.blocks)[0])).toEqual([
      ["STT", "Chỉ tiêu", "Số liệu"],
      ["1", "Hình thức khảo sát\nTrực tuyến\n0\nPhát phiếu\n1", "132"],
    ]);
  });
});

describe("ingestDocx on the official header and signature blocks", () => {
  it("emits both as layout tables and keeps the statistics table as data", async () => {
    const { value } = await ingest("header-block.docx");
    const ts = tables(value.blocks);
    expect(ts.map((t) => t.layout ?? false)).toEqual([true, false, true]);
    expect(ts[0].rows[0].cells[0].text).toBe("UBND HUYỆN TRỰC NINH\nUBND XÃ PHƯƠNG ĐỊNH\nSố: 09/BC-UBND");
    expect(ts[0].rows[0].cells[1].text).toContain("Phương Định, ngày 08 tháng 3 năm 2024");
    expect(ts[2].rows[0].cells[1].text).toBe("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Minh Khâm");
    expect(value.blocks[0].kind).toBe("table");
  });
});

describe("ingestDocx on footnotes and text boxes", () => {
  it("keeps footnote markers and text-box text out of headings and cells, and puts the notes last", async () => {
    const { value } = await ingest("footnotes-and-textbox.docx");
    expect(value.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.kind))).toEqual([
      "I. CÔNG TÁC CHỈ ĐẠO",
      "DỰ THẢO",
      "table",
      "Mẫu số 01",
      "Đoạn cuối thân bài.",
      "Theo Kế hoạch số 05/KH-UBND.",
      "Kể cả văn bản điện tử.",
    ]);
    expect(texts(tables(value.blocks)[0])).toEqual([["STT", "Chỉ tiêu"], ["1", "Số văn bản"]]);
  });

  it("leaves page headers and footers out of the body", async () => {
    const { value } = await ingest("footnotes-and-textbox.docx");
    expect(JSON.stringify(value.blocks)).not.toContain("Tiêu đề trang");
  });
});

describe("ingestDocx on page provenance", () => {
  it("numbers pages from Word's rendered page breaks, for paragraphs and table rows", async () => {
    const { value } = await ingest("rendered-pages.docx");
    const [one, two, table] = value.blocks;
    expect(one.prov.page).toBe(1);
    expect(two.prov.page).toBe(2);
    expect((table as Table).rows.map((r) => r.prov.page)).toEqual([2, 3]);
    expect(value.source.pages).toBe(3);
  });

  it("leaves pages unknown when Word did not record them (LibreOffice output)", async () => {
    const { value } = await ingest("split-table.docx");
    expect(value.blocks.every((b) => b.prov.page === undefined)).toBe(true);
    expect(value.source.pages).toBeUndefined();
  });
});

describe("ingestDocx on unusable files", () => {
  it("rejects a file that is not a zip package as corrupt", async () => {
    expect((await failure("corrupt.docx")).ruleId).toBe("ingest.docx.corrupt");
  });

  it("rejects a zip without a main document part", async () => {
    const e = await failure("no-document.docx");
    expect(e.ruleId).toBe("ingest.docx.no-document");
    expect(e.message).toContain("word/document.xml");
  });

  it("refuses a package whose declared uncompressed size is over the limit without inflating it", async () => {
    expect((await failure("declared-too-large.docx")).ruleId).toBe("ingest.docx.too-large");
  });

  it("refuses a package that inflates past the limit although its sizes claim otherwise", async () => {
    const e = await failure("lying-sizes.docx", { maxUncompressedBytes: 1024 * 1024 });
    expect(e.ruleId).toBe("ingest.docx.too-large");
    expect(e.message).toMatch(/zip bomb/);
  });

  it("takes an OLE2 file for a legacy .doc, whether it arrives as .doc or renamed to .docx", async () => {
    const bytes = readFileSync(join(FIXTURES, "legacy.doc"));
    expect(detectFormat("legacy.doc", bytes)).toBe("doc");
    expect(detectFormat("legacy.docx", bytes)).toBe("doc");
  });
});
