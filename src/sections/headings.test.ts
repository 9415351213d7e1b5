import { describe, expect, it } from "vitest";
import { buildSections } from "./index.js";
import { docOf, outline, top } from "./test-helpers.js";

const build = (...specs: Parameters<typeof docOf>[0]) => buildSections(docOf(specs), "test.txt");

describe("Roman headings", () => {
  it("reads Roman headings in plain, bold, markdown and Word-numbered dress alike", () => {
    const r = build(
      "BÁO CÁO",
      "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
      "Nội dung.",
      { text: "II. KẾT QUẢ THỰC HIỆN", bold: true, headingLevel: 3 },
      "Nội dung.",
      "## **III. ĐÁNH GIÁ CHUNG**",
      "Nội dung.",
      { text: "PHƯƠNG HƯỚNG, NHIỆM VỤ", numbering: "IV." },
      "Nội dung.",
      "V - KIẾN NGHỊ, ĐỀ XUẤT",
      "VI: TỔ CHỨC THỰC HIỆN",
    );
    expect(top(r.value.sections)).toEqual([
      { number: "I", title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" },
      { number: "II", title: "KẾT QUẢ THỰC HIỆN" },
      { number: "III", title: "ĐÁNH GIÁ CHUNG" },
      { number: "IV", title: "PHƯƠNG HƯỚNG, NHIỆM VỤ" },
      { number: "V", title: "KIẾN NGHỊ, ĐỀ XUẤT" },
      { number: "VI", title: "TỔ CHỨC THỰC HIỆN" },
    ]);
    expect(r.value.sections.every((s) => s.level === 1)).toBe(true);
  });

  it("keeps a duplicated Roman numeral in order and says the numbering repeats", () => {
    const r = build("I. MỘT", "x", "II. HAI", "x", "III. BA", "x", "III. ĐÁNH GIÁ CHUNG", "x", "IV. BỐN");
    expect(r.value.sections.map((s) => s.number)).toEqual(["I", "II", "III", "III", "IV"]);
    expect(r.messages).toEqual([
      expect.objectContaining({ severity: "info", ruleId: "sections.roman-sequence", place: { file: "test.txt", line: 7 }, actual: "III", expected: "IV" }),
    ]);
  });

  it("drops the trailing dot or colon of a title and keeps its typos", () => {
    const r = build("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH.", "x", "II. NHIỆM VỤ, GIẢI PHÁP TRONG TÂM:", "x", "III. PHƯƠNG HƯỚNG QUÝ IV/2021.");
    expect(top(r.value.sections).map((s) => s.title)).toEqual(["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "NHIỆM VỤ, GIẢI PHÁP TRONG TÂM", "PHƯƠNG HƯỚNG QUÝ IV/2021"]);
  });

  it("reads a look-alike numeral (Il, lll) as Roman when the headings around it are in sequence, with a message", () => {
    const r = build("I. MỘT", "x", "Il. HAI", "x", "lll. BA", "x", "IV. BỐN");
    expect(r.value.sections.map((s) => s.number)).toEqual(["I", "II", "III", "IV"]);
    expect(r.messages.filter((m) => m.ruleId === "heading.roman")).toEqual([
      expect.objectContaining({ severity: "info", actual: "Il", expected: "II", place: { file: "test.txt", line: 3 } }),
      expect.objectContaining({ severity: "info", actual: "lll", expected: "III", place: { file: "test.txt", line: 5 } }),
    ]);
  });

  it("reads a digit 1 typed for I as Roman only when every Roman neighbour agrees", () => {
    const typo = build("1. CÔNG TÁC CHỈ ĐẠO", "x", "II. KẾT QUẢ", "x", "III. ĐÁNH GIÁ");
    expect(top(typo.value.sections).map((s) => s.number)).toEqual(["I", "II", "III"]);
    // Under I, an uppercase "1." is the first arabic subsection, whatever follows.
    const sub = build("I. KẾT QUẢ", "1. CẢI CÁCH THỂ CHẾ", "x", "II. ĐÁNH GIÁ");
    expect(outline(sub.value.sections)).toEqual(["I KẾT QUẢ", "  1 CẢI CÁCH THỂ CHẾ", "II ĐÁNH GIÁ"]);
    // With no Roman heading at all, "1." stays arabic.
    const alone = build("1. MỤC ĐÍCH", "x", "2. YÊU CẦU", "x");
    expect(top(alone.value.sections).map((s) => s.number)).toEqual(["1", "2"]);
  });

  it("does not take a mixed-case Roman item of a list for a heading", () => {
    const r = build(
      "I. CÔNG TÁC CHỈ ĐẠO",
      "x",
      "II. NHIỆM VỤ",
      "IV. Tiếp tục thực hiện có hiệu quả kế hoạch năm 2024; Nghị quyết số 05-NQ/TU ngày 09/4/2021 của Tỉnh ủy.",
      "V. Cử cán bộ tham gia các lớp đào tạo, bồi dưỡng, tập huấn do Thành phố triển khai trong năm.",
    );
    expect(r.value.sections.map((s) => s.number)).toEqual(["I", "II"]);
    expect(r.value.sections[1].text).toContain("V. Cử cán bộ");
  });

  it("takes the title from the next line when the numeral stands alone", () => {
    const r = build("I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Nội dung.");
    expect(top(r.value.sections)).toEqual([{ number: "I", title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" }]);
    expect(r.value.sections[0].text).toBe("Nội dung.");
  });

  it("joins a title printed over two lines and keeps prose after an uppercase title as body", () => {
    const r = build("I. KẾT QUẢ THỰC HIỆN CÔNG TÁC\nCẢI CÁCH HÀNH CHÍNH", "II. ĐÁNH GIÁ CHUNG\nCông tác được quan tâm.");
    expect(top(r.value.sections)).toEqual([
      { number: "I", title: "KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH" },
      { number: "II", title: "ĐÁNH GIÁ CHUNG" },
    ]);
    expect(r.value.sections[1].text).toBe("Công tác được quan tâm.");
  });
});

describe("lower levels", () => {
  it("gives levels from the numbering, not from markdown heading marks", () => {
    const r = build(
      { text: "I. KẾT QUẢ", headingLevel: 4 },
      { text: "1. Cải cách thể chế", headingLevel: 1 },
      "x",
      { text: "2. Cải cách thủ tục hành chính (TTHC)", headingLevel: 2, bold: true },
      { text: "2.1. Kết quả rà soát", headingLevel: 3 },
      "2.1.3. Kết quả kiểm soát",
      "a) Công khai TTHC",
      "x",
      "b. Thực hiện cơ chế một cửa",
      "* Kết quả rà soát, cắt giảm TTHC",
      "y",
      { text: "- Cơ sở vật chất tại Bộ phận một cửa", bold: true },
      "z",
    );
    expect(outline(r.value.sections)).toEqual([
      "I KẾT QUẢ",
      "  1 Cải cách thể chế",
      "  2 Cải cách thủ tục hành chính (TTHC)",
      "    2.1 Kết quả rà soát",
      "      2.1.3 Kết quả kiểm soát",
      "      a Công khai TTHC",
      "      b Thực hiện cơ chế một cửa",
      "        * Kết quả rà soát, cắt giảm TTHC",
      "          - Cơ sở vật chất tại Bộ phận một cửa",
    ]);
    const levels = (s: (typeof r.value.sections)[number]): number[] => [s.level, ...s.children.flatMap(levels)];
    expect(levels(r.value.sections[0])).toEqual([1, 2, 2, 3, 4, 4, 4, 5, 6]);
  });

  it("keeps each section's own body text and the heading's provenance", () => {
    const r = build("BÁO CÁO", "Kính gửi: Phòng Nội vụ.", "I. CHỈ ĐẠO", "Đoạn một.", "1. Kế hoạch", "Đoạn hai.", { table: [["STT", "Chỉ tiêu"]] }, "Đoạn ba.");
    const [i] = r.value.sections;
    expect(i.text).toBe("Đoạn một.");
    expect(i.prov).toEqual({ line: 3 });
    expect(i.children[0].text).toBe("Đoạn hai.\nĐoạn ba.");
    expect(i.children[0].prov).toEqual({ line: 5 });
  });

  it("reads a list of sentence-like numbered items under a heading as body, not headings", () => {
    const r = build(
      "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
      "1. Tiếp tục thực hiện có hiệu quả kế hoạch CCHC năm 2024; Nghị quyết số 05-NQ/TU ngày 09/4/2021.",
      "2. Cử cán bộ, công chức tham gia các lớp đào tạo, bồi dưỡng.",
      "3. Tiếp tục cải cách tài chính công.",
      "Trên đây là báo cáo công tác cải cách hành chính./.",
    );
    expect(r.value.sections[0].children).toEqual([]);
    expect(r.value.sections[0].text.split("\n")).toHaveLength(4);
  });

  it("keeps a standalone numbered line ending in a dot as a heading when body follows it", () => {
    const r = build("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH.", "1. Về kế hoạch CCHC.", "Thực hiện kế hoạch hằng năm.", "2. Khó khăn:", "Còn hạn chế.");
    expect(outline(r.value.sections)).toEqual(["I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "  1 Về kế hoạch CCHC", "  2 Khó khăn"]);
  });

  it("reads a numbering that restarts under the same heading as a list inside it", () => {
    const r = build("I. KẾT QUẢ", "1. Cải cách thể chế", "Các văn bản:", "1. Quyết định số 15", "2. Nghị quyết số 20", "2. Cải cách TTHC", "x");
    expect(outline(r.value.sections)).toEqual(["I KẾT QUẢ", "  1 Cải cách thể chế", "  2 Cải cách TTHC"]);
  });

  it("treats a plain star paragraph that runs into its prose as body", () => {
    const r = build("I. KẾT QUẢ", "* Báo cáo nội dung cơ chế tự chủ: UBND phường đẩy mạnh thực hiện cơ chế tự chủ theo quy định.");
    expect(r.value.sections[0].children).toEqual([]);
  });

  it("does not read numbers in running text (1.034 hồ sơ, 2.5 triệu) as headings", () => {
    const r = build("I. KẾT QUẢ", "1.034 hồ sơ được tiếp nhận.", "2.5 triệu đồng đã chi.", "15/12/2023 bắt đầu kỳ báo cáo.");
    expect(r.value.sections[0].children).toEqual([]);
  });

  it("leaves numbered paragraphs before the first Roman heading in the preamble", () => {
    const r = build("BÁO CÁO", "1. Căn cứ Kế hoạch số 02/KH-UBND", "I. CHỈ ĐẠO", "x");
    expect(outline(r.value.sections)).toEqual(["I CHỈ ĐẠO"]);
  });
});

describe("decisions and the end of the narrative", () => {
  it("never makes a decision's articles (Điều 1.) or their clauses into sections", () => {
    const r = build(
      "QUYẾT ĐỊNH",
      "QUYẾT ĐỊNH:",
      "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hoạt động.",
      "1. Công chức Văn phòng có trách nhiệm",
      "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
      "Nơi nhận:",
      "Như Điều 2;",
      "CHỦ TỊCH",
      "Đỗ Ngọc Thìn",
      "KẾ HOẠCH",
      "I. MỤC ĐÍCH, YÊU CẦU",
      { table: [["Stt", "Nội dung"], ["I", "Công bố TTHC"]] },
      "Phụ lục",
      "1. Nguyên tắc thực hiện chỉ tiêu",
    );
    expect(r.value.sections).toEqual([]);
    expect(r.value.narrativeEnd).toBe(5);
  });

  it("ends the narrative at the signature block but keeps 'Trên đây là báo cáo' in the last section", () => {
    const r = build("I. CHỈ ĐẠO", "x", "Trên đây là báo cáo của UBND xã./.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Lê Minh Khánh", "II. KHÔNG PHẢI");
    expect(r.value.narrativeEnd).toBe(3);
    expect(r.value.sections[0].text).toBe("x\nTrên đây là báo cáo của UBND xã./.");
  });

  it("ends the narrative at a signing title followed by a name, not at a title line followed by prose", () => {
    const signed = build("I. CHỈ ĐẠO", "x", "GIÁM ĐỐC", "Lê Anh Đức");
    expect(signed.value.narrativeEnd).toBe(2);
    const prose = build("CHỦ TỊCH", "Căn cứ Luật Tổ chức chính quyền địa phương;", "I. CHỈ ĐẠO", "x");
    expect(prose.value.narrativeEnd).toBe(4);
    expect(top(prose.value.sections)).toEqual([{ number: "I", title: "CHỈ ĐẠO" }]);
  });

  it("ends the narrative at an appendix heading even without a signature", () => {
    const r = build("I. CHỈ ĐẠO", "x", "PHỤ LỤC 1a", "I. SỐ LIỆU THỐNG KÊ");
    expect(r.value.narrativeEnd).toBe(2);
    expect(r.value.sections.map((s) => s.number)).toEqual(["I"]);
    const prose = build("I. CHỈ ĐẠO", "Biểu mẫu thống kê đã được cập nhật đầy đủ.", "II. KẾT QUẢ", "x");
    expect(prose.value.narrativeEnd).toBe(4);
    const plan = build("KẾ HOẠCH", "Cải cách hành chính năm 2025", "I. MỤC ĐÍCH, YÊU CẦU", "x", "II. NHIỆM VỤ", "x");
    expect(plan.value.sections.map((s) => s.number)).toEqual(["I", "II"]);
  });

  it("ends the narrative at a signature laid out in a layout table", () => {
    const doc = docOf(["I. CHỈ ĐẠO", "x", { table: [["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]] }, "II. KHÔNG"], "docx");
    (doc.blocks[2] as { layout?: boolean }).layout = true;
    expect(buildSections(doc, "t.docx").value.narrativeEnd).toBe(2);
  });
});

describe("headings of real layouts (issue 14)", () => {
  it("reads a heading that carries its text after a colon, the text becoming the section's first paragraph", () => {
    const r = build(
      "I. KẾT QUẢ",
      { text: "4. Về cải cách thủ tục hành chính", bold: true },
      "Nội dung.",
      "5. Về cải cách tổ chức bộ máy: Tổng số biên chế được giao là 1.200 người, đã thực hiện 1.150 người.",
      { text: "6. Về cải cách chế độ công vụ", bold: true },
      "Nội dung.",
      { text: "III. KIẾN NGHỊ, ĐỀ XUẤT: Không.", bold: true },
    );
    expect(outline(r.value.sections)).toEqual(["I KẾT QUẢ", "  4 Về cải cách thủ tục hành chính", "  5 Về cải cách tổ chức bộ máy", "  6 Về cải cách chế độ công vụ", "III KIẾN NGHỊ, ĐỀ XUẤT"]);
    expect(r.value.sections[0].children[1].text).toBe("Tổng số biên chế được giao là 1.200 người, đã thực hiện 1.150 người.");
    expect(r.value.sections[1].text).toBe("Không.");
  });

  it("keeps a title whose words go on after a colon in lower case whole", () => {
    // Own wording (not a corpus heading): a cut-off phrase after the colon goes on with the title.
    const r = build("1. Công tác chỉ đạo", "Nội dung.", "2. Tiến độ giải quyết hồ sơ: tính đến hết ngày 15/6/2024", "Nội dung.", "3. Nhiệm vụ quý III", "Nội dung.");
    expect(top(r.value.sections)).toContainEqual({ number: "2", title: "Tiến độ giải quyết hồ sơ: tính đến hết ngày 15/6/2024" });
    // A lower-case run that is a whole sentence is not part of a title.
    const p = build("1. Công tác chỉ đạo", "Nội dung.", "Kết quả: đã tổ chức 12 hội nghị tập huấn cho cán bộ, công chức cấp xã trong kỳ.", "2. Nhiệm vụ quý III", "Nội dung.");
    expect(top(p.value.sections).map((s) => s.number)).toEqual(["1", "2"]);
  });

  it("does not take a colon heading out of sequence with its siblings for a heading", () => {
    const r = build("I. KẾT QUẢ", { text: "1. Về thể chế", bold: true }, "Nội dung.", "7. Về kết quả: Tổng số hồ sơ tiếp nhận là 120 hồ sơ, đã giải quyết 118 hồ sơ.");
    expect(outline(r.value.sections)).toEqual(["I KẾT QUẢ", "  1 Về thể chế"]);
  });

  it("reads headings up to three lines long", () => {
    const long = "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM TRONG NĂM 2025 GẮN VỚI VIỆC SẮP XẾP TỔ CHỨC BỘ MÁY VÀ VẬN HÀNH MÔ HÌNH CHÍNH QUYỀN ĐỊA PHƯƠNG HAI CẤP THEO CHỈ ĐẠO CỦA TRUNG ƯƠNG VÀ CỦA TỈNH ỦY";
    const r = build({ text: `I. ${long}`, bold: true }, "Nội dung.", { text: "II. TỒN TẠI, HẠN CHẾ", bold: true }, "Nội dung.");
    expect(top(r.value.sections)).toEqual([{ number: "I", title: long }, { number: "II", title: "TỒN TẠI, HẠN CHẾ" }]);
  });

  it("keeps lettered items that start at 'b)' after a cut as items of their section", () => {
    const r = build("I. KẾT QUẢ", { text: "1. Về thể chế", bold: true }, "Nội dung.", "b) Tổ chức rà soát văn bản quy phạm pháp luật", "Nội dung b.", "c) Kiểm tra văn bản", "Nội dung c.", { text: "2. Về thủ tục", bold: true }, "Nội dung.");
    expect(outline(r.value.sections)).toEqual(["I KẾT QUẢ", "  1 Về thể chế", "    b Tổ chức rà soát văn bản quy phạm pháp luật", "    c Kiểm tra văn bản", "  2 Về thủ tục"]);
  });
});
