import { describe, expect, it } from "vitest";
import type { Block, Document, Row } from "../../src/model/document.js";
import { ingestTxt } from "../../src/ingest/txt/index.js";
import { buildTables } from "../../src/tables/stitch.js";
import { extractMetadata } from "./index.js";

// Fixtures: small Documents built by hand (layout tables, as the docx ingest marks the header
// and signature blocks) or text run through the txt ingest (paragraphs separated by blank lines).
const para = (text: string, line = 1): Block => ({ kind: "paragraph", text, bold: false, italic: false, prov: { line } });
const layout = (...cells: string[][]): Block => {
  const row: Row = { cells: cells.map((lines) => ({ text: lines.join("\n"), bold: false, italic: false })), prov: { page: 1 } };
  return { kind: "table", layout: true, rows: [row], prov: { page: 1 } };
};
const docOf = (blocks: Block[]): Document => ({ source: { path: "fixture.docx", format: "docx", sha256: "", bytes: 0, conversions: [] }, blocks });
const metadataOf = (doc: Document) => extractMetadata(doc, { file: "fixture", tables: buildTables(doc), narrativeEnd: doc.blocks.length });
async function metadataOfText(...paragraphs: string[]) {
  const bytes = new TextEncoder().encode(`\n\n${paragraphs.join("\n\n")}\n`);
  const doc = (await ingestTxt({ file: "fixture.txt", bytes, sha256: "" }, {})).value;
  return extractMetadata(doc, { file: "fixture.txt", tables: buildTables(doc), narrativeEnd: doc.blocks.length });
}
const ruleIds = (r: { messages: { ruleId: string }[] }) => r.messages.map((m) => m.ruleId);

