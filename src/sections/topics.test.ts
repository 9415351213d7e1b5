import { describe, expect, it } from "vitest";
import { compileTopics, foldWords, TopicsFile, topicMatcher } from "./topics.js";

const match = (title: string, level?: number) => topicMatcher().match(title, level);

describe("canonical topics", () => {
  it("folds accents, đ, case and punctuation before matching", () => {
    expect(foldWords("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")).toBe("cong tac chi dao dieu hanh");
    expect(match("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")).toEqual(["chi_dao_dieu_hanh"]);
    expect(match("Cong tac chi dao - dieu hanh")).toEqual(["chi_dao_dieu_hanh"]);
  });

  it.each([
    ["Cải cách thể chế", "the_che"],
    ["Cải cách thủ tục hành chính (TTHC)", "tthc"],
    ["Cải cách TTHC", "tthc"],
    ["Kết quả thực hiện cơ chế một cửa, một cửa liên thông", "tthc"],
    ["Cải cách tổ chức bộ máy hành chính nhà nước", "bo_may"],
    ["Cải cách chế độ công vụ", "cong_vu"],
    ["Cải cách công vụ", "cong_vu"],
    ["Về xây dựng, nâng cao chất lượng đội ngũ CBCC", "cong_vu"],
    ["Cải cách tài chính công", "tai_chinh_cong"],
    ["Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "chinh_quyen_so"],
    ["Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "chinh_quyen_so"],
    ["Về hiện đại hóa nền hành chính", "chinh_quyen_so"],
    ["Cải thiện môi trường đầu tư kinh doanh", "moi_truong_dau_tu"],
    ["Công tác tuyên truyền cải cách hành chính", "tuyen_truyen"],
    ["ĐÁNH GIÁ CHUNG", "danh_gia_chung"],
    ["Mặt tích cực", "danh_gia_chung"],
    ["Những kết quả tích cực đã đạt được", "danh_gia_chung"],
    ["Những tồn tại, hạn chế, nguyên nhân", "ton_tai_han_che"],
    ["Khó khăn", "ton_tai_han_che"],
    ["PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC QUÝ IV/2021", "phuong_huong"],
    ["NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024", "phuong_huong"],
    ["Nhiệm vụ năm 2025", "phuong_huong"],
    ["KIẾN NGHỊ, ĐỀ XUẤT", "kien_nghi"],
    ["Đề xuất", "kien_nghi"],
  ])("tags %j with %s", (title, id) => {
    expect(match(title)).toContain(id);
  });

  it("does not take results of tasks for the plan, nor phản ánh, kiến nghị for the kiến nghị part", () => {
    expect(match("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", 1)).toEqual(["ket_qua_thuc_hien"]);
    expect(match("Kết quả tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính")).toEqual(["tthc"]);
  });

  it("limits a topic to the levels its rule names", () => {
    expect(match("KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", 1)).toEqual(["ket_qua_thuc_hien"]);
    expect(match("Kết quả thực hiện đào tạo, bồi dưỡng cán bộ, công chức", 5)).toEqual(["cong_vu"]);
  });

  it("gives every topic a title matches, and none for a title outside the catalogue", () => {
    expect(match("Đổi mới công tác chỉ đạo, điều hành, cải thiện môi trường đầu tư kinh doanh")).toEqual(["chi_dao_dieu_hanh", "moi_truong_dau_tu"]);
    expect(match("Thực hiện chế độ phụ cấp")).toEqual([]);
  });

  it("matches aliases as whole words, never inside a longer word", () => {
    const m = compileTopics(TopicsFile.parse({ topics: [{ id: "dan_van", name: "Dân vận", aliases: ["dân"] }] }));
    expect(m.match("Công tác dân vận")).toEqual(["dan_van"]);
    expect(m.match("Đảng ủy phường")).toEqual([]);
    expect(match("Dịch vụ công trực tuyến")).not.toContain("cong_vu");
  });

  it("accepts aliases written with accents and refuses a malformed rules file", () => {
    const m = compileTopics(TopicsFile.parse({ topics: [{ id: "tiep_dan", name: "Tiếp công dân", aliases: ["Tiếp công dân"] }] }));
    expect(m.match("TIẾP CÔNG DÂN")).toEqual(["tiep_dan"]);
    expect(TopicsFile.safeParse({ topics: [{ id: "Bad Id", name: "x" }] }).success).toBe(false);
  });

  it("loads rules/topics.json with the stable ids the database stores", () => {
    expect(topicMatcher().ids).toEqual(
      expect.arrayContaining(["chi_dao_dieu_hanh", "the_che", "tthc", "bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "danh_gia_chung", "ton_tai_han_che", "phuong_huong", "kien_nghi"]),
    );
  });
});
