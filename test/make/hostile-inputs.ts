/**
 * Writes the red-team corpus of issue 19 (test/hostile.test.ts, docs/BAD-INPUT.md) into
 * test/fixtures/hostile/: inputs made to hang, blow up or give a wrong number without a word.
 *
 *   npx tsx scripts/make-hostile-inputs.ts [outDir]   (the command; this module is the generator the tests share)
 *
 * Output is deterministic. Inputs too large for git (megabytes of nesting, a 100,000-row table)
 * and those that only exist on a filesystem (a FIFO, a socket, a link to /dev/zero, a name
 * that is not UTF-8) are made on the fly by `makeHostileOnTheFly`, from the same functions.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState } from "pdf-lib";
import { CONTENT_TYPES, REPORT_TEXT, ROOT_RELS, zip } from "./bad-inputs.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the committed corpus lives. */
export const HOSTILE_DIR = join(ROOT, "test/fixtures/hostile");

const utf8 = (s: string) => new TextEncoder().encode(s);

/** `depth` block quotes nested on one line: "> > > … x" (remark recursed once per level). */
export function nestedBlockquotes(depth: number): string {
  return `${">".repeat(depth)} Nội dung\n`;
}

/** A list nested `depth` levels, each item indented two columns more than its parent. */
export function nestedList(depth: number): string {
  return Array.from({ length: depth }, (_, i) => `${" ".repeat(2 * i)}- mục ${i + 1}`).join("\n") + "\n";
}

