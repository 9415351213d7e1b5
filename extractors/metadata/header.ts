import type { UnitLevel } from "../../src/model/records.js";
import { fold, foldKeepLength } from "../../src/rules/fold.js";
import type { z } from "zod";
import type { FoundUnit } from "./issuer.js";
import type { TextLine } from "./lines.js";
import { literalAlternatives, metadataRules } from "./rules.js";
import { committeeShort, headerUnit, isCommitteeOnly, levelOf, provinceAt, provinceNamed, snapProvince, unitMentions, type Unit } from "./units.js";

type Level = z.infer<typeof UnitLevel>;

// The national motto sits beside the issuer in the header block; a PDF or tab-laid line may carry both.
const MOTTO = /\s*(CỘNG\s+H[OÒ]A|Độc\s+lập|ĐỘC\s+LẬP|ĐẢNG\s+CỘNG\s+SẢN)[\s\S]*$/u;
// Lines of the header zone that are not unit names: they end a name printed over several lines.
// Also the marks printed near the header: "DỰ THẢO", "KHẨN", "MẬT", "HỎA TỐC".
const NOT_UNIT = /^(s[o06]\s*(:|\/|\d)|v\s*\/\s*v\b|kinh gui\b|[^,]{2,60},\s*ngay\b|(du thao|khan|thuong khan|hoa toc|mat|toi mat|tuyet mat)\b)/u;
// A received-stamp ("ĐẾN", "Số: 17026", "Ngày: 23-10-2025", "Chuyển: …") of the receiving office.
const STAMP = /^(den(\s*$|\s*:|\s+so\b)|so den\b|(chuyen|luu ho so so)\s*:)/u;
const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/** A unit printed over one or more lines of the header block, before it is normalised. */
interface RawUnit {
  text: string;
  lines: TextLine[];
  /** Short committee word when a lone "ỦY BAN NHÂN DÂN" line preceded it. */
  committee: string | null;
}

/**
 * Units of the header block, outermost first (DOMAIN.md "Header block"; NĐ 30/2020: the issuing
 * body under its parent): "UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ", "BỘ CÔNG AN" / "CÔNG AN TỈNH LÂM
 * ĐỒNG", "UBND TỈNH LÂM ĐỒNG" / "BAN CHỈ ĐẠO …," / "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06". A line in
 * capitals that starts with a known head (UBND, HĐND, Sở, Bộ, Ban …, Trung tâm …: rules bodies)
 * starts a unit; a line in capitals that does not continues the unit above it (names broken
 * over lines are joined with one space). The motto column, the "Số:" line, the "V/v" line and
 * a received stamp are not units; the unit just above an "ĐẾN" stamp line is the stamp's.
 * `body` (the running text) gives the spelling of a name printed in capitals.
 */
export function headerUnits(lines: TextLine[], body: TextLine[] = []): FoundUnit[] {
  const raws: RawUnit[] = [];
  let open: RawUnit | null = null;
  let committee: string | null = null;
  for (const line of lines) {
    const text = line.text.replace(MOTTO, "").trim();
    if (!text || /^[*\-–_=.\s]+$/u.test(text)) continue;
    const key = fold(text);
    if (STAMP.test(key)) {
      // The office name printed in the stamp sits right above "ĐẾN".
      if (/^den(\s*$|\s+so\b)/u.test(key) && open && raws[raws.length - 1] === open) raws.pop();
      open = null;
      continue;
    }
    if (NOT_UNIT.test(key) || !isCaps(text)) {
      // Mixed case: only a whole-line committee or department ("UBND xã Phương Định") is a unit.
      const u = NOT_UNIT.test(key) ? null : headerUnit(text);
      if (u) raws.push({ text, lines: [line], committee: null });
      open = null;
      continue;
    }
    if (isCommitteeOnly(text)) {
      committee = committeeShort(key);
      open = null;
      continue;
    }
    if (committee !== null || startsUnit(key)) {
      open = { text, lines: [line], committee };
      raws.push(open);
      committee = null;
    } else if (open && /^\p{L}/u.test(text)) {
      open.text = `${open.text} ${text}`;
      open.lines.push(line);
    }
  }
  const out: FoundUnit[] = [];
  for (const raw of raws) {
    const parent = out[out.length - 1]?.unit ?? null;
    const unit = normaliseUnit(raw, parent, body);
    if (unit) out.push({ unit, line: raw.lines[0], how: "header" });
  }
  return out;
}

/** True when a folded line starts with a committee, a department, another body or a unit type word. */
function startsUnit(key: string): boolean {
  const r = metadataRules();
  const starts = (w: string) => key === w || key.startsWith(`${w} `);
  return (
    r.committees.some((c) => c.patterns.some(starts)) ||
    r.deptHeads.some((h) => starts(h.key)) ||
    r.bodies.some((b) => starts(b.head)) ||
    r.unitTypes.some((u) => starts(u.key))
  );
}

