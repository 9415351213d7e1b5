import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.js";
import { loadRules } from "../rules/load.js";
import { AbbreviationsFile, levenshtein, MATCH_THRESHOLD, Matcher, projectMatcher } from "./match.js";

const matcher = projectMatcher(loadCatalog());
const id = (label: string, context: Array<{ name: string; indicatorId: string | null }> = []) => matcher.match(label, context).id;

describe("matching labels to the catalog", () => {
  it("ignores accents, case and đ", () => {
    expect(id("SO VAN BAN CHI DAO CCHC DA BAN HANH")).toBe("chi_dao.van_ban_chi_dao");
    expect(id("tổng số đơn vị sự nghiệp công lập tại địa phương")).toBe("to_chuc.dvsncl.tong_so");
  });

  it("expands abbreviations in either direction", () => {
    expect(id("Số văn bản chỉ đạo cải cách hành chính đã ban hành")).toBe("chi_dao.van_ban_chi_dao");
    expect(id("Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết tại địa phương")).toBe("tthc.tong_so");
    expect(id("Số DVSNCL thuộc UBND cấp huyện")).toBe("to_chuc.dvsncl.ubnd_huyen");
    expect(id("Số đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân cấp huyện")).toBe("to_chuc.dvsncl.ubnd_huyen");
  });

  it("tolerates a parenthetical note the catalog does not have", () => {
    expect(id("Số TTHC công bố mới (tính từ đầu năm đến thời điểm báo cáo)")).toBe("tthc.cong_bo_moi");
    expect(id("Tổng số biên chế được giao trong năm (theo Quyết định của UBND tỉnh)")).toBe("to_chuc.bien_che.duoc_giao");
  });

  it("tolerates small typos", () => {
    expect(id("Số văn bản chỉ đạo CCHC đã ban hàn")).toBe("chi_dao.van_ban_chi_dao");
    expect(id("Tổng số biên chế được giao trong nămm")).toBe("to_chuc.bien_che.duoc_giao");
    expect(id("Số TTHC liên thông giữa các cấp chính quyềnn")).toBe("tthc.mot_cua.lien_thong_cac_cap");
  });

  it("reads the older 'mức độ 3/4' as 'một phần/toàn trình'", () => {
    expect(id("Số TTHC đang cung cấp trực tuyến mức độ 4")).toBe("dvc.toan_trinh.dang_cung_cap");
    expect(id("Số TTHC đang cung cấp trực tuyến một phần")).toBe("dvc.mot_phan.dang_cung_cap");
  });

  it("uses the parent row to tell apart 'Số nhiệm vụ đã hoàn thành' in a plan and in assigned tasks", () => {
    expect(id("Số nhiệm vụ đã hoàn thành", [{ name: "Tỷ lệ hoàn thành Kế hoạch CCHC năm", indicatorId: "chi_dao.ke_hoach.ty_le_hoan_thanh" }])).toBe(
      "chi_dao.ke_hoach.nhiem_vu_hoan_thanh",
    );
    expect(id("Số nhiệm vụ đã hoàn thành", [{ name: "Thực hiện nhiệm vụ UBND tỉnh giao", indicatorId: "chi_dao.nhiem_vu_giao" }])).toBe(
      "chi_dao.nhiem_vu_giao.da_hoan_thanh",
    );
  });

  it("uses the parent label when the parent itself did not match", () => {
    expect(id("Số nhiệm vụ đã hoàn thành", [{ name: "Thực hiện nhiệm vụ được cấp trên giao", indicatorId: null }])).toBe(
      "chi_dao.nhiem_vu_giao.da_hoan_thanh",
    );
  });

  it("tells apart the same VBQPPL label under 'kiểm tra' and under 'rà soát'", () => {
    const label = "Số VBQPPL có kiến nghị xử lý đã được xử lý xong";
    expect(id(label, [{ name: "Tỷ lệ xử lý VBQPPL sau kiểm tra", indicatorId: "the_che.kiem_tra.ty_le_xu_ly" }])).toBe("the_che.kiem_tra.da_xu_ly");
    expect(id(label, [{ name: "Tỷ lệ xử lý VBQPPL sau rà soát", indicatorId: "the_che.ra_soat.ty_le_xu_ly" }])).toBe("the_che.ra_soat.da_xu_ly");
  });

  it("leaves a label that is not in the catalog unmatched, with its score below the threshold", () => {
    const m = matcher.match("Số hội nghị tập huấn nghiệp vụ cho cán bộ làm công tác văn thư");
    expect(m.id).toBeNull();
    expect(m.score).toBeLessThan(MATCH_THRESHOLD);
    expect(matcher.match("").id).toBeNull();
  });

  it("reports a score of 1 for an exact label at the top of a table", () => {
    expect(matcher.match("Cải cách thể chế").score).toBe(1);
  });
});

