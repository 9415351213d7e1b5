#!/usr/bin/env node
/**
 * Builds the multi-value and matrix table fixtures of test/fixtures/tables/ in .txt and .docx
 * from one description each, so both formats hold the same table (issue 15). Each is typed
 * like the tables of real reports: a two-year comparison, "Kế hoạch | Thực hiện | Tỷ lệ" under a
 * two-row merged header, a unit ranking split over two pages (header repeated), a plan table
 * with seven columns, a province comparison with "Điểm số | Thứ hạng" under each province.
 * The .pdf copies are drawn with pdf-lib (ruled grid, DejaVu Serif from
 * /usr/share/fonts/truetype/dejavu, package fonts-dejavu-core), one PDF page per page of the
 * table, header repeated; a cell merged down is drawn as an empty cell under it, as PDF
 * producers print it.
 * Run: node scripts/make-table-fixtures.mjs (deterministic; commit the files).
 */
import fontkit from "@pdf-lib/fontkit";
import JSZip from "jszip";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { PDFDocument, rgb } from "pdf-lib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "tables");
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");

/**
 * A header cell is a string or { text, span } (columns it covers), or { text, rows: 2 } (merged
 * down over the second header row); the second header row lists only the cells not covered.
 */
const FIXTURES = [
  {
    name: "two-year-comparison",
    title: "PHỤ LỤC: So sánh kết quả năm 2023 và năm 2024",
    header: [["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023", "Năm 2024", "Ghi chú"]],
    pages: [
      [
        ["1", "Số TTHC tiếp nhận", "Hồ sơ", "1.250", "1.480", ""],
        ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "96,5%", "98,2%", ""],
        ["3", "Số cuộc kiểm tra CCHC", "Cuộc", "4", "6", "Tăng 2 cuộc"],
      ],
    ],
  },
  {
    name: "plan-actual-ratio",
    title: "PHỤ LỤC: Kết quả thực hiện kế hoạch năm 2024",
    header: [
      [{ text: "STT", rows: 2 }, { text: "Chỉ tiêu", rows: 2 }, { text: "Đơn vị tính", rows: 2 }, { text: "Kết quả", span: 3 }, { text: "Ghi chú", rows: 2 }],
      ["Kế hoạch", "Thực hiện", "Tỷ lệ (%)"],
    ],
    pages: [
      [
        ["1", "Số văn bản kiểm tra, rà soát", "Văn bản", "20", "18", "90", ""],
        ["2", "Số cuộc tuyên truyền CCHC", "Cuộc", "12", "15", "125", "Vượt kế hoạch"],
      ],
    ],
  },
  {
    name: "unit-ranking-split",
    title: "Bảng xếp hạng Chỉ số CCHC các xã năm 2024",
    header: [["STT", "Đơn vị", "Điểm số", "Thứ hạng"]],
    pages: [
      [
        ["1", "UBND xã An Bình", "88,25", "1"],
        ["2", "UBND xã Tân Phú", "85,10", "2"],
        ["3", "UBND phường Hòa Thuận", "81,40", "3"],
      ],
      [
        ["4", "UBND xã Đông Sơn", "79,05", "4"],
        ["5", "UBND xã Phước Hưng", "72,60", "5"],
      ],
    ],
  },
  {
    name: "plan-seven-columns",
    title: "PHỤ LỤC: Phân công nhiệm vụ cải cách hành chính năm 2025",
    header: [["STT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Chủ trì thực hiện", "Phối hợp thực hiện", "Theo dõi, kiểm tra, đánh giá"]],
    pages: [
      [
        ["I", "Cải cách thể chế", "", "", "", "", ""],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo kết quả rà soát", "Quý II/2025", "Phòng Tư pháp", "Các phòng chuyên môn", "Văn phòng UBND"],
        ["2", "Kiểm tra việc thi hành pháp luật", "Kế hoạch kiểm tra", "Tháng 6/2025", "Phòng Tư pháp", "", "Phòng Nội vụ"],
        ["II", "Cải cách thủ tục hành chính", "", "", "", "", ""],
        ["1", "Công khai thủ tục hành chính", "Danh mục TTHC", "Thường xuyên", "Bộ phận Một cửa", "Các phòng chuyên môn", "Văn phòng UBND"],
      ],
    ],
  },
  {
    name: "province-comparison",
    title: "Kết quả Chỉ số PCI năm 2024 của các tỉnh trước sắp xếp",
    header: [
      [{ text: "STT", rows: 2 }, { text: "Nội dung", rows: 2 }, { text: "Lâm Đồng", span: 2 }, { text: "Đắk Nông", span: 2 }],
      ["Điểm số", "Thứ hạng", "Điểm số", "Thứ hạng"],
    ],
    pages: [
      [
        ["1", "Chi phí gia nhập thị trường", "6,74", "58/63", "7,68", "38/63"],
        ["2", "Tính minh bạch và tiếp cận thông tin", "6,19", "52/63", "6,84", "15/63"],
        ["", "CHỈ SỐ CHUNG", "65,08", "54/63", "67,45", "36/63"],
      ],
    ],
  },
];

