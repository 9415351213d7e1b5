import { describe, expect, it } from "vitest";
import type { Block, Document, Row } from "../../src/model/document.js";
import { buildTables } from "../../src/tables/stitch.js";
import { extractMetadata } from "./index.js";
import { readNumber } from "./number-date.js";
import { snapProvince } from "./units.js";

// Made-up documents as a scan's OCR gives them back: accents of capitals misread ("LÂM ĐÔNG",
// "TÍNH"), "Số" read as "Sô"/"S6", figures read as letters, an italic "V/v" read as "VA",
// specks of a seal between the title and the name. Every name, number and date is invented.
const para = (text: string, bold = false): Block => ({ kind: "paragraph", text, bold, italic: false, prov: { page: 1, confidence: 90 } });
const layout = (...cells: string[][]): Block => {
  const row: Row = { cells: cells.map((lines) => ({ text: lines.join("\n"), bold: false, italic: false, prov: { page: 1, confidence: 40 } })), prov: { page: 1 } };
  return { kind: "table", layout: true, rows: [row], prov: { page: 1 } };
};
const metadataOf = (blocks: Block[]) => {
  const doc: Document = { source: { path: "scan.pdf", format: "pdf", sha256: "", bytes: 0, conversions: [] }, blocks };
  return extractMetadata(doc, { file: "scan", tables: buildTables(doc), narrativeEnd: doc.blocks.length }).value;
};
const motto = (placeDate: string) => ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", placeDate];

