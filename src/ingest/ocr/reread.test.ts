import { describe, expect, it } from "vitest";
import type { PageLine } from "./layout.js";
import { dropNoisePieces, mergeReadings, readingScore, type CellRow } from "./reread.js";

// Made-up OCR output (words, confidences, pixel boxes) of the kind Tesseract gives for a scan's
// header and signature blocks; no image is recognised here.
type Word = [text: string, confidence: number, x0: number, x1: number];
const line = (words: Word[], y0 = 100, y1 = 140): PageLine => ({
  text: words.map((w) => w[0]).join(" "),
  bbox: [words[0][2], y0, words[words.length - 1][3], y1],
  confidence: words.reduce((s, w) => s + w[1], 0) / words.length,
  words: words.map(([text, confidence, x0, x1]) => ({ text, confidence, bbox: [x0, y0, x1, y1] })),
  baseline: y1,
  block: 0,
  bold: false,
});
const row = (text: string, y0: number, y1: number, confidence = 90, x0 = 100, x1 = 600): CellRow => ({ text, x0, x1, y0, y1, confidence });

describe("how well a reading reads as Vietnamese", () => {
  it("scores syllables up and words run together, mixed case and letters among figures down", () => {
    expect(readingScore("CÔNG AN TỈNH LÂM ĐỒNG")).toBe(5);
    expect(readingScore("CÔNGANTỈNHLÂM ĐỒNG.")).toBe(0);
    expect(readingScore("Số: 222TTTr-UBND")).toBe(0);
    expect(readingScore("lET, CA NEH VỐN PHÒNG")).toBe(2);
  });
  it("leaves codes, numbers and kind codes neutral", () => {
    expect(readingScore("UBND HĐND PC06 12a 2025")).toBe(0);
    expect(readingScore("Số: 12/TTr-UBND")).toBe(1);
  });
});

describe("dropping the residue of a stamp beside a line", () => {
  it("drops an end piece whose words Tesseract barely believes, beside a surely read line", () => {
    const l = line([
      ["I", 60, 70, 74],
      ["VY", 10, 91, 104],
      ["và", 96, 642, 679],
      ["nhiệm", 96, 691, 787],
      ["vụ", 96, 798, 835],
    ]);
    const { lines, dropped } = dropNoisePieces([l], 25);
    expect(lines[0].text).toBe("và nhiệm vụ");
    expect(lines[0].bbox[0]).toBe(642);
    expect(dropped.map((p) => p.map((w) => w.text).join(" "))).toEqual(["I VY"]);
  });
  it("keeps the number's piece, whose printed words read surely, though its handwritten figures do not", () => {
    const l = line([
      ["Số:", 44, 326, 374],
      ["253", 19, 395, 451],
      ["/TIr-CAT-PC06", 84, 462, 723],
      ["Lâm", 96, 935, 1004],
      ["Đồng,", 93, 1014, 1107],
      ["ngày", 95, 1121, 1200],
    ]);
    expect(dropNoisePieces([l], 25).lines[0].text).toBe("Số: 253 /TIr-CAT-PC06 Lâm Đồng, ngày");
  });
  it("drops a piece below the noise level anywhere, and leaves a line of one piece alone", () => {
    const twoGaps = line([
      ["Nơi", 95, 100, 150],
      ["C", 0, 900, 905],
      ["TỊCH", 96, 1400, 1500],
    ]);
    expect(dropNoisePieces([twoGaps], 25).lines[0].text).toBe("Nơi TỊCH");
    const one = line([["xx", 10, 100, 130], ["ký", 90, 140, 170]]);
    expect(dropNoisePieces([one], 25).lines[0]).toBe(one);
  });
});

describe("merging a second reading of a layout cell", () => {
  it("takes the second reading row by row where it reads better, and keeps the first elsewhere", () => {
    const first = [row("TL. CHỦ TỊCH", 1007, 1050), row("lET, CA NEH VỐN PHÒNG", 1033, 1176, 30), row("PHO CHÁNH VAN PHONG", 1101, 1152, 82)];
    const second = [row("TL. CHỦ TỊCH .", 1005, 1048, 79), row("KT. CHÁNH VĂN PHÒNG", 1052, 1094, 94), row("PHÓ CHÁNH VĂN PHÒNG", 1102, 1150, 94)];
    expect(mergeReadings(first, second).map((r) => r.text)).toEqual(["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]);
  });
  it("never trades the figures of a row for others, nor a row for a shorter one of the same score", () => {
    expect(mergeReadings([row("Số: 932/QĐ-TTg", 0, 40, 60)], [row("Số: 332/QĐ-TTg", 0, 40, 90)])[0].text).toBe("Số: 932/QĐ-TTg");
    expect(mergeReadings([row("Số 52 -CV/HNDT'", 0, 40, 50)], [row("Số 52", 0, 40, 90)])[0].text).toBe("Số 52 -CV/HNDT'");
    expect(mergeReadings([row("- Như trên;", 0, 40, 80)], [row("Như trên;", 0, 40, 95)])[0].text).toBe("- Như trên;");
  });
  it("keeps the first reading of a row when the second lost the row's end", () => {
    const first = [row("CÔNGANTÍNHLÂM ĐÔNG.", 94, 148, 81, 253, 842)];
    expect(mergeReadings(first, [row("CÔNG AN TỈNH LÂM", 94, 148, 90, 253, 617)])[0].text).toBe("CÔNGANTÍNHLÂM ĐÔNG.");
    expect(mergeReadings(first, [row("CÔNG AN TỈNH LÂM ĐỒNG", 94, 148, 90, 255, 840)])[0].text).toBe("CÔNG AN TỈNH LÂM ĐỒNG");
  });
  it("adds a title the first reading lost where it had nothing, when it reads as words", () => {
    const merged = mergeReadings([row("Nơi nhận:", 100, 130)], [row("GIÁM ĐỐC", 200, 240), row("x£vZ", 300, 330)]);
    expect(merged.map((r) => r.text)).toEqual(["Nơi nhận:", "GIÁM ĐỐC"]);
  });
});
