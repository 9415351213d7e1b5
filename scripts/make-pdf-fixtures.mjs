#!/usr/bin/env node
/**
 * Builds the PDF fixtures in test/fixtures/pdf/ with pdf-lib: a second producer, unlike the
 * LibreOffice that printed the samples (pdf-lib writes one text object per string, no space
 * items, no paragraph structure). Vietnamese text uses DejaVu Serif embedded as a subset
 * (/usr/share/fonts/truetype/dejavu, package fonts-dejavu-core). The encrypted fixtures are
 * made from a pdf-lib file by `qpdf` (apt-get install -y qpdf).
 *
 * Run: node scripts/make-pdf-fixtures.mjs   (deterministic output except the two encrypted
 * files, whose AES key qpdf draws at random; commit the files, so tests need neither the fonts
 * nor qpdf).
 */
import fontkit from "@pdf-lib/fontkit";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import {
  beginText,
  concatTransformationMatrix,
  decodePDFRawStream,
  drawObject,
  endText,
  moveText,
  PDFDocument,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFontAndSize,
  setLineWidth,
  showText,
  stroke,
} from "pdf-lib";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "pdf");
const FONTS = "/usr/share/fonts/truetype/dejavu";
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");
const A4 = [595.28, 841.89];
const LEFT = 85;
const RIGHT = 552.5;

// pdf-lib names font subsets with Math.random; a seeded generator keeps the output stable.
let seed = 42;
Math.random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

async function newDoc() {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer("baocao scripts/make-pdf-fixtures.mjs (pdf-lib)");
  doc.setCreator("baocao");
  const regular = await doc.embedFont(readFileSync(join(FONTS, "DejaVuSerif.ttf")), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(FONTS, "DejaVuSerif-Bold.ttf")), { subset: true });
  return { doc, regular, bold };
}

/** Greedy word wrap to `width` points. */
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

/**
 * A flowing text cursor: paragraphs wrap at the text column, lines 1.3 em apart, paragraphs
 * separated by `gap` extra points. `y` is the baseline, pdf-lib coordinates (origin bottom-left).
 */
function cursor(page, fonts, y = A4[1] - 80) {
  return {
    page,
    y,
    para(text, { bold = false, size = 13, gap = 6, center = false } = {}) {
      const font = bold ? fonts.bold : fonts.regular;
      for (const line of wrap(text, font, size, RIGHT - LEFT)) {
        const w = font.widthOfTextAtSize(line, size);
        const x = center ? (LEFT + RIGHT - w) / 2 : LEFT;
        this.page.drawText(line, { x, y: this.y, size, font });
        this.y -= size * 1.3;
      }
      this.y -= gap;
    },
  };
}

/**
 * Draw a ruled table. `rows` are arrays of cells `{ text, span?, bold? }`; text wraps inside
 * its cell. Inner borders are stroked lines; the outer border is four thin filled rectangles
 * (the other common way producers draw rules). Returns the y below the table.
 */
function table(page, fonts, { x = LEFT, y, widths, rows, size = 11 }) {
  const total = widths.reduce((a, b) => a + b, 0);
  const edges = widths.reduce((acc, w) => [...acc, acc[acc.length - 1] + w], [x]);
  let top = y;
  const rowTops = [top];
  for (const row of rows) {
    let col = 0;
    const laid = row.map((cell) => {
      const span = cell.span ?? 1;
      const width = edges[col + span] - edges[col] - 6;
      const font = cell.bold ? fonts.bold : fonts.regular;
      const lines = cell.text ? wrap(cell.text, font, size, width) : [];
      const at = col;
      col += span;
      return { lines, font, at, span };
    });
    const height = Math.max(1, ...laid.map((c) => c.lines.length)) * size * 1.25 + 6;
    for (const c of laid) {
      c.lines.forEach((line, k) => page.drawText(line, { x: edges[c.at] + 3, y: top - 3 - size * (k + 1) * 1.1, size, font: c.font }));
      // Inner vertical border at the cell's right edge, for this row only.
      if (c.at + c.span < widths.length)
        page.drawLine({ start: { x: edges[c.at + c.span], y: top }, end: { x: edges[c.at + c.span], y: top - height }, thickness: 0.5 });
    }
    top -= height;
    rowTops.push(top);
  }
  for (const t of rowTops.slice(1, -1)) page.drawLine({ start: { x, y: t }, end: { x: x + total, y: t }, thickness: 0.5 });
  const black = rgb(0, 0, 0);
  page.drawRectangle({ x, y: y - 0.4, width: total, height: 0.8, color: black });
  page.drawRectangle({ x, y: top - 0.4, width: total, height: 0.8, color: black });
  page.drawRectangle({ x: x - 0.4, y: top, width: 0.8, height: y - top, color: black });
  page.drawRectangle({ x: x + total - 0.4, y: top, width: 0.8, height: y - top, color: black });
  return top;
}

