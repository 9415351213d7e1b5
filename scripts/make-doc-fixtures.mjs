#!/usr/bin/env node
/**
 * Builds the .doc fixtures in test/fixtures/doc/. Each .doc is made from a .docx written here
 * the way scripts/make-docx-fixtures.mjs writes them (WordprocessingML zipped with jszip), then
 * converted by LibreOffice (`soffice --headless --convert-to doc`). LibreOffice is the fixture
 * generator and test oracle only: baocao never needs it at run time. The source .docx is kept
 * next to each .doc, so the tests can check that both formats give the same Document.
 *
 * Run: node scripts/make-doc-fixtures.mjs   (needs soffice on PATH; the .docx are deterministic,
 * the .doc carry LibreOffice's save timestamps, so regenerate only on purpose and commit).
 *
 * The damaged files are derived from report.doc: truncated.doc is cut short; encrypted.doc has
 * the FIB's fEncrypted flag set and the text after the FIB scrambled, which is what an encrypted
 * Word 97 file looks like to a reader without the password (LibreOffice's command line cannot
 * set a password); not-word.doc is an OLE2 file holding only an Excel-like "Workbook" stream.
 */
import CFB from "cfb";
import { execFileSync } from "node:child_process";
import JSZip from "jszip";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "doc");
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml"';
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A run; "\n" in text is a line break, "\f" a page break. */
function run(text, { bold, italic } = {}) {
  const rPr = `${bold ? "<w:b/>" : ""}${italic ? "<w:i/>" : ""}`;
  const body = text
    .split(/(\n|\f)/)
    .map((t) => (t === "\n" ? "<w:br/>" : t === "\f" ? '<w:br w:type="page"/>' : t ? `<w:t xml:space="preserve">${esc(t)}</w:t>` : ""))
    .join("");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${body}</w:r>`;
}
const b = (text) => run(text, { bold: true });
const i = (text) => run(text, { italic: true });

/** A paragraph from runs (strings are plain runs, strings starting "<" raw XML). */
function p(runs, { style, numId, ilvl = 0, center } = {}) {
  const pPr =
    (style ? `<w:pStyle w:val="${style}"/>` : "") +
    (numId !== undefined ? `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>` : "") +
    (center ? '<w:jc w:val="center"/>' : "");
  const content = (Array.isArray(runs) ? runs : [runs]).map((r) => (r.startsWith("<") ? r : run(r))).join("");
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${content}</w:p>`;
}

const NO_BORDERS =
  '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';
const BORDERS =
  '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>';

/** A table; a cell is text, paragraph XML, or { content, gridSpan, vMerge }. widths in twips per grid column. */
function tbl(rows, { borderless, widths } = {}) {
  const cols = Math.max(...rows.map((r) => r.cells.reduce((n, c) => n + (c?.gridSpan ?? 1), 0)));
  const w = widths ?? Array(cols).fill(2000);
  const grid = `<w:tblGrid>${w.map((x) => `<w:gridCol w:w="${x}"/>`).join("")}</w:tblGrid>`;
  const trs = rows.map((r) => {
    let col = 0;
    const tcs = r.cells.map((c) => {
      const cell = typeof c === "object" ? c : { content: c };
      const span = cell.gridSpan ?? 1;
      const width = w.slice(col, col + span).reduce((a, x) => a + x, 0);
      col += span;
      const tcPr =
        `<w:tcW w:w="${width}" w:type="dxa"/>` +
        (cell.gridSpan ? `<w:gridSpan w:val="${cell.gridSpan}"/>` : "") +
        (cell.vMerge ? `<w:vMerge${cell.vMerge === "restart" ? ' w:val="restart"' : ""}/>` : "");
      const content = cell.content ?? "";
      const body = content.startsWith("<") ? content : p(content === "" ? [] : content);
      return `<w:tc><w:tcPr>${tcPr}</w:tcPr>${body}</w:tc>`;
    });
    return `<w:tr>${r.header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${tcs.join("")}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${borderless ? NO_BORDERS : BORDERS}</w:tblPr>${grid}${trs.join("")}</w:tbl>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>`;

/** numId 1: "a)" list; numId 2: "1." list; numId 3: headings "I." / "1." bound to Heading1–2. */
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:suff w:val="space"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:suff w:val="space"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`;

const FOOTNOTES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo Kế hoạch số 12/KH-UBND ngày 05/01/2024.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`;

const FOOTNOTE_REF = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>';

/** A VML text box anchored in the run's paragraph. */
const textBox = (text) => `<w:r><w:pict><v:shape style="width:100pt;height:20pt"><v:textbox><w:txbxContent>${p(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;

/** A complex field: instruction dropped, result kept. */
const field = (instr, result) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${esc(instr)} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

async function docx(name, body, { numbering = false, footnotes = false, header } = {}) {
  const zip = new JSZip();
  const add = (path, text) => zip.file(path, text, { date: FIXED_DATE, createFolders: false });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>${numbering ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ""}${footnotes ? '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' : ""}${header ? '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' : ""}</Types>`,
  );
  add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  const rels = [
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    numbering ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : "",
    footnotes ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>' : "",
    header ? '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' : "",
  ].join("");
  add("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`);
  const sectPr = header ? '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/></w:sectPr>' : "<w:sectPr/>";
  add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}${sectPr}</w:body></w:document>`);
  if (header) add("word/header1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${W}>${p(header)}</w:hdr>`);
  add("word/styles.xml", STYLES);
  if (numbering) add("word/numbering.xml", NUMBERING);
  if (footnotes) add("word/footnotes.xml", FOOTNOTES);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  writeFileSync(join(OUT, name), bytes);
}

