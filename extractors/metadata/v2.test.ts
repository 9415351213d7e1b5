import { describe, expect, it } from "vitest";
import type { Block, Document, Row } from "../../src/model/document.js";
import { buildTables } from "../../src/tables/stitch.js";
import { extractMetadata } from "./index.js";
import { provinceMentions } from "./units.js";
import { metadataRules } from "./rules.js";

// Fixtures of contract v2 (issue 14): hand-built Documents laid out as NĐ 30/2020 prints each
// type — a header block (layout table: issuer column | motto column), the type name and its
// subject, the body, then "Nơi nhận" beside the signature block. Names are made up.
const para = (text: string, bold = false): Block => ({ kind: "paragraph", text, bold, italic: false, prov: { line: 1 } });
const layout = (...cells: string[][]): Block => {
  const row: Row = { cells: cells.map((lines) => ({ text: lines.join("\n"), bold: false, italic: false })), prov: { page: 1 } };
  return { kind: "table", layout: true, rows: [row], prov: { page: 1 } };
};
const docOf = (blocks: Block[]): Document => ({ source: { path: "fixture.docx", format: "docx", sha256: "", bytes: 0, conversions: [] }, blocks });
const metadataOf = (blocks: Block[]) => {
  const doc = docOf(blocks);
  return extractMetadata(doc, { file: "fixture", tables: buildTables(doc), narrativeEnd: doc.blocks.length }).value;
};
const motto = (place: string) => ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", `${place}, ngày 18 tháng 9 năm 2025`];
const signature = (titles: string[], name: string | null) =>
  layout(["Nơi nhận:", "- Như trên;", "- Lưu: VT."], [...titles, ...(name ? [name] : [])]);
const EMPTY_PERIOD = { kind: null, year: null, quarter: null, month: null, from: null, to: null };

