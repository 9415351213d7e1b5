/**
 * Writes the bad-input corpus (test/bad-input.test.ts, docs/BAD-INPUT.md) into test/fixtures/bad/:
 * hostile and damaged files, each named for what it tests, plus reports in every legacy encoding.
 *
 *   npx tsx scripts/make-bad-inputs.ts [outDir]   (the command; this module is the generator the tests share)
 *
 * Output is deterministic (fixed PRNG seed, fixed zip and PDF dates), so re-running changes
 * nothing unless the script changed, except the encrypted PDFs, whose file keys qpdf draws at
 * random. Those need `qpdf` on PATH; without it they are left as they are. Cases that cannot live in git (a 100 MB file, a directory posing as a
 * file, broken symbolic links, link loops) are made on the fly by `makeFilesystemCases`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync, deflateSync } from "node:zlib";
import JSZip from "jszip";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { encodeTcvn3, encodeVni, encodeWindows1258 } from "../../src/ingest/txt/encodings/legacy.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the committed corpus lives. */
export const BAD_DIR = join(ROOT, "test/fixtures/bad");

/** A short report in the shape of the real ones: a title, a Roman section, a TAB table. */
export const REPORT_TEXT = [
  "BÁO CÁO",
  "Kết quả công tác cải cách hành chính quý I năm 2024",
  "",
  "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
  "",
  "Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách hành chính và các văn bản chỉ đạo, hướng dẫn các sở, ban, ngành thực hiện.",
  "",
  "II. KẾT QUẢ THỰC HIỆN",
  "",
  "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu",
  "1\tSố thủ tục hành chính được rà soát\tThủ tục\t125",
  "2\tTỷ lệ hồ sơ giải quyết đúng hạn\t%\t98,5",
  "",
].join("\n");

/** Deterministic bytes (mulberry32), so the junk files do not change between runs. */
function junk(length: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  // Never start with a signature that would make the junk a real PDF, ZIP or OLE2 file.
  out[0] = 0x00;
  return out;
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
export const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

function documentXml(paragraphs: string[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** A fixed date keeps generated zips byte-identical between runs. */
const ZIP_DATE = new Date(Date.UTC(2024, 0, 1));

export async function zip(files: Record<string, string | Uint8Array>, compression: "DEFLATE" | "STORE" = "DEFLATE"): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data, { date: ZIP_DATE, createFolders: false });
  return z.generateAsync({ type: "uint8array", compression });
}

/** A small valid .docx with the report's paragraphs. */
export async function goodDocx(): Promise<Uint8Array> {
  return zip({
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "word/document.xml": documentXml(REPORT_TEXT.split("\n").filter((l) => l && !l.includes("\t"))),
  });
}

/**
 * Rewrites the uncompressed size the zip declares for `name`, in both the local header and the
 * central directory (where JSZip reads it), to make a package lie about its size.
 */
export function patchDeclaredSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  const nameBytes = new TextEncoder().encode(name);
  const nameAt = (pos: number) => nameBytes.every((b, i) => out[pos + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === nameBytes.length && nameAt(i + 30)) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === nameBytes.length && nameAt(i + 46)) view.setUint32(i + 24, size, true);
  }
  return out;
}

/**
 * A zip bomb that lies: word/document.xml inflates to `inflated` bytes of spaces but declares
 * 1 KB, so only counting while inflating can stop it. Built by hand (one stored-size-patched
 * deflate entry) because asking JSZip to deflate hundreds of MB would itself be the bomb.
 */