const headerBlock = layout(
  ["UBND HUYỆN TRỰC NINH", "UBND XÃ PHƯƠNG ĐỊNH", "Số: 09/BC-UBND"],
  ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Phương Định, ngày 08 tháng 3 năm 2024"],
);
const signatureBlock = layout(["Nơi nhận:", "- UBND huyện Trực Ninh;", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Nguyễn Minh Khâm"]);

describe("extractMetadata: header block as a two-column layout table", () => {
  const doc = docOf([
    headerBlock,
    para("BÁO CÁO\nKết quả công tác cải cách hành chính Quý I năm 2024"),
    para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    para("Thực hiện Kế hoạch số 111/KH-UBND của UBND tỉnh về cải cách hành chính tỉnh Nam Định."),
    signatureBlock,
  ]);
  const { value, messages } = metadataOf(doc);
  it("reads type, number, date and issuer from the header cells", () => {
    expect(value).toMatchObject({ docType: "BÁO CÁO", number: "09/BC-UBND", date: "2024-03-08", issuer: "UBND xã Phương Định", unitLevel: "xã" });
  });
  it("keeps the units above the issuer as parents, outermost first", () => {
    expect(value.parents).toEqual(["UBND huyện Trực Ninh"]);
  });
  it("takes the province the body states", () => {
    expect(value.province).toBe("Nam Định");
  });
  it("reads the quarter from the title", () => {
    expect(value.period).toEqual({ kind: "quarter", year: 2024, quarter: 1, month: null, from: null, to: null });
  });
  it("reads signer, signing title and recipients from the signature table, skipping '(Đã ký)'", () => {
    expect(value.signer).toBe("Nguyễn Minh Khâm");
    expect(value.signerTitle).toBe("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH");
    expect(value.recipients).toEqual(["UBND huyện Trực Ninh", "Lưu: VT."]);
  });
  it("records where each field was found and raises no message", () => {
    expect(Object.keys(value.sources)).toEqual(expect.arrayContaining(["docType", "number", "date", "issuer", "period", "signer", "recipients"]));
    expect(value.sources.number).toEqual({ page: 1 });
    expect(messages).toEqual([]);
  });
  it("joins a header unit printed under a separate 'ỦY BAN NHÂN DÂN' line", () => {
    const split = docOf([layout(["ỦY BAN NHÂN DÂN", "THỊ XÃ ĐỨC PHỔ", "Số: 12/KH-UBND"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]), para("KẾ HOẠCH"), para("Kiểm soát thủ tục hành chính năm 2025")]);
    expect(metadataOf(split).value).toMatchObject({ issuer: "UBND thị xã Đức Phổ", unitLevel: "huyện", docType: "KẾ HOẠCH", number: "12/KH-UBND" });
    expect(metadataOf(split).value.period).toMatchObject({ kind: "plan_year", year: 2025 });
  });
  it("reads a department under its province and writes it as running text does", () => {
    const so = docOf([layout(["UBND TỈNH QUẢNG BÌNH", "SỞ XÂY DỰNG", "Số: 3518/BC-SXD"], ["Quảng Bình, ngày 28 tháng 12 năm 2024"]), para("BÁO CÁO"), para("Công tác cải cách hành chính năm 2024")]);
    expect(metadataOf(so).value).toMatchObject({ issuer: "Sở Xây dựng", unitLevel: "sở", parents: ["UBND tỉnh Quảng Bình"], province: "Quảng Bình", date: "2024-12-28" });
  });
});

describe("extractMetadata: numbers", () => {
  it("gives null with an info message for a number left blank in the header", () => {
    const r = metadataOf(docOf([layout(["UBND XÃ THƯỢNG LONG", "Số:      /BC-UBND"], ["Thượng Long, ngày     tháng 9 năm 2021"]), para("BÁO CÁO"), para("Công tác cải cách hành chính quý III năm 2021")]));
    expect(r.value).toMatchObject({ number: null, date: null, issuer: "UBND xã Thượng Long" });
    expect(ruleIds(r)).toEqual(expect.arrayContaining(["metadata.number.blank", "metadata.date.blank"]));
  });
  it("gives null without any message for a document that prints no number at all", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", "Trên đây là báo cáo của UBND xã Tân Tiến./.");
    expect(r.value.number).toBeNull();
    expect(ruleIds(r).filter((id) => id.startsWith("metadata.number"))).toEqual([]);
  });
  it("reads number, date and issuer from the appendix caption when there is no header block", async () => {
    const r = await metadataOfText("BÁO CÁO", "Kết quả cải cách hành chính", "PHỤ LỤC 1a", "Báo cáo nội dung *(Kèm theo Báo cáo số 63/BC-UBND ngày 04/6/2024 của UBND phường Hồng Gai)*");
    expect(r.value).toMatchObject({ number: "63/BC-UBND", date: "2024-06-04", issuer: "UBND phường Hồng Gai", unitLevel: "xã" });
    expect(ruleIds(r)).toEqual(expect.arrayContaining(["metadata.number.from-caption", "metadata.date.from-caption"]));
  });
  it("closes the gap in '09 /BC-UBND'", async () => {
    const r = await metadataOfText("BÁO CÁO", "Phụ lục 2\n(Ban hành kèm theo Báo cáo số 09 /BC-UBND ngày 08/3/2024 của UBND xã)");
    expect(r.value).toMatchObject({ number: "09/BC-UBND", date: "2024-03-08" });
  });
  it("reads a blank caption number and a day-less date as null", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", "BIỂU MẪU 1", "(Kèm theo Báo cáo số /BC-SXD ngày /12/2024 của Sở Xây dựng)");
    expect(r.value).toMatchObject({ number: null, date: null, issuer: "Sở Xây dựng", unitLevel: "sở" });
  });
  it("warns when the header number and the caption disagree", () => {
    const r = metadataOf(docOf([headerBlock, para("BÁO CÁO"), para("(Kèm theo Báo cáo số 10/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)")]));
    expect(r.value.number).toBe("09/BC-UBND");
    expect(ruleIds(r)).toContain("metadata.number.conflict");
  });
});