const PREAMBLE = ["UBND XÃ AN BÌNH", "BÁO CÁO", "Kết quả công tác cải cách hành chính năm 2024", "I. KẾT QUẢ THỰC HIỆN", "Kết quả được tổng hợp tại bảng dưới đây."];

/** The header rows as full grid rows: covered positions "" (text) or marked (Word). */
function headerGrid(f) {
  const width = f.pages[0][0].length;
  const rows = f.header.map(() => []);
  f.header[0].forEach((c) => {
    const cell = typeof c === "string" ? { text: c } : c;
    rows[0].push({ text: cell.text, span: cell.span ?? 1, down: cell.rows === 2 });
    for (let k = 1; k < (cell.span ?? 1); k++) rows[0].push({ covered: "left" });
  });
  if (f.header[1]) {
    const second = [...f.header[1]];
    for (let c = 0; c < width; c++) {
      const top = rows[0][c];
      rows[1].push(top.down ? { covered: "up" } : { text: second.shift(), span: 1 });
    }
  }
  return rows;
}

function txt(f) {
  const grid = headerGrid(f);
  const line = (cells) => cells.join("\t");
  const header = grid.map((r) => line(r.map((c) => (c.covered ? "" : c.text))));
  const parts = [...PREAMBLE, f.title];
  // A table split over pages prints as two TAB blocks, the second repeating the header.
  for (const page of f.pages) parts.push([...header, ...page.map(line)].join("\n"));
  parts.push("Nơi nhận:\t\n- Như trên;\tCHỦ TỊCH");
  return `${parts.join("\n\n")}\n`;
}

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (t, pageBreak = false) => `<w:p>${pageBreak ? '<w:r><w:br w:type="page"/></w:r>' : ""}${t ? `<w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r>` : ""}</w:p>`;

function wordTable(f, page) {
  const grid = headerGrid(f);
  const width = page[0].length;
  const head = grid.map((r, ri) => {
    const tcs = [];
    r.forEach((c) => {
      if (c.covered === "left") return;
      if (c.covered === "up") tcs.push(`<w:tc><w:tcPr><w:vMerge/></w:tcPr>${para("")}</w:tc>`);
      else {
        const pr = `${c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : ""}${c.down && ri === 0 ? '<w:vMerge w:val="restart"/>' : ""}`;
        tcs.push(`<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}${para(c.text)}</w:tc>`);
      }
    });
    return `<w:tr><w:trPr><w:tblHeader/></w:trPr>${tcs.join("")}</w:tr>`;
  });
  const body = page.map((r) => `<w:tr>${r.map((t) => `<w:tc>${para(t)}</w:tc>`).join("")}</w:tr>`);
  return `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1500"/>'.repeat(width)}</w:tblGrid>${head.join("")}${body.join("")}</w:tbl>`;
}

