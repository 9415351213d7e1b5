import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFile } from "../src/pipeline/extract.js";

/**
 * Reports written by hand in the shapes the samples do not show (test/fixtures/variants): other
 * unit levels, periods, header-block layouts, heading dresses and table header wordings. The
 * expected records follow the field rules of src/model/records.ts and were typed from the fixture text, not
 * copied from the program's output.
 */

const fixture = (name: string) => join(import.meta.dirname, "fixtures/variants", name);

type Period = { kind: string | null; year: number | null; quarter: number | null; month: number | null; from: string | null; to: string | null };
interface Expected {
  metadata: {
    docType: string | null;
    number: string | null;
    date: string | null;
    issuer: string | null;
    unitLevel: string | null;
    province: string | null;
    period: Period;
    signer: string | null;
  };
  /** Top-level sections, "number title". */
  sections: string[];
  /** [code, name, unit, rawValue, value] per indicator row, in order. */
  indicators?: [string, string, string | null, string | null, number | null][];
}

const period = (kind: string | null, year: number | null, quarter: number | null = null, from: string | null = null, to: string | null = null): Period => ({
  kind,
  year,
  quarter,
  month: null,
  from,
  to,
});

async function run(name: string) {
  const { extraction } = await extractFile(fixture(name));
  const m = extraction.metadata;
  return {
    extraction,
    metadata: { docType: m.docType, number: m.number, date: m.date, issuer: m.issuer, unitLevel: m.unitLevel, province: m.province, period: m.period, signer: m.signer },
    sections: extraction.sections.map((s) => `${s.number} ${s.title}`),
    indicators: extraction.indicators.map((r) => [r.code, r.name, r.unit, r.rawValue, r.value]),
  };
}

async function check(name: string, want: Expected) {
  const got = await run(name);
  expect(got.metadata).toEqual(want.metadata);
  expect(got.sections).toEqual(want.sections);
  if (want.indicators) expect(got.indicators).toEqual(want.indicators);
  return got;
}

const REPORT_SECTIONS = ["I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"];

