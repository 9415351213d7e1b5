import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, foldDirect, foldKeepLength, foldKeepLengthDirect } from "./fold.js";

describe("folding", () => {
  it("drops accents, đ and case and collapses whitespace", () => {
    expect(fold("  Số TTHC\u00a0được   ĐƯA ra\n")).toBe("so tthc duoc dua ra");
    expect(fold("Cải cách hành chính")).toBe(fold("CAI CACH HANH CHINH"));
    // Decomposed accents (old files, OCR) fold like composed ones.
    expect(fold("Kết quả".normalize("NFD"))).toBe("ket qua");
    // A stray combining mark between spaces vanishes without splitting the whitespace run.
    expect(fold("a \u0301 b")).toBe("a b");
  });

  it("keeps one folded character per UTF-16 unit in foldKeepLength", () => {
    const s = "Ủy ban  nhân dân TỈNH";
    expect(foldKeepLength(s)).toBe("uy ban  nhan dan tinh");
    expect(foldKeepLength(s)).toHaveLength(s.length);
  });

  it("gives what the direct NFD definitions give, character tables or not", () => {
    const vietnamese = fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠỀẾỂỄỆỲÝỶỸỴ0123456789.,;:()%/-&");
    const tricky = fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0301", "\u0323", "\u20d0", "\u1dc0", "Σ", "ΑΣ", "İ", "ß", "ﬁ", "Å", "\ud83d\ude00", "\ud800", "가", "ǅ", "ｶ");
    const text = fc.array(fc.oneof({ arbitrary: vietnamese, weight: 6 }, { arbitrary: tricky, weight: 1 }), { maxLength: 12 }).map((a) => a.join(""));
    const any = fc.string({ unit: "binary", maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(text, any), (s) => {
        expect(fold(s)).toBe(foldDirect(s));
        expect(foldKeepLength(s)).toBe(foldKeepLengthDirect(s));
      }),
      { numRuns: 5000 },
    );
  });
});
