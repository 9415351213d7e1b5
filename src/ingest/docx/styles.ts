import { child, childVal, children, onOff, type XmlElement } from "./scan.js";

/** What we need from one w:style of styles.xml. */
interface StyleDef {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  bold?: boolean;
  italic?: boolean;
  /** w:pageBreakBefore in the style's paragraph properties. */
  pageBreakBefore?: boolean;
}

/**
 * styles.xml read once, for both readers. Word resolves a run's formatting as direct →
 * character style → paragraph style → document defaults (ECMA-376 Part 1 §17.7.2); mammoth only
 * sees direct formatting, which is why we resolve bold/italic and page breaks here. The own
 * reader also needs what mammoth reads of the styles (lib/docx/styles-reader.js): names by id
 * per style type and the numbering styles' numId, where the first definition of an id wins.
 */
export class Styles {
  /** Word's view: the last definition of an id wins. */
  private byId = new Map<string, StyleDef>();
  /** Style used by paragraphs without w:pStyle (w:default="1", usually "Normal"). */
  readonly defaultParagraph?: string;
  private defaults: { bold?: boolean; italic?: boolean } = {};
  private names = { paragraph: new Map<string, string | null>(), character: new Map<string, string | null>() };
  private numberingStyles = new Map<string, { numId: string | undefined }>();

  /** @param root styles.xml's root element, null when the package has none. */
  constructor(root: XmlElement | null) {
    if (!root) return;
    const rPrDefault = child(child(child(root, "w:docDefaults"), "w:rPrDefault"), "w:rPr");
    this.defaults = { bold: onOff(rPrDefault, "w:b"), italic: onOff(rPrDefault, "w:i") };
    for (const s of children(root, "w:style")) {
      const id = s.attr("w:styleId") ?? "";
      const type = s.attr("w:type");
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
      if (type === "paragraph" && s.attr("w:default") === "1") this.defaultParagraph = id;
      // mammoth keys by String(styleId), so a style without one is "undefined" there.
      const mammothId = String(s.attr("w:styleId"));
      if (type === "numbering") {
        if (!this.numberingStyles.has(mammothId)) this.numberingStyles.set(mammothId, { numId: child(numPr, "w:numId")?.attr("w:val") });
      } else if (type === "paragraph" || type === "character") {
        const names = this.names[type];
        if (!names.has(mammothId)) names.set(mammothId, child(s, "w:name")?.attr("w:val") ?? null);
      }
    }
  }

  /** The first style along the basedOn chain of `id` (at most 20 hops) that defines `key`. */
  private definingStyle(id: string | undefined, key: keyof StyleDef): StyleDef | undefined {
    for (let hops = 0; id && hops < 20; hops++) {
      const s = this.byId.get(id);
      if (!s || s[key] !== undefined) return s;
      id = s.basedOn;
    }
    return undefined;
  }

  /** First defined value of `key` along the basedOn chain of `id`. */
  inherited<K extends keyof StyleDef>(id: string | undefined, key: K): StyleDef[K] | undefined {
    return this.definingStyle(id, key)?.[key];
  }

  /** The style's numPr (numId, ilvl) found along its basedOn chain: both from the style that sets numId. */
  numPr(id: string | undefined): { numId: string; ilvl?: number } | undefined {
    const s = this.definingStyle(id, "numId");
    return s?.numId !== undefined ? { numId: s.numId, ilvl: s.ilvl } : undefined;
  }

  /** The numId a style itself sets (no inheritance): what w:numStyleLink resolves through. */
  styleNumId(id: string): string | undefined {
    return this.byId.get(id)?.numId;
  }

  /** Effective bold/italic of a run: direct, then character style, then paragraph style, then defaults. */
  runFormat(direct: { bold?: boolean; italic?: boolean }, charStyle: string | undefined, paraStyle: string | undefined): { bold: boolean; italic: boolean } {
    const pick = (k: "bold" | "italic") => direct[k] ?? this.inherited(charStyle, k) ?? this.inherited(paraStyle, k) ?? this.defaults[k] ?? false;
    return { bold: pick("bold"), italic: pick("italic") };
  }

  /** The name mammoth gives a paragraph or character style id: undefined for no such style, null for one without a name. */
  mammothName(type: "paragraph" | "character", id: string): string | null | undefined {
    return this.names[type].get(id);
  }

  /** A numbering style as mammoth reads it, for w:numStyleLink. */
  mammothNumberingStyle(id: string): { numId: string | undefined } | undefined {
    return this.numberingStyles.get(id);
  }
}
