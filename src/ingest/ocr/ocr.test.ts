import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document, type Block, type Paragraph, type Table } from "../../model/document.js";
import type { Message } from "../../model/message.js";
import { UnusableInputError } from "../../model/message.js";
import { ingestPdf, registerOcr } from "../pdf/index.js";
import { openPdf } from "../pdf/load.js";
import { OcrPool } from "./engine.js";
import { extractBytes } from "../../pipeline/extract.js";
import { ocrPage, ocrStage, terminateOcr } from "./index.js";

// Fixtures come from scripts/make-ocr-fixtures.mjs: image-only pages at 200 dpi, 1-bit.
const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/ocr");
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === "table");

/** OCR page 1 of a fixture with the given pool. */
async function ocrFixture(name: string, pool: OcrPool): Promise<{ blocks: Block[]; messages: Message[] }> {
  const opened = await openPdf(bytes(name));
  try {
    const { value, messages } = await ocrPage(await opened.doc.getPage(1), 1, { file: name, pool });
    return { blocks: value, messages };
  } finally {
    await opened.destroy();
  }
}

// One pool for the file, created while the network is stubbed out: model loading, worker start
// and recognition must all happen without it. Inside the worker threads the offline shim
// (engine.ts) replaces fetch with a throwing function, so a download attempt would fail the
// recognition itself.
const pool = new OcrPool(1);
const attempts: string[] = [];
const saved = { fetch: globalThis.fetch, http: http.request, https: https.request, connect: net.connect };
let table: { blocks: Block[]; messages: Message[] };
let plain: { blocks: Block[]; messages: Message[] };

beforeAll(async () => {
  const refuse = (what: string) => () => {
    attempts.push(what);
    throw new Error(`network use in an offline test: ${what}`);
  };
  globalThis.fetch = refuse("fetch") as typeof fetch;
  http.request = refuse("http.request") as typeof http.request;
  https.request = refuse("https.request") as typeof https.request;
  net.connect = refuse("net.connect") as typeof net.connect;
  table = await ocrFixture("ocr-ruled-table.pdf", pool);
  plain = await ocrFixture("ocr-plain-text.pdf", pool);
}, 120_000);

afterAll(async () => {
  globalThis.fetch = saved.fetch;
  http.request = saved.http;
  https.request = saved.https;
  net.connect = saved.connect;
  registerOcr(undefined);
  await Promise.all([pool.terminate(), terminateOcr()]);
});

describe("OCR of a scanned page with a ruled table", () => {
  it("rebuilds the table cell by cell as rows × cells, text around it as paragraphs", () => {
    const [t] = tables(table.blocks);
    expect(tables(table.blocks)).toHaveLength(1);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
      ["1", "Số văn bản chỉ đạo đã ban hành", "Văn bản", "12"],
      ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "98,5"],
      ["II", "CẢI CÁCH THỂ CHẾ", "", ""],
      ["3", "Số thủ tục hành chính được công bố", "Thủ tục", ""],
    ]);
    expect(paragraphs(table.blocks).map((p) => p.text)).toEqual([
      "PHỤ LỤC",
      "Số liệu thống kê cải cách hành chính",
      "Ghi chú: số liệu tính đến ngày 15/6/2024.",
    ]);
    // Blocks in page order: the note printed under the table comes after it.
    expect(table.blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "table", "paragraph"]);
  });

  it("gives every block, row and read cell its page, box in points and confidence", () => {
    expect(() => table.blocks.forEach((b) => Document.shape.blocks.element.parse(b))).not.toThrow();
    for (const b of table.blocks) {
      expect(b.prov.page).toBe(1);
      expect(b.prov.bbox).toHaveLength(4);
      expect(b.prov.confidence).toBeGreaterThanOrEqual(0);
    }
    const [t] = tables(table.blocks);
    // The table's ruled box (drawn from x 60 to 540 pt, y 80 to 230 pt in the fixture).
    t.prov.bbox!.forEach((v, i) => expect(v).toBeCloseTo([60, 80, 540, 230][i], -1));
    const value = t.rows[1].cells[3];
    expect(value.prov?.page).toBe(1);
    expect(value.prov?.confidence).toBeGreaterThan(80);
    value.prov!.bbox!.forEach((v, i) => expect(v).toBeCloseTo([450, 110, 540, 140][i], -1));
  });

  it("flags the smudged value and the Roman numeral rebuilt from its shape, and nothing clean", () => {
    const flagged = table.messages.map((m) => [m.ruleId, m.severity, m.place.page, (m.actual as { rowOnPage: number }).rowOnPage, m.place.column]);
    expect(flagged).toEqual([
      ["ocr.low-confidence", "warning", 1, 3, 0],
      ["ocr.low-confidence", "warning", 1, 4, 3],
    ]);
    expect(table.messages[1].reason).toContain("row 5, column 4");
    expect(tables(table.blocks)[0].rows[4].cells[3].prov?.confidence).toBe(0);
  });
});