/**
 * The unit a header line (or lines) names, written as running text writes it: "UBND tỉnh Lâm
 * Đồng", "Sở Nội vụ", "Bộ Nội vụ", "Văn phòng UBND tỉnh", "Ban Chỉ đạo … tỉnh Lâm Đồng".
 */
function normaliseUnit(raw: RawUnit, parent: Unit | null, body: TextLine[]): Unit | null {
  const r = metadataRules();
  const key = fold(raw.text);
  const bodyHead = r.bodies.find((b) => key === b.head || key.startsWith(`${b.head} `));
  const starts = (w: string) => key === w || key.startsWith(`${w} `);
  // A committee ("UBND TỈNH …", "XÃ … " under a lone "ỦY BAN NHÂN DÂN") or a Sở: the readers of
  // units.ts (they also drop a province printed after a Sở's name). Every other head is a body.
  const committeeLike = raw.committee !== null || r.committees.some((c) => c.patterns.some(starts)) || r.unitTypes.some((u) => starts(u.key));
  // "TỈNH ỦY …" starts with a unit-type word but is a Party committee (rules bodies).
  const partyLike = bodyHead !== undefined && raw.committee === null && r.unitTypes.some((u) => bodyHead.head.startsWith(`${u.key} `));
  if (!partyLike && (committeeLike || starts("so") || !bodyHead)) return headerUnit(raw.text, raw.committee);
  const head = bodyHead!;
  const restRaw = raw.text.split(/\s+/).slice(head.head.split(" ").length).join(" ");
  // "BỘ NỘI VỤ" → "Bộ Nội vụ": a body's own name starts with a capital, unless it is the unit
  // it serves ("Công an tỉnh …") or a description ("Ban Chỉ đạo phát triển …").
  const restCase = sentenceCase(restRaw);
  const restKey = fold(restRaw);
  const described = head.takesPlace || [...r.unitTypes.map((u) => u.key), ...r.committees.flatMap((c) => c.patterns)].some((w) => restKey === w || restKey.startsWith(`${w} `));
  // "TỈNH ỦY QUẢNG NAM": a rest that is a province's whole name takes the list's spelling.
  // "BỘ GIÁO DỤC VÀ ĐÀO TẠO": a ministry is named after its sector as the Sở are (rules departments).
  const sector = r.departments.find((d) => d.key === restKey.replace(/\s+/g, " "))?.name;
  const named = provinceNamed(restRaw) ?? sector ?? (described ? restCase : restCase.charAt(0).toUpperCase() + restCase.slice(1));
  // "BCH HỘI NÔNG DÂN TỈNH …": a rest that is itself a body's name takes the running text's spelling of it ("Hội Nông dân tỉnh …").
  const restSpelled = restRaw && startsUnit(restKey) ? bodySpelling(restRaw, body) : null;
  let text = bodySpelling(raw.text, body) ?? `${head.word}${restRaw ? ` ${restSpelled ?? named}` : ""}`;
  // "VĂN PHÒNG" alone under "UBND TỈNH LÂM ĐỒNG" is that committee's office: "Văn phòng UBND
  // tỉnh"; under a body with an office name, "Văn phòng Trung ương Đảng".
  const parentBody = parent?.kind === "body" ? r.bodies.find((b) => fold(parent.text).startsWith(b.head) && b.officeName) : undefined;
  if (!restRaw && parent?.kind === "committee" && parent.typeWord) text = `${head.word} ${parent.text.split(" ")[0]} ${parent.typeWord}`;
  else if (!restRaw && parentBody?.officeName) text = `${head.word} ${parentBody.officeName}`;
  // "VĂN PHÒNG" alone under "TỈNH ỦY HÀ TĨNH" or "BỘ TÀI CHÍNH": "Văn phòng Tỉnh ủy", "Văn phòng Bộ"
  // (the parent's head, as "Văn phòng UBND tỉnh" keeps the committee and its type).
  else if (!restRaw && parent?.kind === "body") {
    const ph = r.bodies.find((b) => { const k = fold(parent.text); return k === b.head || k.startsWith(`${b.head} `); });
    if (ph && ph.head !== head.head) text = `${head.word} ${ph.word}`;
  }
  if (head.takesPlace && parent?.kind === "committee" && parent.name && parent.typeWord && !fold(text).includes(fold(parent.name)))
    text = `${text} ${parent.typeWord} ${parent.name}`;
  return { text, kind: "body", typeWord: null, name: restRaw ? text.slice(head.word.length).trim() : null, level: bodyLevel(head.level, restCase, parent) };
}

