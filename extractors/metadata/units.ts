import type { UnitLevel } from "../../src/model/records.js";
import { levenshtein } from "../../src/normalize/match.js";
import { fold, foldKeepLength } from "../../src/rules/fold.js";
import { literalAlternatives, metadataRules } from "./rules.js";
import type { z } from "zod";

type Level = z.infer<typeof UnitLevel>;

/** A unit named in the text: a People's Committee of an administrative unit, or a department. */
export interface Unit {
  /** As running text writes it: "UBND xã Phương Định", "Sở Xây dựng". */
  text: string;
  /** "committee" (UBND/HĐND …), "department" (Sở …), "body" (Ban Chỉ đạo, Trung tâm, Bộ … : rules bodies) or "place" (a bare "xã Phương Định"). */
  kind: "committee" | "department" | "body" | "place";
  /** Unit-type word lowercased ("xã", "thị xã"), null for departments. */
  typeWord: string | null;
  /** Proper name ("Phương Định"; "Xây dựng" for a department), null when the text names none ("UBND xã"). */
  name: string | null;
  level: Level | null;
}

const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase();

/** "PHƯƠNG ĐỊNH" → "Phương Định": proper names capitalise every syllable. */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/** Level of a unit type ("xã" → xã …); a thành phố is province level only when it is a central city. */
export function levelOf(typeKey: string, name: string | null): Level | null {
  const r = metadataRules();
  const t = r.unitTypes.find((u) => u.key === typeKey);
  if (!t) return null;
  if (t.id === "unit.type.thanh-pho" && name && r.centralCities.has(fold(name))) return "tỉnh";
  return t.level;
}

let mentionRe: { committee: RegExp; place: RegExp; dept: RegExp } | undefined;
function mentionPatterns() {
  if (mentionRe) return mentionRe;
  const r = metadataRules();
  const types = literalAlternatives(r.unitTypes.map((u) => u.key));
  const committee = r.raw.committee.patterns.join("|");
  const heads = literalAlternatives(r.deptHeads.map((h) => h.key));
  const depts = literalAlternatives(r.departments.map((d) => d.key));
  mentionRe = {
    committee: new RegExp(`(?<![a-z])(?:${committee})\\s+(${types})(?![a-z])`, "gdu"),
    place: new RegExp(`(?<![a-z])(${types})(?![a-z])`, "gdu"),
    dept: new RegExp(`(?<![a-z])(${heads})\\s+(${depts})(?![a-z])`, "gdu"),
  };
  return mentionRe;
}

const FIRST_WORD = /^\s*([\p{Lu}\d][\p{L}\d]*(?:-\p{Lu}[\p{L}]*)*)/u;
const NEXT_WORD = /^[ \t]+([\p{Lu}\d][\p{L}\d]*(?:-\p{Lu}[\p{L}]*)*)/u;

/**
 * The proper name starting at `at` in printed `text`: capitalised words, or a number on its
 * own ("phường 1"). A stop word (rules nameStopWords) or "năm <year>" ends it, which is what
 * bounds a name in text printed in capitals ("XÃ THƯỢNG LONG NĂM 2021").
 */
export function readName(text: string, at: number): string | null {
  const stop = metadataRules().nameStopWords;
  const rest = text.slice(at);
  const words: string[] = [];
  let pos = 0;
  for (;;) {
    const m = (words.length ? NEXT_WORD : FIRST_WORD).exec(rest.slice(pos));
    if (!m) break;
    const w = m[1];
    const lower = w.toLowerCase();
    if (stop.has(lower) || (lower === "năm" && /^\s+\d{4}/.test(rest.slice(pos + m[0].length)))) break;
    if (/^\d+$/.test(w)) {
      // "phường 1" is a name; a number after words ("… Tân Tiến 2024") or a long one is not.
      if (words.length === 0 && w.length <= 2) words.push(w);
      break;
    }
    words.push(w);
    pos += m[0].length;
  }
  return words.length ? words.join(" ") : null;
}

/** The short form ("UBND", "HĐND") of the committee word a folded text starts with. */
export function committeeShort(key: string): string {
  const r = metadataRules();
  const k = key.trim();
  return r.committees.find((c) => c.patterns.some((p) => k === p || k.startsWith(`${p} `)))?.short ?? r.raw.committee.short;
}

