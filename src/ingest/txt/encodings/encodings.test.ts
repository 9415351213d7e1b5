import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../../rules/load.js";
import { decodeText } from "../decode.js";
import { z } from "zod";
import { decodeTcvn3, decodeVni, decodeWindows1258, encodeTcvn3, encodeVni, encodeWindows1258 } from "./legacy.js";
import { WINDOWS_1252_80_9F } from "./tables.js";
import { VIETNAMESE_LETTERS } from "./letters.js";
import { conversionMessages } from "../../conversions.js";
import { isVietnameseSyllable } from "./score.js";

const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const utf8 = (s: string) => new TextEncoder().encode(s);

// A paragraph in the register of the reports, used to check each encoding end to end.
const REPORT =
  "BÁO CÁO\nKết quả công tác cải cách hành chính năm 2024 của Ủy ban nhân dân tỉnh.\n" +
  "Các sở, ban, ngành đã thực hiện rà soát, đơn giản hóa thủ tục hành chính và được đánh giá tốt.\n" +
  "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%; số hóa kết quả giải quyết thủ tục hành chính.";

describe("TCVN3 (ABC, .VnTime)", () => {
  it("decodes the real TCVN3 bytes of a report title", () => {
    // "B¸o c¸o c«ng t¸c c¶i c¸ch hµnh chÝnh" as a .VnTime document stores it.
    const bytes = latin1("B\xb8o c\xb8o c\xabng t\xb8c c\xb6i c\xb8ch h\xb5nh ch\xddnh");
    expect(decodeTcvn3(bytes)).toBe("Báo cáo công tác cải cách hành chính");
    const d = decodeText(bytes);
    expect(d).toEqual({ text: "Báo cáo công tác cải cách hành chính", conversions: ["tcvn3→unicode"] });
  });

  it("decodes more real TCVN3 words: đ, ơ, ư, ư+tone and the VN3 capitals", () => {
    expect(decodeTcvn3(latin1("\xae\xad\xeec \xae\xe5ng \xfd ki\xd5n, Th\xad\xeang xuy\xaan"))).toBe("được đồng ý kiến, Thường xuyên");
    expect(decodeTcvn3(latin1("\xa7\xa2\xa3\xa4\xa5\xa6\xa1"))).toBe("ĐÂÊÔƠƯĂ");
  });

  it("holds exactly the 75 characters of VN3: 67 lowercase letters, 7 capitals and a no-break space", () => {
    const t = loadRules("encodings/tcvn3.json", z.object({ bytes: z.record(z.string(), z.string()) }));
    const chars = Object.values(t.bytes);
    expect(chars).toHaveLength(75);
    expect(new Set(chars).size).toBe(75);
    const lower = VIETNAMESE_LETTERS.slice(0, 67);
    expect(chars.filter((c) => lower.includes(c)).sort()).toEqual([...lower].sort());
    expect(chars.filter((c) => !lower.includes(c)).sort()).toEqual(["\u00a0", "Ă", "Â", "Đ", "Ê", "Ô", "Ơ", "Ư"].sort());
  });

  it("round-trips every Vietnamese letter (toned capitals come back lowercase, as VN3 stores them)", () => {
    for (const c of VIETNAMESE_LETTERS) {
      const back = decodeTcvn3(encodeTcvn3(` ${c} `)).trim();
      expect([c, c.toLowerCase()]).toContain(back);
    }
  });

  it("restores capitals for words typed in capitals with the .VnTimeH font", () => {
    expect(decodeTcvn3(latin1("B\xb8O C\xb8O K\xd5T QU\xb6"))).toBe("BÁO CÁO KẾT QUẢ");
    // One capital before a toned vowel is an ordinary word ("Bộ"), not a capitalised one.
    expect(decodeTcvn3(latin1("B\xe9 N\xe9i v\xf4"))).toBe("Bộ Nội vụ");
  });

  it("repairs TCVN3 mojibake lines inside a UTF-8 file and leaves the Unicode lines alone", () => {
    const mojibake = new TextDecoder("windows-1252").decode(encodeTcvn3(REPORT));
    expect(mojibake).toContain("c¶i c¸ch");
    const d = decodeText(utf8(`Tiêu đề đã là Unicode: Hà Nội\n${mojibake}`));
    expect(d.conversions).toEqual(["tcvn3→unicode"]);
    expect(d.text).toBe(`Tiêu đề đã là Unicode: Hà Nội\n${REPORT.replace("Ủy", "ủy")}`);
  });
});

describe("Windows-1252 as Windows shows it", () => {
  it("repairs TCVN3 mojibake holding curly quotes and dashes (bytes 0x80–0x9F), not only Latin-1", () => {
    const text = "Kết quả “một cửa” – năm 2024 của tỉnh và các sở, ban, ngành đã thực hiện rà soát thủ tục";
    // VN3 leaves 0x80–0x9F to Windows-1252 punctuation: “ = 0x93, ” = 0x94, – = 0x96.
    const bytes = Uint8Array.from([...encodeTcvn3("Kết quả "), 0x93, ...encodeTcvn3("một cửa"), 0x94, 0x20, 0x96, ...encodeTcvn3(text.slice(text.indexOf("–") + 1))]);
    expect(decodeTcvn3(bytes)).toBe(text);
    // What a Windows tool saved after reading the .VnTime bytes as Windows-1252.
    const seen = [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? WINDOWS_1252_80_9F[b - 0x80] : String.fromCharCode(b))).join("");
    expect(seen).toContain("“");
    expect(decodeText(utf8(`Tiêu đề: Hà Nội\n${seen}`))).toEqual({ text: `Tiêu đề: Hà Nội\n${text}`, conversions: ["tcvn3→unicode"] });
  });
});

