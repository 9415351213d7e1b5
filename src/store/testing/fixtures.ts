import { emptyMetadata, type Extraction, type IndicatorRecord, type Section } from "../../model/records.js";

/**
 * Small hand-made Extractions for store tests: they exercise every table without running
 * the parsers, so the store's tests stay fast and independent of the extractors' progress.
 */
export function section(number: string, title: string, text: string, children: Section[] = [], topics: string[] = []): Section {
  return { number, title, level: number.includes(".") ? 3 : /^[IVX]+$/.test(number) ? 1 : 2, text, topics, prov: { line: 1 }, children };
}

export function indicator(row: number, name: string, value: number | null, indicatorId: string | null = null): IndicatorRecord {
  return {
    table: 0,
    tableTitle: "Phụ lục: Số liệu",
    code: String(row + 1),
    codePath: [],
    name,
    unit: "TTHC",
    unitCanonical: "tthc",
    rawValue: value === null ? null : String(value),
    value,
    numerator: null,
    denominator: null,
    note: null,
    isGroup: false,
    indicatorId,
    matchScore: indicatorId ? 1 : null,
    flags: [],
    values: [],
    row,
    prov: { line: 100 + row },
  };
}

/** A plausible report: two sections, three indicators, one task, one target, one warning. */
export function sampleExtraction(file = "reports/a.txt", sha256 = "a".repeat(64), year = 2024): Extraction {
  const metadata = emptyMetadata();
  metadata.docType = "BÁO CÁO";
  metadata.number = "12/BC-UBND";
  metadata.date = `${year}-12-15`;
  metadata.issuer = "UBND xã Đông Hòa";
  metadata.unitLevel = "xã";
  metadata.province = "Đắk Lắk";
  metadata.period = { kind: "year", year, quarter: null, month: null, from: null, to: null };
  return {
    file,
    format: "txt",
    sha256,
    status: "ok",
    metadata,
    sections: [
      section("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Đảng ủy xã ban hành kế hoạch.", [
        section("1", "Cải cách thủ tục hành chính", "Thực hiện cơ chế một cửa, một cửa liên thông tại Bộ phận tiếp nhận.", [], ["tthc"]),
      ], ["chi_dao_dieu_hanh"]),
      section("II", "TỒN TẠI, HẠN CHẾ", "Việc số hóa hồ sơ còn chậm.", [], ["ton_tai_han_che"]),
    ],
    indicators: [
      indicator(0, "Tổng số TTHC tiếp nhận", 120, "tthc.tiep_nhan"),
      indicator(1, "Số hồ sơ giải quyết đúng hạn", 118, "tthc.dung_han"),
      indicator(2, "Chỉ tiêu lạ chưa có trong danh mục", 3),
    ],
    tasks: [{ table: 1, code: "1", group: "I. CẢI CÁCH THỂ CHẾ", content: "Rà soát văn bản", output: "Báo cáo", owner: "Văn phòng", timeframe: "Quý I", coordinator: null, monitor: null, extra: {}, row: 0, prov: { line: 200 } }],
    targets: [{ table: 2, code: "1", name: "Tỷ lệ hồ sơ trực tuyến", unit: "%", rawTarget: "Tối thiểu 80", target: 80, comparator: ">=", owner: "UBND xã", row: 0, prov: { line: 300 } }],
    tables: [],
    matrixCells: [],
    messages: [{ severity: "warning", ruleId: "ratio.mismatch", reason: "118/120 is not 99%.", place: { file, table: 0, row: 1 }, actual: 98.3, expected: 99 }],
  };
}