export function committeeUnit(typeKey: string, rawName: string | null, short = metadataRules().raw.committee.short): Unit {
  const r = metadataRules();
  const t = r.unitTypes.find((u) => u.key === typeKey)!;
  const printed = rawName === null ? null : isCaps(rawName) ? titleCase(rawName) : rawName;
  // A province's committee is named as the list spells the province ("TỈNH LÂM ĐÔNG" of a scan → "Lâm Đồng").
  // A "thành phố" is a province only as a central city, and one letter off is another city ("Hà Tiên" is no "Hà Tĩnh").
  const snapped =
    printed === null ? null : t.id === "unit.type.tinh" ? snapProvince(printed) : t.id === "unit.type.thanh-pho" ? snapProvince(printed, { exactFold: true, citiesOnly: true }) : null;
  const name = snapped ?? printed;
  return {
    text: [short, t.word, name].filter(Boolean).join(" "),
    kind: "committee",
    typeWord: t.word,
    name,
    level: levelOf(typeKey, name),
  };
}

function departmentUnit(headKey: string, deptKey: string, printed: string): Unit {
  const r = metadataRules();
  const head = r.deptHeads.find((h) => h.key === headKey)!;
  const dept = r.departments.find((d) => d.key === deptKey.replace(/\s+/g, " "))!;
  // Running text writes "Sở Xây dựng"; a header in capitals ("SỞ XÂY DỰNG") takes the rules' spelling.
  const text = isCaps(printed) ? `${head.word} ${dept.name}` : printed.replace(/\s+/g, " ");
  return { text, kind: "department", typeWord: null, name: text.slice(head.word.length + 1), level: "sở" };
}

/** A unit mention with its position in the line. */
export interface UnitMention {
  unit: Unit;
  /** Index of the mention in the printed line. */
  index: number;
  end: number;
}

/**
 * Every committee ("UBND xã Phương Định", "Ủy ban nhân dân huyện …") and department ("Sở Xây
 * dựng") named in a printed line, in order. A committee without a proper name ("UBND xã")
 * is returned with `name` null.
 */