describe("extractMetadata: a decision with an attached plan", () => {
  const text = [
    "Số: 68/QĐ-UBND",
    "Phường Nguyễn Nghiêm, ngày 12 tháng 3 năm 2024",
    "QUYẾT ĐỊNH",
    "Ban hành Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn phường Nguyễn Nghiêm",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN NGHIÊM",
    "Căn cứ Quyết định số 165/QĐ-UBND ngày 31/01/2024 của Chủ tịch UBND tỉnh ban hành Kế hoạch trên địa bàn tỉnh Quảng Ngãi;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
    "Nơi nhận:\n- Như Điều 4;\n- Lưu: VT.",
    "CHỦ TỊCH",
    "Đỗ Ngọc Thìn",
    "KẾ HOẠCH",
    "Hoạt động kiểm soát thủ tục hành chính năm 2024\n(Ban hành kèm theo Quyết định số 68/QĐ-UBND ngày 12/3/2024 của UBND phường Nguyễn Nghiêm)",
  ];
  it("takes the decision, not the attached KẾ HOẠCH, as the document type", async () => {
    const { value } = await metadataOfText(...text);
    expect(value).toMatchObject({ docType: "QUYẾT ĐỊNH", number: "68/QĐ-UBND", date: "2024-03-12" });
  });
  it("takes the issuing unit from the authority line, without the office title", async () => {
    const { value } = await metadataOfText(...text);
    expect(value).toMatchObject({ issuer: "UBND phường Nguyễn Nghiêm", unitLevel: "xã", province: "Quảng Ngãi" });
  });
  it("gives a decision that issues a plan the kind plan_year", async () => {
    const { value } = await metadataOfText(...text);
    expect(value.period).toEqual({ kind: "plan_year", year: 2024, quarter: null, month: null, from: null, to: null });
    expect(value).toMatchObject({ signer: "Đỗ Ngọc Thìn", signerTitle: "CHỦ TỊCH", recipients: ["Như Điều 4", "Lưu: VT."] });
  });
});

describe("extractMetadata: periods", () => {
  const period = async (title: string, ...body: string[]) => (await metadataOfText("BÁO CÁO", title, ...body)).value.period;
  it.each([
    ["Công tác cải cách hành chính quý III năm 2021", { kind: "quarter", quarter: 3, year: 2021 }],
    ["Kết quả cải cách hành chính Quý IV/2023", { kind: "quarter", quarter: 4, year: 2023 }],
    ["Kết quả cải cách hành chính quý 2 năm 2024", { kind: "quarter", quarter: 2, year: 2024 }],
    ["Kết quả cải cách hành chính 6 tháng đầu năm 2024", { kind: "half", quarter: null, year: 2024 }],
    ["Kết quả cải cách hành chính 9 tháng năm 2024", { kind: "nine_months", quarter: null, year: 2024 }],
    ["Công tác cải cách hành chính năm 2024", { kind: "year", quarter: null, year: 2024 }],
  ])("reads '%s'", async (title, expected) => {
    expect(await period(title)).toMatchObject({ ...expected, from: null, to: null });
  });
  it("takes an explicit range under the title as from/to", async () => {
    expect(await period("Kết quả cải cách hành chính 6 tháng đầu năm 2024\n(Từ ngày 15/12/2023 đến ngày 14/6/2024)")).toEqual({
      kind: "half",
      year: 2024,
      quarter: null,
      month: null,
      from: "2023-12-15",
      to: "2024-06-14",
    });
  });
  it("reads the kind from the closing sentence when the title names none, skipping the next period's outlook", async () => {
    const r = await metadataOfText(
      "BÁO CÁO",
      "Kết quả thực hiện Kế hoạch số 04/KH-UBND ngày 09/01/2023 của UBND Thành phố năm 2023\n(Từ ngày 06/12/2023 đến ngày 03/6/2024)",
      "Trên đây là báo cáo của UBND phường Hồng Gai về công tác cải cách hành chính 6 tháng đầu năm 2024 và phương hướng nhiệm vụ quý III năm 2024./.",
    );
    expect(r.value.period).toEqual({ kind: "half", year: 2024, quarter: null, month: null, from: "2023-12-06", to: "2024-06-03" });
    expect(r.value.issuer).toBe("UBND phường Hồng Gai");
  });
  it("infers the kind from the length of the range when nothing else states it", async () => {
    const r = await metadataOfText("BÁO CÁO", "Kết quả cải cách hành chính\n(Từ ngày 15/12/2023 đến ngày 14/3/2024)");
    expect(r.value.period).toMatchObject({ kind: "quarter", quarter: 1, year: 2024 });
    expect(ruleIds(r)).toContain("metadata.period.inferred");
  });
  it("takes the one range the body states when it fits the period", async () => {
    const r = await metadataOfText("BÁO CÁO", "Kết quả công tác cải cách hành chính Quý I năm 2024", "Kết quả giải quyết TTHC quý I năm 2024 (từ ngày 15/12/2023 đến ngày 07/03/2024): 1.034 hồ sơ.");
    expect(r.value.period).toMatchObject({ from: "2023-12-15", to: "2024-03-07" });
    expect(ruleIds(r)).toContain("metadata.period.range-from-body");
  });
  it("does not read a cut-off 'Đến hết tháng 11/2024' as a range", async () => {
    expect(await period("Công tác cải cách hành chính năm 2024", "Đến hết tháng 11/2024, Sở đã hoàn thành 237 nhiệm vụ.")).toMatchObject({ kind: "year", from: null, to: null });
  });
  it("warns when the title says Quý III but the report's own sentence says 6 months, and keeps the title", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính quý III năm 2024", "Trên đây là báo cáo kết quả cải cách hành chính 6 tháng đầu năm 2024 của UBND xã Tân Tiến./.");
    expect(r.value.period).toMatchObject({ kind: "quarter", quarter: 3, year: 2024 });
    expect(r.messages.find((m) => m.ruleId === "metadata.period.conflict")).toMatchObject({ severity: "warning" });
  });
});