function pageNumber(page, fonts, text) {
  const w = fonts.regular.widthOfTextAtSize(text, 10);
  page.drawText(text, { x: (A4[0] - w) / 2, y: 30, size: 10, font: fonts.regular });
}

function runningHead(page, fonts) {
  page.drawText("UBND XÃ PHƯƠNG ĐỊNH - Báo cáo CCHC năm 2024", { x: LEFT, y: A4[1] - 35, size: 9, font: fonts.regular });
}

async function save(doc, name) {
  writeFileSync(join(OUT, name), await doc.save({ useObjectStreams: false }));
  console.log("wrote", name);
}

const HEADER = [
  [{ text: "STT", bold: true }, { text: "Chỉ tiêu", bold: true }, { text: "Kết quả", bold: true, span: 2 }, { text: "Ghi chú", bold: true }],
  [{ text: "" }, { text: "" }, { text: "Đơn vị tính", bold: true }, { text: "Số liệu", bold: true }, { text: "" }],
];
const WIDTHS = [40, 220, 80, 70, 57.5];

/** Paragraphs, headings, NFD text, a ruled table with a merged cell, page numbers, a paragraph running over a page. */
async function secondProducer() {
  const { doc, regular, bold } = await newDoc();
  const fonts = { regular, bold };
  const p1 = doc.addPage(A4);
  const c = cursor(p1, fonts);
  c.para("BÁO CÁO", { bold: true, center: true });
  c.para("Kết quả công tác cải cách hành chính năm 2024", { center: true, gap: 10 });
  c.para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", { bold: true });
  c.para(
    "Căn cứ Kế hoạch số 02/KH-UBND ngày 09/01/2024 của UBND huyện về cải cách hành chính năm 2024, UBND xã đã xây dựng và ban hành Kế hoạch cải cách hành chính làm cơ sở để tổ chức triển khai các nhiệm vụ trong năm.",
    { gap: 0 },
  );
  // No extra gap: only the short last line above separates these two paragraphs.
  c.para("Thường xuyên cập nhật các văn bản chỉ đạo của cấp trên.".normalize("NFD"));
  c.y -= 6;
  c.y = table(p1, fonts, {
    y: c.y,
    widths: WIDTHS,
    rows: [
      ...HEADER,
      [{ text: "1" }, { text: "Số văn bản chỉ đạo CCHC đã ban hành trong kỳ báo cáo" }, { text: "Văn bản" }, { text: "12" }, { text: "" }],
      [{ text: "2" }, { text: "Tỷ lệ hồ sơ giải quyết đúng hạn" }, { text: "%" }, { text: "317/1.034 = 31%" }, { text: "" }],
    ],
  }) - 24;
  const body =
    "Tổ chức tuyên truyền trên hệ thống truyền thanh và trang thông tin điện tử của xã về công tác cải cách hành chính, trọng tâm là cải cách thủ tục hành chính, lợi ích của việc sử dụng các dịch vụ công trực tuyến; vai trò, trách nhiệm của cấp ủy Đảng, chính quyền và người đứng đầu đối với sự phát triển kinh tế - xã hội của địa phương.";
  // The paragraph's first lines end page 1; its rest starts page 2 (as a word processor would flow it).
  const lines = wrap(body, regular, 13, RIGHT - LEFT);
  c.y = 100;
  lines.slice(0, 3).forEach((l) => (p1.drawText(l, { x: LEFT, y: c.y, size: 13, font: regular }), (c.y -= 16.9)));
  pageNumber(p1, fonts, "Trang 1");
  const p2 = doc.addPage(A4);
  const c2 = cursor(p2, fonts);
  lines.slice(3).forEach((l) => (p2.drawText(l, { x: LEFT, y: c2.y, size: 13, font: regular }), (c2.y -= 16.9)));
  c2.y -= 6;
  c2.para("II. KẾT QUẢ THỰC HIỆN", { bold: true });
  pageNumber(p2, fonts, "- 2 -");
  await save(doc, "second-producer.pdf");
}

