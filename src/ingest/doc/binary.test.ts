import CFB from "cfb";
import { describe, expect, it } from "vitest";
import type { Block, Table } from "../../model/document.js";
import { encodeTcvn3 } from "../txt/encodings/legacy.js";
import { WINDOWS_1252_80_9F } from "../txt/encodings/tables.js";
import { readDoc } from "./reader.js";

/**
 * The Word binary structures on hand-built files: a minimal Word 97 file written here byte by
 * byte ([MS-DOC]: FIB, piece table, one PAPX and one CHPX FKP), so each rule of the reader —
 * 8-bit vs 16-bit pieces, fields, special characters, cell and row marks, the ccpText limit,
 * CHPX bold, the FIB checks — is tested on exactly the bytes it is about. LibreOffice writes
 * only 16-bit pieces, so the fixtures from scripts/make-doc-fixtures.mjs cannot cover 8-bit ones.
 */

interface Para {
  /** Text including the mark (\r paragraph, \x07 cell or row end). */
  text: string;
  /** Paragraph sprms (bytes after the istd). */
  sprms?: number[];
}

interface Spec {
  paragraphs: Para[];
  /** Characters after the main document (a header sub-document), not part of the body. */
  after?: string;
  /** CP where the 8-bit piece ends and the 16-bit piece starts (default: all 16-bit). */
  compressedUntil?: number;
  /** [cpStart, cpEnd) ranges of bold text. */
  bold?: [number, number][];
  flags?: number;
  nFib?: number;
  /** Font names for the font table (SttbfFfn), written as UTF-16 FFN-like records. */
  fonts?: string[];
  /** Damage: make the piece table point past the end of the stream. */
  badPiece?: boolean;
}

const CP1252: Record<string, number> = { "\u201c": 0x93, "\u201d": 0x94, "\u20ac": 0x80, "\u2013": 0x96 };
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

const FC_PLCF_BTE_CHPX = 12;
const FC_PLCF_BTE_PAPX = 13;
const FC_CLX = 33;

function build(spec: Spec): Uint8Array {
  const main = spec.paragraphs.map((p) => p.text).join("");
  const all = main + (spec.after ?? "");
  const split = Math.min(spec.compressedUntil ?? 0, all.length);
  const TEXT1 = 0x600;
  if (split > 0) expect(all.slice(0, split)).toMatch(/^[\x00-\xff\u201c\u201d\u20ac\u2013]*$/);
  const TEXT2 = TEXT1 + split + 0x100;
  const fcOf = (cp: number) => (cp < split ? TEXT1 + cp : TEXT2 + 2 * (cp - split));
  const end = TEXT2 + 2 * (all.length - split);
  const PAPX_PAGE = Math.ceil((end + 1) / 512);
  const CHPX_PAGE = PAPX_PAGE + 1;
  const wd = new Uint8Array((CHPX_PAGE + 1) * 512);
  const put = (at: number, bytes: number[]) => wd.set(bytes, at);

  // FibBase, then csw 14, cslw 22 (ccpText is the 4th), cbRgFcLcb 93.
  put(0, [...le16(0xa5ec), ...le16(spec.nFib ?? 0xc1)]);
  put(0x0a, le16(0x0200 | (spec.flags ?? 0)));
  put(32, le16(14));
  const lw = 32 + 2 + 28 + 2;
  put(lw - 2, le16(22));
  put(lw + 3 * 4, le32(main.length));
  put(lw + 5 * 4, le32((spec.after ?? "").length));
  const rg = lw + 22 * 4 + 2;
  put(rg - 2, le16(93));
  const table: number[] = [];
  const fcLcb = (index: number, bytes: number[]) => {
    put(rg + index * 8, [...le32(table.length), ...le32(bytes.length)]);
    table.push(...bytes);
  };

  for (let cp = 0; cp < all.length; cp++) {
    const ch = all[cp];
    if (cp < split) wd[fcOf(cp)] = CP1252[ch] ?? ch.charCodeAt(0);
    else put(fcOf(cp), le16(ch.charCodeAt(0)));
  }

  // CLX: one Pcdt with one or two pieces.
  const pieces: [number, number, number][] = [];
  if (split > 0) pieces.push([0, split, ((TEXT1 * 2) | 0x40000000) >>> 0]);
  if (split < all.length) pieces.push([split, all.length, spec.badPiece ? 0x3fffff00 : TEXT2]);
  const plc = [...pieces.flatMap(([a]) => le32(a)), ...le32(all.length), ...pieces.flatMap(([, , fc]) => [0, 0, ...le32(fc), 0, 0])];
  fcLcb(FC_CLX, [0x02, ...le32(plc.length), ...plc]);

  // One PAPX FKP: a run ending after each paragraph mark.
  const papx = PAPX_PAGE * 512;
  let cp = 0;
  const bounds = [fcOf(0)];
  const grpprls: number[][] = [];
  for (const p of spec.paragraphs) {
    cp += p.text.length;
    bounds.push(fcOf(cp - 1) + (cp - 1 < split ? 1 : 2));
    grpprls.push([0, 0, ...(p.sprms ?? [])]);
  }
  const crun = spec.paragraphs.length;
  bounds.forEach((fc, k) => put(papx + 4 * k, le32(fc)));
  let free = 511;
  grpprls.forEach((g, k) => {
    const body = g.length % 2 ? [(g.length + 1) / 2, ...g] : [0, g.length / 2, ...g];
    free = (free - body.length) & ~1;
    put(papx + free, body);
    wd[papx + 4 * (crun + 1) + 13 * k] = free / 2;
  });
  wd[papx + 511] = crun;
  if (free < 4 * (crun + 1) + 13 * crun) throw new Error("test file: the PAPX FKP overflows");
  fcLcb(FC_PLCF_BTE_PAPX, [...le32(bounds[0]), ...le32(bounds[crun]), ...le32(PAPX_PAGE)]);

  // One CHPX FKP: bold ranges (within one piece each), plain runs between.
  const chpx = CHPX_PAGE * 512;
  const runs: [number, number, boolean][] = [];
  let at = fcOf(0);
  for (const [a, b] of spec.bold ?? []) {
    if (fcOf(a) > at) runs.push([at, fcOf(a), false]);
    runs.push([fcOf(a), fcOf(b - 1) + (b - 1 < split ? 1 : 2), true]);
    at = runs[runs.length - 1][1];
  }
  if (at < end) runs.push([at, end, false]);
  runs.forEach(([a], k) => put(chpx + 4 * k, le32(a)));
  put(chpx + 4 * runs.length, le32(runs[runs.length - 1][1]));
  const boldAt = 500;
  put(chpx + boldAt, [3, 0x35, 0x08, 1]); // cb 3: sprmCFBold on
  runs.forEach(([, , bold], k) => (wd[chpx + 4 * (runs.length + 1) + k] = bold ? boldAt / 2 : 0));
  wd[chpx + 511] = runs.length;
  fcLcb(FC_PLCF_BTE_CHPX, [...le32(runs[0][0]), ...le32(runs[runs.length - 1][1]), ...le32(CHPX_PAGE)]);

  if (spec.fonts) fcLcb(15, [...le16(spec.fonts.length), 0, 0, ...spec.fonts.flatMap((f) => [...new Array(40).fill(0), ...[...f].flatMap((c) => le16(c.charCodeAt(0))), 0, 0])]);

  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "WordDocument", Buffer.from(wd));
  CFB.utils.cfb_add(cfb, "1Table", Buffer.from(table));
  return new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer);
}