/** `runs` backtick runs of growing length in one paragraph (no run closes another). */
export function backtickRuns(runs: number): string {
  return Array.from({ length: runs }, (_, i) => `${"`".repeat(i + 1)}a`).join(" ") + "\n";
}

/** About `bytes` of one-line numbered headings "1. Mục" … "9. Mục", repeating, without blank lines. */
export function numberedHeadings(bytes: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${(i % 9) + 1}. Mục`;
    out.push(line);
    size += utf8(line).length + 1;
  }
  return out.join("\n") + "\n";
}

/** A report whose one TAB table has `rows` indicator rows. */
export function tabTable(rows: number): string {
  const lines = ["BÁO CÁO", "", "I. KẾT QUẢ", "", "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu"];
  for (let i = 1; i <= rows; i++) lines.push(`${i}\tChỉ tiêu thứ ${i}\tHồ sơ\t${i}`);
  return lines.join("\n") + "\n";
}

/** A .docx whose body is `depth` tables nested in each other's first cell. */
export async function nestedTablesDocx(depth: number): Promise<Uint8Array> {
  const open = "<w:tbl><w:tr><w:tc>";
  const close = "<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
  const body = `${open.repeat(depth)}${close.repeat(depth)}<w:p/>`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zip({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": xml });
}

/**
 * Value cells that look like numbers but hide something, each on its own indicator row:
 * invisible characters, full-width and Arabic-Indic digits, an overflow and 400 digits. The
 * expected reading of each is in HOSTILE_VALUES.
 */
export const HOSTILE_VALUES: { label: string; raw: string; value: number | null; flag?: string }[] = [
  { label: "Số có dấu cách rộng bằng không", raw: "1\u200b034", value: 1034 },
  { label: "Tỷ lệ có ký tự nối vô hình", raw: "98\u200c,5\u200d%", value: 98.5 },
  { label: "Số viết bằng chữ số toàn khổ", raw: "１２５", value: 125 },
  { label: "Số viết bằng chữ số Ả Rập-Ấn", raw: "\u0661\u0662\u0663", value: 123 },
  { label: "Tỷ lệ tràn số", raw: "1e308%", value: 1e308, flag: "percent.out_of_range" },
  { label: "Số quá lớn", raw: "1e999", value: null, flag: "value.unreadable" },
  { label: "Số 400 chữ số", raw: "7".repeat(400), value: null, flag: "value.unreadable" },
];

/** The report holding HOSTILE_VALUES in a TAB table. */
export function hostileValuesReport(): string {
  const rows = HOSTILE_VALUES.map((v, i) => `${i + 1}\t${v.label}\t${v.raw.endsWith("%") ? "%" : "Hồ sơ"}\t${v.raw}`);
  return [...REPORT_TEXT.split("\n").slice(0, 9), "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu", ...rows, ""].join("\n");
}

/** A report whose indicator names a spreadsheet would run as formulas. */
export const FORMULA_NAMES = ['=HYPERLINK("http://x.invalid","Bấm")', "+1+1", "-2+3", "@SUM(A1:A2)"];
export function formulaReport(): string {
  const rows = FORMULA_NAMES.map((n, i) => `${i + 1}\t${n}\tHồ sơ\t${i + 1}`);
  return [...REPORT_TEXT.split("\n").slice(0, 9), "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu", ...rows, ""].join("\n");
}

/**
 * A one-page "scan": an A4 page painted with one `side` × `side` pixel 1-bit image (all
 * white but a black band), Flate-compressed, so 20,000 × 20,000 pixels (400 megapixels, 1.6 GB
 * once decoded to RGBA) fit in some 60 KB.
 */
export async function hugeImagePdf(side: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  doc.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  const page = doc.addPage([595, 842]);
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc(rowBytes * side, 0xff);
  raw.fill(0x00, rowBytes * Math.floor(side / 2), rowBytes * (Math.floor(side / 2) + 8));
  const image = doc.context.stream(deflateSync(raw, { level: 9 }), {
    Type: "XObject",
    Subtype: "Image",
    Width: side,
    Height: side,
    ColorSpace: "DeviceGray",
    BitsPerComponent: 1,
    Filter: "FlateDecode",
  });
  page.node.setXObject(PDFName.of("Im0"), doc.context.register(image));
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(595, 0, 0, 842, 0, 0), drawObject("Im0"), popGraphicsState());
  return doc.save({ useObjectStreams: false });
}

/** UTF-16LE bytes without a byte order mark. */
export function utf16leNoBom(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/** Writes the committed corpus; returns the file names. */
export async function writeHostileInputs(dir = HOSTILE_DIR): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  const put = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(dir, name), data);
    names.push(name);
  };
  put("bom-only.txt", new Uint8Array([0xef, 0xbb, 0xbf]));
  put("whitespace-only.txt", " \n\t\n   \u00a0\n\n");
  put("utf-16le-no-bom.txt", utf16leNoBom(REPORT_TEXT));
  put("nested-blockquotes-50000.txt", nestedBlockquotes(50_000));
  put("nested-list-300.txt", nestedList(300));
  put("backtick-runs-400.txt", backtickRuns(400));
  put("nested-brackets-10000.txt", `${"[".repeat(10_000)}Nội dung${"]".repeat(10_000)}\n`);
  put("nested-tables-2000.docx", await nestedTablesDocx(2000));
  put("hostile-values.txt", hostileValuesReport());
  put("formula-cells.txt", formulaReport());
  put("image-20000x20000.pdf", await hugeImagePdf(20_000));
  return names;
}

/** Paths of the cases made on the fly by makeHostileOnTheFly. */
export interface HostileOnTheFly {
  /** 2,000 nested list levels (4 MB of indentation). */
  deepList: string;
  /** 3,000 backtick runs of growing length (4.5 MB). */
  backticks: string;
  /** 10 MB of "1. Mục" headings. */
  headings: string;
  /** A TAB table of 100,000 rows. */
  bigTable: string;
  /** A named pipe called fifo.txt (no writer: opening it for reading blocks). */
  fifo: string;
  /** x.txt → /dev/zero (endless zeros). */
  devZero: string;
  /** A listening Unix socket called socket.txt; close `server` when done. */
  socket: string;
  server: Server;
  /** A folder holding a report whose name has bytes that are not UTF-8 (Latin-1 "bá"). */
  latin1Folder: string;
}

/** Creates the large and filesystem-level cases under `dir` (which must exist). */
export async function makeHostileOnTheFly(dir: string): Promise<HostileOnTheFly> {
  const p = (name: string) => join(dir, name);
  writeFileSync(p("nested-list-2000.txt"), nestedList(2000));
  writeFileSync(p("backtick-runs-3000.txt"), backtickRuns(3000));
  writeFileSync(p("headings-10mb.txt"), numberedHeadings(10 * 1024 * 1024));
  writeFileSync(p("tab-table-100k.txt"), tabTable(100_000));
  execFileSync("mkfifo", [p("fifo.txt")]);
  symlinkSync("/dev/zero", p("dev-zero.txt"));
  const server = createServer();
  await new Promise<void>((ok) => server.listen(p("socket.txt"), ok));
  const latin1Folder = p("latin1");
  mkdirSync(latin1Folder);
  // "báo cáo.txt" in Latin-1: 0xE1 for á is not valid UTF-8.
  const name = Buffer.concat([Buffer.from(`${latin1Folder}/b`), Buffer.from([0xe1]), Buffer.from("o c"), Buffer.from([0xe1]), Buffer.from("o.txt")]);
  writeFileSync(name, REPORT_TEXT);
  return {
    deepList: p("nested-list-2000.txt"),
    backticks: p("backtick-runs-3000.txt"),
    headings: p("headings-10mb.txt"),
    bigTable: p("tab-table-100k.txt"),
    fifo: p("fifo.txt"),
    devZero: p("dev-zero.txt"),
    socket: p("socket.txt"),
    server,
    latin1Folder,
  };
}
