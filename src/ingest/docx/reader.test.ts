import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { UnusableInputError } from "../../model/message.js";
import { ingestDocx, readPackage } from "./index.js";
import { readWithMammoth } from "./mammoth-reader.js";
import { readOwn, Unsupported } from "./own-reader.js";
import { locateParts, openPackage, type DocxPackage } from "./package.js";

/** A zip of the package's parts, as a .docx file's bytes. */
async function zipOf(parts: Map<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of parts) zip.file(name, text);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/**
 * The own reader is a port of the mammoth path, so the proof is equality: on every .docx the
 * repository holds, and on small documents built here for what those files lack, both paths
 * must give the same blocks, value for value. What the port does not cover must go to mammoth.
 */

const ROOT = join(import.meta.dirname, "../../..");

/** Every .docx under data/samples and test/fixtures/docx whose package opens. */
async function repositoryPackages(): Promise<Array<{ file: string; pkg: DocxPackage }>> {
  const out = [];
  for (const dir of ["data/samples", "test/fixtures/docx"])
    for (const name of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".docx"))) {
      const file = join(ROOT, dir, name);
      try {
        out.push({ file, pkg: openPackage(new Uint8Array(readFileSync(file))) });
      } catch (e) {
        if (!(e instanceof UnusableInputError)) throw e; // unusable fixtures are the package tests' business
      }
    }
  return out;
}

async function bothPaths(pkg: DocxPackage) {
  const own = readOwn(pkg);
  const mammoth = await readWithMammoth(pkg, "test.docx");
  return { own, mammoth };
}

describe("the own docx reader against the mammoth path", () => {
  it("reads every sample and docx fixture itself, to blocks deep-equal to mammoth's", async () => {
    const all = await repositoryPackages();
    expect(all.length).toBeGreaterThanOrEqual(12); // 5 samples, 7 fixtures that open
    for (const { file, pkg } of all) {
      const { own, mammoth } = await bothPaths(pkg);
      expect(own.blocks, file).toStrictEqual(mammoth.blocks);
      expect(own.hasRenderedBreaks, file).toBe(mammoth.hasRenderedBreaks);
      expect(mammoth.messages, file).toEqual([]);
    }
  }, 60_000);
});

// ---- small packages built in memory ----------------------------------------------------------

const NS = {
  w: "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  v: "urn:schemas-microsoft-com:vml",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  wp: "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  pic: "http://schemas.openxmlformats.org/drawingml/2006/picture",
  w14: "http://schemas.microsoft.com/office/word/2010/wordml",
};
const XMLNS = Object.entries(NS)
  .map(([p, uri]) => `xmlns:${p}="${uri}"`)
  .join(" ");
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const STYLES = `${DECL}<w:styles ${XMLNS}>
<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Tieude2"><w:name w:val="Heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Heading"/></w:style>
<w:style w:type="paragraph" w:styleId="ListStt"><w:name w:val="List STT"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>
<w:style w:type="numbering" w:styleId="OutlineList"><w:name w:val="Outline List"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`;

const lvl = (i: number, fmt: string, text: string, style = "") =>
  `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>${style ? `<w:pStyle w:val="${style}"/>` : ""}<w:lvlText w:val="${text}"/></w:lvl>`;
const NUMBERING = `${DECL}<w:numbering ${XMLNS}>
<w:abstractNum w:abstractNumId="0">${[0, 1, 2, 3, 4, 5, 6].map((i) => lvl(i, "decimal", `%${i + 1}.`)).join("")}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${lvl(0, "upperRoman", "%1.", "ListStt")}${lvl(1, "bullet", "-")}</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="OutlineList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`;

interface Extra {
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  /** Extra relationships of document.xml (Id → Target). */
  rels?: Record<string, string>;
}