describe("variant reports end to end", () => {
  it("reads a huyện report whose header block is printed as lines, with a 'TT | Nội dung | ĐVT | Kết quả' appendix", async () => {
    const got = await check("01-huyen-half-header-lines.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "123/BC-UBND",
        date: "2024-06-14",
        issuer: "UBND huyện Lục Nam",
        unitLevel: "huyện",
        province: "Bắc Giang",
        period: period("half", 2024),
        signer: "Trần Văn Hùng",
      },
      sections: [
        ...REPORT_SECTIONS,
        "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III ĐÁNH GIÁ CHUNG",
        "IV PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
        "V KIẾN NGHỊ, ĐỀ XUẤT",
      ],
      indicators: [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", null, null, null],
        ["1", "Số nhiệm vụ trong kế hoạch CCHC năm", "Nhiệm vụ", "42", 42],
        ["2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "20", 20],
        ["3", "Tỷ lệ hoàn thành kế hoạch", "%", "47,6%", 47.6],
        ["4", "Số cơ quan, đơn vị được kiểm tra", "Cơ quan, đơn vị", "11", 11],
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", null, null, null],
        ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "12.456", 12456],
        ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "12.301", 12301],
        ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "12.301/12.456 = 98,76%", 98.76],
      ],
    });
    expect(got.extraction.indicators[4].note).toBe("06 cơ quan, 05 xã");
    expect(got.extraction.indicators[8]).toMatchObject({ numerator: 12301, denominator: 12456 });
    expect(got.extraction.metadata.recipients).toEqual(["Sở Nội vụ tỉnh", "TT Huyện ủy, HĐND huyện", "Lưu: VT."]);
  });

  it("reads a Sở report: 'I/' headings, a date in dd/mm/yyyy, a range under the title and a 'Số lượng' value column", async () => {
    await check("02-so-year-slash-date.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "845/BC-SNV",
        date: "2024-12-10",
        issuer: "Sở Nội vụ",
        unitLevel: "sở",
        province: "Hà Tĩnh",
        period: period("year", 2024, null, "2023-12-15", "2024-12-14"),
        signer: "Nguyễn Thị Lan Anh",
      },
      sections: [
        "I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "III ĐÁNH GIÁ CHUNG",
        "IV PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
      ],
      indicators: [
        ["1", "Số văn bản QPPL tham mưu ban hành", "Văn bản", "05", 5],
        ["2", "Số TTHC được rà soát", "Thủ tục", "45", 45],
        ["3", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "1.250", 1250],
        ["3.1", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "1.248", 1248],
        ["3.2", "Số hồ sơ quá hạn", "Hồ sơ", "2", 2],
        ["4", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "85,5", 85.5],
        ["5", "Có thực hiện khảo sát sự hài lòng không", "Có = 1; Không = 0", "Có", 1],
      ],
    });
  });

  it("reads 'Quý 2' in Arabic and a value column headed 'Kết quả thực hiện quý II'", async () => {
    await check("03-xa-quarter-arabic.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "56/BC-UBND",
        date: "2024-06-12",
        issuer: "UBND xã Đại Thành",
        unitLevel: "xã",
        province: "Hà Nội",
        period: period("quarter", 2024, 2),
        signer: "Phạm Quang Huy",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "III ĐÁNH GIÁ CHUNG", "IV PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ 3 NĂM 2024"],
      indicators: [
        ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "356", 356],
        ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "356", 356],
        ["3", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ", "300", 300],
        ["4", "Tỷ lệ hồ sơ trực tuyến", "%", "300/356 = 84,3%", 84.3],
      ],
    });
  });

  it("reads a quận report of 9 months under a central city, markdown-dressed headings, a value column named for the period", async () => {
    await check("04-quan-nine-months.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "412/BC-UBND",
        date: "2023-09-20",
        issuer: "UBND quận Hải Châu",
        unitLevel: "huyện",
        province: "Đà Nẵng",
        period: period("nine_months", 2023),
        signer: "Lê Minh Tuấn",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN CẢI CÁCH HÀNH CHÍNH", "III NHẬN XÉT, ĐÁNH GIÁ", "IV NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2023"],
      indicators: [
        ["1", "Số cơ quan, đơn vị được kiểm tra", "Cơ quan, đơn vị", "13", 13],
        ["1.1", "Số phường được kiểm tra", "Đơn vị", "08", 8],
        ["1.2", "Số cơ quan chuyên môn được kiểm tra", "Cơ quan", "05", 5],
        ["2", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "45.678", 45678],
        ["2.1", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "45.600", 45600],
        ["3", "Tỷ lệ hồ sơ trực tuyến", "%", "72,5", 72.5],
      ],
    });
  });

  it("reads a thị xã annual report whose appendix value column is headed 'Năm 2024' and whose range is stated only in the body", async () => {
    await check("05-thixa-year-nam-column.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "388/BC-UBND",
        date: "2024-12-16",
        issuer: "UBND thị xã Sơn Tây",
        unitLevel: "huyện",
        province: "Hà Nội",
        period: period("year", 2024, null, "2023-12-15", "2024-12-14"),
        signer: "Đỗ Thị Thu Hà",
      },
      sections: [
        ...REPORT_SECTIONS,
        "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III ĐÁNH GIÁ CHUNG",
        "IV PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
        "V ĐỀ XUẤT, KIẾN NGHỊ",
      ],
      indicators: [
        ["1", "Số nhiệm vụ trong kế hoạch", "Nhiệm vụ", "56", 56],
        ["2", "Số nhiệm vụ hoàn thành", "Nhiệm vụ", "54", 54],
        ["3", "Tỷ lệ hoàn thành", "%", "96,43", 96.43],
        ["4", "Số TTHC đã công bố", "TTHC", "302", 302],
        ["5", "Số cuộc kiểm tra", "Cuộc", "10", 10],
      ],
    });
  });

  it("reads a Kế hoạch: plan_year, a target table and a task table with other header wording", async () => {
    const got = await check("06-ke-hoach-tasks-targets.txt", {
      metadata: {
        docType: "KẾ HOẠCH",
        number: "15/KH-UBND",
        date: "2024-01-05",
        issuer: "UBND xã Tân Hòa",
        unitLevel: "xã",
        province: "Thái Nguyên",
        period: period("plan_year", 2024),
        signer: "Hoàng Văn Nam",
      },
      sections: ["I MỤC ĐÍCH, YÊU CẦU", "II CHỈ TIÊU CẦN ĐẠT", "III NHIỆM VỤ TRỌNG TÂM", "IV TỔ CHỨC THỰC HIỆN"],
      indicators: [],
    });
    expect(got.extraction.targets.map((t) => [t.code, t.name, t.unit, t.rawTarget, t.target, t.comparator, t.owner])).toEqual([
      ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "Tối thiểu 98", 98, ">=", "Bộ phận một cửa"],
      ["2", "Tỷ lệ TTHC cung cấp trực tuyến toàn trình", "%", "80", 80, "=", "Văn phòng - Thống kê"],
      ["3", "Mức độ hài lòng của người dân", "%", "Tối thiểu 90", 90, ">=", "Bộ phận một cửa"],
    ]);
    expect(got.extraction.tasks.map((t) => [t.code, t.group, t.content, t.output, t.owner, t.timeframe])).toEqual([
      ["1", "CẢI CÁCH THỂ CHẾ", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND xã ban hành", "Báo cáo kết quả rà soát", "Công chức Tư pháp - Hộ tịch", "Quý IV"],
      ["2", "CẢI CÁCH THỂ CHẾ", "Theo dõi thi hành pháp luật trên địa bàn", "Báo cáo", "Công chức Tư pháp - Hộ tịch", "Tháng 11/2024"],
      ["3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Niêm yết công khai TTHC tại Bộ phận một cửa", "TTHC được niêm yết", "Văn phòng - Thống kê", "Thường xuyên"],
      ["4", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC", "Báo cáo định kỳ", "Văn phòng - Thống kê", "Hằng quý"],
    ]);
  });

  it("reads a tỉnh report with 'tính từ 15/12/2023 đến 14/6/2024' and a one-row 'Kết quả thống kê' value header", async () => {
    await check("07-tinh-half-range.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "210/BC-UBND",
        date: "2024-06-20",
        issuer: "UBND tỉnh Ninh Bình",
        unitLevel: "tỉnh",
        province: "Ninh Bình",
        period: period("half", 2024, null, "2023-12-15", "2024-06-14"),
        signer: "Trần Song Tùng",
      },
      sections: [
        "I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III ĐÁNH GIÁ CHUNG",
        "IV NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024",
        "V ĐỀ XUẤT, KIẾN NGHỊ",
      ],
      indicators: [
        ["1", "Số văn bản QPPL được ban hành", "Văn bản", "14", 14],
        ["2", "Số TTHC được công bố", "Thủ tục", "1.825", 1825],
        ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "99,12%", 99.12],
      ],
    });
  });

  it("reads a phường named by a number, a one-line title in capitals and 'I-' / '1-' headings", async () => {
    const got = await check("08-phuong-quarter-iv-caps-title.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "97/BC-UBND",
        date: "2023-12-08",
        issuer: "UBND phường 5",
        unitLevel: "xã",
        province: "Cà Mau",
        period: period("quarter", 2023, 4),
        signer: "Nguyễn Hoàng Phúc",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN", "III TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ I NĂM 2024"],
    });
    expect(got.extraction.sections[0].children.map((s) => `${s.number} ${s.title}`)).toEqual(["1 Công tác xây dựng kế hoạch"]);
  });

  it("reads a header block and a signature block printed as TAB rows (a text export of the layout tables)", async () => {
    const got = await check("09-tab-header-block.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "31/BC-UBND",
        date: "2024-03-15",
        issuer: "UBND xã Xuân Hòa",
        unitLevel: "xã",
        province: "Thanh Hóa",
        period: period("quarter", 2024, 1),
        signer: "Lê Văn Thắng",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "III ĐÁNH GIÁ CHUNG", "IV PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II/2024"],
      indicators: [
        ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "412", 412],
        ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "412", 412],
        ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "100%", 100],
      ],
    });
    expect(got.extraction.metadata.parents).toEqual(["UBND huyện Thọ Xuân"]);
    expect(got.extraction.metadata.recipients).toEqual(["UBND huyện", "Lưu: VT."]);
    expect(got.extraction.messages.filter((m) => m.severity !== "info")).toEqual([]);
  });

  it("reads a draft (blank number and day) of a thị trấn, and a two-row header whose first value column is the quarter", async () => {
    const got = await check("10-thitran-draft-nine.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: null,
        date: null,
        issuer: "UBND thị trấn Đức Thọ",
        unitLevel: "xã",
        province: null,
        period: period("quarter", 2024, 3),
        signer: "Bùi Thị Mai",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN", "III PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2024"],
      indicators: [
        ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "890", 890],
        ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "885", 885],
      ],
    });
    expect(got.extraction.messages.filter((m) => m.severity === "warning")).toEqual([]);
  });

  it("reads 'UBND TP.' in the header, a place-date without 'ngày', 'PHẦN I.' headings, two Biểu số tables and spaced thousands", async () => {
    const got = await check("11-tp-abbrev-two-appendices.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "502/BC-UBND",
        date: "2024-06-18",
        issuer: "UBND thành phố Hải Dương",
        unitLevel: "huyện",
        province: "Hải Dương",
        period: period("quarter", 2024, 2),
        signer: "Vũ Tiến Phụng",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "III PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III/2024"],
      indicators: [
        ["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "08", 8],
        ["2", "Số cuộc kiểm tra CCHC", "Cuộc", "03", 3],
        ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "9 870", 9870],
        ["2", "Số hồ sơ trực tuyến", "Hồ sơ", "7.120", 7120],
        ["3", "Tỷ lệ hồ sơ đúng hạn", "%", "99,5", 99.5],
        ["4", "Đã công khai TTHC đầy đủ", "Có = 1; Không = 0", "Có", 1],
      ],
    });
    expect(got.extraction.indicators.map((r) => r.table)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(got.extraction.indicators[0].tableTitle).toBe("Biểu số 01: CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH");
  });

  it("reads a title printed in capitals, its range on the next line, and Roman numerals standing alone above their titles", async () => {
    const got = await check("12-so-ttt-quarter-range.txt", {
      metadata: {
        docType: "BÁO CÁO",
        number: "77/BC-STTTT",
        date: "2024-03-15",
        issuer: "Sở Thông tin và Truyền thông",
        unitLevel: "sở",
        province: "Quảng Nam",
        period: period("quarter", 2024, 1, "2023-12-15", "2024-03-14"),
        signer: "Phan Xuân Quang",
      },
      sections: [...REPORT_SECTIONS, "II KẾT QUẢ THỰC HIỆN", "III ĐỀ XUẤT, KIẾN NGHỊ"],
      indicators: [
        ["1", "Số nhiệm vụ trong kế hoạch", "Nhiệm vụ", "15", 15],
        ["2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "12", 12],
        ["3", "Tỷ lệ hoàn thành", "%", "12/15 (80%)", 80],
      ],
    });
    expect(got.extraction.indicators[2]).toMatchObject({ numerator: 12, denominator: 15 });
  });
});