/** Aligned columns without any rules. */
async function unruledTable() {
  const { doc, regular, bold } = await newDoc();
  const page = doc.addPage(A4);
  const c = cursor(page, { regular, bold });
  c.para("Bảng 1. Kết quả giải quyết hồ sơ", { bold: true });
  const cols = [LEFT, 140, 430];
  const rows = [
    ["STT", "Chỉ tiêu", "Số liệu"],
    ["1", "Tổng số hồ sơ tiếp nhận", "1.034"],
    ["2", "Số hồ sơ giải quyết đúng hạn", "317"],
    ["3", "Tỷ lệ đúng hạn", "31%"],
  ];
  for (const row of rows) {
    row.forEach((t, k) => page.drawText(t, { x: cols[k], y: c.y, size: 12, font: k === 1 || rows[0] !== row ? regular : bold }));
    c.y -= 18;
  }
  c.y -= 10;
  c.para("Số liệu tính đến ngày 14/12/2024.");
  await save(doc, "unruled-table.pdf");
}

/** One table over three pages, header rows repeated on each page, running head on every page. */
async function tableThreePages() {
  const { doc, regular, bold } = await newDoc();
  const fonts = { regular, bold };
  let n = 1;
  for (let p = 1; p <= 3; p++) {
    const page = doc.addPage(A4);
    runningHead(page, fonts);
    const c = cursor(page, fonts);
    if (p === 1) c.para("Phụ lục: Biểu mẫu thống kê", { bold: true, center: true });
    const body = [];
    for (let k = 0; k < 4; k++, n++) body.push([{ text: String(n) }, { text: `Chỉ tiêu số ${n}` }, { text: "Hồ sơ" }, { text: String(n * 10) }, { text: "" }]);
    table(page, fonts, { y: c.y, widths: WIDTHS, rows: [...HEADER, ...body] });
    pageNumber(page, fonts, String(p));
  }
  await save(doc, "table-three-pages.pdf");
}

/** A row whose label runs over the page break: the rest of the row starts page 2 under the repeated header. */
async function rowSplit() {
  const { doc, regular, bold } = await newDoc();
  const fonts = { regular, bold };
  const p1 = doc.addPage(A4);
  table(p1, fonts, {
    y: 200,
    widths: WIDTHS,
    rows: [...HEADER, [{ text: "1" }, { text: "Số văn bản đã ban hành" }, { text: "Văn bản" }, { text: "12" }, { text: "" }], [{ text: "2" }, { text: "Số thủ tục hành chính được" }, { text: "" }, { text: "" }, { text: "" }]],
  });
  const p2 = doc.addPage(A4);
  table(p2, fonts, {
    y: A4[1] - 80,
    widths: WIDTHS,
    rows: [...HEADER, [{ text: "" }, { text: "cung cấp trực tuyến toàn trình" }, { text: "Thủ tục" }, { text: "74" }, { text: "" }], [{ text: "3" }, { text: "Số hồ sơ tiếp nhận" }, { text: "Hồ sơ" }, { text: "1.034" }, { text: "" }]],
  });
  await save(doc, "row-split.pdf");
}

/** The two-column header block of an official letter, laid out without rules, then the title. */
async function headerBlock() {
  const { doc, regular, bold } = await newDoc();
  const page = doc.addPage(A4);
  const centred = (text, cx, y, font) => page.drawText(text, { x: cx - font.widthOfTextAtSize(text, 11) / 2, y, size: 11, font });
  const rows = [
    ["UBND HUYỆN TRỰC NINH", regular, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold],
    ["UBND XÃ PHƯƠNG ĐỊNH", bold, "Độc lập - Tự do - Hạnh phúc", bold],
    ["Số: 09/BC-UBND", regular, "Phương Định, ngày 08 tháng 3 năm 2024", regular],
  ];
  let y = A4[1] - 70;
  for (const [left, lf, right, rf] of rows) {
    centred(left, 155, y, lf);
    centred(right, 405, y, rf);
    y -= 16;
  }
  const c = cursor(page, { regular, bold }, y - 20);
  c.para("BÁO CÁO", { bold: true, center: true });
  c.para("Kết quả công tác cải cách hành chính Quý I năm 2024", { center: true });
  await save(doc, "header-block.pdf");
}

