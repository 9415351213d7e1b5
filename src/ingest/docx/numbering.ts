import { child, childVal, children, parseRoot } from "./xml.js";

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
  suffix: "tab" | "space" | "nothing";
  /** w:pStyle: the paragraph style linked to this level (numbered heading styles). */
  style?: string;
}

interface AbstractNum {
  levels: Map<number, Level>;
  /** w:numStyleLink: the definition lives in the list bound to this numbering style. */
  styleLink?: string;
}

interface Num {
  abstractId: string;
  /** Per-level overrides: a new start value and/or a whole replacement level. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

/** Numbering-related facts read from styles.xml for one paragraph style. */
export interface StyleNumbering {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

/** The numeral Word prints before one paragraph. */
export interface Numeral {
  /** As printed, e.g. "I.", "2.1.", "a)"; the glyph for bullets. */
  text: string;
  bullet: boolean;
  suffix: Level["suffix"];
}

function readLevel(el: Element): Level {
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
    style: childVal(el, "w:pStyle") || undefined,
  };
}

/** The numbering definitions of one package, plus the counters that advance as paragraphs are read. */
export class Numbering {
  private abstracts = new Map<string, AbstractNum>();
  private nums = new Map<string, Num>();
  /** Counters per abstract definition: Word shares them among all w:num that use it. */
  private counters = new Map<string, (number | undefined)[]>();
  private usedNums = new Set<string>();

  /**
   * @param numbering word/numbering.xml as text or already parsed (its root element), or undefined when the package has none.
   * @param styles numbering facts per paragraph style id (for w:numStyleLink and style-bound lists).
   */
  constructor(
    numbering: string | Element | undefined,
    private readonly styles: Map<string, StyleNumbering> = new Map(),
  ) {
    const root = typeof numbering === "string" ? parseRoot(numbering) : (numbering ?? null);
    if (!root) return;
    for (const a of children(root, "w:abstractNum")) {
      const levels = new Map<number, Level>();
      for (const l of children(a, "w:lvl")) levels.set(Number(l.getAttribute("w:ilvl") || "0"), readLevel(l));
      this.abstracts.set(a.getAttribute("w:abstractNumId") ?? "", {
        levels,
        styleLink: childVal(a, "w:numStyleLink") || undefined,
      });
    }
    for (const n of children(root, "w:num")) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n, "w:lvlOverride")) {
        const so = childVal(o, "w:startOverride");
        const lvl = child(o, "w:lvl");
        overrides.set(Number(o.getAttribute("w:ilvl") || "0"), {
          start: so === undefined ? undefined : Number(so),
          level: lvl ? readLevel(lvl) : undefined,
        });
      }
      this.nums.set(n.getAttribute("w:numId") ?? "", { abstractId: childVal(n, "w:abstractNumId") ?? "", overrides });
    }
  }

  /** Resolve w:numStyleLink indirection to the abstract definition that holds the levels. */
  private abstractOf(numId: string): string | undefined {
    let id = this.nums.get(numId)?.abstractId;
    for (let hops = 0; id !== undefined && hops < 5; hops++) {
      const link = this.abstracts.get(id)?.styleLink;
      if (!link) return id;
      const viaStyle = this.styles.get(link)?.numId;
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
      for (const [ilvl, lvl] of a.levels) if (lvl.style === styleId) return { numId, ilvl };
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
}

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}

/**
 * Print a counter value in a w:numFmt. Letters follow Word: 27 → "aa", 28 → "bb".
 * Formats we do not know (ordinal words, Asian counting systems) fall back to decimal.
 */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "none":
      return "";
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "upperRoman":
      return n > 0 ? roman(n) : String(n);
    case "lowerRoman":
      return n > 0 ? roman(n).toLowerCase() : String(n);
    case "upperLetter":
    case "lowerLetter": {
      if (n <= 0) return String(n);
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === "upperLetter" ? letter.toUpperCase() : letter;
    }
    default:
      return String(n);
  }
}
