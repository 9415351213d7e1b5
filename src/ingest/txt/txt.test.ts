import { describe, expect, it } from "vitest";
import type { Block, Paragraph, Table } from "../../model/document.js";
import { ingestTxt } from "./index.js";
import { cleanInline } from "./inline.js";

async function blocks(text: string): Promise<Block[]> {
  const r = await ingestTxt({ file: "t.txt", bytes: new TextEncoder().encode(text), sha256: "" }, {});
  return r.value.blocks;
}
const paras = (bs: Block[]) => bs.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (bs: Block[]) => bs.filter((b): b is Table => b.kind === "table");

describe("txt ingest", () => {
  it("keeps markdown headings as paragraphs with a level hint and bold flag", async () => {
    const [h] = paras(await blocks("## **II. KẾT QUẢ THỰC HIỆN**\n"));
    expect(h).toMatchObject({ text: "II. KẾT QUẢ THỰC HIỆN", headingLevel: 2, bold: true, prov: { line: 1 } });
  });
  it("unescapes markdown escapes such as \\*", async () => {
    const [h] = paras(await blocks("### **\\* Kết quả rà soát**\n"));
    expect(h.text).toBe("* Kết quả rà soát");
  });
  it("keeps the printed numeral of a paragraph markdown reads as an ordered list", async () => {
    const ps = paras(await blocks("Intro\n\n1. Cải cách thể chế\n\n2. Cải cách TTHC\n"));
    expect(ps.map((p) => p.text)).toEqual(["Intro", "1. Cải cách thể chế", "2. Cải cách TTHC"]);
  });
  it("keeps printed bullet markers of list items, so '* ' sub-headings survive", async () => {
    const ps = paras(await blocks("* Kết quả rà soát\n\n- Lưu VP.\n"));
    expect(ps.map((p) => [p.text, p.listItem])).toEqual([
      ["* Kết quả rà soát", true],
      ["- Lưu VP.", true],
    ]);
  });
  it("treats inline HTML bold as bold and strips the tags", async () => {
    const [p] = paras(await blocks("<b>III. ĐÁNH GIÁ CHUNG</b>\n"));
    expect(p.text).toBe("III. ĐÁNH GIÁ CHUNG");
    expect(p.bold).toBe(true);
  });
  it("keeps soft and hard line breaks inside a paragraph", async () => {
    const [p] = paras(await blocks("**TM. ỦY BAN NHÂN DÂN**  \n**KT.CHỦ TỊCH**\n"));
    expect(p.text).toBe("TM. ỦY BAN NHÂN DÂN\nKT.CHỦ TỊCH");
  });
  it("cuts TAB lines out as a table with one cell per field and line provenance", async () => {
    const bs = await blocks("Title\n\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\t<b>Số văn bản</b>\tVăn bản\t<b>6</b>\n\nAfter\n");
    const [t] = tables(bs);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1].cells.map((c) => c.text)).toEqual(["1", "Số văn bản", "Văn bản", "6"]);
    expect(t.rows[1].cells[1].bold).toBe(true);
    expect(t.rows[1].prov.line).toBe(4);
    expect(paras(bs).map((p) => p.text)).toEqual(["Title", "After"]);
  });
  it("ends a TAB table at a blank line so page fragments arrive as separate tables", async () => {
    const bs = await blocks("a\tb\n1\t2\n\na\tb\n3\t4\n");
    expect(tables(bs)).toHaveLength(2);
  });
  it("pads short TAB rows to the grid width", async () => {
    const [t] = tables(await blocks("a\tb\tc\n1\t2\n"));
    expect(t.rows[1].cells).toHaveLength(3);
  });
  it("reads a GFM pipe table with its header row marked", async () => {
    const [t] = tables(await blocks("| STT | Chỉ tiêu |\n|---|---|\n| 1 | **Số hồ sơ** |\n"));
    expect(t.rows[0].header).toBe(true);
    expect(t.rows[1].cells.map((c) => c.text)).toEqual(["1", "Số hồ sơ"]);
    expect(t.rows[1].cells[1].bold).toBe(true);
  });
  it("decodes UTF-16 with a BOM and records the conversion", async () => {
    const text = "Báo cáo";
    const body = Buffer.from(text, "utf16le");
    const bytes = new Uint8Array([0xff, 0xfe, ...body]);
    const r = await ingestTxt({ file: "t.txt", bytes, sha256: "" }, {});
    expect((r.value.blocks[0] as Paragraph).text).toBe(text);
    expect(r.value.source.conversions).toContain("utf-16le");
  });
  it("stores decomposed (NFD) text as NFC", async () => {
    const r = await ingestTxt({ file: "t.txt", bytes: new TextEncoder().encode("Báo cáo".normalize("NFD")), sha256: "" }, {});
    expect((r.value.blocks[0] as Paragraph).text).toBe("Báo cáo".normalize("NFC"));
    expect(r.value.source.conversions).toContain("nfd→nfc");
  });
});

describe("cleanInline (table cells)", () => {
  it("removes tags without inserting spaces and keeps spaces that were there", () => {
    expect(cleanInline("<b>Số văn bản</b> ( <i>Kết luận</i> )").text).toBe("Số văn bản ( Kết luận )");
  });
  it("turns <br>, <p> and list items into line breaks", () => {
    expect(cleanInline('<ul style="x"> - Văn phòng;<br>- Các ngành').text).toBe("- Văn phòng;\n- Các ngành");
  });
  it("keeps LaTeX math spans verbatim, escapes included", () => {
    expect(cleanInline("$\\frac{317}{1.034} = 31\\%$").text).toBe("$\\frac{317}{1.034} = 31\\%$");
  });
  it("reads markdown bold and italic in a cell", () => {
    expect(cleanInline("**6**")).toMatchObject({ text: "6", bold: true });
    expect(cleanInline("*Nhiệm vụ*")).toMatchObject({ text: "Nhiệm vụ", italic: true });
  });
  it("keeps superscripts' text", () => {
    expect(cleanInline("70,5 m<sup>2</sup>").text).toBe("70,5 m2");
  });
});