/** Convert test/fixtures/doc/NAME.docx to NAME.doc with LibreOffice. */
function toDoc(name) {
  const dir = mkdtempSync(join(tmpdir(), "baocao-doc-"));
  try {
    // A private profile: a running LibreOffice (or a stale lock) must not swallow the conversion.
    execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "doc", "--outdir", dir, join(OUT, `${name}.docx`)], { stdio: "ignore" });
    writeFileSync(join(OUT, `${name}.doc`), readFileSync(join(dir, `${name}.doc`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(OUT, { recursive: true });

// A report as offices write it: the two-column header block, a bold title and subject, bold
// typed-numbered headings, a footnote, a field, automatic "a)" and "1." lists, a line break, a
// page break before the statistics appendix (header row repeated), the signature block, and
// a page header whose text must stay out of the body.
await docx(
  "report.docx",
  [
    tbl(
      [
        {
          cells: [
            p("UBND TỈNH KHÁNH HÒA", { center: true }) + p(b("SỞ NỘI VỤ"), { center: true }) + p("Số: 15/BC-SNV", { center: true }),
            p(b("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), { center: true }) +
              p(b("Độc lập - Tự do - Hạnh phúc"), { center: true }) +
              p(i("Khánh Hòa, ngày 10 tháng 6 năm 2024"), { center: true }),
          ],
        },
      ],
      { borderless: true, widths: [3600, 5800] },
    ),
    p(b("BÁO CÁO"), { style: "Title", center: true }),
    p(b("Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024"), { center: true }),
    p(b("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")),
    p(["Sở đã ban hành Kế hoạch cải cách hành chính năm 2024", FOOTNOTE_REF, " và công khai trên ", field('HYPERLINK "https://dichvucong.gov.vn"', "Cổng Dịch vụ công quốc gia"), "."]),
    p(b("1. Công tác kiểm tra")),
    p("Tổ chức kiểm tra tại 5 đơn vị;\nkết quả được thông báo bằng văn bản."),
    p(b("II. KẾT QUẢ THỰC HIỆN")),
    p("Hoàn thành đúng hạn", { numId: 1 }),
    p("Còn tồn tại", { numId: 1 }),
    p("Số hồ sơ trực tuyến tăng", { numId: 2 }),
    p(run("Trên đây là báo cáo kết quả công tác cải cách hành chính 6 tháng đầu năm 2024./.")),
    tbl(
      [
        {
          cells: [
            p(run("Nơi nhận:", { bold: true, italic: true })) + p("- UBND tỉnh;") + p("- Lưu: VT."),
            p(b("GIÁM ĐỐC"), { center: true }) + p("", { center: true }) + p(b("Trần Văn Bình"), { center: true }),
          ],
        },
      ],
      { borderless: true, widths: [4600, 4800] },
    ),
    p(["\f", b("PHỤ LỤC")], { center: true }),
    p(b("SỐ LIỆU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH"), { center: true }),
    tbl(
      [
        { header: true, cells: [p(b("STT")), p(b("Chỉ tiêu")), p(b("Đơn vị tính")), p(b("Số liệu"))] },
        { cells: ["1", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "12"] },
        { cells: ["2", "Số thủ tục hành chính được cung cấp trực tuyến toàn trình", "Thủ tục", "74"] },
        { cells: ["2.1", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ", "1.034"] },
        { cells: ["3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "98,5"] },
      ],
      { widths: [700, 5200, 1600, 1400] },
    ),
  ].join(""),
  { numbering: true, footnotes: true, header: "Trang đầu: không thuộc nội dung" },
);
toDoc("report");

// Merged cells: "Kết quả thống kê" over two columns, STT and "Chỉ tiêu" spanning two header
// rows, an STT cell spanning two body rows, and a cell with a line break and two paragraphs.
await docx(
  "merged-cells.docx",
  tbl(
    [
      {
        header: true,
        cells: [
          { content: "STT", vMerge: "restart" },
          { content: "Chỉ tiêu thống kê", vMerge: "restart" },
          { content: "Kết quả thống kê", gridSpan: 2 },
          { content: "Ghi chú", vMerge: "restart" },
        ],
      },
      { header: true, cells: [{ vMerge: "continue" }, { vMerge: "continue" }, "Đơn vị tính", "Số liệu", { vMerge: "continue" }] },
      { cells: [{ content: "1", vMerge: "restart" }, "Số văn bản", "Văn bản", "6", ""] },
      { cells: [{ vMerge: "continue" }, "Trong đó: ban hành mới", "Văn bản", "2", ""] },
      { cells: ["2", p(["Dòng một\ndòng hai"]) + p("đoạn ba"), "%", "100", ""] },
    ],
    { widths: [700, 4000, 1500, 1300, 1500] },
  ) + p(""),
);
toDoc("merged-cells");

// Headings from Word's heading styles numbered automatically (I., 1., 2., II.), a table
// nested in a cell, whose cells become lines of the outer cell, and two text boxes: one anchored
// in a heading (its text follows the heading), one in a cell (its text follows the table).
await docx(
  "headings-nested.docx",
  [
    p(["CÔNG TÁC CHỈ ĐẠO", textBox("DỰ THẢO")], { style: "Heading1" }),
    p("Xây dựng kế hoạch", { style: "Heading2" }),
    p("Kiểm tra", { style: "Heading2" }),
    p("KẾT QUẢ", { style: "Heading1" }),
    tbl([
      { cells: ["STT", p(["Nội dung", textBox("Mẫu số 01")])] },
      { cells: ["1", p("Bảng con:") + tbl([{ cells: ["a", "b"] }, { cells: ["c", "d"] }]) + p("")] },
    ], { widths: [1000, 6000] }),
    p("Kết thúc."),
  ].join(""),
  { numbering: true },
);
toDoc("headings-nested");

const report = readFileSync(join(OUT, "report.doc"));

// Cut short: the container's sectors end before the streams they promise.
writeFileSync(join(OUT, "truncated.doc"), report.subarray(0, Math.floor(report.length * 0.4)));

// Encrypted as Word's RC4 encryption leaves a file: fEncrypted set in the FIB, the rest of the
// stream unreadable without the key.
{
  const cfb = CFB.read(report, { type: "buffer" });
  const entry = CFB.find(cfb, "WordDocument");
  const wd = Buffer.from(entry.content);
  wd.writeUInt16LE(wd.readUInt16LE(0x0a) | 0x0100, 0x0a);
  for (let k = 68, x = 0x5a; k < wd.length; k++, x = (x * 33 + 7) & 0xff) wd[k] ^= x;
  entry.content = wd;
  writeFileSync(join(OUT, "encrypted.doc"), Buffer.from(CFB.write(cfb, { type: "buffer" })));
}

// An OLE2 file that is not a Word document (a spreadsheet's "Workbook" stream), named .doc.
{
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "Workbook", Buffer.from("not a Word document"));
  writeFileSync(join(OUT, "not-word.doc"), Buffer.from(CFB.write(cfb, { type: "buffer" })));
}

console.log(`wrote .doc fixtures to ${OUT}`);
