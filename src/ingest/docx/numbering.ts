import type { Numeral } from "../blocks/blocks.js";
import { formatNumber } from "../blocks/numerals.js";
import { child, childVal, children, type XmlElement } from "./scan.js";
import type { Styles } from "./styles.js";

/**
 * Word automatic numbering (ECMA-376 Part 1 §17.9). Word stores list numerals outside the text:
 * a paragraph points at a `w:num`, which points at a `w:abstractNum` whose levels say how to
 * print the counter ("upperRoman", lvlText "%1."). mammoth turns such paragraphs into <ol><li>
 * and drops the numeral, so we recompute it here, in document order, the way Word counts.
 */

/** One level (0–8) of an abstract numbering definition. */
export interface Level {
  /** First value of the counter (w:start, default 0 per the spec; Word writes 1). */
  start: number;
  /** w:numFmt: decimal, upperRoman, lowerLetter, bullet, none, … */
  format: string;
  /** w:lvlText with %1…%9 placeholders; for bullets, the bullet glyph. */
  text: string;
  /** w:lvlRestart: 1-based level whose use restarts this one; 0 = never; undefined = any shallower. */
  restart?: number;
  /** w:isLgl: print every placeholder as a decimal number (legal numbering "1.1"). */
  legal: boolean;
  /** What separates the numeral from the text: tab (default), space or nothing. */
  suffix: Numeral["suffix"];
  /** w:pStyle: the paragraph style linked to this level (numbered heading styles), as written. */
  style?: string;
  /** w:ilvl as written (mammoth keys levels by it). */
  ilvl?: string;
}

/** A w:num: its w:abstractNumId ("" when missing) and per-level overrides (a new start value and/or a whole replacement level). */
interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

/** A list level as mammoth's default style map sees it (lib/docx/numbering-xml.js). */
export interface MammothLevel {
  isOrdered: boolean;
  /** The level index as written ("0" when the level has none). */
  level: string;
  paragraphStyleId: string | undefined;
}

function readLevel(el: XmlElement): Level {
  const start = Number(childVal(el, "w:start") ?? "0");
  const suff = childVal(el, "w:suff");
  const restart = childVal(el, "w:lvlRestart");
  return {
    start: Number.isFinite(start) ? start : 0,
    format: childVal(el, "w:numFmt") || "decimal",
    text: childVal(el, "w:lvlText") ?? "",
    restart: restart === undefined ? undefined : Number(restart),
    legal: child(el, "w:isLgl") !== null && childVal(el, "w:isLgl") !== "0",
    suffix: suff === "space" || suff === "nothing" ? suff : "tab",
    style: child(el, "w:pStyle")?.attr("w:val"),
    ilvl: el.attr("w:ilvl"),
  };
}

/** mammoth's levels of one definition: keyed by w:ilvl as written, a level without one standing for "0" when no level says "0". */
function mammothLevels(levels: Level[]): Record<string, MammothLevel> {
  const out: Record<string, MammothLevel> = Object.create(null);
  let withoutIndex: MammothLevel | null = null;
  for (const l of levels) {
    const level = { isOrdered: l.format !== "bullet", level: l.ilvl ?? "0", paragraphStyleId: l.style };
    if (l.ilvl === undefined) withoutIndex = level;
    else out[l.ilvl] = level;
  }
  if (withoutIndex && out["0"] === undefined) out["0"] = withoutIndex;
  return out;
}

/**
 * numbering.xml read once, for both readers: the numerals Word prints (counters that advance as
 * paragraphs are read, in document order) and which paragraphs mammoth's default style map
 * turns into list items (`mammothLevel`, a port of mammoth 1.x's numbering-xml.js).
 */
export class Numbering {
  /** Word's view: levels by number, the last definition of an id winning. */
  private abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  private nums = new Map<string, Num>();
  /** Counters per abstract definition: Word shares them among all w:num that use it. */
  private counters = new Map<string, (number | undefined)[]>();
  private usedNums = new Set<string>();
  /** mammoth's view (readNumberingXml): null-prototype records keyed as mammoth keys them, the last definition of an id winning. */
  private mammothAbstracts: Record<string, { levels: Record<string, MammothLevel>; styleLink: string | undefined }> = Object.create(null);
  private mammothNums: Record<string, string | undefined> = Object.create(null);
  private mammothByStyle: Record<string, MammothLevel> = Object.create(null);
  /** True when mammoth cannot read this numbering.xml at all (a w:num without w:abstractNumId crashes it). */
  readonly mammothFails: boolean = false;

