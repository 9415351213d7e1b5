#!/usr/bin/env node
/**
 * Builds the OCR fixtures in test/fixtures/ocr/: small image-only PDFs like the corpus scans
 * (a page drawn at 200 dpi, thresholded to black and white, embedded as one greyscale image
 * over the whole page, no text layer).
 *
 * - ocr-ruled-table.pdf: a title, a ruled indicator table (STT | Chỉ tiêu | Đơn vị tính | Số
 *   liệu) with a bold Roman group row, and a note under the table. The value of the last row
 *   is smudged with speckles so OCR reads it with low confidence.
 * - ocr-plain-text.pdf: a bold Roman heading and two paragraphs of wrapped body text.
 * - ocr-letter-blank-page.pdf: a one-page report in the national layout (header block: issuer
 *   and number on the left, motto and date on the right; "Nơi nhận" beside the signature block),
 *   scanned in colour with a red incoming-mail stamp ("ĐẾN", "Số: 999", a date) over the left
 *   margin and a blue pen stroke over the signature, followed by a blank page with copier dust.
 * - ocr-blank.pdf: one scanned blank sheet with copier dust.
 *
 * Text is drawn with @napi-rs/canvas in DejaVu Serif (/usr/share/fonts/truetype/dejavu, package
 * fonts-dejavu-core); the PDF is written by pdf-lib. Output is deterministic (seeded speckles,
 * fixed dates). Run: node scripts/make-ocr-fixtures.mjs, and commit the files, so tests need
 * neither the fonts nor this script.
 */
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "ocr");
const FONTS = "/usr/share/fonts/truetype/dejavu";
const DPI = 200;
const PX = DPI / 72;
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");

GlobalFonts.registerFromPath(join(FONTS, "DejaVuSerif.ttf"), "FixtureSerif");
GlobalFonts.registerFromPath(join(FONTS, "DejaVuSerif-Bold.ttf"), "FixtureSerifBold");

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

/** A white page of `w` × `h` points as a canvas at 200 dpi, with helpers in points. */
function page(w, h) {
  const canvas = createCanvas(Math.round(w * PX), Math.round(h * PX));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  ctx.strokeStyle = "#000";
  const text = (s, x, y, { size = 12, bold = false, align = "left" } = {}) => {
    ctx.font = `${size * PX}px ${bold ? "FixtureSerifBold" : "FixtureSerif"}`;
    ctx.textAlign = align;
    ctx.fillText(s, x * PX, y * PX);
  };
  const line = (x0, y0, x1, y1) => {
    ctx.lineWidth = 0.75 * PX;
    ctx.beginPath();
    ctx.moveTo(x0 * PX, y0 * PX);
    ctx.lineTo(x1 * PX, y1 * PX);
    ctx.stroke();
  };
  /** Draw a line of words spread to end exactly at `right` (justified, as the reports print). */
  const justify = (s, x, y, right, { size = 13 } = {}) => {
    ctx.font = `${size * PX}px FixtureSerif`;
    ctx.textAlign = "left";
    const words = s.split(" ");
    const width = words.reduce((sum, w) => sum + ctx.measureText(w).width, 0);
    const gap = (right * PX - x * PX - width) / (words.length - 1);
    let at = x * PX;
    for (const w of words) {
      ctx.fillText(w, at, y * PX);
      at += ctx.measureText(w).width + gap;
    }
  };
  const speckle = (x0, y0, x1, y1, count) => {
    for (let i = 0; i < count; i++) {
      const x = (x0 + random() * (x1 - x0)) * PX;
      const y = (y0 + random() * (y1 - y0)) * PX;
      ctx.fillRect(x, y, 1.2 * PX, 1.2 * PX);
    }
  };
  return { canvas, ctx, text, justify, line, speckle, w, h };
}

/** Threshold to black and white (a 1-bit scan) and encode as an 8-bit greyscale PNG. */
function scanPng(canvas, colour = false) {
  const { width, height } = canvas;
  const rgba = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  // 1-bit black and white by default; a colour scan keeps RGB (PNG colour type 2).
  const channels = colour ? 3 : 1;
  const raw = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const at = y * (width * channels + 1) + 1 + x * channels;
      if (colour) for (let c = 0; c < 3; c++) raw[at + c] = rgba[i + c];
      else raw[at] = rgba[i] < 128 ? 0 : 255;
    }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colour ? 2 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** Write the pages as an image-only PDF: on each page one image painted over the whole page. */
async function save(p, name, { colour = false } = {}) {
  const doc = await PDFDocument.create();
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer("baocao scripts/make-ocr-fixtures.mjs (pdf-lib)");
  doc.setCreator("baocao");
  for (const one of Array.isArray(p) ? p : [p]) {
    const img = await doc.embedPng(scanPng(one.canvas, colour));
    doc.addPage([one.w, one.h]).drawImage(img, { x: 0, y: 0, width: one.w, height: one.h });
  }
  writeFileSync(join(OUT, name), await doc.save({ useObjectStreams: false }));
  console.log(`wrote ${name}`);
}

