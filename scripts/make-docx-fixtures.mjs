#!/usr/bin/env node
/**
 * Builds the small .docx fixtures in test/fixtures/docx/ by writing WordprocessingML directly with
 * jszip, so no Word or LibreOffice is needed. Each fixture is named for what it tests.
 * Run: node scripts/make-docx-fixtures.mjs   (output is deterministic; commit the files).
 */
import JSZip from "jszip";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "docx");
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml"';
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A run; `text` may contain "\n" for a line break (w:br). */
function run(text, { bold, italic } = {}) {
  const rPr = `${bold ? "<w:b/>" : ""}${italic ? "<w:i/>" : ""}`;
  const body = text
    .split("\n")
    .map((t) => `<w:t xml:space="preserve">${esc(t)}</w:t>`)
    .join("<w:br/>");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${body}</w:r>`;
}

/** A paragraph from runs (strings or raw run XML) with optional style, numbering and page break. */
function p(runs, { style, numId, ilvl = 0, pageBreakBefore, raw } = {}) {
  const pPr =
    (style ? `<w:pStyle w:val="${style}"/>` : "") +
    (pageBreakBefore ? "<w:pageBreakBefore/>" : "") +
    (numId !== undefined ? `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>` : "");
  const content = (Array.isArray(runs) ? runs : [runs]).map((r) => (r.startsWith("<") ? r : run(r))).join("");
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${content}${raw ?? ""}</w:p>`;
}

const NO_BORDERS = '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';

/**
 * A table. Each row is { cells, header? }; a cell is a string, paragraphs XML (starting "<"), or
 * { content, gridSpan, vMerge: "restart" | "continue" }.
 */
function tbl(rows, { borderless } = {}) {
  const cols = Math.max(...rows.map((r) => r.cells.reduce((n, c) => n + (c?.gridSpan ?? 1), 0)));
  const grid = `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(cols)}</w:tblGrid>`;
  const trs = rows.map((r) => {
    const tcs = r.cells.map((c) => {
      const cell = typeof c === "object" ? c : { content: c };
      const tcPr =
        (cell.gridSpan ? `<w:gridSpan w:val="${cell.gridSpan}"/>` : "") +
        (cell.vMerge ? `<w:vMerge${cell.vMerge === "restart" ? ' w:val="restart"' : ""}/>` : "");
      const content = cell.content ?? "";
      const body = content.startsWith("<") ? content : p(content === "" ? [] : content);
      return `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${body}</w:tc>`;
    });
    return `<w:tr>${r.header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${tcs.join("")}</w:tr>`;
  });
  return `<w:tbl><w:tblPr>${borderless ? NO_BORDERS : ""}</w:tblPr>${grid}${trs.join("")}</w:tbl>`;
}

/** The 2 pt paragraph holding a no-break space and a page break that the corpus puts between tables. */
const SEPARATOR = `<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>\u00a0</w:t></w:r></w:p>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>`;

function lvl(ilvl, fmt, text, { start = 1, restart, suff } = {}) {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/>${restart !== undefined ? `<w:lvlRestart w:val="${restart}"/>` : ""}${suff ? `<w:suff w:val="${suff}"/>` : ""}<w:lvlText w:val="${text}"/></w:lvl>`;
}

/**
 * numId 1: headings I. / 1. / 2.1. (bound to Heading1–3 styles);
 * numId 2: STT column "1.", "2." with a group level "I";
 * numId 3: lowerLetter "a)" list; numId 4: same abstract as 3 restarted at 5 by startOverride;
 * numId 5: bullets.
 */
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">${lvl(0, "upperRoman", "%1.")}${lvl(1, "decimal", "%2.")}${lvl(2, "decimal", "%2.%3.")}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${lvl(0, "upperRoman", "%1", { suff: "nothing" })}${lvl(1, "decimal", "%2.", { restart: 0, suff: "nothing" })}</w:abstractNum>
<w:abstractNum w:abstractNumId="2">${lvl(0, "lowerLetter", "%1)", { suff: "space" })}</w:abstractNum>
<w:abstractNum w:abstractNumId="3">${lvl(0, "bullet", "-")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>`;

function document(body, sectPr = "") {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:sectPr>${sectPr}</w:sectPr></w:body></w:document>`;
}

/** Zip the parts into a .docx with fixed timestamps so reruns give identical bytes. */
async function docx(name, body, { numbering = false, footnotes, header } = {}) {
  const zip = new JSZip();
  const add = (path, text) => zip.file(path, text, { date: FIXED_DATE, createFolders: false });
  add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>${numbering ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ""}${footnotes ? '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' : ""}</Types>`,
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
  add(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
  );
  add("word/document.xml", document(body, header ? '<w:headerReference w:type="default" r:id="rId4"/>' : ""));
  if (header) add("word/header1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${W}>${p(header)}</w:hdr>`);
  add("word/styles.xml", STYLES);
  if (numbering) add("word/numbering.xml", NUMBERING);
  if (footnotes) add("word/footnotes.xml", footnotes);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  writeFileSync(join(OUT, name), bytes);
  return bytes;
}

/**
 * Overwrite the uncompressed-size fields (local header and central directory) of the entries
 * whose name matches `only` (all entries when omitted).
 */
function patchUncompressedSizes(buf, size, only) {
  const out = Buffer.from(buf);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) {
      const name = out.toString("utf8", i + 30, i + 30 + out.readUInt16LE(i + 26));
      if (!only || name === only) out.writeUInt32LE(size, i + 22);
    } else if (sig === 0x02014b50) {
      const name = out.toString("utf8", i + 46, i + 46 + out.readUInt16LE(i + 28));
      if (!only || name === only) out.writeUInt32LE(size, i + 24);
    }
  }
  return out;
}