const IN_TABLE = [0x16, 0x24, 1];
const ROW_END = [0x16, 0x24, 1, 0x17, 0x24, 1];

/** sprmTDefTable for cells with these boundaries (twips) and TC80s with these horzMerge values (rgTc80 may be shorter than the cells). */
function defTable(centers: number[], horz: number[] = []): number[] {
  const itc = centers.length - 1;
  const body = [itc, ...centers.flatMap(le16), ...horz.flatMap((h) => [...le16(h), ...new Array(18).fill(0)])];
  return [0x08, 0xd6, ...le16(body.length + 1), ...body];
}

const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === "paragraph" ? b.text : b.kind));

describe("Word binary text", () => {
  it("decodes an 8-bit piece as Windows-1252 and a 16-bit piece as UTF-16LE, joined across the piece boundary", () => {
    const first = "\u201cCaf\u00e9\u201d \u20ac5 \u2013 ";
    const bytes = build({ paragraphs: [{ text: `${first}Báo cáo kết quả\r` }], compressedUntil: first.length });
    expect(texts(readDoc(bytes).blocks)).toEqual(["\u201cCafé\u201d €5 – Báo cáo kết quả"]);
  });

  it("keeps a field's result, drops its instruction, and maps line breaks, page breaks and hyphens", () => {
    const bytes = build({
      paragraphs: [
        { text: "Xem \x13 HYPERLINK \"https://x.vn\" \x14Cổng dịch vụ công\x15 và \x13 PAGE \x15hết.\r" },
        { text: "Dòng một\x0bdòng hai\r" },
        { text: "Trước\x0cSau\r" },
        { text: "tự\x1Edo, mềm\x1Fdẻo\r" },
      ],
    });
    const { blocks } = readDoc(bytes);
    expect(blocks.map((b) => (b.kind === "paragraph" ? b.text : b.kind))).toEqual([
      "Xem Cổng dịch vụ công và hết.",
      "Dòng một\ndòng hai",
      "TrướcSau",
      "pageBreak",
      "tự\u2011do, mềm\u00addẻo",
    ]);
  });

  it("turns text typed in a .VnTime (TCVN3) font back into Unicode and records the conversion", () => {
    const legacy = [...encodeTcvn3("Báo cáo kết quả công tác cải cách hành chính")].map((b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_80_9F[b - 0x80] : String.fromCharCode(b))).join("");
    expect(legacy).not.toMatch(/ế/);
    const paragraphs = [{ text: `${legacy}\r` }, { text: "Nội dung Unicode giữ nguyên\r" }];
    const { blocks, conversions } = readDoc(build({ paragraphs, fonts: ["Times New Roman", ".VnTime"] }));
    expect(texts(blocks)).toEqual(["Báo cáo kết quả công tác cải cách hành chính", "Nội dung Unicode giữ nguyên"]);
    expect(conversions).toEqual(["tcvn3→unicode"]);
    // Without a legacy font in the font table the text is left as stored.
    const plain = readDoc(build({ paragraphs, fonts: ["Times New Roman"] }));
    expect(texts(plain.blocks)[0]).toBe(legacy);
    expect(plain.conversions).toEqual([]);
  });

  it("reads only the main document: header text after ccpText never reaches the body", () => {
    const bytes = build({ paragraphs: [{ text: "Nội dung chính\r" }], after: "ĐẦU TRANG\r\r" });
    expect(texts(readDoc(bytes).blocks)).toEqual(["Nội dung chính"]);
  });

  it("makes a paragraph bold when the CHPX sets sprmCFBold on all of its text", () => {
    const bytes = build({ paragraphs: [{ text: "I. CÔNG TÁC CHỈ ĐẠO\r" }, { text: "Nội dung thường\r" }, { text: "Một phần đậm\r" }], bold: [[0, 19], [36, 41]] });
    expect(readDoc(bytes).blocks.map((b) => b.kind === "paragraph" && [b.text, b.bold])).toEqual([
      ["I. CÔNG TÁC CHỈ ĐẠO", true],
      ["Nội dung thường", false],
      ["Một phần đậm", false],
    ]);
  });

  it("builds rows × cells from cell marks and the row end's sprmTDefTable, expanding a horizontally merged cell", () => {
    const bytes = build({
      paragraphs: [
        { text: "Trước bảng\r" },
        { text: "STT\x07", sprms: IN_TABLE },
        { text: "Chỉ tiêu\x07", sprms: IN_TABLE },
        { text: "Số liệu\x07", sprms: IN_TABLE },
        { text: "\x07", sprms: [...ROW_END, ...defTable([0, 700, 4000, 5500])] },
        { text: "1\x07", sprms: IN_TABLE },
        { text: "Số văn bản\x07", sprms: IN_TABLE },
        { text: "6\x07", sprms: IN_TABLE },
        { text: "\x07", sprms: [...ROW_END, ...defTable([0, 700, 4000, 5500])] },
        { text: "Nhóm dòng một\rdòng hai\x07", sprms: IN_TABLE },
        { text: "\x07", sprms: IN_TABLE },
        { text: "\x07", sprms: IN_TABLE },
        { text: "\x07", sprms: [...ROW_END, ...defTable([0, 700, 4000, 5500], [1, 2])] },
        { text: "Sau bảng\r" },
      ],
    });
    const { blocks } = readDoc(bytes);
    expect(texts(blocks)).toEqual(["Trước bảng", "table", "Sau bảng"]);
    const table = blocks[1] as Table;
    expect(table.rows.map((r) => r.cells.map((c) => (c.spanned ? "~" : c.text) + (c.colSpan ? `{${c.colSpan}}` : "")))).toEqual([
      ["STT", "Chỉ tiêu", "Số liệu"],
      ["1", "Số văn bản", "6"],
      ["Nhóm dòng một\ndòng hai{2}", "~", ""],
    ]);
  });
});