  /**
   * @param root numbering.xml's root element, or null when the package has none.
   * @param styles the package's styles (for w:numStyleLink and style-bound lists).
   */
  constructor(
    root: XmlElement | null,
    private readonly styles?: Styles,
  ) {
    for (const a of children(root, "w:abstractNum")) {
      const levels = children(a, "w:lvl").map(readLevel);
      const styleLink = child(a, "w:numStyleLink")?.attr("w:val");
      this.abstracts.set(a.attr("w:abstractNumId") ?? "", { levels: new Map(levels.map((l) => [Number(l.ilvl || "0"), l])), styleLink: styleLink || undefined });
      this.mammothAbstracts[String(a.attr("w:abstractNumId"))] = { levels: mammothLevels(levels), styleLink };
    }
    for (const n of children(root, "w:num")) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n, "w:lvlOverride")) {
        const so = childVal(o, "w:startOverride");
        const lvl = child(o, "w:lvl");
        overrides.set(Number(o.attr("w:ilvl") || "0"), { start: so === undefined ? undefined : Number(so), level: lvl ? readLevel(lvl) : undefined });
      }
      const abstract = child(n, "w:abstractNumId");
      if (!abstract) this.mammothFails = true;
      this.nums.set(n.attr("w:numId") ?? "", { abstractId: abstract?.attr("w:val") ?? "", overrides });
      this.mammothNums[String(n.attr("w:numId"))] = abstract?.attr("w:val");
    }
    // _.indexBy over every level of every definition, in object key order: the last one wins.
    for (const a of Object.values(this.mammothAbstracts))
      for (const l of Object.values(a.levels)) if (l.paragraphStyleId != null) this.mammothByStyle[l.paragraphStyleId] = l;
  }

  /** Resolve w:numStyleLink indirection to the abstract definition that holds the levels. */
  private abstractOf(numId: string): string | undefined {
    let id = this.nums.get(numId)?.abstractId;
    for (let hops = 0; id !== undefined && hops < 5; hops++) {
      const link = this.abstracts.get(id)?.styleLink;
      if (!link) return id;
      const viaStyle = this.styles?.styleNumId(link);
      id = viaStyle ? this.nums.get(viaStyle)?.abstractId : undefined;
    }
    return id;
  }

  private level(numId: string, abstractId: string, ilvl: number): Level | undefined {
    const base = this.abstracts.get(abstractId)?.levels.get(ilvl);
    const o = this.nums.get(numId)?.overrides.get(ilvl);
    const lvl = o?.level ?? base;
    if (!lvl) return undefined;
    return o?.start !== undefined ? { ...lvl, start: o.start } : lvl;
  }

  /** Find the level of any list bound to a paragraph style (the heading-style numbering Word uses). */
  levelForStyle(styleId: string): { numId: string; ilvl: number } | undefined {
    for (const [numId, num] of this.nums) {
      const a = this.abstracts.get(num.abstractId);
      if (!a) continue;
      for (const [ilvl, lvl] of a.levels) if ((lvl.style || undefined) === styleId) return { numId, ilvl };
    }
    return undefined;
  }

  /**
   * Advance the counters for one numbered paragraph (call in document order) and return what
   * Word prints before it, or undefined when the reference leads nowhere.
   */
  next(numId: string, ilvl: number): Numeral | undefined {
    const abstractId = this.abstractOf(numId);
    if (abstractId === undefined) return undefined;
    const lvl = this.level(numId, abstractId, ilvl);
    if (!lvl) return undefined;
    let counters = this.counters.get(abstractId);
    if (!counters) this.counters.set(abstractId, (counters = []));
    // A w:num that overrides a start value restarts those levels the first time it is used
    // (this is how Word restarts "1, 2, 3" lists that share one abstract definition).
    if (!this.usedNums.has(numId)) {
      this.usedNums.add(numId);
      for (const [l, o] of this.nums.get(numId)?.overrides ?? []) if (o.start !== undefined) counters[l] = undefined;
    }
    counters[ilvl] = counters[ilvl] === undefined ? lvl.start : counters[ilvl]! + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      const restart = this.level(numId, abstractId, deeper)?.restart;
      // lvlRestart is 1-based: restart when a level at or above it is used; 0 means never.
      if (restart === 0) continue;
      if (restart === undefined || ilvl < restart) counters[deeper] = undefined;
    }
    if (lvl.format === "bullet") return { text: lvl.text, bullet: true, suffix: lvl.suffix };
    const text = lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const ref = this.level(numId, abstractId, l);
      if (!ref) return "";
      const value = counters![l] ?? ref.start;
      return formatNumber(value, lvl.legal && l < ilvl ? "decimal" : ref.format);
    });
    return { text, bullet: false, suffix: lvl.suffix };
  }

  /**
   * mammoth's findLevel: the level a w:numPr points at, following w:numStyleLink through the
   * numbering styles; `missingStyle` when the link names no numbering style (mammoth crashes).
   */
  mammothLevel(numId: string, level: string): { found: MammothLevel | null | undefined } | { missingStyle: string } {
    const seen = new Set<string>();
    for (;;) {
      if (seen.has(numId)) return { found: null };
      seen.add(numId);
      if (!(numId in this.mammothNums)) return { found: null };
      const abstract = this.mammothAbstracts[String(this.mammothNums[numId])];
      if (!abstract) return { found: null };
      if (abstract.styleLink == null) return { found: abstract.levels[level] };
      const style = this.styles?.mammothNumberingStyle(abstract.styleLink);
      if (!style) return { missingStyle: abstract.styleLink };
      numId = String(style.numId);
    }
  }

  /** mammoth's findLevelByParagraphStyleId. */
  mammothLevelByStyle(styleId: string): MammothLevel | null {
    return this.mammothByStyle[styleId] || null;
  }
}