mkdirSync(OUT, { recursive: true });

// Headings numbered by the Heading1–3 styles (I., 1., 2., 2.1., restart after II.), a lettered
// list restarted by startOverride, bullets, and a statistics table whose STT column Word numbers.
await docx(
  "auto-numbered.docx",
  [
    p("BÁO CÁO", { style: "Title" }),
    p("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", { style: "Heading1" }),
    p("Xây dựng kế hoạch", { style: "Heading2" }),
    p("Văn bản chỉ đạo", { style: "Heading2" }),
    p("Ban hành kịp thời", { style: "Heading3" }),
    p("Kiểm tra", { style: "Heading3" }),
    p("Nội dung thường, không đánh số."),
    p("Ý thứ nhất", { numId: 3 }),
    p("Ý thứ hai", { numId: 3 }),
    p("Ý nối tiếp từ năm", { numId: 4 }),
    p("Gạch đầu dòng", { numId: 5 }),
    p("KẾT QUẢ THỰC HIỆN", { style: "Heading1" }),
    p("Cải cách thể chế", { style: "Heading2" }),
    tbl([
      { cells: ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu"], header: true },
      { cells: [p([], { numId: 2, ilvl: 0 }), p([run("CÔNG TÁC CHỈ ĐẠO", { bold: true })]), "", ""] },
      { cells: [p([], { numId: 2, ilvl: 1 }), "Số văn bản chỉ đạo", "Văn bản", "6"] },
      { cells: [p([], { numId: 2, ilvl: 1 }), "Số nhiệm vụ", "Nhiệm vụ", "7"] },
      { cells: [p([], { numId: 2, ilvl: 0 }), p([run("CẢI CÁCH THỂ CHẾ", { bold: true })]), "", ""] },
      { cells: [p([], { numId: 2, ilvl: 1 }), "Số VBQPPL", "Văn bản", "3"] },
    ]),
  ].join(""),
  { numbering: true },
);

// A merged "Kết quả thống kê" header over two columns, an STT cell spanning two rows, and a
// header row marked "repeat as header row".
await docx(
  "merged-cells.docx",
  tbl([
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
    { cells: ["2", p(["Dòng một", "\n", "dòng hai"]) + p("đoạn ba"), "%", "100", ""] },
  ]),
);

// The official header block and the signature block, around a real data table that must stay data.
await docx(
  "header-block.docx",
  [
    tbl(
      [
        {
          cells: [
            p("UBND HUYỆN TRỰC NINH") + p([run("UBND XÃ PHƯƠNG ĐỊNH", { bold: true })]) + p("Số: 09/BC-UBND"),
            p([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true })]) +
              p([run("Độc lập - Tự do - Hạnh phúc", { bold: true })]) +
              p([run("Phương Định, ngày 08 tháng 3 năm 2024", { italic: true })]),
          ],
        },
      ],
      { borderless: true },
    ),
    p("BÁO CÁO", { style: "Title" }),
    p("Kết quả công tác cải cách hành chính Quý I năm 2024"),
    tbl([
      { cells: ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"] },
      { cells: ["1", "Số văn bản", "Văn bản", "6"] },
    ]),
    p("Trên đây là báo cáo công tác cải cách hành chính./."),
    tbl(
      [
        {
          cells: [
            p([run("Nơi nhận:", { bold: true, italic: true })]) + p("- UBND huyện;") + p("- Lưu: VT."),
            p([run("TM. ỦY BAN NHÂN DÂN", { bold: true })]) + p([run("CHỦ TỊCH", { bold: true })]) + p("Nguyễn Minh Khâm"),
          ],
        },
      ],
      { borderless: true },
    ),
  ].join(""),
);

