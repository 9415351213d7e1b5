#!/usr/bin/env node
/**
 * Builds the fixtures of the split into documents (src/pipeline/parts.ts) in test/fixtures/parts/:
 * the same content as .txt (header and signature blocks as TAB rows, as text exports print them)
 * and as .docx (borderless layout tables, written as WordprocessingML with jszip). Each fixture
 * is named for what it tests. Run: node scripts/make-parts-fixtures.mjs (deterministic; commit).
 */
import JSZip from "jszip";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "parts");
const FIXED_DATE = new Date("2025-01-01T00:00:00Z");

// ---- content: a list of items, rendered to both formats ----------------------------------
const header = (left, right) => ({ kind: "layout", rows: left.map((l, i) => [l, right[i] ?? ""]) });
const signature = (left, right) => ({ kind: "layout", rows: Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? "", right[i] ?? ""]) });
const para = (text, bold = false) => ({ kind: "p", text, bold });
const table = (rows) => ({ kind: "table", rows });
const pageBreak = { kind: "pageBreak" };

const PROVINCE = "An Giang";

/** A Tờ trình of a department sending the report: the cover letter of the bundle. */
const coverLetter = [
  header(["UBND TỈNH AN GIANG", "SỞ NỘI VỤ", "Số: 45/TTr-SNV"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", `${PROVINCE}, ngày 10 tháng 7 năm 2025`]),
  para("TỜ TRÌNH", true),
  para("Về việc ban hành Báo cáo công tác cải cách hành chính 6 tháng đầu năm 2025"),
  para("Kính gửi: Ủy ban nhân dân tỉnh."),
  para(
    "Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, Sở Nội vụ đã tổng hợp kết quả thực hiện của các sở, ban, ngành và địa phương trong 6 tháng đầu năm 2025, dự thảo Báo cáo của Ủy ban nhân dân tỉnh.",
  ),
  para("Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, ban hành Báo cáo (dự thảo kèm theo)./."),
  signature(["Nơi nhận:", "- Như trên;", "- Lưu: VT, CCHC."], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trần Văn Bình"]),
];

/** The attached report, with its own header, its sections and a statistics appendix that repeats the header. */
const report = [
  header(["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số:      /BC-UBND"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", `${PROVINCE}, ngày      tháng 7 năm 2025`]),
  para("BÁO CÁO", true),
  para("Kết quả công tác cải cách hành chính 6 tháng đầu năm 2025"),
  para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", true),
  para("Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2025 và chỉ đạo các cơ quan, đơn vị triển khai thực hiện đúng tiến độ."),
  para("II. KẾT QUẢ THỰC HIỆN", true),
  para("Các nhiệm vụ cải cách thủ tục hành chính được triển khai đồng bộ; tỷ lệ hồ sơ giải quyết đúng hạn tiếp tục được duy trì ở mức cao."),
  signature(["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Phạm Thị Lan"]),
  pageBreak,
  header(["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
  para("PHỤ LỤC", true),
  para("Số liệu cải cách thủ tục hành chính"),
  para("(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 7 năm 2025 của UBND tỉnh An Giang)"),
  table([
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"],
    ["1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "1.250", ""],
    ["2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ", "1.200", ""],
    ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "96", ""],
  ]),
];

/** A report whose body quotes the motto, in a sentence and as a slogan line. */
const quotingReport = [
  header(["ỦY BAN NHÂN DÂN", "XÃ BÌNH MỸ", "Số: 21/BC-UBND"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bình Mỹ, ngày 05 tháng 9 năm 2025"]),
  para("BÁO CÁO", true),
  para("Kết quả tuyên truyền nhân dịp Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
  para("I. KẾT QUẢ TUYÊN TRUYỀN", true),
  para(
    "Ủy ban nhân dân xã treo băng rôn, khẩu hiệu chào mừng Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam tại trụ sở và các tuyến đường chính; các khẩu hiệu gồm:",
  ),
  para("Độc lập - Tự do - Hạnh phúc"),
  para("Nhiệt liệt chào mừng Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam!"),
  para("II. PHƯƠNG HƯỚNG", true),
  para("Tiếp tục tuyên truyền sâu rộng trong nhân dân."),
  signature(["Nơi nhận:", "- UBND huyện;", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Thị Hoa"]),
];

/** A cover page printing the motto and the unit above the report, which has its own header. */
const coverPage = [
  para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true),
  para("Độc lập - Tự do - Hạnh phúc", true),
  para("ỦY BAN NHÂN DÂN TỈNH AN GIANG", true),
  para("BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2025", true),
  para(`${PROVINCE}, ngày 15 tháng 12 năm 2025`),
  pageBreak,
  header(["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 300/BC-UBND"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", `${PROVINCE}, ngày 15 tháng 12 năm 2025`]),
  para("BÁO CÁO", true),
  para("Kết quả công tác cải cách hành chính năm 2025"),
  para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", true),
  para("Ủy ban nhân dân tỉnh chỉ đạo quyết liệt công tác cải cách hành chính."),
  signature(["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn Nam"]),
];

// ---- txt ------------------------------------------------------------------------------------
function toTxt(items) {
  const out = [];
  for (const it of items) {
    if (it.kind === "p") out.push(it.text, "");
    else if (it.kind === "layout" || it.kind === "table") out.push(...it.rows.map((r) => r.join("\t").replace(/\t+$/, "")), "");
    // Text has no page breaks: a blank line is what an export leaves.
  }
  return out.join("\n");
}

// ---- docx -----------------------------------------------------------------------------------
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const run = (text, bold) => `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const p = (text, bold = false) => `<w:p>${text ? run(text, bold) : ""}</w:p>`;
const NO_BORDERS = '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';
function tbl(rows, borderless) {
  const cols = rows[0].length;
  const trs = rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${c}</w:tc>`).join("")}</w:tr>`).join("");
  return `<w:tbl><w:tblPr>${borderless ? NO_BORDERS : ""}</w:tblPr><w:tblGrid>${'<w:gridCol w:w="3000"/>'.repeat(cols)}</w:tblGrid>${trs}</w:tbl>`;
}
function toDocxBody(items) {
  return items
    .map((it) => {
      if (it.kind === "p") return p(it.text, it.bold);
      if (it.kind === "pageBreak") return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
      // A layout block is one row of two cells, each holding its column's lines as paragraphs.
      if (it.kind === "layout") return tbl([[0, 1].map((c) => it.rows.map((r) => p(r[c])).join(""))], true);
      return tbl(it.rows.map((r) => r.map((c) => p(c))), false);
    })
    .join("");
}
async function docx(name, items) {
  const zip = new JSZip();
  const add = (path, text) => zip.file(path, text, { date: FIXED_DATE, createFolders: false });
  add(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  add(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${toDocxBody(items)}<w:sectPr/></w:body></w:document>`);
  writeFileSync(join(OUT, name), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

mkdirSync(OUT, { recursive: true });
const fixtures = {
  "two-documents": [...coverLetter, pageBreak, ...report],
  "quoted-motto": quotingReport,
  "cover-page": coverPage,
};
for (const [name, items] of Object.entries(fixtures)) {
  writeFileSync(join(OUT, `${name}.txt`), toTxt(items));
  await docx(`${name}.docx`, items);
}
console.log(`wrote ${OUT}`);
