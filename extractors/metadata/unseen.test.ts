import { describe, expect, it } from "vitest";
import type { Block, Document, Row } from "../../src/model/document.js";
import { buildTables } from "../../src/tables/stitch.js";
import { extractMetadata } from "./index.js";

// "Unseen document" fixtures (review of the metadata rules): the NĐ 30/2020/NĐ-CP layout of each
// type with provinces, ministries, levels and periods the real corpus does not hold. Every name,
// number and date is made up; nothing is copied from a corpus file. They check that the rules
// read the layout, not one province's or one office's wording.
const para = (text: string, bold = false): Block => ({ kind: "paragraph", text, bold, italic: false, prov: { line: 1 } });
const layout = (...cells: string[][]): Block => {
  const row: Row = { cells: cells.map((lines) => ({ text: lines.join("\n"), bold: false, italic: false })), prov: { page: 1 } };
  return { kind: "table", layout: true, rows: [row], prov: { page: 1 } };
};
const docOf = (blocks: Block[]): Document => ({ source: { path: "unseen.docx", format: "docx", sha256: "", bytes: 0, conversions: [] }, blocks });
const metadataOf = (blocks: Block[]) => {
  const doc = docOf(blocks);
  return extractMetadata(doc, { file: "unseen", tables: buildTables(doc), narrativeEnd: doc.blocks.length }).value;
};
const motto = (placeDate: string) => ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", placeDate];
const signature = (titles: string[], name: string | null, recipients = ["- Như trên;", "- Lưu: VT."]) =>
  layout(["Nơi nhận:", ...recipients], [...titles, ...(name ? [name] : [])]);
const EMPTY_PERIOD = { kind: null, year: null, quarter: null, month: null, from: null, to: null };

