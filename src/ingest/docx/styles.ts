import { child, childVal, children, onOff, parseRoot } from "./xml.js";
import type { StyleNumbering } from "./numbering.js";

/** What we need from one w:style of styles.xml. */
interface StyleDef extends StyleNumbering {
  bold?: boolean;
  italic?: boolean;
  /** w:pageBreakBefore in the style's paragraph properties. */
  pageBreakBefore?: boolean;
}

/**
 * The style sheet as far as bold/italic, page breaks and numbering go. Word resolves a run's
 * formatting as direct → character style → paragraph style → document defaults (ECMA-376
 * Part 1 §17.7.2); mammoth only sees direct formatting, which is why we read styles ourselves.
 */
export class Styles {
  private byId = new Map<string, StyleDef>();
  /** Style used by paragraphs without w:pStyle (w:default="1", usually "Normal"). */
  readonly defaultParagraph?: string;
  private defaults: { bold?: boolean; italic?: boolean } = {};

  /** @param styles word/styles.xml as text or already parsed (its root element), undefined when absent. */
  constructor(styles: string | Element | undefined) {
    const root = typeof styles === "string" ? parseRoot(styles) : (styles ?? null);
    if (!root) return;
    const rPrDefault = child(child(child(root, "w:docDefaults"), "w:rPrDefault"), "w:rPr");
    this.defaults = { bold: onOff(rPrDefault, "w:b"), italic: onOff(rPrDefault, "w:i") };
    for (const s of children(root, "w:style")) {
      const id = s.getAttribute("w:styleId") ?? "";
      const pPr = child(s, "w:pPr");
      const rPr = child(s, "w:rPr");
      const numPr = child(pPr, "w:numPr");
      const ilvl = childVal(numPr, "w:ilvl");
      this.byId.set(id, {
        basedOn: childVal(s, "w:basedOn") || undefined,
        numId: childVal(numPr, "w:numId") || undefined,
        ilvl: ilvl ? Number(ilvl) : undefined,
        bold: onOff(rPr, "w:b"),
        italic: onOff(rPr, "w:i"),
        pageBreakBefore: onOff(pPr, "w:pageBreakBefore"),
      });
      if (s.getAttribute("w:type") === "paragraph" && s.getAttribute("w:default") === "1")
        (this as { defaultParagraph?: string }).defaultParagraph = id;
    }
  }

  /** Numbering facts per style id, for Numbering's w:numStyleLink resolution. */
  numberingFacts(): Map<string, StyleNumbering> {
    return this.byId;
  }

  /** First defined value of `key` along the basedOn chain of `id`. */
  inherited<K extends keyof StyleDef>(id: string | undefined, key: K): StyleDef[K] | undefined {
    for (let hops = 0; id && hops < 20; hops++) {
      const s = this.byId.get(id);
      if (!s) return undefined;
      if (s[key] !== undefined) return s[key];
      id = s.basedOn;
    }
    return undefined;
  }

  /** The style's numPr (numId, ilvl) found along its basedOn chain. */
  numPr(id: string | undefined): { numId: string; ilvl?: number } | undefined {
    for (let hops = 0; id && hops < 20; hops++) {
      const s = this.byId.get(id);
      if (!s) return undefined;
      if (s.numId !== undefined) return { numId: s.numId, ilvl: s.ilvl };
      id = s.basedOn;
    }
    return undefined;
  }

  /** Effective bold/italic of a run: direct, then character style, then paragraph style, then defaults. */
  runFormat(
    direct: { bold?: boolean; italic?: boolean },
    charStyle: string | undefined,
    paraStyle: string | undefined,
  ): { bold: boolean; italic: boolean } {
    const pick = (k: "bold" | "italic") =>
      direct[k] ?? this.inherited(charStyle, k) ?? this.inherited(paraStyle, k) ?? this.defaults[k] ?? false;
    return { bold: pick("bold"), italic: pick("italic") };
  }
}