/** A grey 1-bit-looking PNG (no text layer), written by hand so the script needs no image library. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 3) % 11 < 2 ? 0 : 255;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * An e-signed letter as signing software leaves it: the header prints "Số:" and the date with
 * blanks, and signature-field widgets (/FT /Sig) draw the number and the day into the blanks
 * from their appearance streams (the iText layering: the appearance paints a form that paints
 * the text layer, here moved by its /Matrix). A third widget over the signature block draws
 * only a seal image inside a stroked frame: no text, and its frame is not a table. The page's
 * own text has blanks, so without the fields the number and the day are missing.
 */
async function eSigned() {
  const { doc, regular, bold } = await newDoc();
  const page = doc.addPage(A4);
  const size = 11;
  const centred = (text, cx, y, font) => page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font });
  let y = A4[1] - 70;
  centred("UBND HUYỆN TRỰC NINH", 155, y, regular);
  centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 405, y, bold);
  y -= 16;
  centred("UBND XÃ PHƯƠNG ĐỊNH", 155, y, bold);
  centred("Độc lập - Tự do - Hạnh phúc", 405, y, bold);
  y -= 20;
  // "Số:" then a blank of 40 pt, then "/BC-UBND"; "…, ngày" then a blank, then "tháng 3 năm 2024".
  const numX = 100;
  page.drawText("Số:", { x: numX, y, size, font: regular });
  const blankAt = numX + regular.widthOfTextAtSize("Số: ", size);
  page.drawText("/BC-UBND", { x: blankAt + 40, y, size, font: regular });
  const dateX = 300;
  const before = "Phương Định, ngày";
  page.drawText(before, { x: dateX, y, size, font: regular });
  const dayAt = dateX + regular.widthOfTextAtSize(before, size);
  page.drawText("tháng 3 năm 2024", { x: dayAt + 24, y, size, font: regular });
  const headerY = y;
  const c = cursor(page, { regular, bold }, y - 40);
  c.para("BÁO CÁO", { bold: true, center: true });
  c.para("Kết quả công tác cải cách hành chính Quý I năm 2024", { center: true, gap: 12 });
  c.para("UBND xã báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024 như sau: các nhiệm vụ đề ra trong kế hoạch đều được triển khai đúng tiến độ.");

  const fields = [];
  /** A /Sig widget at `rect` whose appearance paints `ops` (in a nested form moved by `matrix`). */
  const widget = (name, rect, ops, resources, matrix = [1, 0, 0, 1, 0, 0]) => {
    const [x0, y0, x1, y1] = rect;
    const w = x1 - x0;
    const h = y1 - y0;
    const inner = doc.context.register(doc.context.formXObject(ops, { BBox: [0, 0, w, h], Matrix: matrix, Resources: resources }));
    const outer = doc.context.register(
      doc.context.formXObject([pushGraphicsState(), drawObject("n2"), popGraphicsState()], { BBox: [0, 0, w, h], Resources: { XObject: { n2: inner } } }),
    );
    const ref = doc.context.register(
      doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Sig", T: PDFString.of(name), Rect: rect, F: 4, P: page.ref, AP: { N: outer } }),
    );
    page.node.addAnnot(ref);
    fields.push(ref);
  };
  const fieldText = (text, dx) => [beginText(), setFontAndSize("F1", size), moveText(dx, 3), showText(regular.encodeText(text)), endText()];
  // The number field covers the blank; its text layer is shifted 2 pt right by the form's /Matrix.
  widget("Signature1", [blankAt - 2, headerY - 5, blankAt + 160, headerY + 15], fieldText("09", 0), { Font: { F1: regular.ref } }, [1, 0, 0, 1, 2, 2]);
  widget("Signature2", [dayAt + 1, headerY - 5, dayAt + 40, headerY + 15], fieldText(" 08", 0), { Font: { F1: regular.ref } }, [1, 0, 0, 1, 0, 2]);
  const seal = await doc.embedPng(png(40, 40));
  widget(
    "Signature3",
    [330, c.y - 120, 480, c.y - 20],
    [setLineWidth(0.8), rectangle(1, 1, 148, 98), stroke(), pushGraphicsState(), concatTransformationMatrix(80, 0, 0, 80, 35, 10), drawObject("Im1"), popGraphicsState()],
    { XObject: { Im1: seal.ref } },
  );
  doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: fields, SigFlags: 3 }));
  await save(doc, "e-signed.pdf");
}