describe("Word binary header checks", () => {
  const body = { paragraphs: [{ text: "Nội dung\r" }] };
  it("refuses an encrypted file (fEncrypted) with ingest.doc.encrypted", () => {
    expect(() => readDoc(build({ ...body, flags: 0x0100 }))).toThrow(expect.objectContaining({ ruleId: "ingest.doc.encrypted", message: expect.stringMatching(/password-protected/) }));
  });
  it("refuses an obfuscated file (fObfuscated) the same way", () => {
    expect(() => readDoc(build({ ...body, flags: 0x8100 }))).toThrow(expect.objectContaining({ ruleId: "ingest.doc.encrypted" }));
  });
  it("refuses a Word 6/95 file with ingest.doc.word95 and says to save it as .docx", () => {
    expect(() => readDoc(build({ ...body, nFib: 0x68 }))).toThrow(expect.objectContaining({ ruleId: "ingest.doc.word95", message: expect.stringMatching(/Word 6\/95.*save it as \.docx/) }));
  });
  it("reports a piece table pointing past the end of the stream as corrupt", () => {
    expect(() => readDoc(build({ ...body, badPiece: true }))).toThrow(expect.objectContaining({ ruleId: "ingest.doc.corrupt", message: expect.stringMatching(/damaged or truncated \(a text piece lies past the end/) }));
  });
  it("reads the same bytes when nothing is damaged", () => {
    expect(texts(readDoc(build(body)).blocks)).toEqual(["Nội dung"]);
  });
});