describe("VNI (VNI-Times)", () => {
  it("decodes real VNI bytes: base letters followed by accent bytes", () => {
    expect(decodeVni(latin1("Xin cha\xf8o ca\xf9c ba\xefn"))).toBe("Xin chào các bạn");
    expect(decodeVni(latin1("\xd1A\xcfI HO\xcfC QUO\xc1C GIA"))).toBe("ĐẠI HỌC QUỐC GIA");
    expect(decodeVni(latin1("Co\xe2ng ta\xf9c ca\xfbi ca\xf9ch ha\xf8nh ch\xednh"))).toBe("Công tác cải cách hành chính");
    const d = decodeText(latin1("Ba\xf9o ca\xf9o co\xe2ng ta\xf9c ca\xfbi ca\xf9ch ha\xf8nh ch\xednh cu\xfba ca\xf9c s\xf6\xfb"));
    expect(d).toEqual({ text: "Báo cáo công tác cải cách hành chính của các sử", conversions: ["vni→unicode"] });
  });

  it("round-trips all 134 Vietnamese letters, capitals included", () => {
    for (const c of VIETNAMESE_LETTERS) expect(decodeVni(encodeVni(` ${c}x`))).toBe(` ${c}x`);
    expect(decodeText(encodeVni(REPORT))).toEqual({ text: REPORT, conversions: ["vni→unicode"] });
  });

  it("repairs VNI mojibake in a UTF-8 file", () => {
    const d = decodeText(utf8("Xin chaøo caùc baïn, keát quaû caûi caùch"));
    expect(d).toEqual({ text: "Xin chào các bạn, kết quả cải cách", conversions: ["vni→unicode"] });
  });
});

describe("Windows-1258", () => {
  it("has the same table as the WHATWG windows-1258 decoder", () => {
    const reference = new TextDecoder("windows-1258");
    for (let b = 0; b < 256; b++) expect(decodeWindows1258(Uint8Array.of(b))).toBe(reference.decode(Uint8Array.of(b)).normalize("NFC"));
  });

  it("joins the combining tone bytes to their vowels and stores NFC", () => {
    // "cải cách hành chính": ả is a + 0xD2 (hook above), à is a + 0xCC (grave).
    const d = decodeText(latin1("Ca\xd2i c\xe1ch ha\xccnh ch\xednh v\xe0 c\xe1c ti\xeau chi\xec"));
    expect(d.conversions).toEqual(["windows-1258→unicode"]);
    expect(d.text).toBe(d.text.normalize("NFC"));
    expect(d.text).toBe("Cải cách hành chính và các tiêu chí");
  });

  it("round-trips all 134 Vietnamese letters and a whole report paragraph", () => {
    for (const c of VIETNAMESE_LETTERS) expect(decodeWindows1258(encodeWindows1258(c))).toBe(c);
    expect(decodeText(encodeWindows1258(REPORT))).toEqual({ text: REPORT, conversions: ["windows-1258→unicode"] });
  });
});

describe("Unicode input", () => {
  it("normalises decomposed (NFD) Vietnamese to NFC and records it", () => {
    const d = decodeText(utf8(REPORT.normalize("NFD")));
    expect(d).toEqual({ text: REPORT, conversions: ["nfd→nfc"] });
  });

  it("reads UTF-8 with a BOM and UTF-16 with either byte order", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(REPORT)]))).toEqual({ text: REPORT, conversions: ["utf-8-bom"] });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, "utf16le")]);
    expect(decodeText(le)).toEqual({ text: REPORT, conversions: ["utf-16le"] });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: REPORT, conversions: ["utf-16be"] });
  });

  it("leaves correct Unicode whose letters all exist in Latin-1 alone (never misread as TCVN3)", () => {
    for (const s of ["Công tác", "Báo cáo", "Tôi và bà", "Café déjà vu", "à", "Hà Nội, ngày 05 tháng 01 năm 2024"])
      expect(decodeText(utf8(s))).toEqual({ text: s, conversions: [] });
  });

  it("repairs UTF-8 that was decoded twice (\"BÃ¡o cÃ¡o\")", () => {
    const twice = new TextDecoder("windows-1252").decode(utf8(REPORT));
    expect(decodeText(utf8(twice))).toEqual({ text: REPORT, conversions: ["utf-8-mojibake→unicode"] });
  });

  it("keeps a UTF-8 file with a few broken bytes as UTF-8, replacing only those bytes, with a warning", () => {
    const bytes = Uint8Array.from([...utf8(REPORT), 0xff, 0xfe, 0x20, ...utf8("Hết.")]);
    const d = decodeText(bytes);
    expect(d.conversions).toEqual(["utf-8-invalid-bytes"]);
    expect(d.text).toBe(`${REPORT}\ufffd\ufffd Hết.`);
    expect(conversionMessages(d.conversions, "f.txt")).toEqual([
      expect.objectContaining({ severity: "warning", ruleId: "ingest.encoding.utf-8-invalid-bytes", place: { file: "f.txt" } }),
    ]);
  });

  it("applies no conversion to any of the sample reports", () => {
    const dir = join(import.meta.dirname, "../../../../data/samples");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt"))) {
      expect(decodeText(readFileSync(join(dir, f))).conversions, f).toEqual([]);
    }
  });
});

describe("syllable check", () => {
  it("accepts Vietnamese syllables and rejects mojibake and tone/final clashes", () => {
    for (const w of ["báo", "nghiêng", "người", "quyết", "giải", "khuyến", "thuở", "được", "tốt"]) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ["b¸o", "chaøo", "tèt", "hö", "xyz", "ảá"]) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
