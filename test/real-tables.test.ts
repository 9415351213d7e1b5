import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wordTables } from "./make/word-tables.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractFile } from "../src/pipeline/extract.js";
import { type Db, openStore } from "../src/store/open.js";
import { DocumentWriter } from "../src/store/write.js";

/**
 * Issue 15 on real documents: score and ranking tables of ../shared/corpus/real (one office's
 * reports, read at test time, never copied into the repository) stored cell for cell. Every
 * expected cell below was typed from the documents themselves — the Word XML of the .docx
 * files and `pdftotext -layout` of the PDFs — not from the program's output. Skipped, with a
 * line saying so, where ../shared is absent (tests must not need it).
 */
const REAL = join(import.meta.dirname, "../../shared/corpus/real");
const present = existsSync(join(REAL, "gold"));
if (!present) console.log(`real-tables: ${REAL} is absent; the real-document table tests are skipped`);

let dir: string;
let db: Db;
const ids = new Map<string, number>();

async function store(rel: string): Promise<number> {
  const known = ids.get(rel);
  if (known !== undefined) return known;
  const { extraction } = await extractFile(join(REAL, rel));
  const writer = new DocumentWriter(db, { groupSize: 1 });
  const { documentId } = writer.write(extraction, { parserVersion: "test" });
  writer.close();
  ids.set(rel, documentId);
  return documentId;
}