/**
 * The two-column blocks of an official letter without a table to hold them, as word processors
 * print them: the header (a central body on one line beside the two-line national motto, then
 * "Số:" beside the date, and the "V/v" subject under the number) and, after the body, the
 * recipients "Nơi nhận:" in 11 pt on the left beside the signature block in 13 pt on the right,
 * so the two columns' baselines differ; the signer's name sits under the signature space,
 * centred under the title lines; a footnote closes the page.
 */
async function signatureBlock() {
  const { doc, regular, bold } = await newDoc();
  const page = doc.addPage(A4);
  const draw = (text, x, y, size, font) => page.drawText(text, { x, y, size, font });
  const centred = (text, cx, y, size, font) => draw(text, cx - font.widthOfTextAtSize(text, size) / 2, y, size, font);
  let y = A4[1] - 60;
  centred("BỘ NỘI VỤ", 160, y, 13, bold);
  centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 410, y, 12, bold);
  y -= 16;
  centred("Độc lập - Tự do - Hạnh phúc", 410, y, 13, bold);
  y -= 30;
  centred("Số: 8151/BNV-CCHC", 160, y, 13, regular);
  centred("Hà Nội, ngày 18 tháng 9 năm 2025", 410, y, 13, regular);
  y -= 18;
  centred("V/v góp ý dự thảo Báo cáo sơ kết", 160, y, 11, regular);
  y -= 13;
  centred("Chương trình cải cách hành chính", 160, y, 11, regular);
  const c = cursor(page, { regular, bold }, y - 36);
  c.para("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.", { center: true });
  c.para("Bộ Nội vụ đề nghị các cơ quan, đơn vị nghiên cứu, góp ý dự thảo và gửi văn bản về Bộ Nội vụ trước ngày 30/9/2025 để tổng hợp, hoàn thiện./.");
  y = c.y - 10;
  const rightX = 415;
  const left = ["- Như trên;", "- Bộ trưởng (để b/c);", "- Các Thứ trưởng;", "- Vụ Tổ chức cán bộ, các đơn vị", "thuộc Bộ Nội vụ;", "- Lưu: VT, CCHC."];
  draw("Nơi nhận:", LEFT, y, 12, bold);
  centred("KT. BỘ TRƯỞNG", rightX, y - 1, 13, bold);
  centred("THỨ TRƯỞNG", rightX, y - 16, 13, bold);
  let ly = y - 13;
  for (const t of left) {
    draw(t, t.startsWith("-") ? LEFT : LEFT + 8, ly, 11, regular);
    ly -= 12.7;
  }
  centred("Nguyễn Văn Hồi", rightX, y - 100, 13, bold);
  page.drawLine({ start: { x: LEFT, y: 80 }, end: { x: LEFT + 120, y: 80 }, thickness: 0.5 });
  draw("1 Chi tiết liên hệ: Vụ Cải cách hành chính, Bộ Nội vụ; điện thoại 024 0000 0000, thư điện tử cchc@example.vn.", LEFT, 66, 9, regular);
  await save(doc, "signature-block.pdf");
}

/**
 * The wrong letter for a character, as a broken ToUnicode map gives it: letters with
 * diacritics lose them or become digits, some plain letters change case ("Lâm Đồng" →
 * "Lam D6ng", "CỘNG HÒA" → "cONG HoA"-like garbage, as real files with a bad layer read).
 */
function garble(ch) {
  const base = ch.normalize("NFD")[0];
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === "đ" || ch === "Đ") return ch === "đ" ? "d" : "D";
  if (base !== ch && /\p{L}/u.test(base)) return cp % 3 ? base : String(cp % 10);
  if (!/\p{L}/u.test(ch) || cp % 5) return ch;
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}