async function docx(f) {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const blocks = [...PREAMBLE, f.title].map((t) => para(t));
  f.pages.forEach((page, i) => {
    if (i > 0) blocks.push(para("\u00a0", true));
    blocks.push(wordTable(f, page));
  });
  blocks.push(para("Nơi nhận:"), para("CHỦ TỊCH"));
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
  add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${blocks.join("")}<w:sectPr/></w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

// pdf-lib names font subsets with Math.random; a seeded generator keeps the output stable.
let seed = 42;
Math.random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const FONTS = "/usr/share/fonts/truetype/dejavu";
const A4 = [595.28, 841.89];
const LEFT = 50;
const RIGHT = 545;

function wrap(text, font, size, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A ruled table; `rows` are arrays of { text, span }. Returns the y below it. */
function drawTable(page, font, y, widths, rows, size = 9) {
  const edges = widths.reduce((acc, w) => [...acc, acc[acc.length - 1] + w], [LEFT]);
  const total = edges[edges.length - 1] - LEFT;
  let top = y;
  const tops = [top];
  for (const row of rows) {
    let col = 0;
    const laid = row.map((cell) => {
      const at = col;
      col += cell.span;
      return { at, span: cell.span, lines: cell.text ? wrap(cell.text, font, size, edges[at + cell.span] - edges[at] - 6) : [] };
    });
    const height = Math.max(1, ...laid.map((c) => c.lines.length)) * size * 1.25 + 6;
    for (const c of laid) {
      c.lines.forEach((line, k) => page.drawText(line, { x: edges[c.at] + 3, y: top - 3 - size * (k + 1) * 1.1, size, font }));
      if (c.at + c.span < widths.length) page.drawLine({ start: { x: edges[c.at + c.span], y: top }, end: { x: edges[c.at + c.span], y: top - height }, thickness: 0.5 });
    }
    top -= height;
    tops.push(top);
  }
  for (const t of tops.slice(1, -1)) page.drawLine({ start: { x: LEFT, y: t }, end: { x: LEFT + total, y: t }, thickness: 0.5 });
  const black = rgb(0, 0, 0);
  page.drawRectangle({ x: LEFT, y: y - 0.4, width: total, height: 0.8, color: black });
  page.drawRectangle({ x: LEFT, y: top - 0.4, width: total, height: 0.8, color: black });
  page.drawRectangle({ x: LEFT - 0.4, y: top, width: 0.8, height: y - top, color: black });
  page.drawRectangle({ x: LEFT + total - 0.4, y: top, width: 0.8, height: y - top, color: black });
  return top;
}

async function pdf(f) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer("baocao scripts/make-table-fixtures.mjs (pdf-lib)");
  doc.setCreator("baocao");
  const font = await doc.embedFont(readFileSync(join(FONTS, "DejaVuSerif.ttf")), { subset: true });
  const width = f.pages[0][0].length;
  // Label columns wide, value columns narrow.
  const weights = f.pages[0][0].map((_, c) => (c === 0 ? 0.5 : c === 1 ? 2.4 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => ((RIGHT - LEFT) * w) / sum);
  const header = headerGrid(f).map((r) => r.filter((c) => c.covered !== "left").map((c) => ({ text: c.covered ? "" : c.text, span: c.span ?? 1 })));
  f.pages.forEach((body, i) => {
    const page = doc.addPage(A4);
    let y = A4[1] - 60;
    const lines = i === 0 ? [...PREAMBLE, f.title] : [];
    for (const t of lines) {
      page.drawText(t, { x: LEFT, y, size: 11, font });
      y -= 20;
    }
    y = drawTable(page, font, y - 4, widths, [...header, ...body.map((r) => r.map((text) => ({ text, span: 1 })))]);
    if (i === f.pages.length - 1) page.drawText("Nơi nhận:", { x: LEFT, y: y - 30, size: 11, font });
    const n = String(i + 1);
    page.drawText(n, { x: (A4[0] - font.widthOfTextAtSize(n, 10)) / 2, y: 30, size: 10, font });
    if (width < 0) throw new Error("unreachable");
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

mkdirSync(OUT, { recursive: true });
for (const f of FIXTURES) {
  writeFileSync(join(OUT, `${f.name}.txt`), txt(f));
  writeFileSync(join(OUT, `${f.name}.docx`), await docx(f));
  writeFileSync(join(OUT, `${f.name}.pdf`), await pdf(f));
}
writeFileSync(join(OUT, "fixtures.json"), `${JSON.stringify(FIXTURES, null, 1)}\n`);
process.stdout.write(`${FIXTURES.length * 3} fixtures written to ${OUT}\n`);