function lyingZipBomb(inflated: number): Uint8Array {
  const xmlHead = new TextEncoder().encode('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const spaces = Buffer.alloc(inflated - xmlHead.length, 0x20);
  const raw = Buffer.concat([xmlHead, spaces]);
  const entries: { name: string; data: Uint8Array; deflated: Uint8Array; declared: number }[] = [
    { name: "[Content_Types].xml", data: new TextEncoder().encode(CONTENT_TYPES), deflated: new Uint8Array(), declared: 0 },
    { name: "_rels/.rels", data: new TextEncoder().encode(ROOT_RELS), deflated: new Uint8Array(), declared: 0 },
    { name: "word/document.xml", data: raw, deflated: new Uint8Array(), declared: 1024 },
  ];
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    e.deflated = deflateRawSync(e.data, { level: 9 });
    const declared = e.declared || e.data.length;
    const crc = crc32(e.data);
    const name = new TextEncoder().encode(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(e.deflated.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.deflated);
    central.push(cd, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBytes, end]);
}

/** A one-page PDF with ASCII text (the standard fonts cannot encode Vietnamese). */
export async function textPdf(lines = ["BAO CAO", "Ket qua cong tac cai cach hanh chinh quy I nam 2024", "I. CONG TAC CHI DAO, DIEU HANH"]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(ZIP_DATE);
  pdf.setModificationDate(ZIP_DATE);
  pdf.setProducer("baocao make-bad-inputs");
  pdf.setCreator("baocao make-bad-inputs");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((l, i) => page.drawText(l, { x: 60, y: 780 - i * 24, size: 12, font }));
  // No object streams: the classic xref table is what the broken-xref case damages.
  return pdf.save({ useObjectStreams: false });
}

/** A grey 64×64 PNG built by hand (IHDR, IDAT, IEND), so no image library is needed. */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const w = 64;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((w + 1) * w);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) rows[y * (w + 1) + 1 + x] = (x * 4 + y * 2) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A scanned-looking PDF: one page holding only an image, no text layer. */
async function imageOnlyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(ZIP_DATE);
  pdf.setModificationDate(ZIP_DATE);
  pdf.setProducer("baocao make-bad-inputs");
  const img = await pdf.embedPng(png());
  const page = pdf.addPage([595, 842]);
  page.drawImage(img, { x: 40, y: 40, width: 515, height: 760 });
  return pdf.save({ useObjectStreams: false });
}

/** Every xref offset and startxref point at the wrong place; readers must rebuild the table. */
function breakXref(bytes: Uint8Array): Uint8Array {
  const s = Buffer.from(bytes).toString("latin1");
  const broken = s
    .replace(/^(\d{10}) (\d{5}) n/gm, (_m, _off: string, gen: string) => `${"9".repeat(10)} ${gen} n`)
    .replace(/startxref\s+\d+/, "startxref\n123456789");
  return Buffer.from(broken, "latin1");
}

/** The start of an OLE2 compound file: what a legacy Word 97-2003 .doc begins with. */
function ole2Doc(): Uint8Array {
  const out = new Uint8Array(1536);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  out.set(junk(1024, 7), 512);
  return out;
}