/**
 * A text layer that is not the text: page 1 is good text; page 2 is drawn in a second embedding
 * of the font whose ToUnicode map points glyphs at wrong letters (see garble), so the page looks
 * right but its text layer reads as garbage. It has no image: its only ink is its glyphs.
 */
async function garbledTextLayer() {
  const { doc, regular, bold } = await newDoc();
  const broken = await doc.embedFont(readFileSync(join(FONTS, "DejaVuSerif.ttf")), { subset: true });
  const p1 = doc.addPage(A4);
  const c1 = cursor(p1, { regular, bold });
  c1.para("THÔNG BÁO", { bold: true, center: true });
  c1.para("Kết luận của Chủ tịch Ủy ban nhân dân xã tại buổi làm việc về cải cách hành chính, chuyển đổi số và nâng cao chất lượng phục vụ người dân.");
  const p2 = doc.addPage(A4);
  const c2 = cursor(p2, { regular: broken, bold: broken });
  c2.para("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  c2.para("Độc lập - Tự do - Hạnh phúc. Thông báo kết luận của đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc nghe báo cáo đánh giá kết quả và giải pháp nâng cao các chỉ số cải cách hành chính, chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính.");
  await doc.flush();
  const fontDict = doc.context.lookup(broken.ref);
  const cmapRef = fontDict.get(PDFName.of("ToUnicode"));
  const cmap = Buffer.from(decodePDFRawStream(doc.context.lookup(cmapRef)).decode()).toString("latin1");
  const wrong = cmap.replace(/^(<[0-9a-f]{4}>) <([0-9a-f]+)>$/gim, (_, id, hex) => {
    const text = String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    const out = [...text].map(garble).join("");
    return `${id} <${[...out].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("")}>`;
  });
  doc.context.assign(cmapRef, doc.context.flateStream(wrong));
  await save(doc, "garbled-text-layer.pdf");
}

/** Page 1 text, page 2 only an image (a scanned page in a mixed file). */
async function imageOnlyPage() {
  const { doc, regular, bold } = await newDoc();
  const p1 = doc.addPage(A4);
  cursor(p1, { regular, bold }).para("Trang này có lớp văn bản.");
  const p2 = doc.addPage(A4);
  const img = await doc.embedPng(png(120, 160));
  p2.drawImage(img, { x: 50, y: 50, width: 495, height: 742 });
  await save(doc, "image-only-page.pdf");
}

/** Every page an image: a scan with no text layer at all. */
async function scanOnly() {
  const { doc } = await newDoc();
  const img = await doc.embedPng(png(120, 160));
  for (let p = 0; p < 2; p++) doc.addPage(A4).drawImage(img, { x: 50, y: 50, width: 495, height: 742 });
  await save(doc, "scan-only.pdf");
}

/** Encrypted with a user password (cannot open) and with only an owner password (opens). */
async function encrypted() {
  const { doc, regular, bold } = await newDoc();
  const page = doc.addPage(A4);
  cursor(page, { regular, bold }).para("Nội dung được bảo vệ.");
  const plain = join(OUT, "plain.tmp.pdf");
  writeFileSync(plain, await doc.save({ useObjectStreams: false }));
  const qpdf = (user, out) =>
    execFileSync("qpdf", ["--static-id", "--static-aes-iv", "--encrypt", user, "owner-secret", "256", "--", plain, join(OUT, out)]);
  qpdf("user-secret", "encrypted-user-password.pdf");
  qpdf("", "encrypted-owner-only.pdf");
  rmSync(plain);
  console.log("wrote encrypted-user-password.pdf, encrypted-owner-only.pdf");
}

/** A PDF header followed by garbage and a truncated object: not parseable. */
function corrupt() {
  writeFileSync(join(OUT, "corrupt.pdf"), "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf object stream )))\n");
  console.log("wrote corrupt.pdf");
}

mkdirSync(OUT, { recursive: true });
await secondProducer();
await unruledTable();
await headerBlock();
await tableThreePages();
await rowSplit();
await eSigned();
await signatureBlock();
await garbledTextLayer();
await imageOnlyPage();
await scanOnly();
await encrypted();
corrupt();
