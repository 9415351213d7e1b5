import { describe, expect, it } from "vitest";
import { templateRecords } from "../../test/fixtures/indicators/records.js";
import { CatalogFile, loadCatalog } from "./catalog.js";
import { normalizeIndicators } from "./indicators.js";

const TEMPLATES = ["000", "001", "003", "004"] as const;
const normalized = Object.fromEntries(
  TEMPLATES.map((t) => [t, normalizeIndicators(templateRecords(t), `template-${t}`).value]),
) as Record<(typeof TEMPLATES)[number], ReturnType<typeof normalizeIndicators>["value"]>;

/** The id of the first row of a template whose label and (optionally) code match. */
function idOf(t: (typeof TEMPLATES)[number], name: string, code?: string): string | null {
  const r = normalized[t].find((r) => r.name === name && (code === undefined || r.code === code));
  if (!r) throw new Error(`no row "${name}" in ${t}`);
  return r.indicatorId;
}

describe("catalog", () => {
  it("loads rules/catalog.json and every parent and relation names a known id", () => {
    const c = loadCatalog();
    expect(c.entries.length).toBeGreaterThan(150);
    for (const e of c.entries) {
      if (e.parent) expect(c.byId.has(e.parent)).toBe(true);
      for (const ref of [e.ratio?.numerator, e.ratio?.denominator, e.partOf, e.subsetOf]) {
        if (ref) expect(c.byId.has(ref), `${e.id} → ${ref}`).toBe(true);
      }
    }
  });

  it("rejects a catalog with a duplicate id or an unknown parent", () => {
    const base = { name: "x", kind: "count", unit: null, levels: ["xã"], aliases: [] };
    const dup = CatalogFile.safeParse({ indicators: [{ ...base, id: "a", parent: null }, { ...base, id: "a", parent: null }] });
    expect(dup.success).toBe(false);
    const orphan = CatalogFile.safeParse({ indicators: [{ ...base, id: "a.b", parent: "a" }] });
    expect(orphan.success).toBe(false);
  });

  it("maps every value-bearing row of the four statistics templates to an id", () => {
    for (const t of TEMPLATES) {
      const unmatched = normalized[t].filter((r) => r.rawValue !== null && r.indicatorId === null);
      expect(unmatched.map((r) => `${t} ${r.code} ${r.name}`)).toEqual([]);
    }
  });

  it("maps group rows too", () => {
    for (const t of TEMPLATES) {
      const groups = normalized[t].filter((r) => r.isGroup);
      expect(groups.filter((r) => r.indicatorId === null).map((r) => r.name)).toEqual([]);
    }
  });

  it("gives the number of CCHC directive documents one id in every template", () => {
    const ids = new Set([
      idOf("000", "Số văn bản chỉ đạo CCHC đã ban hành ( Kết luận, chỉ thị, công văn chỉ đạo, quán triệt )"),
      idOf("001", "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)"),
      idOf("003", "Số văn bản chỉ đạo CCHC đã ban hành"),
      idOf("004", "Số văn bản chỉ đạo CCHC đã ban hành"),
    ]);
    expect([...ids]).toEqual(["chi_dao.van_ban_chi_dao"]);
  });

  it("gives planned and completed plan tasks one id each across templates", () => {
    expect(new Set(["000", "001", "004"].map((t) => idOf(t as "000", "Số nhiệm vụ đề ra trong kế hoạch")).concat(idOf("003", "Số nhiệm vụ trong Kế hoạch")))).toEqual(
      new Set(["chi_dao.ke_hoach.nhiem_vu_de_ra"]),
    );
    expect(new Set(TEMPLATES.map((t) => idOf(t, "Số nhiệm vụ đã hoàn thành")))).toEqual(new Set(["chi_dao.ke_hoach.nhiem_vu_hoan_thanh"]));
  });

  it("gives assigned tasks one id whoever assigned them", () => {
    expect(
      new Set([
        idOf("000", "Tổng số nhiệm vụ được giao"),
        idOf("001", "Tổng số nhiệm vụ được giao"),
        idOf("003", "Số nhiệm vụ được giao"),
        idOf("004", "Tổng số nhiệm vụ được giao"),
      ]),
    ).toEqual(new Set(["chi_dao.nhiem_vu_giao.tong_so"]));
    expect(new Set(TEMPLATES.map((t) => idOf(t, "Số nhiệm vụ đã hoàn thành đúng hạn")))).toEqual(new Set(["chi_dao.nhiem_vu_giao.dung_han"]));
  });

  it("gives survey forms and survey method one id each", () => {
    expect(new Set(TEMPLATES.map((t) => idOf(t, "Số lượng phiếu khảo sát")))).toEqual(new Set(["chi_dao.khao_sat.so_phieu"]));
    expect(new Set(TEMPLATES.map((t) => idOf(t, "Hình thức khảo sát")))).toEqual(new Set(["chi_dao.khao_sat.hinh_thuc"]));
  });

  it("gives staff quota assigned and present one id each", () => {
    for (const t of ["000", "003", "004"] as const) {
      expect(idOf(t, "Tổng số biên chế được giao trong năm")).toBe("to_chuc.bien_che.duoc_giao");
      expect(idOf(t, "Tổng số biên chế có mặt tại thời điểm báo cáo")).toBe("to_chuc.bien_che.co_mat");
    }
  });

  it("gives the TTHC total and its per-level breakdown one id each", () => {
    expect(
      new Set([
        idOf("000", "Tổng số TTHC thuộc thẩm quyền giải quyết"),
        idOf("001", "Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương"),
        idOf("003", "Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương"),
        idOf("004", "Tổng số TTHC đang có hiệu lực"),
      ]),
    ).toEqual(new Set(["tthc.tong_so"]));
    expect(idOf("000", "Số TTHC cấp xã (Bao gồm cả TTHC của cơ quan ngành dọc)")).toBe("tthc.tong_so.cap_xa");
    expect(idOf("004", "Số TTHC cấp xã:")).toBe("tthc.tong_so.cap_xa");
    expect(idOf("003", "Số TTHC cấp huyện (Bao gồm cả TTHC của cơ quan ngành dọc)")).toBe("tthc.tong_so.cap_huyen");
  });

  it("gives dossiers received, resolved and resolved on time one id each", () => {
    expect(
      new Set([
        idOf("000", "Tổng số hồ sơ TTHC đã tiếp nhận"),
        idOf("000", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)"),
        idOf("001", "Tổng số hồ sơ TTHC đã tiếp nhận"),
        idOf("003", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)"),
      ]),
    ).toEqual(new Set(["tthc.ho_so.tiep_nhan"]));
    expect(
      new Set([
        idOf("000", "Số hồ sơ TTHC giải quyết đúng và trước hạn"),
        idOf("001", "Số hồ sơ TTHC giải quyết đúng hạn"),
        idOf("003", "Số hồ sơ TTHC giải quyết đúng hạn", "3.1.2."),
      ]),
    ).toEqual(new Set(["tthc.ho_so.dung_han"]));
    expect(
      new Set([
        idOf("000", "Tỷ lệ hồ sơ TTHC tiếp nhận được giải quyết đúng hạn"),
        idOf("001", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn"),
        idOf("003", "Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn"),
        idOf("004", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn"),
      ]),
    ).toEqual(new Set(["tthc.ho_so.dung_han.ty_le"]));
  });

  it("gives online dossiers received one id, whether the template says 'một phần, toàn trình' or 'mức độ 3 và 4'", () => {
    expect(new Set(["000", "001", "003"].map((t) => idOf(t as "000", "Số hồ sơ TTHC đã tiếp nhận trực tuyến")))).toEqual(
      new Set(["dvc.ho_so.tiep_nhan_truc_tuyen"]),
    );
    expect(idOf("003", "Tổng số TTHC đủ điều kiện cung cấp trực tuyến mức độ 4")).toBe(
      idOf("001", "Tổng số TTHC đủ điều kiện cung cấp trực tuyến toàn trình"),
    );
  });
});