describe("OCR of a scanned page of plain text", () => {
  it("keeps the bold Roman heading as its own paragraph and joins wrapped body lines", () => {
    const paras = paragraphs(plain.blocks);
    expect(paras.map((p) => p.bold)).toEqual([true, false, false]);
    expect(paras[0].text).toMatch(/^I\. CÔNG TÁC CH.{1,2} ĐẠO, ĐIỀU HÀNH$/u);
    expect(paras[1].text).toBe(
      "Ủy ban nhân dân phường đã ban hành kế hoạch cải cách hành chính năm 2024 và phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị trực thuộc để tổ chức thực hiện.",
    );
    expect(paras[2].text).toBe("Công tác tuyên truyền được thực hiện thường xuyên trên hệ thống loa truyền thanh và cổng thông tin điện tử của phường.");
    for (const p of paras) expect(p.prov.confidence).toBeGreaterThan(85);
    expect(plain.messages).toEqual([]);
  });

  it("used no network while loading the model and recognising", () => {
    expect(attempts).toEqual([]);
  });
});

describe("OCR behind the PDF ingest seam", () => {
  const input = (name: string) => ({ file: name, bytes: bytes(name), sha256: "" });

  it("turns a textless page into blocks when the OCR stage is registered", async () => {
    registerOcr(ocrStage);
    const { value } = await ingestPdf(input("ocr-plain-text.pdf"), {});
    expect(paragraphs(value.blocks)).toHaveLength(3);
    expect(value.blocks.every((b) => b.prov.page === 1)).toBe(true);
  });

  it("recognises a blank page (copier dust only) from its ink, without calling the recogniser", async () => {
    const refusing = { size: 1, recognize: () => Promise.reject(new Error("the recogniser must not run")) } as unknown as OcrPool;
    const opened = await openPdf(bytes("ocr-blank.pdf"));
    try {
      const { value, messages } = await ocrPage(await opened.doc.getPage(1), 1, { file: "ocr-blank.pdf", pool: refusing });
      expect(value).toEqual([]);
      expect(messages.map((m) => [m.severity, m.ruleId, m.place.page])).toEqual([["info", "ocr.blank-page", 1]]);
      expect((messages[0].actual as { inkCoverage: number }).inkCoverage).toBeLessThan(0.0002);
    } finally {
      await opened.destroy();
    }
  });

  it("fails a scan whose every page is blank with a reason", async () => {
    registerOcr(ocrStage);
    const err = await ingestPdf(input("ocr-blank.pdf"), {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnusableInputError);
    expect([(err as UnusableInputError).ruleId, (err as UnusableInputError).status]).toEqual(["ingest.pdf.no-text", "failed"]);
    expect((err as Error).message).toBe("OCR found no text on any page of this image-only PDF (page 1): its pages are blank or hold only pictures or marks.");
  });

  it("leaves the file as needs_ocr with --no-ocr (options.ocr === false)", async () => {
    registerOcr(ocrStage);
    const err = await ingestPdf(input("ocr-plain-text.pdf"), { ocr: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnusableInputError);
    expect((err as UnusableInputError).status).toBe("needs_ocr");
  });
});

describe("OCR of a scanned letter with a receipt stamp, followed by a blank page", () => {
  const name = "ocr-letter-blank-page.pdf";
  let outcome: Awaited<ReturnType<typeof extractBytes>>;
  beforeAll(async () => {
    registerOcr(undefined);
    outcome = await extractBytes(name, bytes(name));
  }, 120_000);

  it("skips the blank page (dust only) without OCR and leaves the file ok, saying what happened", () => {
    const { status, messages } = outcome.extraction;
    expect(status).toBe("ok");
    const blank = messages.filter((m) => m.ruleId === "ocr.blank-page");
    expect(blank.map((m) => [m.severity, m.place.page])).toEqual([["info", 2]]);
    expect(blank[0].reason).toMatch(/^Page 2 is blank \(print covers 0(\.\d+)? % of it\): not sent to OCR\.$/);
    expect(messages.map((m) => m.ruleId)).not.toContain("ingest.pdf.no-text-layer-pages");
    expect(messages.map((m) => m.ruleId)).not.toContain("ocr.no-text");
    expect(outcome.document!.blocks.filter((b) => b.prov.page === 2)).toEqual([]);
  });

  it("emits the header and the signature block as two-column layout tables", () => {
    const layouts = tables(outcome.document!.blocks).filter((t) => t.layout);
    // OCR may drop the space after a list dash ("-Lưu: VT."); the dash itself must survive.
    const cells = layouts.map((t) => t.rows.map((r) => r.cells.map((c) => c.text.replace(/^-(?=\S)/gm, "- "))));
    expect(cells).toEqual([
      [["ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 15/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Bình, ngày 20 tháng 6 năm 2024"]],
      [["Nơi nhận:\n- UBND huyện;\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]],
    ]);
    // The centred title under the header is not taken into its right column.
    expect(paragraphs(outcome.document!.blocks)[0].text).toBe("BÁO CÁO");
  });

  it("reads the metadata from those blocks and nothing from the red stamp or the blue signature", () => {
    const m = outcome.extraction.metadata;
    expect([m.docType, m.number, m.date, m.issuer, m.signer, m.signerTitle]).toEqual([
      "BÁO CÁO",
      "15/BC-UBND",
      "2024-06-20",
      "UBND xã An Bình",
      "Nguyễn Văn An",
      "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
    ]);
    const text = outcome.document!.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.kind === "table" ? b.rows.flatMap((r) => r.cells.map((c) => c.text)).join(" ") : "")).join("\n");
    expect(text).not.toMatch(/ĐẾN|999|21\/6|Chuyển/u);
  });
});
