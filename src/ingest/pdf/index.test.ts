import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Document, type Block, type Paragraph, type Table } from "../../model/document.js";
import { UnusableInputError } from "../../model/message.js";
import { extractMetadata } from "../../../extractors/metadata/index.js";
import { buildTables } from "../../tables/stitch.js";
import { ingestPdf, registerOcr } from "./index.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/pdf");

function input(name: string) {
  return { file: name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))), sha256: "" };
}

async function ingest(name: string, options = {}) {
  return ingestPdf(input(name), options);
}

async function failure(name: string, options = {}): Promise<UnusableInputError> {
  const err = await ingest(name, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnusableInputError);
  return err as UnusableInputError;
}

const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === "table");
const texts = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));

afterEach(() => registerOcr(undefined));

describe("ingestPdf on a second producer's file (pdf-lib)", () => {
  it("keeps headings as their own bold paragraphs and ends a paragraph at its short last line", async () => {
    const { value, messages } = await ingest("second-producer.pdf");
    expect(messages).toEqual([]);
    const paras = paragraphs(value.blocks).map((p) => [p.text, p.bold]);
    expect(paras.slice(0, 5)).toEqual([
      ["BÁO CÁO", true],
      ["Kết quả công tác cải cách hành chính năm 2024", false],
      ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", true],
      [
        "Căn cứ Kế hoạch số 02/KH-UBND ngày 09/01/2024 của UBND huyện về cải cách hành chính năm 2024, UBND xã đã xây dựng và ban hành Kế hoạch cải cách hành chính làm cơ sở để tổ chức triển khai các nhiệm vụ trong năm.",
        false,
      ],
      ["Thường xuyên cập nhật các văn bản chỉ đạo của cấp trên.", false],
    ]);
  });

  it("stores decomposed Vietnamese as NFC and records the conversion", async () => {
    const { value } = await ingest("second-producer.pdf");
    const p = paragraphs(value.blocks)[4];
    expect(p.text).toBe(p.text.normalize("NFC"));
    expect(p.text).toBe("Thường xuyên cập nhật các văn bản chỉ đạo của cấp trên.");
    expect(value.source.conversions).toEqual(["nfd→nfc"]);
  });

  it("builds a ruled table with a merged header cell on a regular grid", async () => {
    const { value } = await ingest("second-producer.pdf");
    const [t] = tables(value.blocks);
    expect(texts(t)).toEqual([
      ["STT", "Chỉ tiêu", "Kết quả", "", "Ghi chú"],
      ["", "", "Đơn vị tính", "Số liệu", ""],
      ["1", "Số văn bản chỉ đạo CCHC đã ban hành trong kỳ báo cáo", "Văn bản", "12", ""],
      ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "317/1.034 = 31%", ""],
    ]);
    expect(t.rows[0].cells[2]).toMatchObject({ colSpan: 2, bold: true });
    expect(t.rows[0].cells[3]).toMatchObject({ text: "", spanned: true });
    expect(t.prov.page).toBe(1);
  });

  it("joins a paragraph that runs over the page break and drops the page numbers", async () => {
    const { value } = await ingest("second-producer.pdf");
    const kinds = value.blocks.map((b) => b.kind);
    expect(kinds).toEqual(["paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "table", "paragraph", "pageBreak", "paragraph"]);
    const run = paragraphs(value.blocks)[5];
    expect(run.text).toMatch(/^Tổ chức tuyên truyền .* kinh tế - xã hội của địa phương\.$/);
    expect(run.prov.page).toBe(1);
    const all = paragraphs(value.blocks).map((p) => p.text);
    expect(all.some((t) => /Trang 1|- 2 -/.test(t))).toBe(false);
    expect(all.at(-1)).toBe("II. KẾT QUẢ THỰC HIỆN");
  });

  it("gives every block, row and cell a 1-based page and a top-left bounding box, and validates as a Document", async () => {
    const { value } = await ingest("second-producer.pdf");
    expect(() => Document.parse(value)).not.toThrow();
    expect(value.source).toMatchObject({ format: "pdf", pages: 2 });
    for (const b of value.blocks) {
      expect(b.prov.page).toBeGreaterThanOrEqual(1);
      expect(b.prov.bbox).toHaveLength(4);
      if (b.kind !== "table") continue;
      for (const r of b.rows) {
        expect(r.prov.bbox).toHaveLength(4);
        for (const c of r.cells.filter((c) => !c.spanned)) expect(c.prov?.bbox).toHaveLength(4);
      }
    }
    const heading = paragraphs(value.blocks)[0];
    const [x0, y0, x1, y1] = heading.prov.bbox!;
    // Drawn near the top of an A4 page (842 pt tall), centred.
    expect(y0).toBeLessThan(100);
    expect(y1).toBeGreaterThan(y0);
    expect((x0 + x1) / 2).toBeCloseTo((85 + 552.5) / 2, 0);
  });
});

describe("ingestPdf tables", () => {
  it("reads an unruled table from column alignment", async () => {
    const { value } = await ingest("unruled-table.pdf");
    expect(value.blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "paragraph"]);
    const [t] = tables(value.blocks);
    expect(t.layout).toBeUndefined();
    expect(texts(t)).toEqual([
      ["STT", "Chỉ tiêu", "Số liệu"],
      ["1", "Tổng số hồ sơ tiếp nhận", "1.034"],
      ["2", "Số hồ sơ giải quyết đúng hạn", "317"],
      ["3", "Tỷ lệ đúng hạn", "31%"],
    ]);
  });

  it("reads the two-column header block of an official letter as a layout table", async () => {
    const { value } = await ingest("header-block.pdf");
    expect(value.blocks.map((b) => b.kind)).toEqual(["table", "paragraph", "paragraph"]);
    const [t] = tables(value.blocks);
    expect(t.layout).toBe(true);
    expect(texts(t)).toEqual([
      ["UBND HUYỆN TRỰC NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["UBND XÃ PHƯƠNG ĐỊNH", "Độc lập - Tự do - Hạnh phúc"],
      ["Số: 09/BC-UBND", "Phương Định, ngày 08 tháng 3 năm 2024"],
    ]);
    expect(paragraphs(value.blocks)[0]).toMatchObject({ text: "BÁO CÁO", bold: true });
  });

  it("emits one fragment per page with the same columns for a table over three pages, and the tables stage joins them", async () => {
    const { value } = await ingest("table-three-pages.pdf");
    const frags = tables(value.blocks);
    expect(frags.map((t) => [t.prov.page, t.rows.length, t.rows[0].cells.length])).toEqual([
      [1, 6, 5],
      [2, 6, 5],
      [3, 6, 5],
    ]);
    // The running head printed on every page is dropped, as are the page numbers.
    expect(paragraphs(value.blocks).map((p) => p.text)).toEqual(["Phụ lục: Biểu mẫu thống kê"]);
    const [joined] = buildTables(value);
    expect(joined.rows.map((r) => r.cells[0].text)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
  });

  it("keeps a row split by a page break as the end of one fragment and the start of the next", async () => {
    const { value } = await ingest("row-split.pdf");
    const [a, b] = tables(value.blocks);
    expect(texts(a).at(-1)).toEqual(["2", "Số thủ tục hành chính được", "", "", ""]);
    expect(texts(b)[2]).toEqual(["", "cung cấp trực tuyến toàn trình", "Thủ tục", "74", ""]);
    // The tables stage joins the fragments and flags the continuation row for the extractors.
    const [joined] = buildTables(value);
    const i = joined.rows.findIndex((r) => r.cells[1].text === "cung cấp trực tuyến toàn trình");
    expect(joined.rows[i - 1].cells[0].text).toBe("2");
    expect(joined.fragmentStart[i]).toBe(true);
  });
});

describe("ingestPdf on an e-signed file", () => {
  it("reads the number and the day that signature fields draw into the header's blanks", async () => {
    const { value, messages } = await ingest("e-signed.pdf");
    expect(messages).toEqual([]);
    const [header, ...others] = tables(value.blocks);
    expect(header.layout).toBe(true);
    expect(texts(header)[2]).toEqual(["Số: 09/BC-UBND", "Phương Định, ngày 08 tháng 3 năm 2024"]);
    // The seal widget draws an image in a stroked frame: no text, and its frame is no table.
    expect(others).toEqual([]);
    expect(paragraphs(value.blocks).map((p) => p.text)).toEqual([
      "BÁO CÁO",
      "Kết quả công tác cải cách hành chính Quý I năm 2024",
      "UBND xã báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024 như sau: các nhiệm vụ đề ra trong kế hoạch đều được triển khai đúng tiến độ.",
    ]);
    const md = extractMetadata(value, { file: "e-signed.pdf", tables: buildTables(value), narrativeEnd: value.blocks.length }).value;
    expect([md.number, md.date]).toEqual(["09/BC-UBND", "2024-03-08"]);
  });

  it("places the field's text where the appearance draws it (annotation rectangle, form matrix)", async () => {
    const { value } = await ingest("e-signed.pdf");
    const cell = tables(value.blocks)[0].rows[2].cells[0];
    // The number field's text is drawn 2 pt right of the field's rectangle, inside the blank
    // after "Số:"; the cell spans from "Số:" (x = 100) to the end of "/BC-UBND".
    const [x0, , x1] = cell.prov!.bbox!;
    expect(x0).toBeLessThanOrEqual(100.5);
    expect(x1).toBeGreaterThan(180);
  });
});

describe("ingestPdf on two columns side by side (header block, recipients beside the signature)", () => {
  it("reads each column as its own flow in a layout table, lines of different sizes kept apart", async () => {
    const { value } = await ingest("signature-block.pdf");
    const [header, closing, ...others] = tables(value.blocks);
    expect(others).toEqual([]);
    expect(header.layout).toBe(true);
    expect(texts(header)).toEqual([
      ["BỘ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["", "Độc lập - Tự do - Hạnh phúc"],
      ["Số: 8151/BNV-CCHC", "Hà Nội, ngày 18 tháng 9 năm 2025"],
      ["V/v góp ý dự thảo Báo cáo sơ kết", ""],
      ["Chương trình cải cách hành chính", ""],
    ]);
    expect(closing.layout).toBe(true);
    // The 11 pt recipients and the 13 pt titles never share a line; the name under the
    // signature space joins the right column (centred under the titles).
    expect(texts(closing)).toEqual([
      ["Nơi nhận:", "KT. BỘ TRƯỞNG"],
      ["- Như trên;", "THỨ TRƯỞNG"],
      ["- Bộ trưởng (để b/c);", ""],
      ["- Các Thứ trưởng;", ""],
      ["- Vụ Tổ chức cán bộ, các đơn vị", ""],
      ["thuộc Bộ Nội vụ;", ""],
      ["- Lưu: VT, CCHC.", ""],
      ["", "Nguyễn Văn Hồi"],
    ]);
    // The centred "Kính gửi" line, the body and the full-width footnote stay in the flow.
    const paras = paragraphs(value.blocks).map((p) => p.text);
    expect(paras[0]).toBe("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.");
    expect(paras.at(-1)).toMatch(/^1 Chi tiết liên hệ/);
    expect(paras.join(" ")).toContain("trước ngày 30/9/2025 để tổng hợp, hoàn thiện./.");
  });

  it("lets the metadata extractor read the signature block as it does for .docx", async () => {
    const { value } = await ingest("signature-block.pdf");
    const md = extractMetadata(value, { file: "signature-block.pdf", tables: buildTables(value), narrativeEnd: value.blocks.length }).value;
    expect([md.signer, md.signerTitle, md.number, md.date]).toEqual(["Nguyễn Văn Hồi", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "8151/BNV-CCHC", "2025-09-18"]);
  });
});

describe("ingestPdf without a text layer", () => {
  it("keeps the text pages of a mixed file and warns about the image-only page", async () => {
    const { value, messages } = await ingest("image-only-page.pdf");
    expect(paragraphs(value.blocks).map((p) => p.text)).toEqual(["Trang này có lớp văn bản."]);
    expect(messages).toEqual([
      expect.objectContaining({
        severity: "warning",
        ruleId: "ingest.pdf.no-text-layer-pages",
        place: { file: "image-only-page.pdf", page: 2 },
        actual: [2],
      }),
    ]);
    expect(messages[0].reason).toContain("Page 2");
  });

  it("sends pages without text to the registered OCR stage", async () => {
    const seen: number[] = [];
    registerOcr(async (n) => {
      seen.push(n);
      return { value: [{ kind: "paragraph", text: "OCR text", bold: false, italic: false, prov: { page: n, bbox: [0, 0, 1, 1], confidence: 90 } }], messages: [] };
    });
    const { value, messages } = await ingest("image-only-page.pdf");
    expect(seen).toEqual([2]);
    expect(messages).toEqual([]);
    expect(paragraphs(value.blocks).map((p) => p.text)).toEqual(["Trang này có lớp văn bản.", "OCR text"]);
  });

  it("does not report a page as waiting for OCR when OCR read it and found it blank", async () => {
    registerOcr(async (n) => ({ value: [], messages: [{ severity: "info", ruleId: "ocr.blank-page", reason: `Page ${n} is blank.`, place: { file: "", page: n } }] }));
    const { messages } = await ingest("image-only-page.pdf");
    expect(messages.map((m) => m.ruleId)).toEqual(["ocr.blank-page"]);
  });

  it("says that OCR failed, not that it is yet to run, when the OCR stage throws", async () => {
    registerOcr(async () => {
      throw new Error("worker died");
    });
    const { messages } = await ingest("image-only-page.pdf");
    expect(messages.map((m) => m.ruleId)).toEqual(["ingest.pdf.ocr-failed", "ingest.pdf.no-text-layer-pages"]);
    expect(messages[1].reason).toBe("Page 2 has no text layer (scanned or image-only); its content is missing because OCR failed (see ingest.pdf.ocr-failed).");
  });

  it("does not call the OCR stage when options.ocr is false", async () => {
    registerOcr(async () => {
      throw new Error("must not run");
    });
    const { messages } = await ingest("image-only-page.pdf", { ocr: false });
    expect(messages.map((m) => m.ruleId)).toEqual(["ingest.pdf.no-text-layer-pages"]);
  });

  it("rejects a file with no text on any page as needs_ocr, naming the pages", async () => {
    const err = await failure("scan-only.pdf");
    expect(err.ruleId).toBe("ingest.pdf.no-text-layer");
    expect(err.status).toBe("needs_ocr");
    expect(err.message).toContain("pages 1, 2");
  });
});

describe("ingestPdf on a garbage text layer", () => {
  const garbage = /C6NG|H0a|HaNh|b5o/;

  it("treats a page whose text layer is not text as a scan, with an info message naming the page and its score", async () => {
    const { value, messages } = await ingest("garbled-text-layer.pdf", { ocr: false });
    const text = paragraphs(value.blocks).map((p) => p.text);
    expect(text[0]).toBe("THÔNG BÁO");
    expect(text.join(" ")).not.toMatch(garbage);
    expect(messages.map((m) => [m.severity, m.ruleId])).toEqual([
      ["info", "ingest.pdf.text-layer-garbled"],
      ["warning", "ingest.pdf.no-text-layer-pages"],
    ]);
    const [info] = messages;
    expect(info.place).toEqual({ file: "garbled-text-layer.pdf", page: 2 });
    expect(info.reason).toMatch(/^Page 2 has a text layer that is not readable text \(quality 0\.\d\d, below 0\.70/);
    const [{ page, score }] = info.actual as { page: number; score: number }[];
    expect(page).toBe(2);
    expect(score).toBeLessThan(0.5);
  });

  it("sends that page to OCR", async () => {
    const seen: number[] = [];
    registerOcr(async (n) => {
      seen.push(n);
      return { value: [{ kind: "paragraph", text: "ỦY BAN NHÂN DÂN", bold: false, italic: false, prov: { page: n, bbox: [0, 0, 1, 1], confidence: 90 } }], messages: [] };
    });
    const { value, messages } = await ingest("garbled-text-layer.pdf");
    expect(seen).toEqual([2]);
    expect(messages.map((m) => m.ruleId)).toEqual(["ingest.pdf.text-layer-garbled"]);
    expect(messages[0].reason).toMatch(/read as a scan \(OCR\)\.$/);
    expect(paragraphs(value.blocks).at(-1)?.text).toBe("ỦY BAN NHÂN DÂN");
  });

  it("keeps the pages of good text layers (fixtures and e-signed letters) as text", async () => {
    for (const name of ["second-producer.pdf", "e-signed.pdf", "signature-block.pdf", "header-block.pdf"]) {
      const { messages } = await ingest(name);
      expect(messages.filter((m) => m.ruleId === "ingest.pdf.text-layer-garbled")).toEqual([]);
    }
  });
});

describe("ingestPdf on unusable files", () => {
  it("rejects a PDF that needs a user password", async () => {
    const err = await failure("encrypted-user-password.pdf");
    expect(err.ruleId).toBe("ingest.pdf.encrypted");
    expect(err.status).toBe("failed");
  });

  it("opens a PDF protected only by an owner password", async () => {
    const { value } = await ingest("encrypted-owner-only.pdf");
    expect(paragraphs(value.blocks).map((p) => p.text)).toEqual(["Nội dung được bảo vệ."]);
  });

  it("rejects a corrupt PDF with a clear reason", async () => {
    const err = await failure("corrupt.pdf");
    expect(err.ruleId).toBe("ingest.pdf.corrupt");
    expect(err.message).toMatch(/cannot be parsed/);
  });

  it("stops at the time limit instead of running on", async () => {
    const err = await failure("table-three-pages.pdf", { timeoutMs: 1 });
    expect(err.ruleId).toBe("ingest.pdf.timeout");
  });
});
