import { describe, expect, it } from "vitest";
import type { Row } from "../../model/document.js";
import { layoutKind } from "./header-block.js";

const rows = (...texts: string[][]): Row[] =>
  texts.map((cells) => ({ prov: {}, cells: cells.map((text) => ({ text, bold: false, italic: false })) }));

describe("layoutKind", () => {
  it("recognises the header block from the national motto", () => {
    expect(layoutKind(rows(["UBND XÃ PHƯƠNG ĐỊNH\nSố: 09/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]))).toBe("header");
  });

  it("recognises a header block without the motto from its number and date lines", () => {
    expect(layoutKind(rows(["SỞ XÂY DỰNG\nSố: /BC-SXD", "Quảng Bình, ngày  tháng 12 năm 2024"]))).toBe("header");
  });

  it("recognises the signature block from Nơi nhận and the signing authority", () => {
    expect(layoutKind(rows(["Nơi nhận:\n- Như trên;", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn A"]))).toBe("signature");
    expect(layoutKind(rows(["", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]))).toBe("signature");
  });

  it("leaves data tables alone even when a cell mentions the chairman", () => {
    expect(layoutKind(rows(["STT", "Nội dung", "Chủ trì"], ["1", "Kiểm tra", "Chủ tịch UBND"]))).toBeUndefined();
    expect(layoutKind(rows(["STT", "Chỉ tiêu"], ["1", "Số: 5 văn bản ngày 1 tháng 2 năm 2024"]))).toBeUndefined();
  });
});