/** A package as openPackage returns it, from a document body and optional parts. */
function pkg(body: string, extra: Extra = {}): DocxPackage {
  const rels: string[] = [
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rIdNumbering" Type="${REL}/numbering" Target="numbering.xml"/>`,
  ];
  const parts = new Map<string, string>([
    [
      "[Content_Types].xml",
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ],
    ["word/document.xml", `${DECL}<w:document ${XMLNS}><w:body>${body}<w:sectPr/></w:body></w:document>`],
    ["word/styles.xml", STYLES],
    ["word/numbering.xml", NUMBERING],
  ]);
  for (const kind of ["footnotes", "endnotes", "comments"] as const) {
    const xml = extra[kind];
    if (!xml) continue;
    parts.set(`word/${kind}.xml`, `${DECL}${xml}`);
    rels.push(`<Relationship Id="rId${kind}" Type="${REL}/${kind}" Target="${kind}.xml"/>`);
  }
  for (const [id, target] of Object.entries(extra.rels ?? {}))
    rels.push(`<Relationship Id="${id}" Type="${REL}/hyperlink" Target="${target}" TargetMode="External"/>`);
  parts.set(
    "word/_rels/document.xml.rels",
    `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
  );
  return locateParts(parts);
}

const t = (text: string) => `<w:t xml:space="preserve">${text}</w:t>`;
const r = (content: string, rPr = "") => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${content}</w:r>`;
const p = (content: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${content}</w:p>`;
const num = (numId: number, ilvl?: number) => `<w:numPr>${ilvl === undefined ? "" : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;
const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
const tc = (content: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${content || p("")}</w:tc>`;
const tr = (cells: string[], trPr = "") => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${cells.join("")}</w:tr>`;
const tbl = (rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${rows.join("")}</w:tbl>`;
const textBox = (content: string) =>
  `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${p(r(t("copy in the choice")))}</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>`;
const picture = (id: string) =>
  `<w:drawing><wp:inline><wp:docPr id="1" name="Hình 1"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="${id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`;
const notesPart = (kind: "footnote" | "endnote", notes: Record<string, string>) =>
  `<w:${kind}s ${XMLNS}><w:${kind} w:type="separator" w:id="-1">${p(r("<w:separator/>"))}</w:${kind}><w:${kind} w:type="continuationSeparator" w:id="0">${p(r("<w:continuationSeparator/>"))}</w:${kind}>${Object.entries(
    notes,
  )
    .map(([id, body]) => `<w:${kind} w:id="${id}">${body}</w:${kind}>`)
    .join("")}</w:${kind}s>`;
const fnRef = (id: number) => r(`<w:footnoteReference w:id="${id}"/>`, `<w:rStyle w:val="FootnoteReference"/>`);

/** Documents exercising what the samples and fixtures lack; each must read the same both ways. */
const CONSTRUCTS: Record<string, DocxPackage> = {
  "headings by style id and by style name, and the plain 'Heading' style": pkg(
    [
      p(r(t("Tiêu đề một")), style("Heading1")),
      p(r(t("Tiêu đề hai theo tên")), style("Tieude2")),
      p(r(t("Heading trơn")), style("Heading")),
      p(r(t("Kiểu không có")), style("KhongCo")),
      p(r(t("Thường")), style("Normal")),
    ].join(""),
  ),
  "list levels 0 to 6, bullets, lists bound to a style, numIds without a level, switched off or linked through a numbering style": pkg(
    [
      ...[0, 1, 2, 3, 4, 5, 6, 1, 0].map((i) => p(r(t(`Mức ${i}`)), num(1, i))),
      p(r(t("Theo kiểu")), style("ListStt")),
      p(r(t("Gạch đầu dòng")), num(2, 1)),
      p(r(t("Không có mức")), num(1)),
      p(r(t("Tắt đánh số")), num(0, 0)),
      p(r(t("Qua kiểu đánh số")), num(3, 0)),
      p(r(t("Số không tồn tại")), num(9, 0)),
      p(r(t("Heading có số")), style("Heading1") + num(1, 0)),
    ].join(""),
  ),
  "runs: direct, style and switched-off formatting, tabs, line breaks, page breaks and rendered page starts": pkg(
    [
      p(r(t("Đậm"), "<w:b/>") + r(t(" và nghiêng"), "<w:b/><w:i/>")),
      p(r(t("Không đậm"), `<w:b w:val="0"/>`) + r(t("Strong"), `<w:rStyle w:val="Strong"/>`)),
      p(r(t("Cột") + "<w:tab/>" + t("hai") + "<w:br/>" + t("dòng") + `<w:br w:type="textWrapping"/>` + t("ba"))),
      p(r(t("cột") + `<w:br w:type="column"/>`)),
      p(r(`<w:br w:type="page"/>` + t("Sau ngắt trang") + `<w:br w:type="page"/>`)),
      p(r("<w:lastRenderedPageBreak/>" + t("Trang mới")), "<w:pageBreakBefore/>"),
      p(r(t("  ")) + r(`<w:br w:type="page"/>`)),
      p(""),
    ].join(""),
  ),
  "private-use characters (which once served as paragraph markers) kept as text": pkg(p(r(t("\uEDF0" + "1\uEDF1 \uEDF2\uEDF3 riêng")))),
  "links, bookmarks, deletions and moves away, fields and comment references": pkg(
    [
      `<w:bookmarkStart w:id="0" w:name="dau"/>`,
      p(
        `<w:hyperlink r:id="rIdLink" w:anchor="muc">${r(t("liên kết"))}</w:hyperlink>` +
          `<w:hyperlink w:anchor="_Toc1">${r(t(" mục lục"))}</w:hyperlink>` +
          `<w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkStart w:id="2" w:name="moc"/><w:bookmarkEnd w:id="2"/>`,
      ),
      p(r(t("còn lại")) + `<w:del w:id="4" w:author="A">${r("<w:delText>xóa</w:delText>")}</w:del><w:moveFrom>${r(t("chuyển đi"))}</w:moveFrom>`),
      p(`<w:fldSimple w:instr=" PAGE ">${r(t("7"))}</w:fldSimple>` + r(t("sau trường đơn"))),
      p(
        r(`<w:fldChar w:fldCharType="begin"/>`) +
          r(`<w:instrText xml:space="preserve"> HYPERLINK "http://example.vn" </w:instrText>`) +
          r(`<w:fldChar w:fldCharType="separate"/>`) +
          r(t("kết quả trường")) +
          r(`<w:fldChar w:fldCharType="end"/>`) +
          r(`<w:fldChar w:fldCharType="end"/>`),
      ),
      p(r(`<w:commentReference w:id="0"/>`) + r(t("có nhận xét"))),
    ].join(""),
    { rels: { rIdLink: "http://example.vn/a#b" } },
  ),
  "text boxes and pictures in paragraphs and cells, and a table inside a text box": pkg(
    [
      p(r(t("Đoạn có hộp")) + r(textBox(p(r(t("Trong hộp"))) + p(r(t("Mục hộp")), num(1, 0))))),
      p(r(picture("rIdImg")) + r(t("sau ảnh"))),
      tbl([tr([tc(p(r(t("Ô")) + r(textBox(p(r(t("Hộp trong ô"))))))), tc(p(r(picture("rIdImg"))))])]),
      p(r(textBox(tbl([tr([tc(p(r(t("Bảng trong hộp")))), tc("")])])))),
    ].join(""),
    { rels: { rIdImg: "media/image1.png" } },
  ),
  "tables: header rows, merged cells, deleted and empty rows, nested and empty tables": pkg(
    [
      tbl([
        tr([tc(p(r(t("STT"))), `<w:vMerge w:val="restart"/>`), tc(p(r(t("Chỉ tiêu"))), `<w:gridSpan w:val="2"/>`)], "<w:tblHeader/>"),
        tr([tc("", "<w:vMerge/>"), tc(p(r(t("Đơn vị")))), tc(p(r(t("Số"))))], "<w:tblHeader/>"),
        tr([tc(p(r(t("1")))), tc(p(r(t("bị xóa")))), tc("")], "<w:del w:id=\"9\" w:author=\"A\"/>"),
        tr([tc(p(r(t("1")))), tc(p(r(t("Văn bản"))) + p(r(t("dòng hai")))), tc(p(r(t("6"))), `<w:vMerge w:val="restart"/>`)]),
        tr([tc(p(r(t("2")))), tc(tbl([tr([tc(p(r(t("trong")))), tc(p(r(t("lồng"))))])]) + p("")), tc(p(r(t("ẩn"))), `<w:vMerge w:val="continue"/>`)], "<w:tblHeader/>"),
        tr([]),
        tr([tc(p("", num(2, 0))), tc(p(r(t("Nhóm")), num(2, 1))), tc(p(r(t(" "))))]),
      ]),
      tbl([]),
      p(r(t("\u00a0"))),
      tbl([tr([tc(p(r(t("Chỉ một ô")))), tc(p(r(t("x"))), `<w:gridSpan w:val="3"/>`)])]),
    ].join(""),
  ),
  "footnotes and endnotes: formatting, headings, lists and tables in notes, repeated and empty notes": pkg(
    [
      p(r(t("Đoạn")) + fnRef(1) + r(t(" và")) + fnRef(2) + fnRef(1)),
      tbl([tr([tc(p(r(t("Ô")) + fnRef(3))), tc(p(r(`<w:endnoteReference w:id="1"/>`)))])]),
      p(fnRef(4) + fnRef(5) + fnRef(6)),
    ].join(""),
    {
      footnotes: notesPart("footnote", {
        "1": p(r("<w:footnoteRef/>") + r(t("Chú thích "), "<w:b/>") + r(t("đậm"), "<w:b/>"), style("FootnoteText")),
        "2": p(r(t("Tiêu đề chú thích")), style("Heading1")),
        "3": p(r(t("Có dòng trống sau"))) + p(""),
        "4": p(r(t("Mục")), num(1, 0)),
        "5": tbl([tr([tc(p(r(t("bảng"))))])]),
        "6": "",
      }),
      endnotes: notesPart("endnote", { "1": p(r(t("Chú thích cuối"), "<w:i/>")) }),
    },
  ),
};

/** Documents the own reader leaves to mammoth, with the reason it gives. */
const LEFT_TO_MAMMOTH: Record<string, [DocxPackage, RegExp]> = {
  "a deleted paragraph mark": [pkg(p(r(t("nối")), `<w:rPr><w:del w:id="1" w:author="A"/></w:rPr>`) + p(r(t("tiếp")))), /deleted paragraph mark/],
  "a checkbox content control": [
    pkg(p(`<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent>${r(t("☒"))}</w:sdtContent></w:sdt>`)),
    /w:sdt: left to mammoth/,
  ],
  "a block content control with a smart tag": [
    pkg(`<w:sdt><w:sdtPr><w:alias w:val="Khối"/></w:sdtPr><w:sdtContent>${p(`<w:smartTag w:uri="x" w:element="place">${r(t("Hà Nội"))}</w:smartTag>`)}</w:sdtContent></w:sdt>`),
    /w:sdt: left to mammoth/,
  ],
  "custom XML": [pkg(p(`<w:customXml w:element="x">${r(t("tùy biến"))}</w:customXml>`)), /w:customXml: left to mammoth/],
  "tracked insertions and moves": [
    pkg(p(`<w:ins w:id="3" w:author="A">${r(t("chèn"))}</w:ins><w:moveTo>${r(t(" chuyển đến"))}</w:moveTo>`)),
    /w:ins: left to mammoth/,
  ],
  "symbols": [pkg(p(r(t("Ký hiệu ") + `<w:sym w:font="Wingdings" w:char="F0FC"/>`))), /w:sym: left to mammoth/],
  "non-breaking and soft hyphens": [pkg(p(r(t("nối") + "<w:noBreakHyphen/>" + t("cứng") + "<w:softHyphen/>"))), /w:noBreakHyphen: left to mammoth/],
  "VML image data": [pkg(p(r(`<w:pict><v:shape><v:imagedata r:id="rIdImg"/></v:shape></w:pict>`)), { rels: { rIdImg: "media/image1.png" } }), /v:imagedata: left to mammoth/],
  "comments": [
    pkg(p(r(`<w:commentReference w:id="0"/>`) + r(t("có nhận xét"))), {
      comments: `<w:comments ${XMLNS}><w:comment w:id="0" w:author="A">${p(r(t("nhận xét")))}</w:comment></w:comments>`,
    }),
    /comments part/,
  ],
  "mc:AlternateContent inside a fallback": [
    pkg(p(r(`<mc:AlternateContent><mc:Fallback><mc:AlternateContent><mc:Fallback>${t("x")}</mc:Fallback></mc:AlternateContent></mc:Fallback></mc:AlternateContent>`))),
    /nested mc:AlternateContent/,
  ],
  "a paragraph inside a run (a text box's fallback written inline)": [
    pkg(p(r(`<mc:AlternateContent><mc:Fallback>${p(r(t("x")))}</mc:Fallback></mc:AlternateContent>`))),
    /inside a paragraph/,
  ],
  "a bookmark between table rows": [pkg(tbl([`<w:bookmarkStart w:id="0" w:name="b"/>`, tr([tc(p(r(t("x"))))])])), /bookmark directly in a table|void directly in a table/],
  "w: re-bound to another namespace inside document.xml": [pkg(`<w:p xmlns:w="urn:other">${r(t("x"))}</w:p>`), /namespace urn:other declared as "w"/],
  "a w:gridSpan that is not a number": [pkg(tbl([tr([tc(p(r(t("x"))), `<w:gridSpan w:val="two"/>`)])])), /w:gridSpan/],
  "an XML comment in document.xml": [pkg(p(r(t("x"))) + "<!-- ghi chú -->"), /outside the plain XML subset/],
  "a field in a footnote": [
    pkg(p(fnRef(1)), { footnotes: notesPart("footnote", { "1": p(r(`<w:fldChar w:fldCharType="begin"/>`)) }) }),
    /complex field/,
  ],
  "w: bound to the strict OOXML namespace": [
    (() => {
      const strict = pkg(p(r(t("x"))));
      strict.parts.set("word/document.xml", strict.parts.get("word/document.xml")!.replace(NS.w, "http://purl.oclc.org/ooxml/wordprocessingml/main"));
      return strict;
    })(),
    /namespace/,
  ],
};

describe("the own docx reader on constructs the samples lack", () => {
  it.each(Object.entries(CONSTRUCTS))("reads %s to the blocks mammoth gives", async (_, doc) => {
    const { own, mammoth } = await bothPaths(doc);
    expect(own.blocks).toStrictEqual(mammoth.blocks);
    expect(own.blocks.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(LEFT_TO_MAMMOTH))("leaves %s to mammoth", async (_, [doc, reason]) => {
    expect(() => readOwn(doc)).toThrow(Unsupported);
    const read = await readPackage(doc, "test.docx");
    expect(read.reader).toBe("mammoth");
    expect(read.fallbackReason).toMatch(reason);
  });

  it("says in an info message when a file was read with mammoth, and why (the status stays ok)", async () => {
    const [doc] = LEFT_TO_MAMMOTH["a deleted paragraph mark"];
    const bytes = await zipOf(doc.parts);
    const { value, messages } = await ingestDocx({ file: "hop.docx", bytes, sha256: "0" }, {});
    expect(value.blocks.length).toBeGreaterThan(0);
    expect(messages).toEqual([
      expect.objectContaining({ severity: "info", ruleId: "ingest.docx.mammoth-fallback", reason: expect.stringMatching(/^Read with mammoth: .*deleted paragraph mark/), place: { file: "hop.docx" } }),
    ]);
    // The own reader's files carry no such message.
    const own = await ingestDocx({ file: "own.docx", bytes: await zipOf(CONSTRUCTS[Object.keys(CONSTRUCTS)[0]].parts), sha256: "0" }, {});
    expect(own.messages.filter((m) => m.ruleId === "ingest.docx.mammoth-fallback")).toEqual([]);
  });

  it.each([
    ["a link to a missing relationship", pkg(p(`<w:hyperlink r:id="rIdMissing" w:anchor="x">${r(t("x"))}</w:hyperlink>`)), /relationship rIdMissing not found/],
    ["a reference to a note that does not exist", pkg(p(fnRef(7)), { footnotes: notesPart("footnote", {}) }), /note footnote-7 not found/],
    ["an element inside w:t", pkg(p(r(`<w:t>a<w:rPr/></w:t>`))), /w:t with child elements/],
  ] as const)("lets mammoth reject what mammoth cannot read, as before: %s", async (_, broken, reason) => {
    expect(() => readOwn(broken)).toThrow(reason);
    await expect(readPackage(broken, "test.docx")).rejects.toMatchObject({ ruleId: "ingest.docx.corrupt" });
  });
});