describe("extractMetadata: issuer, level and province from the text", () => {
  it("takes the issuer from the closing sentence and leaves the province null when only 'UBND tỉnh' appears", async () => {
    const r = await metadataOfText(
      "BÁO CÁO\nCông tác cải cách hành chính quý III năm 2021",
      "Kính gửi: Phòng Nội vụ huyện Nam Đông.",
      "Thực hiện Chỉ thị số 32/CT-UBND của UBND tỉnh về kỷ luật hành chính.",
      "Trên đây là kết quả báo cáo trong quý III năm 2021 của UBND xã Thượng Long./.",
    );
    expect(r.value).toMatchObject({ issuer: "UBND xã Thượng Long", unitLevel: "xã", province: null });
  });
  it("takes the issuer that reports in the opening paragraph", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác CCHC quý III năm 2021", "Thực hiện Công văn số 164/UBND-NV, UBND thị trấn Khe Tre báo cáo công tác CCHC quý III năm 2021 như sau:");
    expect(r.value).toMatchObject({ issuer: "UBND thị trấn Khe Tre", unitLevel: "xã" });
  });
  it.each([
    ["UBND huyện Nam Đông", "huyện"],
    ["UBND quận Ba Đình", "huyện"],
    ["UBND thị xã Đức Phổ", "huyện"],
    ["UBND thành phố Hạ Long", "huyện"],
    ["UBND thành phố Hà Nội", "tỉnh"],
    ["UBND tỉnh Quảng Ninh", "tỉnh"],
    ["Sở Tài nguyên và Môi trường", "sở"],
  ])("gives %s the level %s", async (unit, level) => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", `Trên đây là báo cáo của ${unit}./.`);
    expect(r.value).toMatchObject({ issuer: unit, unitLevel: level });
  });
  it("shortens 'Ủy ban nhân dân' to UBND", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", "Trên đây là báo cáo của Ủy ban nhân dân xã Tân Tiến./.");
    expect(r.value.issuer).toBe("UBND xã Tân Tiến");
  });
  it("falls back to the most named unit of the caption's type, with an info message", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", "UBND xã Tân Tiến đã ban hành kế hoạch; UBND huyện Yên Dũng kiểm tra; UBND xã Tân Tiến tổ chức.", "Phụ lục\n(Kèm theo Báo cáo số 5/BC-UBND ngày 02/01/2025 của UBND xã)");
    expect(r.value.issuer).toBe("UBND xã Tân Tiến");
    expect(ruleIds(r)).toContain("metadata.issuer.inferred");
  });
});