describe("OCR'd header lines", () => {
  it("reads the number after 'Sô:', 'S6:' and 'S0:' and without a colon", () => {
    for (const s of ["Sô: 47/BC-UBND", "S6: 47/BC-UBND", "S0: 47/BC-UBND", "Số 47/BC-UBND"]) {
      const md = metadataOf([layout(["ỦY BAN NHÂN DÂN", "TỈNH KON TUM", s], motto("Kon Tum, ngày 3 tháng 5 năm 2024")), para("BÁO CÁO", true), para("Kết quả công tác năm 2024", true)]);
      expect(md.number, s).toBe("47/BC-UBND");
    }
  });
  it("reads figures that OCR gave as letters back as figures in the number, and nothing else", () => {
    expect(readNumber(" l5/BC-UBND")?.value).toBe("15/BC-UBND");
    expect(readNumber(": 2O1 /TB-UBND")?.value).toBe("201/TB-UBND");
    expect(readNumber(": 1O7/2024/QĐ-UBND")?.value).toBe("107/2024/QĐ-UBND");
    // Letters alone are no number: a blank number stays blank.
    expect(readNumber(":   /BC-UBND")?.value).toBeNull();
  });
  it("reads a mass organisation's 'Số 18 -CV/HPN' without a colon as a công văn by its kind code", () => {
    const md = metadataOf([
      layout(["HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "BCH HỘI LIÊN HIỆP PHỤ NỮ TỈNH NINH BÌNH", "Số 18 -CV/HPN"], motto("Ninh Bình, ngày 4 tháng 3 năm 2024")),
      para("Kính gửi: Sở Nội vụ"),
      para("Ban Thường vụ Hội đề nghị Sở Nội vụ tổng hợp./."),
    ]);
    expect(md).toMatchObject({ number: "18-CV/HPN", docType: "CÔNG VĂN", date: "2024-03-04" });
  });
  it("takes the line under the number read 'VA …' for the V/v line of a công văn, with its subject", () => {
    const md = metadataOf([
      layout(["UBND TỈNH GIA LAI", "SỞ TƯ PHÁP", "Số: 310/STP-VP", "VA góp ý dự thảo quy chế phối hợp", "trong công tác kiểm tra văn bản"], motto("Gia Lai, ngày 12 tháng 8 năm 2024")),
      para("Kính gửi: Văn phòng UBND tỉnh"),
      para("Sở Tư pháp có ý kiến như sau."),
    ]);
    expect(md).toMatchObject({ docType: "CÔNG VĂN", subject: "góp ý dự thảo quy chế phối hợp trong công tác kiểm tra văn bản", issuer: "Sở Tư pháp" });
  });
  it("does not take a line 'Và …' further down the header for a V/v line", () => {
    const md = metadataOf([
      layout(["UBND TỈNH GIA LAI", "SỞ TƯ PHÁP", "Số: 310/STP-VP", "", "Và các đơn vị"], motto("Gia Lai, ngày 12 tháng 8 năm 2024")),
      para("THÔNG BÁO", true),
      para("Lịch tiếp công dân tháng 9 năm 2024", true),
    ]);
    expect(md.docType).toBe("THÔNG BÁO");
  });
});

describe("OCR'd province and issuer names", () => {
  it("spells a province the list's way when OCR misread its accents or one letter", () => {
    expect(snapProvince("Lâm Đông")).toBe("Lâm Đồng");
    expect(snapProvince("Iâm Đồng")).toBe("Lâm Đồng");
    expect(snapProvince("QUẢNG NGẢI")).toBe("Quảng Ngãi");
    // A listed spelling stays as printed; a name no province is near gives nothing.
    expect(snapProvince("Hoà Bình")).toBeNull();
    expect(snapProvince("Hình Triển Khai")).toBeNull();
    // "Huế" is too short to be matched one letter off.
    expect(snapProvince("Hụê")).toBe("Huế");
    expect(snapProvince("Hoế")).toBeNull();
  });
  it("names the issuer 'UBND tỉnh Lâm Đồng' from 'TỈNH LÂM ĐÔNG', and a city's committee only after a central city", () => {
    const md = metadataOf([layout(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐÔNG", "Số: 77/TB-UBND"], motto("Lâm Đông, ngày 9 tháng 7 năm 2024")), para("THÔNG BÁO", true), para("Kết luận của Chủ tịch UBND tỉnh", true)]);
    expect(md).toMatchObject({ issuer: "UBND tỉnh Lâm Đồng", province: "Lâm Đồng", unitLevel: "tỉnh" });
    const city = metadataOf([layout(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ TIÊN", "Số: 5/BC-UBND"], motto("Hà Tiên, ngày 9 tháng 7 năm 2024")), para("BÁO CÁO", true), para("Kết quả công tác năm 2024", true)]);
    expect(city.issuer).toBe("UBND thành phố Hà Tiên");
  });
  it("spells a body's name after its head as the running text writes it ('BCH HỘI NÓNG DẪN …')", () => {
    const md = metadataOf([
      layout(["HỘI NÔNG DÂN VIỆT NAM", "BCH HỘI NÓNG DẪN TÍNH QUẢNG TRỊ", "Số 9 -CV/HNDT"], motto("Quảng Trị, ngày 2 tháng 4 năm 2024")),
      para("Hội Nông dân tỉnh Quảng Trị nhận được văn bản của Sở Nội vụ."),
    ]);
    expect(md).toMatchObject({ issuer: "BCH Hội Nông dân tỉnh Quảng Trị", province: "Quảng Trị" });
  });
  it("spells a province one letter off after 'TỈNH' in a body's name", () => {
    const md = metadataOf([layout(["BỘ CÔNG AN", "CÔNG AN TỈNH IÂM ĐỒNG", "Số: 12/TTr-CAT"], motto("Lâm Đồng, ngày 2 tháng 4 năm 2024")), para("TỜ TRÌNH", true), para("Đề nghị phê duyệt kế hoạch", true)]);
    expect(md).toMatchObject({ issuer: "Công an tỉnh Lâm Đồng", province: "Lâm Đồng", unitLevel: "sở" });
  });
});

describe("OCR'd signature blocks", () => {
  it("passes over specks of a seal read between the titles and the name", () => {
    const md = metadataOf([
      layout(["UBND TỈNH LÂM ĐỒNG", "Số: 77/TB-UBND"], motto("Lâm Đồng, ngày 9 tháng 7 năm 2024")),
      para("THÔNG BÁO", true),
      para("Kết luận của Chủ tịch UBND tỉnh", true),
      para("Nội dung thông báo."),
      layout(["Nơi nhận:", "- Như trên;"], ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "C"]),
      para("- Lưu: VT."),
      para("Đỗ Thị Hạnh"),
    ]);
    expect(md).toMatchObject({ signer: "Đỗ Thị Hạnh", signerTitle: "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" });
  });
});
