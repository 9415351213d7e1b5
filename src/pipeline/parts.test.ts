import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block, Document } from "../model/document.js";
import { extractFile } from "./extract.js";
import { mottoIn, splitParts, substringDistance } from "./parts.js";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/parts");

const para = (text: string): Block => ({ kind: "paragraph", text, bold: false, italic: false, prov: {} });
const layout = (left: string, right: string): Block => ({
  kind: "table",
  layout: true,
  rows: [{ cells: [left, right].map((text) => ({ text, bold: false, italic: false })), prov: {} }],
  prov: {},
});
const doc = (blocks: Block[]): Document => ({ source: { path: "f", format: "txt", sha256: "0", bytes: 0, conversions: [] }, blocks });
const HEADER = (issuer: string, number: string) =>
  layout(`${issuer}\nSố: ${number}`, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 02 tháng 3 năm 2025");
const BODY = "Thực hiện kế hoạch của cấp trên, đơn vị đã triển khai đầy đủ các nhiệm vụ được giao trong kỳ báo cáo. ".repeat(8);

describe("motto lines", () => {
  it("finds the quốc hiệu and the tiêu ngữ, also with OCR errors and an issuer on the same line", () => {
    expect(mottoIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toEqual(["parts.motto.state"]);
    expect(mottoIn("Độc lập – Tự do – Hạnh phúc")).toEqual(["parts.motto.independence"]);
    expect(mottoIn("CÔNG HOÀ XÄ HÔI CHU NGHIA VIÊT NAM")).toEqual(["parts.motto.state"]);
    expect(mottoIn("Đôc lâp - Tư do - Hanh phüc")).toEqual(["parts.motto.independence"]);
    expect(mottoIn("BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc")).toEqual(["parts.motto.state", "parts.motto.independence"]);
  });

  it("does not take a sentence quoting the motto, or a line that only looks alike, for a motto line", () => {
    expect(mottoIn("Ủy ban nhân dân xã treo băng rôn chào mừng Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam tại trụ sở và các tuyến đường chính trong toàn xã")).toEqual([]);
    expect(mottoIn("Cộng đồng dân cư xã hội hóa")).toEqual([]);
    expect(substringDistance("abc", "xxabcxx")).toBe(0);
    expect(substringDistance("abc", "xxabxx")).toBe(1);
  });

  it("computes the substring distance exactly, and with a bound exactly up to it", () => {
    // Reference: the whole Sellers table, no reuse and no early exit.
    const reference = (key: string, text: string) => {
      let prev = Array.from({ length: text.length + 1 }, () => 0);
      for (let i = 1; i <= key.length; i++) {
        const cur = [i];
        for (let j = 1; j <= text.length; j++) cur[j] = Math.min(prev[j - 1] + (key[i - 1] === text[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
        prev = cur;
      }
      return Math.min(...prev);
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (n: number) => Array.from({ length: n }, () => "abcdo"[random(5)]).join("");
    for (let k = 0; k < 500; k++) {
      const [key, text] = [word(random(9)), word(random(30))];
      const exact = reference(key, text);
      expect(substringDistance(key, text)).toBe(exact);
      const bound = random(4);
      const bounded = substringDistance(key, text, bound);
      if (exact <= bound) expect(bounded).toBe(exact);
      else expect(bounded).toBeGreaterThan(bound);
    }
  });
});

describe("splitParts", () => {
  it("cuts a cover letter and the report after it at the report's own header", () => {
    const blocks = [HEADER("SỞ NỘI VỤ", "45/TTr-SNV"), para("TỜ TRÌNH"), para(BODY), para("Nơi nhận:"), { kind: "pageBreak", prov: {} } as Block, HEADER("UBND TỈNH HÀ NAM", "12/BC-UBND"), para("BÁO CÁO"), para(BODY)];
    const { value, messages } = splitParts(doc(blocks), "f");
    expect(value.map((p) => [p.index, p.start, p.document.blocks.length])).toEqual([
      [0, 0, 5],
      [1, 5, 3],
    ]);
    expect(messages).toEqual([expect.objectContaining({ severity: "info", ruleId: "pipeline.parts.split", actual: 1 })]);
  });

  it("cuts a scanned bundle whose second header lost its blank number and date to OCR", () => {
    const ocr = (text: string, page: number): Block => ({ kind: "paragraph", text, bold: false, italic: false, prov: { page, confidence: 80 } });
    const blocks: Block[] = [
      ocr("SỞ TƯ PHÁP TỈNH NAM ĐỊNH Độc lập - Tự do - Hạnh phúc", 1),
      ocr("Số: 12/TTr-STP Nam Định, ngày 03 tháng 4 năm 2026", 1),
      ocr("TỜ TRÌNH", 1),
      ocr(BODY, 1),
      ocr("Nơi nhận:", 1),
      { kind: "pageBreak", prov: { page: 2 } } as Block,
      ocr("UBND TỈNH NAM ĐINH CÔNG HOÀ XÃ HÔI CHỦ NGHĨA VIỆT NAM", 2),
      ocr("BAN CHÍ ĐẠO CHUYÊN ĐÓI SỐ Đột lập - Tự do - Hạnh phüc", 2),
      ocr("BÁO CÁO", 2),
      ocr(BODY, 2),
    ];
    const { value, messages } = splitParts(doc(blocks), "f");
    expect(value.map((p) => p.start)).toEqual([0, 6]);
    expect(messages[0]).toMatchObject({ ruleId: "pipeline.parts.split", place: { file: "f", page: 2 }, reason: expect.stringContaining("issuer, title") });
  });

  it("keeps a file with one document whole and unchanged", () => {
    const d = doc([HEADER("SỞ NỘI VỤ", "45/TTr-SNV"), para("TỜ TRÌNH"), para(BODY)]);
    const { value, messages } = splitParts(d, "f");
    expect(value).toHaveLength(1);
    expect(value[0].document).toBe(d);
    expect(messages).toEqual([]);
  });

  it("does not cut at a motto without a header around it", () => {
    const { value } = splitParts(doc([HEADER("SỞ NỘI VỤ", "45/TTr-SNV"), para(BODY), para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), para("Độc lập - Tự do - Hạnh phúc"), para(BODY)]), "f");
    expect(value).toHaveLength(1);
  });

  it("keeps an appendix that repeats the header in the document before it", () => {
    const appendixHeader = layout("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nam, ngày 02 tháng 3 năm 2025");
    const { value, messages } = splitParts(doc([HEADER("UBND TỈNH HÀ NAM", "12/BC-UBND"), para(BODY), para("Nơi nhận:"), appendixHeader, para("PHỤ LỤC"), para("(Kèm theo Báo cáo số 12/BC-UBND)")]), "f");
    expect(value).toHaveLength(1);
    expect(messages).toEqual([expect.objectContaining({ ruleId: "pipeline.parts.kept", reason: expect.stringContaining("appendix") })]);
  });

  it("keeps an instrument issued with a decision ('Ban hành kèm theo Quyết định …') in the decision", () => {
    const decision = [HEADER("UBND TỈNH HÀ NAM", "05/QĐ-UBND"), para("QUYẾT ĐỊNH"), para(BODY), para("Nơi nhận:")];
    const rulesHeader = layout("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nam, ngày 02 tháng 3 năm 2025");
    const { value } = splitParts(doc([...decision, rulesHeader, para("QUY CHẾ"), para("Làm việc của Ủy ban nhân dân tỉnh"), para("(Ban hành kèm theo Quyết định số 05/QĐ-UBND)"), para(BODY)]), "f");
    expect(value).toHaveLength(1);
  });

  it("cuts where a header follows a document that has none (a body before the first motto)", () => {
    const { value } = splitParts(doc([para("BẢNG TỔNG HỢP Ý KIẾN"), para(BODY), HEADER("UBND TỈNH HÀ NAM", "12/BC-UBND"), para("BÁO CÁO"), para(BODY)]), "f");
    expect(value.map((p) => p.start)).toEqual([0, 2]);
  });
});

describe.each(["txt", "docx"])("a two-document bundle as %s", (format) => {
  it("gives the cover letter at the top level and the attached report in parts, each with its own records", async () => {
    const { extraction: ex } = await extractFile(join(FIXTURES, `two-documents.${format}`));
    expect(ex.status).toBe("ok");
    expect(ex.metadata).toMatchObject({ docType: "TỜ TRÌNH", number: "45/TTr-SNV", date: "2025-07-10", issuer: "Sở Nội vụ" });
    expect(ex.sections).toEqual([]);
    expect(ex.indicators).toEqual([]);
    expect(ex.parts).toHaveLength(1);
    const [report] = ex.parts!;
    expect(report.part).toBe(1);
    expect(report.metadata).toMatchObject({ docType: "BÁO CÁO", number: null, date: null, issuer: "UBND tỉnh An Giang", period: { kind: "half", year: 2025 } });
    expect(report.sections.map((s) => `${s.number} ${s.title}`)).toEqual(["I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "II KẾT QUẢ THỰC HIỆN"]);
    // The appendix repeating the header stays in the report: its rows are the report's. Their
    // table is the stored table's number, counted over the whole file with the header blocks.
    const appendix = ex.tables.filter((t) => t.kind === "indicators");
    expect(appendix).toHaveLength(1);
    expect(appendix[0].index).toBeGreaterThan(0);
    expect(report.indicators.map((r) => [r.part, r.table, r.code, r.value])).toEqual([
      [1, appendix[0].index, "1", 1250],
      [1, appendix[0].index, "2", 1200],
      [1, appendix[0].index, "3", 96],
    ]);
    const parts = ex.messages.filter((m) => m.ruleId.startsWith("pipeline.parts"));
    expect(parts.map((m) => m.ruleId)).toEqual(["pipeline.parts.split", "pipeline.parts.kept"]);
    // Messages of the report's stages say which part they are about.
    expect(ex.messages.filter((m) => m.place.part === 1).length).toBeGreaterThan(0);
  });
});

describe.each(["txt", "docx"])("single documents as %s are not split", (format) => {
  it("a report quoting the motto in its body", async () => {
    const { extraction: ex } = await extractFile(join(FIXTURES, `quoted-motto.${format}`));
    expect(ex.parts).toEqual([]);
    expect(ex.metadata).toMatchObject({ docType: "BÁO CÁO", number: "21/BC-UBND", issuer: "UBND xã Bình Mỹ" });
    expect(ex.sections.map((s) => s.number)).toEqual(["I", "II"]);
    expect(ex.messages.filter((m) => m.ruleId.startsWith("pipeline.parts"))).toEqual([]);
  });

  it("a cover page printing the motto above the report's own header", async () => {
    const { extraction: ex } = await extractFile(join(FIXTURES, `cover-page.${format}`));
    expect(ex.parts).toEqual([]);
    expect(ex.metadata).toMatchObject({ number: "300/BC-UBND", date: "2025-12-15" });
    expect(ex.sections.map((s) => s.number)).toEqual(["I"]);
  });
});