/** Runs qpdf to encrypt; returns undefined when qpdf is not installed. */
function qpdfEncrypt(plain: Uint8Array, userPassword: string): Uint8Array | undefined {
  const dir = mkdtempSync(join(tmpdir(), "baocao-qpdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), plain);
    execFileSync("qpdf", ["--static-id", "--static-aes-iv", "--encrypt", userPassword, "owner-secret", "256", "--", join(dir, "in.pdf"), join(dir, "out.pdf")], { stdio: "ignore" });
    return readFileSync(join(dir, "out.pdf"));
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Size the lying zip bomb inflates to: past the docx ingest's 200 MB default limit. */
export const ZIP_BOMB_INFLATED_BYTES = 210 * 1024 * 1024;

/** Writes every committed fixture into `dir` and returns the names written. */
export async function writeBadInputs(dir = BAD_DIR): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, bytes: Uint8Array | string | undefined) => {
    if (bytes === undefined) {
      process.stderr.write(`skipped ${name} (tool missing)\n`);
      return;
    }
    writeFileSync(join(dir, name), bytes);
    written.push(name);
  };
  const good = await goodDocx();
  const pdf = await textPdf();
  const utf8 = (s: string) => new TextEncoder().encode(s);

  // Empty and junk files.
  put("empty.txt", new Uint8Array());
  put("binary-junk.txt", junk(4096, 1));
  put("binary-junk.docx", junk(4096, 2));
  put("binary-junk.pdf", junk(4096, 3));
  // Word packages.
  put("good.docx", good);
  put("truncated.docx", good.subarray(0, Math.floor(good.length * 0.6)));
  put("no-document-xml.docx", await zip({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/styles.xml": "<w:styles/>" }));
  put("zip-bomb-declared.docx", patchDeclaredSize(good, "word/document.xml", 1024 * 1024 * 1024));
  put("zip-bomb-lying.docx", lyingZipBomb(ZIP_BOMB_INFLATED_BYTES));
  put("legacy-word97.doc", ole2Doc());
  put("legacy-word97-named.docx", ole2Doc());
  // PDFs.
  put("good.pdf", pdf);
  put("encrypted-user-password.pdf", qpdfEncrypt(pdf, "user-secret"));
  put("encrypted-owner-only.pdf", qpdfEncrypt(pdf, ""));
  put("broken-xref.pdf", breakXref(pdf));
  put("truncated.pdf", pdf.subarray(0, Math.floor(pdf.length * 0.5)));
  put("image-only.pdf", await imageOnlyPdf());
  put("pdf-named.txt", pdf);
  // Text in every encoding the txt ingest reads.
  put("report-tcvn3.txt", encodeTcvn3(REPORT_TEXT));
  put("report-vni.txt", encodeVni(REPORT_TEXT));
  put("report-windows-1258.txt", encodeWindows1258(REPORT_TEXT));
  put("report-nfd.txt", utf8(REPORT_TEXT.normalize("NFD")));
  put("report-utf-16le.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT_TEXT, "utf16le")]));
  put("report-utf-8-bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT_TEXT, "utf8")]));
  put("report-tcvn3-mojibake-utf8.txt", utf8(new TextDecoder("windows-1252").decode(encodeTcvn3(REPORT_TEXT))));
  put("report-broken-utf8.txt", Buffer.concat([Buffer.from(REPORT_TEXT, "utf8"), Buffer.from([0xc3, 0x28, 0xff, 0x0a])]));
  // A name with Vietnamese letters and spaces.
  put("Báo cáo CCHC quý I - Sở Nội vụ.txt", utf8(REPORT_TEXT));
  return written;
}

/** Paths of the cases made on the fly by makeFilesystemCases. */
export interface FilesystemCases {
  /** A directory whose name ends in .txt, passed as if it were a file. */
  directory: string;
  /** A .txt symbolic link to a file that does not exist. */
  brokenSymlink: string;
  /** A folder holding a report and a link back to its own parent (a loop for the walk). */
  loopFolder: string;
  /** A sparse 100 MB .txt file (no disk blocks used) above the 64 MB limit. */
  hugeText: string;
}

/** Creates the filesystem-level cases under `dir` (which must exist). */
export function makeFilesystemCases(dir: string): FilesystemCases {
  const directory = join(dir, "folder-named.txt");
  mkdirSync(directory, { recursive: true });
  const brokenSymlink = join(dir, "broken-link.txt");
  symlinkSync(join(dir, "does-not-exist.txt"), brokenSymlink);
  const loopFolder = join(dir, "loop");
  mkdirSync(join(loopFolder, "inner"), { recursive: true });
  writeFileSync(join(loopFolder, "inner", "report.txt"), REPORT_TEXT);
  symlinkSync("..", join(loopFolder, "inner", "back-to-parent"));
  symlinkSync(loopFolder, join(loopFolder, "inner", "self"));
  const hugeText = join(dir, "huge-100mb.txt");
  writeFileSync(hugeText, "");
  truncateSync(hugeText, 100 * 1024 * 1024);
  return { directory, brokenSymlink, loopFolder, hugeText };
}