// A table split across two pages: the corpus separator paragraph (page break + no-break space)
// between the fragments, and the header row repeated on the second fragment.
const header = { cells: ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"], header: true };
await docx(
  "split-table.docx",
  [
    p("Phụ lục"),
    tbl([header, { cells: ["1", "Số văn bản", "Văn bản", "6"] }]),
    SEPARATOR,
    tbl([header, { cells: ["2", "Số nhiệm vụ", "Nhiệm vụ", "7"] }]),
    p("Mục sau", { pageBreakBefore: true }),
  ].join(""),
);

// A table inside a cell: its text is flattened into that cell and the outer grid stays 2 × 3.
await docx(
  "nested-table.docx",
  tbl([
    { cells: ["STT", "Chỉ tiêu", "Số liệu"] },
    {
      cells: [
        "1",
        p("Hình thức khảo sát") + tbl([{ cells: ["Trực tuyến", "0"] }, { cells: ["Phát phiếu", "1"] }]) + p(""),
        "132",
      ],
    },
  ]),
);

// Footnote references in a heading and in a table cell, VML text boxes anchored in a heading and
// in a cell, and a page header: none of their text may end up inside the heading or the cell.
const fnRef = (id) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
const textBox = (text) => `<w:r><w:pict><v:shape style="width:100pt;height:20pt"><v:textbox><w:txbxContent>${p(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;
await docx(
  "footnotes-and-textbox.docx",
  [
    p(["I. CÔNG TÁC CHỈ ĐẠO", fnRef(1), textBox("DỰ THẢO")]),
    tbl([{ cells: ["STT", "Chỉ tiêu"] }, { cells: ["1", p(["Số văn bản", fnRef(2), textBox("Mẫu số 01")])] }]),
    p("Đoạn cuối thân bài."),
  ].join(""),
  {
    header: "Tiêu đề trang: UBND XÃ",
    footnotes: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1">${p("Theo Kế hoạch số 05/KH-UBND.")}</w:footnote><w:footnote w:id="2">${p("Kể cả văn bản điện tử.")}</w:footnote></w:footnotes>`,
  },
);

// Word's record of where it last broke pages (w:lastRenderedPageBreak), in a paragraph and in the
// first cell of a table row: with it, page numbers are known.
const rendered = "<w:r><w:lastRenderedPageBreak/></w:r>";
await docx(
  "rendered-pages.docx",
  [
    p("Trang một"),
    p([rendered, run("Trang hai")]),
    tbl([{ cells: ["STT", "Chỉ tiêu"] }, { cells: [p([rendered, run("1")]), "Số văn bản"] }]),
  ].join(""),
);

// Unusable inputs. A legacy Word 97-2003 file starts with the OLE2 compound-file signature.
writeFileSync(join(OUT, "legacy.doc"), Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)]));
// A zip signature followed by garbage: named .docx, not a readable package.
writeFileSync(join(OUT, "corrupt.docx"), Buffer.concat([Buffer.from("504b0304", "hex"), Buffer.from("this is not a zip archive".repeat(8))]));
// A valid zip that holds no word/document.xml.
{
  const zip = new JSZip();
  zip.file("hello.txt", "xin chào", { date: FIXED_DATE, createFolders: false });
  writeFileSync(join(OUT, "no-document.docx"), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
// Zip bombs, small on disk: one declares 300 MB per entry; the other declares 1 KB per entry but
// document.xml really inflates to 3 MB (tested with a 1 MB limit).
{
  const small = await docx("declared-too-large.docx", p("Nhỏ"));
  writeFileSync(join(OUT, "declared-too-large.docx"), patchUncompressedSizes(small, 300 * 1024 * 1024));
  const big = await docx("lying-sizes.docx", p("A".repeat(3 * 1024 * 1024)));
  writeFileSync(join(OUT, "lying-sizes.docx"), patchUncompressedSizes(big, 1024, "word/document.xml"));
}

console.log(`fixtures written to ${OUT}`);