describe("extractMetadata: signature forms", () => {
  it.each([
    // As printed (LABELING.md: "TL.CHỦ TỊCH" keeps its missing space).
    [["TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "TM. ỦY BAN NHÂN DÂN / KT.CHỦ TỊCH / PHÓ CHỦ TỊCH"],
    [["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"],
    [["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG"],
    [["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"], "TUQ. GIÁM ĐỐC / TRƯỞNG PHÒNG"],
    [["Q. GIÁM ĐỐC"], "Q. GIÁM ĐỐC"],
    [["GIÁM ĐỐC"], "GIÁM ĐỐC"],
  ])("reads the name under %j", async (titles, joined) => {
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.", titles.join("\n"), "Lê Anh Đức");
    expect(r.value).toMatchObject({ signer: "Lê Anh Đức", signerTitle: joined });
  });
  it("warns when no signature is found", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Nội dung.");
    expect(r.value.signer).toBeNull();
    expect(ruleIds(r)).toContain("metadata.signer.missing");
  });
});

describe("extractMetadata: less common forms", () => {
  it("cuts a listed province name where it ends and keeps a hyphenated one whole", async () => {
    const self = "Trên đây là báo cáo của UBND xã Hương Lộc.";
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Nghị quyết của HĐND tỉnh Quảng Ninh Khóa XIV; HĐND tỉnh Quảng Ninh Khóa XIV.", self);
    expect(r.value.province).toBe("Quảng Ninh");
    const b = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Trên địa bàn tỉnh Bà Rịa - Vũng Tàu.", self);
    expect(b.value.province).toBe("Bà Rịa - Vũng Tàu");
  });
  it("reads a header unit line without 'UBND' and a department the rules do not list", () => {
    const r = metadataOf(docOf([layout(["TỈNH QUẢNG TRỊ", "SỞ NGOẠI VỤ VÀ HỢP TÁC", "Số: 7/BC-SNV"], ["Quảng Trị, ngày 5 tháng 1 năm 2025"]), para("BÁO CÁO"), para("Công tác cải cách hành chính năm 2024")]));
    expect(r.value).toMatchObject({ issuer: "Sở Ngoại vụ và hợp tác", unitLevel: "sở", province: "Quảng Trị" });
  });
  it("does not take the addressee of 'Kính gửi' or 'gửi' for the issuer", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác cải cách hành chính năm 2024", "KÍNH GỬI: UBND HUYỆN NAM ĐÔNG", "Trên đây là báo cáo gửi UBND huyện Nam Đông của UBND xã Hương Lộc./.");
    expect(r.value.issuer).toBe("UBND xã Hương Lộc");
  });
  it("does not take an appendix heading in capitals for the signer's name", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "PHỤ LỤC 1");
    expect(r.value.signer).toBeNull();
  });
  it("reads recipients printed as plain lines of one paragraph", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Nơi nhận:\nNhư trên;\nLưu: VT.");
    expect(r.value.recipients).toEqual(["Như trên", "Lưu: VT."]);
  });
  it("reads a type printed with its subject on one line in capitals", async () => {
    const r = await metadataOfText("BÁO CÁO KẾT QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ II NĂM 2024");
    expect(r.value).toMatchObject({ docType: "BÁO CÁO", period: { kind: "quarter", quarter: 2, year: 2024 } });
  });
  it("calls a document with a 'V/v' subject line and no type line a CÔNG VĂN", () => {
    const r = metadataOf(docOf([layout(["UBND XÃ TÂN TIẾN", "Số: 135/UBND-VP", "V/v báo cáo cải cách hành chính"], ["Tân Tiến, ngày 15 tháng 01 năm 2024"]), para("Kính gửi: UBND huyện Yên Dũng.")]));
    expect(r.value).toMatchObject({ docType: "CÔNG VĂN", number: "135/UBND-VP", date: "2024-01-15" });
    expect(ruleIds(r)).toContain("metadata.docType.from-subject-line");
  });
  it("infers the type from the number's kind code when nothing else names it", () => {
    const r = metadataOf(docOf([layout(["UBND XÃ TÂN TIẾN", "Số: 21/TB-UBND"], ["Tân Tiến, ngày 15 tháng 01 năm 2024"]), para("Kết luận của Chủ tịch UBND xã.")]));
    expect(r.value.docType).toBe("THÔNG BÁO");
    expect(ruleIds(r)).toContain("metadata.docType.from-number");
  });
  it("reads a monthly report as a month, not a year report", async () => {
    const r = await metadataOfText("BÁO CÁO", "Kết quả cải cách hành chính tháng 3 năm 2024");
    expect(r.value.period).toEqual({ kind: "month", year: 2024, quarter: null, month: 3, from: null, to: null });
  });
  it("reads the place-and-date line printed above the signature", async () => {
    const r = await metadataOfText("BÁO CÁO", "Công tác năm 2024", "Tân Tiến, ngày 05 tháng 12 năm 2024", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Trần Văn Bình");
    expect(r.value).toMatchObject({ date: "2024-12-05", signer: "Trần Văn Bình" });
  });
});