beforeAll(() => {
  if (!present) return;
  dir = mkdtempSync(join(tmpdir(), "baocao-real-tables-"));
  db = openStore(join(dir, "real.sqlite"));
});
afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Cell {
  row_index: number;
  column_index: number;
  header: string;
  text: string | null;
  page: number | null;
}
interface MatrixCell {
  row_index: number;
  row_code: string | null;
  row_path: string;
  column_index: number;
  row_label: string | null;
  row_entity: string | null;
  header: string;
  column_entity: string | null;
  value_role: string | null;
  raw: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The stored table of a document whose first body row holds `label` and whose second row holds
 * `next` (typed from the document), with its header paths, cells and matrix cells.
 */
function table(documentId: number, label: string, next: string) {
  const found = db
    .prepare(
      `SELECT DISTINCT a.table_index FROM table_cells a JOIN table_cells b ON b.document_id = a.document_id AND b.table_index = a.table_index
        WHERE a.document_id = ? AND a.row_index = 0 AND a.text = ? AND b.row_index = 1 AND b.text = ?`,
    )
    .all(documentId, label, next) as { table_index: number }[];
  expect(found.length, `one table whose first rows hold ${label}, ${next}`).toBe(1);
  const ti = found[0].table_index;
  const t = db.prepare("SELECT table_index, kind, title, header_rows, body_rows, fragments FROM doc_tables WHERE document_id = ? AND table_index = ?").get(documentId, ti) as {
    table_index: number;
    kind: string;
    title: string | null;
    header_rows: number;
    body_rows: number;
    fragments: number;
  };
  const headers = (db.prepare("SELECT header FROM table_columns WHERE document_id = ? AND table_index = ? ORDER BY column_index").all(documentId, ti) as { header: string }[]).map((c) => c.header);
  const cells = db.prepare("SELECT row_index, column_index, header, text, page FROM table_cells WHERE document_id = ? AND table_index = ? ORDER BY row_index, column_index").all(documentId, ti) as Cell[];
  const matrix = db.prepare(
    "SELECT row_index, row_code, row_path, column_index, row_label, row_entity, header, column_entity, value_role, raw, value, numerator, denominator FROM matrix_cells WHERE document_id = ? AND table_index = ? ORDER BY row_index, column_index",
  ).all(documentId, ti) as MatrixCell[];
  return { ...t, headers, cells, matrix };
}

/** Body rows as the store holds them: the non-empty cell texts of each row, in column order. */
function rows(cells: Cell[]): string[][] {
  const out: string[][] = [];
  for (const c of cells) if (c.text !== null && c.text !== "") (out[c.row_index] ??= []).push(c.text);
  return out;
}

/** A Vietnamese decimal as printed ("9,49") as a number. */
const vn = (s: string) => Number(s.replace(",", "."));

describe.skipIf(!present)("score and ranking tables of real reports, every cell", () => {
  it("stores the PAR Index table of a Sở Nội vụ report: three provinces × (Điểm số, Chỉ số, Thứ hạng), scores printed over two lines", async () => {
    const id = await store("docx/d78837e7.docx");
    const provinces = ["Lâm Đồng", "Đắk Nông", "Bình Thuận"];
    const t = table(id, "Công tác chỉ đạo, điều hành", "Cải cách thể chế");
    expect(t.kind).toBe("matrix");
    expect(t.title).toBe("1. Kết quả Chỉ số năm 2024");
    expect(t.header_rows).toBe(2);
    // Typed from word/document.xml: STT, Nội dung, then per province the score (two paragraphs:
    // "9,49/" and "9,5"), the index and the rank.
    const doc: [string, string, ...string[]][] = [
      ["1", "Công tác chỉ đạo, điều hành", "9,49", "9,5", "99,9%", "12/63", "9,45", "9,5", "99,5%", "22/63", "9,43", "9,5", "99,2%", "25/63"],
      ["2", "Cải cách thể chế", "9,38", "10", "93,8%", "20/63", "8,67", "10", "86,7%", "55/63", "8,9", "10", "89,0%", "48/63"],
      ["3", "Cải cách thủ tục hành chính", "11,97", "13", "92,1%", "55/63", "12,84", "13", "98,8%", "31/63", "11,24", "13", "86,5%", "62/63"],
      ["4", "Cải cách tổ chức bộ máy hành chính nhà nước", "9,47", "10,5", "90,2%", "53/63", "9,9", "10,5", "94,3%", "11/63", "9,94", "10,5", "94,6%", "5/63"],
      ["5", "Cải cách chế độ công vụ, công chức", "11,57", "15", "77,1%", "61/63", "13,36", "15", "89,1%", "13/63", "12,71", "15", "84,7%", "25/63"],
      ["6", "Cải cách tài chính công", "8,56", "12", "71,3%", "44/63", "9,84", "12", "82,0%", "42/63", "10,4", "12", "86,7%", "27/63"],
      ["7", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "11,92", "13,5", "88,3%", "17/63", "11", "13,5", "81,5%", "48/63", "11,44", "13,5", "84,8%", "32/63"],
      ["8", "Tác động của CCHC đến phát triển kinh tế xã hội của tỉnh", "10,75", "16,5", "65,2%", "62/63", "11,55", "16,5", "70,0%", "58/63", "14,21", "16,5", "86,1%", "15/63"],
      ["", "CHỈ SỐ CHUNG", "83,1", "100", "83,1%", "62/63", "86,6", "100", "86,6%", "50/63", "88,3", "100", "88,3%", "34/63"],
    ];
    const perProvince = (r: string[]) => [0, 1, 2].map((p) => r.slice(2 + p * 4, 6 + p * 4) as [string, string, string, string]);
    expect(rows(t.cells)).toEqual(
      doc.map((r) => [...(r[0] ? [r[0]] : []), r[1], ...perProvince(r).flatMap(([s, max, idx, rank]) => [`${s}/\n${max}`, idx, rank])]),
    );
    expect(t.matrix.map((m) => [m.row_label, m.header, m.column_entity, m.value_role, m.raw, m.value, m.numerator, m.denominator])).toEqual(
      doc.flatMap((r) =>
        perProvince(r).flatMap(([s, max, idx, rank], p) => {
          const [pos, of] = rank.split("/");
          return [
            [r[1], `${provinces[p]} › Điểm số`, provinces[p], "score", `${s}/ ${max}`, vn(s), vn(s), vn(max)],
            [r[1], `${provinces[p]} › Chỉ số`, provinces[p], "index", idx, vn(idx.replace("%", "")), null, null],
            [r[1], `${provinces[p]} › Thứ hạng`, provinces[p], "rank", rank, Number(pos), Number(pos), Number(of)],
          ];
        }),
      ),
    );
    // Each stored cell carries the header of the column it sits under in the document.
    for (const m of t.matrix) expect(t.cells.find((c) => c.row_index === m.row_index && c.column_index === m.column_index)?.header).toBe(m.header);
  });

  it("stores the 766 index table of the same report with its groups: I … V, III.1 and III.2 under III, unnumbered rows under V", async () => {
    const id = await store("docx/d78837e7.docx");
    const t = table(id, "Công khai minh bạch", "Tỷ lệ TTHC công bố đúng hạn");
    expect([t.kind, t.headers]).toEqual(["matrix", ["STT", "Nội dung", "Tỷ lệ", "Điểm số", "Thứ hạng"]]);
    // Typed from word/document.xml: STT, Nội dung, Tỷ lệ, Điểm số, Thứ hạng ("" = empty cell),
    // and the group the row sits in by its numbering.
    const doc: [string, string, string, string, string, string[]][] = [
      ["I", "Công khai minh bạch", "", "15,38", "14/34", []],
      ["1", "Tỷ lệ TTHC công bố đúng hạn", "71,96%", "4,32", "", ["I"]],
      ["2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", "76,43%", "3,06", "", ["I"]],
      ["3", "Tỷ lệ TTHC được công khai có đầy đủ các nội dung quy định về các bộ phận tạo thành của TTHC", "100", "2", "", ["I"]],
      ["4", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", "100", "6", "", ["I"]],
      ["II", "Tiến độ, kết quả giải quyết", "", "18,88", "14/34", []],
      ["III", "Cung cấp dịch vụ trực tuyến", "", "", "", []],
      ["III.1", "Dịch vụ trực tuyến", "", "8,23", "14/34", ["III"]],
      ["1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", "96,38", "2", "", ["III", "III.1"]],
      ["2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", "4,58", "0,23", "", ["III", "III.1"]],
      ["3", "Tỷ lệ hồ sơ TTHC theo hình thức nộp hồ sơ", "74,78", "6", "", ["III", "III.1"]],
      ["III.2", "Thanh toán trực tuyến", "", "9,42", "14/34", ["III"]],
      ["1", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", "58,26%", "1,46", "", ["III", "III.2"]],
      ["2", "Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp để người dân có thể thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia", "78,35%", "1,96", "", ["III", "III.2"]],
      ["3", "Tỷ lệ hồ sơ thanh toán trực tuyến", "100%", "6", "", ["III", "III.2"]],
      ["IV", "Số hóa hồ sơ", "", "19,05", "17/34", []],
      ["1", "Tỷ lệ hồ sơ TTHC có cấp kết quả giải quyết TTHC điện tử", "80,7%", "4,84", "", ["IV"]],
      ["2", "Tỷ lệ hồ sơ TTHC thực hiện số hóa hồ sơ", "71,95%", "3,6", "", ["IV"]],
      ["3", "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "62,97%", "1,57", "", ["IV"]],
      ["4", "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", "100%", "2", "", ["IV"]],
      ["5", "Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng", "91,13%", "3,65", "", ["IV"]],
      ["6", "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC", "95,42%", "1,91", "", ["IV"]],
      ["7", "Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư", "73,89%", "1,48", "", ["IV"]],
      ["V", "Mức độ hài lòng", "", "17,76", "14/34", []],
      ["", "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", "100%", "6", "", ["V"]],
      ["", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "96%", "5,76", "", ["V"]],
      ["", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "94,38%", "6", "", ["V"]],
      ["", "CHỈ SỐ CHUNG", "88,72%", "88,72", "14/34", []],
    ];
    expect(rows(t.cells)).toEqual(doc.map((r) => r.slice(0, 5).filter((x) => x !== "")));
    const roles = ["ratio", "score", "rank"];
    const headers = ["Tỷ lệ", "Điểm số", "Thứ hạng"];
    expect(t.matrix.map((m) => [m.row_code || "", m.row_label, JSON.parse(m.row_path), m.header, m.value_role, m.raw, m.value])).toEqual(
      doc.flatMap(([code, label, ...rest]) => {
        const path = rest[3] as string[];
        return (rest.slice(0, 3) as string[]).flatMap((raw, i) =>
          raw ? [[code, label, path, headers[i], roles[i], raw, i === 2 ? Number(raw.split("/")[0]) : vn(raw.replace("%", ""))]] : [],
        );
      }),
    );
  });

  it("stores a unit ranking of a service-centre report: TT | Đơn vị | Tỷ lệ % | Điểm đạt, each row's unit as its entity", async () => {
    const id = await store("docx/34925792.docx");
    const t = table(id, "Sở Nông nghiệp và Môi trường", "19,32");
    expect(t.kind).toBe("matrix");
    expect(t.headers).toEqual(["TT", "Đơn vị", "Tỷ lệ %", "Điểm đạt (Tối đa 20 điểm)"]);
    // Typed from word/document.xml (two cells as printed: "19.31" with a dot, "17, 66" with a space).
    const doc = [
      ["1", "Sở Nông nghiệp và Môi trường", "97,96", "19,59"],
      ["2", "Sở Nội vụ", "96,62", "19,32"],
      ["3", "Sở Dân tộc và Tôn giáo", "96,55", "19.31"],
      ["4", "Sở Công thương", "96,35", "19,27"],
      ["5", "Thanh tra tỉnh", "92,82", "18,57"],
      ["6", "Sở Văn hoá, Thể thao và Du lịch", "91,34", "17,27"],
      ["7", "Sở Giáo dục và Đào tạo", "90,86", "18,17"],
      ["8", "Ban Quản lý các khu công nghiệp", "90,8", "18,16"],
      ["9", "Sở Khoa học và Công nghệ", "89,01", "17,8"],
      ["10", "Sở Y tế", "88,31", "17, 66"],
      ["11", "Sở Xây dựng", "88,31", "17,66"],
      ["12", "Sở Tài chính", "85,56", "17,11"],
      ["13", "Sở Tư pháp", "79,68", "15,94"],
    ];
    expect(rows(t.cells)).toEqual(doc);
    // What the printed numbers mean: a share in percent and a score out of 20. "17, 66" (a space
    // after the decimal comma) is left unread on purpose: "1, 2" is as often a list; the raw text
    // stays for a reviewer.
    const score = (s: string) => (/\s/.test(s) ? null : vn(s));
    expect(t.matrix.map((m) => [m.row_label, m.row_entity, m.header, m.value_role, m.raw, m.value])).toEqual(
      doc.flatMap(([, unit, share, points]) => [
        [unit, unit, "Tỷ lệ %", "ratio", share, vn(share)],
        [unit, unit, "Điểm đạt (Tối đa 20 điểm)", "score", points, score(points)],
      ]),
    );
  });

  it("joins the PCI table of a PDF split over two pages, its repeated header dropped, and keeps each row's page", async () => {
    const id = await store("pdf/02b8999b.pdf");
    const provinces = ["Lâm Đồng", "Đắk Nông", "Bình Thuận"];
    const t = table(id, "Chi phí gia nhập thị trường", "Tiếp cận đất đai và sự ổn định trong sử dụng đất");
    expect(t.headers).toEqual(["STT", "Nội dung", ...provinces.flatMap((p) => ["Điểm số", "Chỉ số", "Thứ hạng"].map((m) => `${p} › ${m}`))]);
    expect([t.kind, t.fragments, t.header_rows, t.body_rows]).toEqual(["matrix", 2, 2, 11]);
    // Typed from pdftotext -layout: the "Chỉ số" columns are empty; rows 1–2 on page 1, 3–10 and the total on page 2.
    const doc = [
      ["1", "Chi phí gia nhập thị trường", "6,74", "58", "7,68", "38", "8,78", "2"],
      ["2", "Tiếp cận đất đai và sự ổn định trong sử dụng đất", "6,22", "49", "6,62", "30", "6,71", "24"],
      ["3", "Tính minh bạch và tiếp cận thông tin", "6,19", "52", "6,84", "15", "6,91", "13"],
      ["4", "Chi phí thời gian để thực hiện các quy định của Nhà nước", "7,75", "19", "7,19", "45", "8,20", "6"],
      ["5", "Chi phí không chính thức", "6,78", "32", "6,71", "36", "7,26", "10"],
      ["6", "Cạnh tranh bình đẳng", "5,97", "29", "5,63", "39", "5,85", "32"],
      ["7", "Tính năng động và tiên phong của lãnh đạo tỉnh", "5,57", "58", "6,35", "30", "6,71", "13"],
      ["8", "Dịch vụ hỗ trợ doanh nghiệp", "7,11", "36", "7,26", "29", "6,94", "48"],
      ["9", "Đào tạo lao động", "6,15", "38", "6,15", "39", "6,01", "45"],
      ["10", "Thiết chế pháp lý và an ninh trật tự", "7,21", "48", "7,71", "22", "7,05", "52"],
      ["Chỉ số chung", "65,08", "54", "67,45", "36", "68,92", "19"],
    ];
    expect(rows(t.cells)).toEqual(doc);
    const pages = [...new Set(t.cells.map((c) => `${c.row_index}:${c.page}`))];
    expect(pages).toEqual(doc.map((_, i) => `${i}:${i < 2 ? 1 : 2}`));
    expect(t.matrix.map((m) => [m.row_label, m.header, m.column_entity, m.value_role, m.raw, m.value])).toEqual(
      doc.flatMap((r) => {
        const label = r.length === 8 ? r[1] : r[0];
        const v = r.slice(r.length - 6);
        return [0, 1, 2].flatMap((p) => [
          [label, `${provinces[p]} › Điểm số`, provinces[p], "score", v[p * 2], vn(v[p * 2])],
          [label, `${provinces[p]} › Thứ hạng`, provinces[p], "rank", v[p * 2 + 1], Number(v[p * 2 + 1])],
        ]);
      }),
    );
  });

  it("stores the four indices of three provinces from a PDF report, each row's province as its entity", async () => {
    const id = await store("pdf/fbcf417b.pdf");
    const t = table(id, "Lâm Đồng", "Đắk Nông");
    expect(t.kind).toBe("matrix");
    // Typed from pdftotext -layout of page 1 (the province names wrap over two lines there).
    const doc = [
      ["Lâm Đồng", "83,1/100", "62/63", "83,0%", "39/63", "41,02/80", "54/63", "65,08/100", "54/63"],
      ["Đắk Nông", "86,6/100", "50/63", "83,1%", "37/63", "40,53/80", "58/63", "67,45/100", "36/63"],
      ["Bình Thuận", "88,3/100", "34/63", "82,6%", "42/63", "47,13/80", "3/63", "68,92/100", "19/63"],
    ];
    expect(rows(t.cells)).toEqual(doc);
    const headers = ["PAR Index › Điểm số", "PAR Index › Thứ hạng", "SIPAS › Chỉ số", "SIPAS › Thứ hạng", "PAPI › Điểm số", "PAPI › Thứ hạng", "PCI › Điểm số", "PCI › Thứ hạng"];
    expect(t.headers).toEqual(["Tỉnh (trước sắp xếp)", ...headers]);
    const roles = ["score", "rank", "index", "rank", "score", "rank", "score", "rank"];
    expect(t.matrix.map((m) => [m.row_entity, m.header, m.value_role, m.raw, m.value, m.numerator, m.denominator])).toEqual(
      doc.flatMap(([province, ...v]) =>
        v.map((raw, i) => {
          const [a, b] = raw.split("/");
          return roles[i] === "index" ? [province, headers[i], roles[i], raw, vn(raw.replace("%", "")), null, null] : [province, headers[i], roles[i], raw, vn(a), vn(a), vn(b)];
        }),
      ),
    );
  });
});

describe.skipIf(!present)("every table of the real Word documents is in the store", () => {
  const files = present ? readdirSync(join(REAL, "docx")).filter((f) => f.endsWith(".docx")).sort() : [];
  it.each(files)("docx/%s: the stored tables' fragments add up to the file's own table count", async (f) => {
    const id = await store(`docx/${f}`);
    const stored = db.prepare("SELECT coalesce(sum(fragments), 0) AS fragments FROM doc_tables WHERE document_id = ?").get(id) as { fragments: number };
    expect(stored.fragments).toBe(await wordTables(join(REAL, "docx", f)));
  });
});