/** The level of a body by its rule: fixed, its parent's, or that of an agency of its parent. */
function bodyLevel(rule: Level | "parent" | "agency", rest: string, parent: Unit | null): Level | null {
  if (rule !== "parent" && rule !== "agency") return rule;
  // "VĂN PHÒNG UBND TỈNH": the committee its own name carries decides.
  if (!rest && parent?.level === "trung ương") return "trung ương";
  const restKey = fold(rest);
  // "ĐẢNG BỘ TỈNH NGHỆ AN": a name that opens with a unit-type word is a body of that unit.
  const typed = metadataRules().unitTypes.find((u) => restKey.startsWith(`${u.key} `));
  const typedLevel = typed ? levelOf(typed.key, rest.slice(typed.key.length).trim() || null) : null;
  const own = rest ? (headerUnit(rest) ?? unitMentions(rest).find((m) => m.index === 0)?.unit ?? (typedLevel ? { level: typedLevel } : null)) : null;
  if (rule === "parent") return own?.level ?? parent?.level ?? null;
  // An agency named after its province ("CÔNG AN TỈNH LÂM ĐỒNG") is a provincial agency.
  if (/(?:^|\s)tinh(?:\s|$)/u.test(restKey) && /(^|\s)tỉnh(\s|$)/u.test(rest.toLowerCase())) return "sở";
  const base = own?.level ?? parent?.level ?? null;
  return base === "tỉnh" ? "sở" : base;
}

/**
 * A name printed in capitals, in sentence case: "PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ" → "phát triển
 * khoa học, công nghệ"; abbreviations (no vowel: UBND, HĐND, CCHC) stay, a listed province
 * after "tỉnh" is title-cased ("tỉnh Lâm Đồng").
 */
export function sentenceCase(caps: string): string {
  const words = caps.split(/\s+/);
  // "UBND" holds a vowel letter but is the committee's short form (rules committee.bodies).
  const shorts = new Set(metadataRules().committees.map((c) => c.short));
  let out = words.map((w) => ((/^[\p{Lu}\d&]+$/u.test(w) && !/[aeiouy]/u.test(fold(w))) || shorts.has(w) ? w : w.toLowerCase())).join(" ");
  const key = foldKeepLength(out);
  const re = /(?<![a-z])(tinh|thanh pho)\s+/gu;
  const edits: { from: number; to: number; text: string }[] = [];
  for (let m = re.exec(key); m; m = re.exec(key)) {
    const at = m.index + m[0].length;
    const p = provinceAt(out, at) ?? (m[1] === "tinh" ? nearProvinceAt(out, at) : null);
    // The list's spelling, and "tỉnh" for the word before it (a scan reads "TÍNH LÂM ĐÔNG").
    if (p) edits.push({ from: m.index, to: p.end, text: `${m[1] === "tinh" ? "tỉnh" : out.slice(m.index, m.index + m[1].length)} ${p.name}` });
  }
  for (const e of edits.reverse()) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** A province one letter off after "tỉnh" (OCR's "IÂM ĐỒNG"): the longest run of up to four words at `at` that snaps to one (units.ts snapProvince). */
function nearProvinceAt(text: string, at: number): { name: string; end: number } | null {
  const words = [...text.slice(at).matchAll(/\S+/gu)].slice(0, 4);
  for (let n = words.length; n >= 1; n--) {
    const last = words[n - 1];
    const end = at + last.index! + last[0].length;
    const name = snapProvince(text.slice(at, end).replace(/[.,;:]+$/u, ""));
    if (name) return { name, end: at + last.index! + last[0].replace(/[.,;:]+$/u, "").length };
  }
  return null;
}

/**
 * The spelling the running text gives a name printed in capitals: "TRUNG TÂM XÚC TIẾN ĐẦU TƯ /
 * THƯƠNG MẠI VÀ DU LỊCH" is written "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch" in the
 * body (the same words, punctuation between them free). Null when the body never writes it in
 * mixed case.
 */
export function bodySpelling(caps: string, body: TextLine[]): string | null {
  const words = fold(caps).split(/[^a-z0-9]+/u).filter(Boolean);
  if (words.length < 2) return null;
  const re = new RegExp(`(?<![a-z0-9])${literalAlternatives([words.join(" ")]).replace(/\\s\+/g, "[\\s,.;:&–-]+")}(?![a-z0-9])`, "u");
  for (const line of body) {
    const m = re.exec(line.key);
    if (!m) continue;
    const found = line.text.slice(m.index, m.index + m[0].length);
    if (!isCaps(found)) return found.replace(/\s+/g, " ");
  }
  return null;
}