async function ruledTable() {
  const p = page(595, 330);
  p.text("PHỤ LỤC", 297, 40, { size: 13, bold: true, align: "center" });
  p.text("Số liệu thống kê cải cách hành chính", 297, 60, { size: 13, align: "center" });
  const xs = [60, 100, 360, 450, 540];
  const rows = [
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
    ["1", "Số văn bản chỉ đạo đã ban hành", "Văn bản", "12"],
    ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "98,5"],
    ["II", "CẢI CÁCH THỂ CHẾ", "", ""],
    ["3", "Số thủ tục hành chính được công bố", "Thủ tục", "27"],
  ];
  const top = 80;
  const height = 30;
  const ys = rows.map((_, r) => top + r * height).concat(top + rows.length * height);
  for (const y of ys) p.line(xs[0], y, xs[xs.length - 1], y);
  for (const x of xs) p.line(x, ys[0], x, ys[ys.length - 1]);
  rows.forEach((cells, r) =>
    cells.forEach((s, c) => {
      if (s) p.text(s, xs[c] + 4, ys[r] + 20, { size: 12, bold: r === 0 || r === 3 });
    }),
  );
  // Speckles over the last value: a dirty photocopy, which OCR must flag rather than hide.
  p.speckle(xs[3] + 2, ys[4] + 3, xs[3] + 40, ys[5] - 3, 90);
  p.text("Ghi chú: số liệu tính đến ngày 15/6/2024.", 60, ys[ys.length - 1] + 30, { size: 12 });
  await save(p, "ocr-ruled-table.pdf");
}

async function plainText() {
  const p = page(595, 300);
  p.text("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 70, 50, { size: 13, bold: true });
  const para = [
    ["Ủy ban nhân dân phường đã ban hành kế hoạch cải cách hành chính", 90],
    ["năm 2024 và phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị", 70],
    ["trực thuộc để tổ chức thực hiện.", 70],
  ];
  // Body lines are justified to the right margin except each paragraph's last line, as printed.
  para.forEach(([s, x], i) => (i < para.length - 1 ? p.justify(s, x, 85 + i * 19, 540) : p.text(s, x, 85 + i * 19, { size: 13 })));
  const second = [
    ["Công tác tuyên truyền được thực hiện thường xuyên trên hệ thống loa", 90],
    ["truyền thanh và cổng thông tin điện tử của phường.", 70],
  ];
  second.forEach(([s, x], i) =>
    i < second.length - 1 ? p.justify(s, x, 85 + 3 * 19 + 14 + i * 19, 540) : p.text(s, x, 85 + 3 * 19 + 14 + i * 19, { size: 13 }),
  );
  await save(p, "ocr-plain-text.pdf");
}

async function letterWithBlankPage() {
  const p = page(595, 480);
  const left = 150;
  const right = 400;
  p.text("ỦY BAN NHÂN DÂN", left, 40, { size: 12, align: "center" });
  p.text("XÃ AN BÌNH", left, 56, { size: 12, bold: true, align: "center" });
  p.text("Số: 15/BC-UBND", left, 84, { size: 12, align: "center" });
  p.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right, 40, { size: 12, bold: true, align: "center" });
  p.text("Độc lập - Tự do - Hạnh phúc", right, 56, { size: 12, bold: true, align: "center" });
  p.text("An Bình, ngày 20 tháng 6 năm 2024", right, 84, { size: 12, align: "center" });
  p.text("BÁO CÁO", 297, 124, { size: 13, bold: true, align: "center" });
  p.text("Kết quả cải cách hành chính 6 tháng đầu năm 2024", 297, 142, { size: 13, bold: true, align: "center" });
  p.justify("Ủy ban nhân dân xã báo cáo kết quả cải cách hành chính sáu tháng đầu", 90, 176, 540);
  p.text("năm 2024 như sau.", 70, 195, { size: 13 });
  p.text("Nơi nhận:", 70, 236, { size: 11, bold: true });
  p.text("- UBND huyện;", 70, 251, { size: 11 });
  p.text("- Lưu: VT.", 70, 266, { size: 11 });
  p.text("TM. ỦY BAN NHÂN DÂN", right, 236, { size: 12, bold: true, align: "center" });
  p.text("CHỦ TỊCH", right, 252, { size: 12, bold: true, align: "center" });
  p.text("Nguyễn Văn An", right, 320, { size: 12, bold: true, align: "center" });
  // A red incoming-mail stamp over the left margin (its number and date are not the report's),
  // and a blue pen signature between the title and the name.
  const { ctx } = p;
  ctx.save();
  ctx.strokeStyle = "#d42020";
  ctx.fillStyle = "#d42020";
  ctx.lineWidth = 1.2 * PX;
  ctx.strokeRect(8 * PX, 150 * PX, 120 * PX, 56 * PX);
  ctx.font = `${16 * PX}px FixtureSerifBold`;
  ctx.textAlign = "left";
  ctx.fillText("ĐẾN", 12 * PX, 172 * PX);
  ctx.font = `${10 * PX}px FixtureSerif`;
  ctx.fillText("Số: 999", 60 * PX, 166 * PX);
  ctx.fillText("Ngày: 21/6/2024", 14 * PX, 186 * PX);
  ctx.fillText("Chuyển: VP", 14 * PX, 200 * PX);
  ctx.strokeStyle = "#1f3fb0";
  ctx.lineWidth = 1.5 * PX;
  ctx.beginPath();
  ctx.moveTo(350 * PX, 295 * PX);
  for (let x = 350; x <= 450; x += 5) ctx.lineTo(x * PX, (285 + 12 * Math.sin(x / 6)) * PX);
  ctx.stroke();
  ctx.restore();
  const blank = page(595, 480);
  blank.speckle(40, 40, 555, 440, 25);
  await save([p, blank], "ocr-letter-blank-page.pdf", { colour: true });
}

/** A scan of one blank sheet with copier dust: nothing to read. */
async function blankScan() {
  const p = page(595, 480);
  p.speckle(40, 40, 555, 440, 25);
  await save(p, "ocr-blank.pdf");
}

mkdirSync(OUT, { recursive: true });
await ruledTable();
await plainText();
await letterWithBlankPage();
await blankScan();