describe("contract v2: a công văn", () => {
  const md = metadataOf([
    layout(["UBND TỈNH GIA LAI", "SỞ TƯ PHÁP", "Số: 412/STP-VP", "V/v góp ý dự thảo Quyết định", "ban hành quy chế phối hợp"], motto("Gia Lai")),
    para("Kính gửi: Sở Nội vụ"),
    para("Sở Tư pháp nhận được Công văn số 10/SNV-TCBC ngày 02/9/2025 của Sở Nội vụ về việc góp ý dự thảo. Sau khi nghiên cứu, Sở Tư pháp có ý kiến như sau."),
    signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Hà Văn Tâm"),
  ]);
  it("is a CÔNG VĂN by its V/v line, whose lines joined are the subject", () => {
    expect(md).toMatchObject({ docType: "CÔNG VĂN", subject: "góp ý dự thảo Quyết định ban hành quy chế phối hợp", number: "412/STP-VP", date: "2025-09-18" });
  });
  it("reads the department under its province's committee, with that committee as parent", () => {
    expect(md).toMatchObject({ issuer: "Sở Tư pháp", unitLevel: "sở", parent: "UBND tỉnh Gia Lai", province: "Gia Lai" });
  });
  it("reads the signature beside the recipients and names no period", () => {
    expect(md).toMatchObject({ signer: "Hà Văn Tâm", signerTitle: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", period: EMPTY_PERIOD });
  });
});

describe("contract v2: a tờ trình", () => {
  const md = metadataOf([
    layout(["UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ", "Số: 55/TTr-SNV"], motto("Nghệ An")),
    para("TỜ TRÌNH", true),
    para("Về việc trình ký Kế hoạch cải cách hành chính nhà nước", true),
    para("giai đoạn 2026 - 2030 của tỉnh Nghệ An", true),
    para("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh"),
    para("Thực hiện Nghị quyết số 76/NQ-CP, năm 2025 Sở Nội vụ đã tổng hợp dự thảo Kế hoạch."),
    signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Lê Thị Hoa"),
  ]);
  it("drops 'Về việc' from a subject printed over two lines", () => {
    expect(md.subject).toBe("trình ký Kế hoạch cải cách hành chính nhà nước giai đoạn 2026 - 2030 của tỉnh Nghệ An");
  });
  it("reads 'giai đoạn 2026 - 2030' in the subject as multi_year, not a body year", () => {
    expect(md.period).toEqual({ kind: "multi_year", year: null, quarter: null, month: null, from: "2026-01-01", to: "2030-12-31" });
  });
});

describe("contract v2: a quyết định of a Bộ, a police header, the Prime Minister", () => {
  it("reads a Bộ as a central issuer without a province, and its three-line title as the subject", () => {
    const md = metadataOf([
      layout(["BỘ NỘI VỤ", "Số: 1187/QĐ-BNV"], motto("Hà Nội")),
      para("QUYẾT ĐỊNH", true),
      para("Phê duyệt Đề án xác định Chỉ số cải cách hành chính", true),
      para("của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh,", true),
      para("thành phố trực thuộc trung ương", true),
      para("BỘ TRƯỞNG BỘ NỘI VỤ", true),
      para("Căn cứ Nghị định số 25/2025/NĐ-CP của Chính phủ;"),
      signature(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Trần Văn Minh"),
    ]);
    expect(md).toMatchObject({ docType: "QUYẾT ĐỊNH", issuer: "Bộ Nội vụ", unitLevel: "trung ương", province: null, parent: null, signer: "Trần Văn Minh" });
    expect(md.subject).toBe("Phê duyệt Đề án xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương");
  });
  it("keeps a rank out of the signer's name and reads Công an tỉnh under Bộ Công an as a provincial agency", () => {
    const md = metadataOf([
      layout(["BỘ CÔNG AN", "CÔNG AN TỈNH KHÁNH HÒA", "Số: 417/TTr-CAT-PC06"], motto("Khánh Hòa")),
      para("TỜ TRÌNH", true),
      para("Đề nghị ban hành Báo cáo kết quả triển khai Đề án 06 tháng 5/2026", true),
      para("Kính gửi: Ủy ban nhân dân tỉnh"),
      signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Đại tá Nguyễn Văn Hùng"),
    ]);
    expect(md).toMatchObject({ issuer: "Công an tỉnh Khánh Hòa", unitLevel: "sở", parent: "Bộ Công an", province: "Khánh Hòa", signer: "Nguyễn Văn Hùng" });
    // "Đề án 06" is a programme, not six months: the period is the month.
    expect(md.period).toEqual({ kind: "month", year: 2026, quarter: null, month: 5, from: null, to: null });
  });
  it("reads a People's Council, a district's office and a Party committee with their levels", () => {
    const issuer = (...header: string[]) => {
      const md = metadataOf([layout([...header, "Số: 3/BC-X"], motto("Quảng Nam")), para("BÁO CÁO", true), para("Kết quả năm 2024", true)]);
      return [md.issuer, md.unitLevel, md.parent];
    };
    expect(issuer("HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NAM")).toEqual(["HĐND tỉnh Quảng Nam", "tỉnh", null]);
    expect(issuer("UBND HUYỆN ĐẠI LỘC", "PHÒNG NỘI VỤ")).toEqual(["Phòng Nội vụ", "huyện", "UBND huyện Đại Lộc"]);
    expect(issuer("TỈNH ỦY QUẢNG NAM")).toEqual(["Tỉnh ủy Quảng Nam", "tỉnh", null]);
    expect(issuer("VĂN PHÒNG CHÍNH PHỦ")).toEqual(["Văn phòng Chính phủ", "trung ương", null]);
  });
  it("reads Thủ tướng Chính phủ as central", () => {
    const md = metadataOf([layout(["THỦ TƯỚNG CHÍNH PHỦ", "Số: 1475/QĐ-TTg"], motto("Hà Nội")), para("QUYẾT ĐỊNH", true), para("Phê duyệt danh sách thành viên Tổ công tác", true)]);
    expect(md).toMatchObject({ issuer: "Thủ tướng Chính phủ", unitLevel: "trung ương", province: null });
  });
});

describe("contract v2: a Ban Chỉ đạo header over three lines", () => {
  const md = metadataOf([
    layout(["UBND TỈNH LÀO CAI", "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,", "ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ", "VÀ ĐỀ ÁN 06", "Số: /BC-BCĐ"], motto("Lào Cai")),
    para("BÁO CÁO", true),
    para("Kết quả triển khai Đề án 06 trên địa bàn tỉnh Lào Cai tháng 10/2025", true),
    para("Thực hiện Quyết định số 06/QĐ-TTg, Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 tỉnh báo cáo như sau:"),
    layout(["Nơi nhận:", "- Văn phòng Chính phủ;", "- Lưu: VT."], ["TM. BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH", "Phạm Thị Lan"]),
  ]);
  it("joins the name over its lines, in the body's spelling, named after the province it serves", () => {
    expect(md.issuer).toBe("Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 tỉnh Lào Cai");
    expect(md).toMatchObject({ unitLevel: "tỉnh", parent: "UBND tỉnh Lào Cai", province: "Lào Cai", number: null });
  });
  it("reads 'tháng 10/2025' as the month, and keeps the post line out of the title and the name", () => {
    expect(md.period).toEqual({ kind: "month", year: 2025, quarter: null, month: 10, from: null, to: null });
    expect(md).toMatchObject({ signer: "Phạm Thị Lan", signerTitle: "TM. BAN CHỈ ĐẠO / PHÓ TRƯỞNG BAN" });
  });
});

describe("contract v2: periods, attachments, layouts", () => {
  it("reads 'tháng 10 năm 2025' as a month, a date in words as no period, a quarter of Đề án 06 as the quarter", () => {
    const title = (t: string) => metadataOf([layout(["UBND TỈNH AN GIANG", "Số: 1/BC-UBND"], motto("An Giang")), para("BÁO CÁO", true), para(t, true)]).period;
    expect(title("Tình hình kinh tế - xã hội tháng 10 năm 2025")).toMatchObject({ kind: "month", month: 10, year: 2025 });
    expect(title("Thực hiện Kết luận ngày 16 tháng 6 năm 2025")).toMatchObject({ kind: null, month: null });
    expect(title("Kết quả triển khai Đề án 06 quý III năm 2025")).toMatchObject({ kind: "quarter", quarter: 3, year: 2025 });
  });
  it("gives a phụ lục without a header the report its caption names, and no issuer", () => {
    const md = metadataOf([
      para("PHỤ LỤC", true),
      para("BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2025", true),
      para("(Kèm theo Báo cáo số 288/BC-UBND ngày 19 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh Cà Mau)"),
    ]);
    expect(md).toMatchObject({ docType: "PHỤ LỤC", subject: "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2025", issuer: null, province: null });
    expect(md.attachedTo).toEqual({ docType: "BÁO CÁO", number: "288/BC-UBND", date: "2025-12-19", issuer: "UBND tỉnh Cà Mau" });
    expect(md.period).toMatchObject({ kind: "year", year: 2025 });
  });
  it("reads a header and a signature laid out with tabs in plain paragraphs", () => {
    const md = metadataOf([
      para("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
      para("TỈNH ĐỒNG THÁP\t\tĐộc lập - Tự do - Hạnh phúc"),
      para("Số: 15/UBND-NC\t\tĐồng Tháp, ngày 05 tháng 12 năm 2025"),
      para("V/v triển khai Công văn số 5689/BCA-C04"),
      para("của Bộ Công an"),
      para("Kính gửi: Công an tỉnh"),
      para("Ủy ban nhân dân tỉnh giao Công an tỉnh nghiên cứu, đề xuất theo yêu cầu tại Công văn số 5689/BCA-C04."),
      para("Nơi nhận:\t\tTL. CHỦ TỊCH"),
      para("- Như trên;\t\tCHÁNH VĂN PHÒNG"),
      para("- Lưu: VT, NC."),
      para("Ngô Văn Sơn"),
    ]);
    expect(md).toMatchObject({ docType: "CÔNG VĂN", subject: "triển khai Công văn số 5689/BCA-C04 của Bộ Công an", issuer: "UBND tỉnh Đồng Tháp", number: "15/UBND-NC", date: "2025-12-05" });
    expect(md).toMatchObject({ signer: "Ngô Văn Sơn", signerTitle: "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG" });
  });
  it("keeps a nameless draft's signing title and gives a null signer", () => {
    const md = metadataOf([layout(["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: /QĐ-UBND"], motto("Sơn La")), para("QUYẾT ĐỊNH", true), para("Phê duyệt danh sách năm 2025", true), signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], null)]);
    expect(md).toMatchObject({ signer: null, signerTitle: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", issuer: "UBND tỉnh Sơn La", period: { kind: "year", year: 2025 } });
  });
  it("never reads the received stamp's office as the issuer", () => {
    const md = metadataOf([layout(["BỘ CÔNG AN", "CÔNG AN TỈNH LẠNG SƠN", "UBND TỈNH LẠNG SƠN", "ĐẾN", "Số: 17026", "Số: 289/TTr-CAT"], motto("Lạng Sơn")), para("TỜ TRÌNH", true), para("Đề nghị ban hành báo cáo", true)]);
    expect(md).toMatchObject({ issuer: "Công an tỉnh Lạng Sơn", number: "289/TTr-CAT" });
  });
});

describe("contract v2: what a scan's OCR makes of a header and a signature", () => {
  it("spells a province and a title the way the rules do, and drops quote marks around a name", () => {
    const md = metadataOf([
      layout(["BỘ CÔNG AN", "CÔNG AN TÍNH LÂM ĐÔNG", "Số: 623/TTr-CAT(PC04)"], motto("Lâm Đồng")),
      para("TỜ TRÌNH", true),
      para("Đề nghị ban hành Quyết định phê duyệt danh sách năm 2025", true),
      layout(["Nơi nhận:", "- Như trên;"], ['"GIÁM ĐÓC', "“ Thiếu tướng Trương Văn Đông"]),
    ]);
    expect(md).toMatchObject({ issuer: "Công an tỉnh Lâm Đồng", province: "Lâm Đồng", number: "623/TTr-CAT(PC04)", signerTitle: "GIÁM ĐỐC", signer: "Trương Văn Đông" });
  });
});

describe("provinces", () => {
  it("lists the 63 provinces before the 2025 merger and the 34 after it, each merged one pointing to a kept one", () => {
    const all = [...new Map(metadataRules().provinces.map((p) => [p.name, p.province])).values()];
    const after = all.filter((p) => p.after2025);
    expect(after).toHaveLength(34);
    expect(after.filter((p) => p.city).map((p) => p.name).sort()).toEqual(["Cần Thơ", "Huế", "Hà Nội", "Hải Phòng", "Hồ Chí Minh", "Đà Nẵng"].sort());
    // Thừa Thiên Huế and Huế are one unit (renamed 1 January 2025): 63 units before the merger.
    expect(all.filter((p) => p.before2025 && p.name !== "Thừa Thiên Huế")).toHaveLength(63);
    for (const p of all.filter((x) => !x.after2025)) expect(after.map((a) => a.name)).toContain(p.mergedInto);
  });
  it("takes only whole listed names after the word 'tỉnh', never a word folding to 'tinh'", () => {
    expect(provinceMentions("TÌNH HÌNH TRIỂN KHAI")).toEqual([]);
    expect(provinceMentions("báo cáo tình hình Lâm Đồng")).toEqual([]);
    expect(provinceMentions("tỉnh Hình Triển Khai")).toEqual([]);
    expect(provinceMentions("UBND TỈNH LÂM ĐỒNG")).toEqual(["Lâm Đồng"]);
    expect(provinceMentions("tỉnh Hà Namm và tỉnh Hà Nam")).toEqual(["Hà Nam"]);
    expect(provinceMentions("thành phố Huế, thành phố Đà Lạt")).toEqual(["Huế"]);
  });
});