describe("unseen: a 6-month report of a centrally-run city (Cần Thơ)", () => {
  const md = metadataOf([
    layout(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 214/BC-UBND"], motto("Cần Thơ, ngày 20 tháng 6 năm 2024")),
    para("BÁO CÁO", true),
    para("Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024", true),
    para("và phương hướng, nhiệm vụ 6 tháng cuối năm 2024", true),
    para("Thực hiện chỉ đạo của Bộ Nội vụ, Ủy ban nhân dân thành phố Cần Thơ báo cáo kết quả như sau:"),
    para("I. KẾT QUẢ ĐẠT ĐƯỢC", true),
    signature(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Quốc Bảo"),
  ]);
  it("reads the city as a province-level committee and as the province", () => {
    expect(md).toMatchObject({ docType: "BÁO CÁO", number: "214/BC-UBND", date: "2024-06-20", issuer: "UBND thành phố Cần Thơ", unitLevel: "tỉnh", province: "Cần Thơ", parent: null });
  });
  it("reads the first half of 2024, not the next half named by the plan line", () => {
    expect(md.period).toMatchObject({ kind: "half", year: 2024, quarter: null });
  });
  it("joins three signing titles", () => {
    expect(md).toMatchObject({ signer: "Trần Quốc Bảo", signerTitle: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" });
  });
});

describe("unseen: a công văn of a ministry other than Nội vụ, V/v over two lines", () => {
  const md = metadataOf([
    layout(["BỘ TÀI CHÍNH", "Số: 10452/BTC-TCCB", "V/v hướng dẫn báo cáo kết quả cải cách", "hành chính quý III năm 2024"], motto("Hà Nội, ngày 27 tháng 9 năm 2024")),
    para("Kính gửi: Các đơn vị thuộc Bộ"),
    para("Để tổng hợp báo cáo Chính phủ, Bộ Tài chính đề nghị các đơn vị báo cáo kết quả thực hiện theo mẫu đính kèm."),
    signature(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Lê Minh Khôi", ["- Như trên;", "- Lưu: VT, TCCB."]),
  ]);
  it("is a central công văn with no province, the V/v lines joined as its subject", () => {
    expect(md).toMatchObject({ docType: "CÔNG VĂN", number: "10452/BTC-TCCB", date: "2024-09-27", issuer: "Bộ Tài chính", unitLevel: "trung ương", province: null });
    expect(md.subject).toBe("hướng dẫn báo cáo kết quả cải cách hành chính quý III năm 2024");
  });
  it("reads the quarter its subject names and the signer", () => {
    expect(md.period).toMatchObject({ kind: "quarter", quarter: 3, year: 2024 });
    expect(md).toMatchObject({ signer: "Lê Minh Khôi", signerTitle: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" });
  });
});

describe("unseen: a ministry letter signed by order by a Vụ trưởng", () => {
  it("reads 'TL. BỘ TRƯỞNG' / 'VỤ TRƯỞNG VỤ …' as the signing titles and the name under them", () => {
    const md = metadataOf([
      layout(["BỘ Y TẾ", "Số: 318/BYT-TCCB", "V/v rà soát thủ tục hành chính"], motto("Hà Nội, ngày 03 tháng 3 năm 2025")),
      para("Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc trung ương"),
      para("Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố rà soát và gửi kết quả trước ngày 30/3/2025."),
      signature(["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ"], "Phan Thị Ngọc"),
    ]);
    expect(md).toMatchObject({ issuer: "Bộ Y tế", unitLevel: "trung ương", province: null, subject: "rà soát thủ tục hành chính" });
    expect(md).toMatchObject({ signer: "Phan Thị Ngọc", signerTitle: "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ" });
  });
});

describe("unseen: a district's quarterly report (Nghệ An)", () => {
  const md = metadataOf([
    layout(["ỦY BAN NHÂN DÂN", "HUYỆN NAM ĐÀN", "Số: 85/BC-UBND"], motto("Nam Đàn, ngày 15 tháng 3 năm 2025")),
    para("BÁO CÁO", true),
    para("Công tác cải cách hành chính quý I năm 2025", true),
    para("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Nghệ An, Ủy ban nhân dân huyện Nam Đàn báo cáo kết quả công tác cải cách hành chính quý I năm 2025 như sau:"),
    para("Trên địa bàn tỉnh Nghệ An, huyện đã hoàn thành các nhiệm vụ được giao."),
    signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Hồ Văn Thắng", ["- UBND tỉnh Nghệ An;", "- Sở Nội vụ tỉnh Nghệ An;", "- Lưu: VT."]),
  ]);
  it("reads the district committee at its level, the province from the text (the place is not one)", () => {
    expect(md).toMatchObject({ issuer: "UBND huyện Nam Đàn", unitLevel: "huyện", province: "Nghệ An", number: "85/BC-UBND", date: "2025-03-15" });
  });
  it("reads quarter I of 2025 and the chairman's signature", () => {
    expect(md.period).toMatchObject({ kind: "quarter", quarter: 1, year: 2025 });
    expect(md).toMatchObject({ signer: "Hồ Văn Thắng", signerTitle: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" });
  });
});

describe("unseen: a commune's yearly report", () => {
  it("reads a xã under a lone committee line, and the year", () => {
    const md = metadataOf([
      layout(["ỦY BAN NHÂN DÂN", "XÃ TÂN THẠNH", "Số: 12/BC-UBND"], motto("Tân Thạnh, ngày 10 tháng 12 năm 2023")),
      para("BÁO CÁO", true),
      para("Kết quả thực hiện công tác cải cách hành chính năm 2023", true),
      para("Ủy ban nhân dân xã Tân Thạnh báo cáo kết quả thực hiện như sau:"),
      signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Võ Thành Nhân"),
    ]);
    expect(md).toMatchObject({ issuer: "UBND xã Tân Thạnh", unitLevel: "xã", province: null, signer: "Võ Thành Nhân" });
    expect(md.period).toMatchObject({ kind: "year", year: 2023, quarter: null });
  });
});

describe("unseen: a tờ trình of a Sở of Cần Thơ", () => {
  it("reads the Sở under its city committee, the city as the province", () => {
    const md = metadataOf([
      layout(["UBND THÀNH PHỐ CẦN THƠ", "SỞ TÀI CHÍNH", "Số: 77/TTr-STC"], motto("Cần Thơ, ngày 02 tháng 4 năm 2025")),
      para("TỜ TRÌNH", true),
      para("Về việc phê duyệt dự toán kinh phí thực hiện", true),
      para("Đề án cải cách hành chính năm 2025", true),
      para("Kính gửi: Ủy ban nhân dân thành phố"),
      para("Căn cứ Luật Ngân sách nhà nước, Sở Tài chính kính trình Ủy ban nhân dân thành phố xem xét."),
      signature(["GIÁM ĐỐC"], "Nguyễn Hữu Phước"),
    ]);
    expect(md).toMatchObject({ docType: "TỜ TRÌNH", issuer: "Sở Tài chính", unitLevel: "sở", parent: "UBND thành phố Cần Thơ", province: "Cần Thơ" });
    expect(md.subject).toBe("phê duyệt dự toán kinh phí thực hiện Đề án cải cách hành chính năm 2025");
    expect(md).toMatchObject({ signer: "Nguyễn Hữu Phước", signerTitle: "GIÁM ĐỐC", period: { kind: "year", year: 2025 } });
  });
});

describe("unseen: a quyết định signed KT. CHỦ TỊCH / PHÓ CHỦ TỊCH (Hà Tĩnh)", () => {
  const md = metadataOf([
    layout(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 3051/QĐ-UBND"], motto("Hà Tĩnh, ngày 28 tháng 12 năm 2025")),
    para("QUYẾT ĐỊNH", true),
    para("Về việc ban hành Kế hoạch cải cách hành chính năm 2026", true),
    para("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", true),
    para("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
    para("QUYẾT ĐỊNH:", true),
    para("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026."),
    signature(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Đặng Ngọc Sơn", ["- Như Điều 3;", "- Lưu: VT, NC."]),
  ]);
  it("reads the type, number, date, issuer and subject without 'Về việc'", () => {
    expect(md).toMatchObject({ docType: "QUYẾT ĐỊNH", number: "3051/QĐ-UBND", date: "2025-12-28", issuer: "UBND tỉnh Hà Tĩnh", unitLevel: "tỉnh", province: "Hà Tĩnh" });
    expect(md.subject).toBe("ban hành Kế hoạch cải cách hành chính năm 2026");
  });
  it("reads a decision issuing a plan as plan_year, and the deputy's signature", () => {
    expect(md.period).toMatchObject({ kind: "plan_year", year: 2026 });
    expect(md).toMatchObject({ signer: "Đặng Ngọc Sơn", signerTitle: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" });
  });
});

describe("unseen: a nine-month report of a Sở (Đắk Lắk)", () => {
  it("reads the department, its parent and nine months", () => {
    const md = metadataOf([
      layout(["UBND TỈNH ĐẮK LẮK", "SỞ Y TẾ", "Số: 2210/BC-SYT"], motto("Đắk Lắk, ngày 18 tháng 9 năm 2025")),
      para("BÁO CÁO", true),
      para("Kết quả công tác cải cách hành chính 9 tháng đầu năm 2025", true),
      para("Sở Y tế báo cáo kết quả như sau:"),
      signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Y Khoa Niê"),
    ]);
    expect(md).toMatchObject({ issuer: "Sở Y tế", unitLevel: "sở", parent: "UBND tỉnh Đắk Lắk", province: "Đắk Lắk" });
    expect(md.period).toMatchObject({ kind: "nine_months", year: 2025 });
    expect(md).toMatchObject({ signer: "Y Khoa Niê", signerTitle: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" });
  });
});

describe("unseen: a plan of an urban district (quận) of Hải Phòng", () => {
  it("reads a quận at district level, the city from the text, plan_year", () => {
    const md = metadataOf([
      layout(["ỦY BAN NHÂN DÂN", "QUẬN LÊ CHÂN", "Số: 41/KH-UBND"], motto("Lê Chân, ngày 05 tháng 01 năm 2024")),
      para("KẾ HOẠCH", true),
      para("Cải cách hành chính năm 2024", true),
      para("Thực hiện Kế hoạch của Ủy ban nhân dân thành phố Hải Phòng, Ủy ban nhân dân quận ban hành Kế hoạch như sau:"),
      signature(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Bùi Văn Hải"),
    ]);
    expect(md).toMatchObject({ docType: "KẾ HOẠCH", issuer: "UBND quận Lê Chân", unitLevel: "huyện", province: "Hải Phòng" });
    expect(md.period).toMatchObject({ kind: "plan_year", year: 2024 });
  });
});

describe("unseen: a numbered programme or directive before a month is not a 6- or 9-month period", () => {
  const title = (t: string) =>
    metadataOf([layout(["UBND TỈNH QUẢNG TRỊ", "Số: 9/BC-UBND"], motto("Quảng Trị, ngày 30 tháng 9 năm 2025")), para("BÁO CÁO", true), para(t, true)]).period;
  it("reads the month after a numbered directive, resolution or project", () => {
    expect(title("Kết quả thực hiện Chỉ thị 09 tháng 9/2025")).toMatchObject({ kind: "month", month: 9, year: 2025 });
    expect(title("Kết quả triển khai Nghị quyết số 06 tháng 8/2025")).toMatchObject({ kind: "month", month: 8, year: 2025 });
    expect(title("Kết quả triển khai Đề án 06 tháng 7/2025")).toMatchObject({ kind: "month", month: 7, year: 2025 });
  });
  it("still reads a plain 6- or 9-month phrase", () => {
    expect(title("Công tác cải cách hành chính 6 tháng đầu năm 2025")).toMatchObject({ kind: "half", year: 2025 });
    expect(title("Kết quả thực hiện Kế hoạch 9 tháng đầu năm 2025")).toMatchObject({ kind: "nine_months", year: 2025 });
  });
});

describe("unseen: a letter with no period", () => {
  it("names no period when the subject names none", () => {
    const md = metadataOf([
      layout(["UBND TỈNH CÀ MAU", "SỞ NỘI VỤ", "Số: 501/SNV-CCHC", "V/v cử cán bộ tham dự tập huấn"], motto("Cà Mau, ngày 11 tháng 11 năm 2025")),
      para("Kính gửi: Các sở, ban, ngành tỉnh"),
      para("Sở Nội vụ đề nghị các cơ quan cử cán bộ tham dự lớp tập huấn."),
      signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Lâm Thị Diễm"),
    ]);
    expect(md).toMatchObject({ docType: "CÔNG VĂN", issuer: "Sở Nội vụ", parent: "UBND tỉnh Cà Mau", province: "Cà Mau", period: EMPTY_PERIOD });
  });
});

describe("unseen: header bodies of other kinds", () => {
  const issuer = (...header: string[]) => {
    const md = metadataOf([layout([...header, "Số: 7/BC-VP"], motto("Vinh, ngày 02 tháng 3 năm 2025")), para("BÁO CÁO", true), para("Kết quả công tác năm 2024", true), para("Đơn vị báo cáo như sau.")]);
    return [md.issuer, md.unitLevel, md.parent];
  };
  it("names an office printed alone under a Party committee or a ministry after that body", () => {
    expect(issuer("TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG")).toEqual(["Văn phòng Tỉnh ủy", "tỉnh", "Tỉnh ủy Hà Tĩnh"]);
    expect(issuer("BỘ TÀI CHÍNH", "VĂN PHÒNG")).toEqual(["Văn phòng Bộ", "trung ương", "Bộ Tài chính"]);
  });
  it("spells a ministry after its sector and keeps committee short forms in a body's name", () => {
    expect(issuer("BỘ GIÁO DỤC VÀ ĐÀO TẠO")).toEqual(["Bộ Giáo dục và Đào tạo", "trung ương", null]);
    expect(issuer("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "TỔNG CỤC THỐNG KÊ")).toEqual(["Tổng cục Thống kê", "trung ương", "Bộ Kế hoạch và Đầu tư"]);
    expect(issuer("UBND HUYỆN YÊN THÀNH", "VĂN PHÒNG HĐND VÀ UBND")).toEqual(["Văn phòng HĐND và UBND", "huyện", "UBND huyện Yên Thành"]);
  });
  it("reads a Party header (Đảng bộ over Đảng ủy) at the level of the Đảng bộ", () => {
    expect(issuer("ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY CÁC CƠ QUAN TỈNH")).toEqual(["Đảng ủy các cơ quan tỉnh", "tỉnh", "Đảng bộ tỉnh Nghệ An"]);
  });
  it("reads a Chi cục under a Sở under a province", () => {
    expect(issuer("UBND TỈNH NGHỆ AN", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CHI CỤC THỦY LỢI")).toEqual(["Chi cục Thủy lợi", "sở", "Sở Nông nghiệp và Môi trường"]);
  });
});

describe("unseen: a Sở's công văn with V/v over three lines, signed TUQ.", () => {
  const md = metadataOf([
    layout(["UBND TỈNH PHÚ THỌ", "SỞ NỘI VỤ", "Số: 1520/SNV-CCHC", "V/v đôn đốc báo cáo kết quả", "thực hiện nhiệm vụ cải cách hành chính", "năm 2024"], motto("Phú Thọ, ngày 25 tháng 11 năm 2024")),
    para("Kính gửi:"),
    para("- Các sở, ban, ngành;"),
    para("Thực hiện Kế hoạch cải cách hành chính năm 2024, Sở Nội vụ đề nghị các cơ quan gửi báo cáo trước ngày 05/12/2024."),
    signature(["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"], "Nguyễn Thị Thanh"),
  ]);
  it("keeps a lower-case 'thực hiện …' line in the subject, and stops at the body's 'Thực hiện …'", () => {
    expect(md).toMatchObject({ docType: "CÔNG VĂN", subject: "đôn đốc báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính năm 2024", issuer: "Sở Nội vụ", province: "Phú Thọ" });
  });
  it("reads the held title with its unit under a TUQ. line", () => {
    expect(md).toMatchObject({ signer: "Nguyễn Thị Thanh", signerTitle: "TUQ. CHỦ TỊCH / GIÁM ĐỐC SỞ NỘI VỤ" });
  });
});