describe("extractMetadata: header lines of other templates", () => {
  it("reads a number printed without its colon ('Số 215/BC-UBND') and a committee split over two lines", async () => {
    const { value } = await metadataOfText(
      "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ\nSố 215/BC-UBND\nĐức Thọ, ngày 05 tháng 7 năm 2024",
      "BÁO CÁO\nKết quả công tác cải cách hành chính 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2024",
    );
    expect(value).toMatchObject({ number: "215/BC-UBND", date: "2024-07-05", issuer: "UBND huyện Đức Thọ", unitLevel: "huyện" });
    expect(value.period).toMatchObject({ kind: "half", year: 2024 });
  });
  it("drops 'tỉnh <province>' after a listed department ('SỞ TƯ PHÁP TỈNH LONG AN' is Sở Tư pháp)", async () => {
    const { value } = await metadataOfText("SỞ TƯ PHÁP TỈNH LONG AN\nSố: 88/BC-STP\nLong An, ngày 14 tháng 12 năm 2023", "BÁO CÁO\nCông tác cải cách hành chính năm 2023");
    expect(value).toMatchObject({ issuer: "Sở Tư pháp", unitLevel: "sở", province: "Long An" });
  });
  it("reads 'UBND TP.' as a thành phố and a place-date line without 'ngày'", async () => {
    const { value } = await metadataOfText("UBND TỈNH HẢI DƯƠNG\nUBND TP. HẢI DƯƠNG\nSố: 502/BC-UBND\nHải Dương, 18/6/2024", "BÁO CÁO\nCông tác cải cách hành chính quý II/2024");
    expect(value).toMatchObject({ issuer: "UBND thành phố Hải Dương", unitLevel: "huyện", province: "Hải Dương", date: "2024-06-18" });
    expect(value.period).toMatchObject({ kind: "quarter", quarter: 2, year: 2024 });
  });
  it("keeps a title printed in capitals under the type line, but not a decision's authority line", async () => {
    const report = await metadataOfText("BÁO CÁO\nCÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024", "I. CÔNG TÁC CHỈ ĐẠO");
    expect(report.value.period).toMatchObject({ kind: "quarter", quarter: 1, year: 2024 });
    const decision = await metadataOfText("QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính năm 2024\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA");
    expect(decision.value).toMatchObject({ issuer: "UBND xã Tân Hòa" });
    expect(decision.value.period).toMatchObject({ kind: "plan_year", year: 2024 });
  });
});
