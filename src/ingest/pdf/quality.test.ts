import { describe, expect, it } from "vitest";
import { isGarbled, isSyllable, textQuality } from "./quality.js";

describe("isSyllable", () => {
  it("accepts Vietnamese syllables with their tone marks", () => {
    for (const w of ["nghiêng", "người", "được", "quyết", "khuya", "giữa", "gì", "tuyển", "hoà", "hòa", "ngoài", "ý", "ưu", "thuở", "cải", "cách", "hành", "chính"])
      expect([w, isSyllable(w)]).toEqual([w, true]);
  });

  it("rejects what a broken text layer prints", () => {
    for (const w of ["ngdy", "ldm", "phric", "xcuia", "thdng", "lamdong", "trlc", "thr"]) expect([w, isSyllable(w)]).toEqual([w, false]);
    // Two tone marks on one syllable.
    expect(isSyllable("hòá")).toBe(false);
  });
});

describe("textQuality", () => {
  it("scores a real garbage header low and the same text as printed high", () => {
    const bad = textQuality(["uY BAN NgAN nAN", "TINH LAMDONG", "ceNG HoA xA ugr cuu xcuia vrET NAM", "DQc l$p - Tg do - H4nh phric", "Ldm D6ng, ngdy fithdng 11 ndm 2025"]);
    const good = textQuality(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 13 tháng 11 năm 2025"]);
    expect(bad.score).toBeLessThan(0.5);
    expect(good.score).toBe(1);
    expect(isGarbled(bad)).toBe(true);
    expect(isGarbled(good)).toBe(false);
  });

  it("leaves numbers, codes in capitals and single letters neutral, and counts glyphs without Unicode against the page", () => {
    expect(textQuality(["Số 329/BC-UBND ngày 19/12/2025 của UBND, PC06, QĐ932; a) b) c)"])).toEqual({ score: 1, words: 3 });
    const pua = textQuality(["\uE001\uE002 \uFFFD\uFFFD cải cách"]);
    expect(pua).toEqual({ score: 0.5, words: 4 });
  });

  it("gives no verdict on a page with too few words", () => {
    expect(isGarbled(textQuality(["uY BAN NgAN"]))).toBe(false);
  });
});