describe("remembering results", () => {
  it("answers a repeated label and context the same, and a caller changing a result cannot change the next", () => {
    const ctx = [{ name: "Thực hiện nhiệm vụ UBND tỉnh giao", indicatorId: "chi_dao.nhiem_vu_giao" }];
    const first = matcher.match("Số nhiệm vụ đã hoàn thành", ctx);
    first.id = "changed";
    expect(matcher.match("Số nhiệm vụ đã hoàn thành", ctx).id).toBe("chi_dao.nhiem_vu_giao.da_hoan_thanh");
    // The same label under another group is another question.
    expect(matcher.match("Số nhiệm vụ đã hoàn thành", [{ name: "Tỷ lệ hoàn thành Kế hoạch CCHC năm", indicatorId: "chi_dao.ke_hoach.ty_le_hoan_thanh" }]).id).toBe(
      "chi_dao.ke_hoach.nhiem_vu_hoan_thanh",
    );
  });
});

describe("a result depends on the question only", () => {
  const catalog = loadCatalog();
  const abbreviations = loadRules("abbreviations.json", AbbreviationsFile);
  // Labels of the catalog, some cut short, each asked alone, under a group row with its id, and
  // under the same row without an id (null or empty: both mean the row did not match).
  const labels = catalog.entries.flatMap((e) => [e.name, e.name.split(" ").slice(0, -1).join(" ")]);
  const questions = labels.flatMap((label, i) => {
    const e = catalog.entries[(i * 7) % catalog.entries.length];
    return [
      { label, context: [] },
      { label, context: [{ name: e.name, indicatorId: e.id }] },
      { label, context: [{ name: e.name, indicatorId: null }] },
      { label, context: [{ name: e.name, indicatorId: "" }, { name: labels[(i * 3) % labels.length], indicatorId: e.parent }] },
    ];
  });

  it("whatever was asked before it: two fresh matchers asked in opposite orders agree", () => {
    const a = new Matcher(catalog, abbreviations);
    const b = new Matcher(catalog, abbreviations);
    const forward = questions.map((q) => a.match(q.label, q.context));
    const backward = [...questions].reverse().map((q) => b.match(q.label, q.context)).reverse();
    expect(backward).toEqual(forward);
    expect(forward.filter((r) => r.id !== null).length).toBeGreaterThan(catalog.entries.length);
  });

  it("a group row with an empty id counts as one without an id", () => {
    const m = new Matcher(catalog, abbreviations);
    for (const q of questions.filter((x) => x.context.length === 1 && x.context[0].indicatorId === null))
      expect(m.match(q.label, [{ name: q.context[0].name, indicatorId: "" }])).toEqual(m.match(q.label, q.context));
  });
});

describe("levenshtein", () => {
  it("counts edits and stops early past a bound", () => {
    expect(levenshtein("hanh", "thanh")).toBe(1);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("abcdef", "uvwxyz", 1)).toBe(2);
    // Within the bound the banded table gives the exact distance, whichever string is longer.
    expect(levenshtein("ngành", "đã", 10)).toBe(5);
    expect(levenshtein("so thu tuc hanh chinh", "thu tuc hanh chinh cong", 10)).toBe(8);
  });
});