export function unitMentions(text: string): UnitMention[] {
  const key = foldKeepLength(text);
  const { committee, dept } = mentionPatterns();
  const out: UnitMention[] = [];
  committee.lastIndex = 0;
  for (let m = committee.exec(key); m; m = committee.exec(key)) {
    const end = m.index + m[0].length;
    const name = readName(text, end);
    const typeKey = m[1].replace(/\s+/g, " ");
    out.push({ unit: committeeUnit(typeKey, name, committeeShort(m[0])), index: m.index, end: name ? text.indexOf(name, end) + name.length : end });
  }
  dept.lastIndex = 0;
  for (let m = dept.exec(key); m; m = dept.exec(key)) {
    const printed = text.slice(m.index, m.index + m[0].length);
    out.push({ unit: departmentUnit(m[1].replace(/\s+/g, " "), m[2], printed), index: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * A line of the header block naming a unit: "UBND HUYỆN TRỰC NINH", "ỦY BAN NHÂN DÂN XÃ
 * PHƯƠNG ĐỊNH", "SỞ XÂY DỰNG", or "XÃ PHƯƠNG ĐỊNH" under a separate "ỦY BAN NHÂN DÂN" line
 * (`afterCommittee`). The whole line is the unit; anything else gives null.
 */
export function headerUnit(text: string, afterCommittee: string | null = null): Unit | null {
  const r = metadataRules();
  const key = foldKeepLength(text);
  const committee = r.raw.committee.patterns.join("|");
  const types = literalAlternatives(r.unitTypes.map((u) => u.key));
  const m = new RegExp(`^(?:(?:${committee})\\s+)?(${types})\\s+(?=\\S)`, "du").exec(key);
  // A bare "HUYỆN TRỰC NINH" in capitals is a unit line too: header lines are never sentences.
  if (m && (afterCommittee !== null || new RegExp(`^(?:${committee})\\b`, "u").test(key) || isCaps(text))) {
    const name = text.slice(m[0].length).trim();
    const short = afterCommittee ?? committeeShort(key);
    if (isCaps(name)) return committeeUnit(m[1].replace(/\s+/g, " "), name, short);
    // In mixed case the name must fill the line: "UBND xã ban hành Kế hoạch …" is a sentence
    // of the body (read as header when no title line bounds the header zone), not a unit line.
    const read = readName(text, m[0].length);
    if (!read || text.slice(text.indexOf(read, m[0].length) + read.length).replace(/[\s.,;:]+/g, "") !== "") return null;
    return committeeUnit(m[1].replace(/\s+/g, " "), read, short);
  }
  // A listed department fills the line, or is followed only by its province ("SỞ XÂY DỰNG QUẢNG
  // BÌNH" is "Sở Xây dựng", the province being the header's; also "SỞ TƯ PHÁP TỈNH LONG AN"); a longer line is an
  // unlisted department.
  const d = unitMentions(text).find((u) => u.unit.kind === "department" && u.index === 0);
  const tail = d ? fold(text.slice(d.end)).replace(/^(tinh|thanh pho|tp\.?)\s+/u, "") : "";
  if (d && (tail === "" || r.provinces.some((p) => p.key === tail))) return d.unit;
  // A department the rules do not list ("SỞ NGOẠI VỤ VÀ …"): the head word and the rest in sentence case.
  const head = r.deptHeads.find((h) => key.startsWith(`${h.key} `));
  if (head && isCaps(text)) {
    const rest = text.slice(head.key.length).trim().toLowerCase();
    const name = rest.charAt(0).toUpperCase() + rest.slice(1);
    return { text: `${head.word} ${name}`, kind: "department", typeWord: null, name, level: "sở" };
  }
  return null;
}

/** True for a line that is only "ỦY BAN NHÂN DÂN" / "UBND" (the unit is on the next line). */
export function isCommitteeOnly(text: string): boolean {
  return metadataRules().committee.test(fold(text));
}

/**
 * Province names a line states: "tỉnh Quảng Ninh", "UBND TỈNH QUẢNG BÌNH", "thành phố Hà Nội"
 * (a central city). Only whole names of rules/provinces.json count (the 63 before and the 34
 * after the 2025 merger, with their other spellings), after the word "tỉnh" / "thành phố" as
 * printed: "TÌNH HÌNH" folds to "tinh hinh" but is not "tỉnh", and "tỉnh Hình Triển Khai" is
 * no province. The name is returned as the list spells it.
 */
export function provinceMentions(text: string): string[] {
  const out: string[] = [];
  const key = foldKeepLength(text);
  const re = /(?<![a-z])(tinh|thanh\s+pho|tp\.?)\s+/gu;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    const word = text.slice(m.index, m.index + m[1].length).toLowerCase();
    if (m[1] === "tinh" && word !== "tỉnh") continue;
    const p = provinceAt(text, m.index + m[0].length);
    if (p && (m[1] === "tinh" || p.province.city)) out.push(p.name);
  }
  return out;
}

/** The listed province whose whole name starts at `at` in printed `text`, or null. */
export function provinceAt(text: string, at: number): { name: string; province: import("./rules.js").Province; end: number } | null {
  const key = foldKeepLength(text);
  for (const p of metadataRules().provinces) {
    if (!key.startsWith(p.key, at)) continue;
    // Whole words only: "Nam" is no "Nam Định", and "Hà Nam" must not be cut from "Hà Nam Ninh".
    if (/[a-z0-9]/u.test(key.charAt(at + p.key.length))) continue;
    return { name: p.name, province: p.province, end: at + p.key.length };
  }
  return null;
}

/** The listed province a whole text is ("Lâm Đồng", "LÂM ĐỒNG"), or null. */
export function provinceNamed(text: string): string | null {
  const t = text.trim().replace(/[.,;:]+$/, "");
  const p = provinceAt(t, 0);
  return p && p.end === t.length ? p.name : null;
}

/** Folded province spellings shorter than this are matched exactly only: "Huế" and "Hà Nam" are one letter from other words. */
const MIN_FUZZY_KEY = 6;

/**
 * The list's spelling (rules/provinces.json) of a province name that is printed otherwise: the
 * same letters with other accents ("Lâm Đông", "LAM ĐÔNG" of a scan's OCR → "Lâm Đồng"), or one
 * letter off in the folded form ("Iâm Đồng"), when exactly one province is that close and its
 * folded name has MIN_FUZZY_KEY letters or more. Null when the name is already a listed
 * spelling (a name or one of its aliases, kept as printed) or no province is that close.
 * `exactFold`: accents only, no letter off; `citiesOnly`: centrally-run cities only.
 */
export function snapProvince(name: string, opts: { exactFold?: boolean; citiesOnly?: boolean } = {}): string | null {
  const r = metadataRules();
  const t = name.trim();
  const lower = t.toLowerCase();
  const listed = r.provinces.filter((p) => !opts.citiesOnly || p.province.city);
  if (r.provinces.some((p) => [p.province.name, ...p.province.aliases].some((n) => n.toLowerCase() === lower))) return null;
  const key = fold(t);
  const same = listed.find((p) => p.key === key);
  if (same) return same.name;
  if (opts.exactFold) return null;
  const near = new Set(listed.filter((p) => p.key.length >= MIN_FUZZY_KEY && levenshtein(p.key, key, 1) <= 1).map((p) => p.name));
  return near.size === 1 ? [...near][0] : null;
}
