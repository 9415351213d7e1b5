import { createRequire } from "node:module";
import type { Block } from "../../model/document.js";
import { paragraphFacts, SCANNED_NAMES, UNREAD, XHTML_NS } from "./annotate.js";
import { BlockBuilder, type RowInput } from "./blocks.js";
import { isNoteLink, type Segment } from "./inline.js";
import {
  checkContentTypes,
  findPartPaths,
  first,
  MammothNumbering,
  MammothStyles,
  Relationships,
  relsPath,
  scanWordPart,
  Unsupported,
  type MammothLevel,
} from "./mammoth-view.js";
import { PAGE_BREAK, RENDERED_BREAK, paraMarker } from "./markers.js";
import type { DocxPackage } from "./package.js";
import type { Scanned, ScannedElement } from "./scan.js";

/**
 * The own .docx reader: document.xml (with styles, numbering and notes) straight to Document
 * blocks in one pass over the scanned XML — more than ten times faster than converting with
 * mammoth, parsing its HTML and building blocks from that (mammoth-path.ts), which was nine
 * tenths of docx ingest.
 *
 * It is a port of what that path does, not a new interpretation: the element handlers mirror
 * mammoth 1.x's body reader (lib/docx/body-reader.js), the HTML decisions (headings, list items,
 * table header rows, merged cells, footnotes at the end) mirror document-to-html.js and its
 * default style map, and the blocks are built by the same BlockBuilder from the same segments,
 * paragraph markers included, so that both paths give equal Documents (reader.test.ts checks
 * that on every sample and fixture). Whatever the port does not cover exactly — deleted
 * paragraph marks, checkboxes, nested mc:AlternateContent, paragraphs inside runs (old w:object
 * text boxes), structures mammoth would warn about or crash on, parts outside the plain XML
 * subset, strict-OOXML namespaces — throws `Unsupported`, and ingest converts the file with
 * mammoth instead. mammoth stays the fidelity fallback for what Word users can make and our
 * samples never show, and it keeps bad-input behaviour as it was: every file mammoth rejects
 * goes to mammoth.
 *
 * One difference is deliberate: characters outside the Basic Multilingual Plane (emoji, rare CJK)
 * reach the text intact, where the mammoth path can lose them to U+FFFD when the repacked zip
 * splits a surrogate pair between encoding chunks.
 */

/** The dingbat-to-unicode package mammoth maps w:sym characters with, loaded through mammoth so the versions agree. */
interface Dingbats {
  hex(typeface: string, hex: string): { string: string } | undefined;
}
let dingbatTable: Dingbats | undefined;
function dingbats(): Dingbats {
  const require = createRequire(import.meta.url);
  return (dingbatTable ??= createRequire(require.resolve("mammoth"))("dingbat-to-unicode") as Dingbats);
}

type Fmt = Readonly<{ bold: boolean; italic: boolean }>;
const PLAIN: Fmt = { bold: false, italic: false };

/** HTML tag of a paragraph: 1–6 for h1–h6, P for <p>, LI for a list item. */
const P = 0;
const LI = -1;

/** Inline content as mammoth's HTML has it: text, a note reference (skipped text), or an element without text. */
type Inline = { k: "seg"; seg: Segment } | { k: "ref"; key: string; id: string | undefined } | { k: "void" };
interface Para {
  k: "p";
  tag: number;
  items: Inline[];
}
interface Table {
  k: "table";
  rows: Row[];
}
interface Row {
  k: "row";
  header: boolean;
  cells: Cell[];
}
interface Cell {
  k: "cell";
  children: Value[];
  colSpan: number;
  rowSpan: number;
  vMerge: boolean | null;
}
type Value = Inline | Para | Table | Row | Cell;

const VOID: Inline = { k: "void" };
const seg = (text: string, fmt: Fmt): Inline => ({ k: "seg", seg: { text, bold: fmt.bold, italic: fmt.italic } });

/**
 * Text mammoth's route would change: NUL and CR (the HTML parser drops or rewrites them), lone
 * surrogates (the zip encoder replaces them) and our own marker characters.
 */
const ALTERED_TEXT = /[\0\r\uEDF0-\uEDF3]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A cheap first test for ALTERED_TEXT (surrogate pairs pass it, then the exact one runs). */
const MAYBE_ALTERED = /[\0\r\uEDF0-\uEDF3\uD800-\uDFFF]/;

/** Paragraph style names of notes and comments that the default style map keeps as <p>. */
const NOTE_STYLES = ["footnote text", "endnote text", "annotation text", "Footnote", "Endnote"].map((s) => s.toUpperCase());

/** The HTML tag mammoth's default style map gives a paragraph (first matching rule wins). */
function htmlTag(styleId: string | null | undefined, styleName: string | null | undefined, numbering: MammothLevel | null | undefined): number {
  for (let n = 1; n <= 6; n++) if (styleId === `Heading${n}`) return n;
  const name = styleName ? styleName.toUpperCase() : undefined;
  if (name) for (let n = 1; n <= 6; n++) if (name === `HEADING ${n}`) return n;
  if (styleId === "Heading" || name === "HEADING") return 1;
  if (name && NOTE_STYLES.includes(name)) return P;
  // "p:ordered-list(1..5)" and "p:unordered-list(1..5)": levels 0–4, compared with == in mammoth.
  if (numbering) {
    const level = Number(numbering.level);
    if (level >= 0 && level <= 4 && Number.isInteger(level)) return LI;
  }
  return P;
}

/** mammoth's readBooleanElement: present and not "false"/"0". */
function onOffMammoth(el: ScannedElement | null): boolean {
  if (!el) return false;
  const v = el.attr("w:val");
  return v !== "false" && v !== "0";
}

function directChild(el: ScannedElement, name: string): ScannedElement | null {
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeName === name) return c;
  return null;
}

/** What a part reader needs from the package. */
interface PartContext {
  /** The main document: annotate.ts wrote paragraph and page-break markers into it. */
  document: boolean;
  rels: Relationships;
  /** Prefixes bound on the part's root element. */
  rootPrefixes: Set<string>;
  styles: MammothStyles;
  numbering: MammothNumbering;
  what: string;
}

/** Reads the elements of one part into mammoth's document values (body-reader.js, element by element). */
class PartReader {
  private insideFallback = 0;

  constructor(private readonly part: PartContext) {}

  /** mammoth matches these prefixes by namespace: they must be bound on the root (to the canonical URI, checked when scanning). */
  private need(prefix: string): void {
    if (!this.part.rootPrefixes.has(prefix)) throw new Unsupported(`${prefix}: used without a binding on the root of ${this.part.what}`);
  }

  private target(id: string): string {
    this.need("r");
    return this.part.rels.target(id);
  }

  readChildren(el: ScannedElement, out: Value[], extras: Value[], fmt: Fmt): void {
    for (let c = el.firstChild; c; c = c.nextSibling) this.read(c, out, extras, fmt);
  }

  /** One element: its values go to `out`, floating content (w:pict) to `extras`, as mammoth's ReadResult. */
  private read(el: ScannedElement, out: Value[], extras: Value[], fmt: Fmt): void {
    switch (el.nodeName) {
      case "w:p":
        return this.paragraph(el, out);
      case "w:r":
        return this.run(el, out, extras, fmt);
      case "w:t": {
        if (el.firstChild) throw new Unsupported("w:t with child elements");
        if (MAYBE_ALTERED.test(el.textContent) && ALTERED_TEXT.test(el.textContent)) throw new Unsupported("text with characters the HTML route alters");
        out.push(seg(el.textContent, fmt));
        return;
      }
      case "w:tab":
        out.push(seg("\t", fmt));
        return;
      case "w:noBreakHyphen":
        out.push(seg("\u2011", fmt));
        return;
      case "w:softHyphen":
        out.push(seg("\u00AD", fmt));
        return;
      case "w:br": {
        const type = el.attr("w:type");
        if (type === undefined || type === "textWrapping") out.push(seg("\n", fmt));
        // annotate.ts put a marker where each page break of the main document was.
        else if (type === "page" && this.part.document) out.push(seg(PAGE_BREAK, fmt));
        return;
      }
      case "w:lastRenderedPageBreak":
        if (this.part.document) out.push(seg(RENDERED_BREAK, fmt));
        return;
      case "w:sym": {
        // mammoth's readSymbol (§17.3.3.30), with the table mammoth itself uses.
        const font = el.attr("w:font") as string;
        const char = el.attr("w:char") as string;
        let unicode = dingbats().hex(font, char);
        if (unicode == null && /^F0..$/.test(char)) unicode = dingbats().hex(font, char.substring(2));
        if (unicode != null) {
          if (/[\uEDF0-\uEDF3]/.test(unicode.string)) throw new Unsupported("symbol mapped to a marker character");
          out.push(seg(unicode.string, fmt));
        }
        return;
      }
      case "w:fldChar":
        // A FORMCHECKBOX field becomes an <input>, which only matters where emptiness does (notes).
        if (!this.part.document) throw new Unsupported(`complex field in ${this.part.what}`);
        return;
      case "w:instrText":
        // A HYPERLINK field whose target looks like a note link would hide its text in the HTML path.
        if (el.firstChild || /footnote|endnote|comment/.test(el.textContent)) throw new Unsupported("unusual field instruction");
        return;
      case "w:hyperlink":
        return this.hyperlink(el, out, extras, fmt);
      case "w:tbl":
        return this.table(el, out, extras);
      case "w:tr":
        return this.row(el, out, extras);
      case "w:tc":
        return this.cell(el, out, extras);
      case "w:footnoteReference":
      case "w:endnoteReference": {
        const type = el.nodeName === "w:footnoteReference" ? "footnote" : "endnote";
        const id = el.attr("w:id");
        out.push({ k: "ref", key: `${type}-${id}`, id });
        return;
      }
      case "w:bookmarkStart":
        if (el.attr("w:name") !== "_GoBack") out.push(VOID);
        return;
      case "mc:AlternateContent": {
        this.need("mc");
        if (this.insideFallback) throw new Unsupported("nested mc:AlternateContent");
        const fallback = directChild(el, "mc:Fallback");
        if (!fallback) return;
        this.insideFallback++;
        this.readChildren(fallback, out, extras, fmt);
        this.insideFallback--;
        return;
      }
      case "w:sdt": {
        const sdtPr = first(el, "w:sdtPr");
        for (let c = sdtPr?.firstChild ?? null; c; c = c.nextSibling)
          if (c.nodeName === "checkbox" || c.nodeName.endsWith(":checkbox")) throw new Unsupported("checkbox content control");
        const content = first(el, "w:sdtContent");
        if (content) this.readChildren(content, out, extras, fmt);
        return;
      }
      case "w:customXml":
      case "w:ins":
      case "w:moveFromRangeEnd":
      case "w:moveFromRangeStart":
      case "w:moveTo":
      case "w:moveToRangeEnd":
      case "w:moveToRangeStart":
      case "w:object":
      case "w:smartTag":
      case "w:drawing":
      case "w:txbxContent":
        return this.readChildren(el, out, extras, fmt);
      case "v:roundrect":
      case "v:shape":
      case "v:textbox":
      case "v:group":
      case "v:rect":
        this.need("v");
        return this.readChildren(el, out, extras, fmt);
      case "w:pict": {
        // A VML picture or text box floats: its content goes after the enclosing paragraph.
        const inner: Value[] = [];
        const innerExtras: Value[] = [];
        this.readChildren(el, inner, innerExtras, fmt);
        for (const v of innerExtras) extras.push(v);
        for (const v of inner) extras.push(v);
        return;
      }
      case "wp:inline":
      case "wp:anchor":
        return this.drawing(el, out);
      case "v:imagedata": {
        const id = el.attr("r:id");
        if (id) {
          this.target(id);
          out.push(VOID);
        }
        return;
      }
      default:
        // Everything else mammoth ignores, with its content (w:del, w:fldSimple, w:altChunk …).
        return;
    }
  }

  private paragraph(el: ScannedElement, out: Value[]): void {
    const pPr = first(el, "w:pPr");
    // A deleted paragraph mark joins the paragraph to the next one in mammoth (§17.13.5.15).
    if (first(first(pPr, "w:rPr"), "w:del")) throw new Unsupported("deleted paragraph mark");
    const pStyle = first(pPr, "w:pStyle");
    const styleId = pStyle ? pStyle.attr("w:val") : null;
    const styleName = styleId ? this.part.styles.paragraph[styleId]?.name : null;
    const tag = htmlTag(styleId, styleName, this.numbering(styleId, first(pPr, "w:numPr")));
    const items: Inline[] = [];
    if (this.part.document) items.push(seg(paraMarker(el.index), PLAIN));
    const inner: Value[] = [];
    const extras: Value[] = [];
    this.readChildren(el, inner, extras, PLAIN);
    for (const v of inner) {
      if (v.k !== "seg" && v.k !== "ref" && v.k !== "void") throw new Unsupported(`${v.k} inside a paragraph`);
      items.push(v);
    }
    out.push({ k: "p", tag, items });
    for (const v of extras) out.push(v);
  }

  /** mammoth's readNumberingProperties: direct numPr, else a list level bound to the paragraph's own style. */
  private numbering(styleId: string | null | undefined, numPr: ScannedElement | null): MammothLevel | null | undefined {
    const level = first(numPr, "w:ilvl")?.attr("w:val");
    const numId = first(numPr, "w:numId")?.attr("w:val");
    const numbering = this.part.numbering;
    if (level !== undefined && numId !== undefined) return numbering.findLevel(numId, level);
    if (styleId != null) {
      const byStyle = numbering.findLevelByParagraphStyleId(styleId);
      if (byStyle != null) return byStyle;
    }
    if (numId !== undefined) return numbering.findLevel(numId, "0");
    return null;
  }

  private run(el: ScannedElement, out: Value[], extras: Value[], fmt: Fmt): void {
    const rPr = first(el, "w:rPr");
    const styleId = first(rPr, "w:rStyle")?.attr("w:val");
    const styleName = styleId ? this.part.styles.character[styleId]?.name : null;
    // <strong> from w:b or from the "Strong" character style; <em> from w:i.
    const bold = onOffMammoth(first(rPr, "w:b")) || (styleName ? styleName.toUpperCase() === "STRONG" : false);
    const italic = onOffMammoth(first(rPr, "w:i"));
    const inner = (bold && !fmt.bold) || (italic && !fmt.italic) ? { bold: fmt.bold || bold, italic: fmt.italic || italic } : fmt;
    this.readChildren(el, out, extras, inner);
  }

  private hyperlink(el: ScannedElement, out: Value[], extras: Value[], fmt: Fmt): void {
    const id = el.attr("r:id");
    const anchor = el.attr("w:anchor");
    let href: string | undefined;
    if (id) {
      href = this.target(id);
      if (anchor) href = `${href.includes("#") ? href.slice(0, href.indexOf("#")) : href}#${anchor}`;
    } else if (anchor) href = `#${anchor}`;
    if (isNoteLink(href)) throw new Unsupported("hyperlink that looks like a note link");
    this.readChildren(el, out, extras, fmt);
  }

  private table(el: ScannedElement, out: Value[], extras: Value[]): void {
    const values: Value[] = [];
    this.readChildren(el, values, extras, PLAIN);
    const rows: Row[] = [];
    for (const v of values) {
      // mammoth would drop merged-cell information and the HTML parser would move the stray content.
      if (v.k !== "row") throw new Unsupported(`${v.k} directly in a table`);
      rows.push(v);
    }
    // mammoth's calculateRowSpans: a w:vMerge continuation extends the cell that starts at the
    // same column (counted in grid columns) and is then removed, content and all.
    const columns = new Map<number, Cell>();
    for (const row of rows) {
      let column = 0;
      for (const cell of row.cells) {
        const origin = columns.get(column);
        if (cell.vMerge && origin) origin.rowSpan++;
        else {
          columns.set(column, cell);
          cell.vMerge = false;
        }
        column += cell.colSpan;
      }
    }
    for (const row of rows) row.cells = row.cells.filter((c) => !c.vMerge);
    out.push({ k: "table", rows });
  }

  private row(el: ScannedElement, out: Value[], extras: Value[]): void {
    const trPr = first(el, "w:trPr");
    if (first(trPr, "w:del")) return; // deleted row (§17.13.5.12)
    const values: Value[] = [];
    this.readChildren(el, values, extras, PLAIN);
    const cells: Cell[] = [];
    for (const v of values) {
      if (v.k !== "cell") throw new Unsupported(`${v.k} directly in a table row`);
      cells.push(v);
    }
    out.push({ k: "row", header: first(trPr, "w:tblHeader") !== null, cells });
  }

  private cell(el: ScannedElement, out: Value[], extras: Value[]): void {
    const children: Value[] = [];
    this.readChildren(el, children, extras, PLAIN);
    const tcPr = first(el, "w:tcPr");
    const gridSpan = first(tcPr, "w:gridSpan")?.attr("w:val");
    if (gridSpan && !/^\d+$/.test(gridSpan)) throw new Unsupported(`w:gridSpan ${gridSpan}`);
    const vMerge = first(tcPr, "w:vMerge");
    const val = vMerge?.attr("w:val");
    out.push({
      k: "cell",
      children,
      colSpan: gridSpan ? parseInt(gridSpan, 10) : 1,
      rowSpan: 1,
      vMerge: vMerge ? val === "continue" || !val : null,
    });
  }

  /** wp:inline / wp:anchor: only pictures count (an <img>, no text); mammoth crashes on a dangling image relationship. */
  private drawing(el: ScannedElement, out: Value[]): void {
    let level = [el];
    for (const name of ["a:graphic", "a:graphicData", "pic:pic", "pic:blipFill", "a:blip"]) {
      const next: ScannedElement[] = [];
      for (const e of level) for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeName === name) next.push(c);
      level = next;
    }
    for (const blip of level) {
      const embed = blip.attr("r:embed");
      const link = blip.attr("r:link");
      if (embed) this.target(embed);
      else if (link) this.target(link);
      else continue;
      const click = first(first(el, "wp:docPr"), "a:hlinkClick")?.attr("r:id");
      if (click) this.target(click);
      out.push(VOID);
    }
  }
}

/** The segments of a paragraph's inline content; note references are collected in reading order. */
function segments(p: Para, refs: Inline[]): Segment[] {
  const out: Segment[] = [];
  for (const item of p.items) {
    if (item.k === "seg") out.push(item.seg);
    else if (item.k === "ref") refs.push(item);
  }
  return out;
}

/** A cell's line sources in order; nested tables are flattened cell by cell (as table-html.ts does). */
function cellLines(values: Value[], refs: Inline[], out: Segment[][]): Segment[][] {
  for (const v of values) {
    if (v.k === "p") out.push(segments(v, refs));
    else if (v.k === "table") for (const row of v.rows) for (const cell of row.cells) cellLines(cell.children, refs, out);
    else if (v.k !== "void") throw new Unsupported(`${v.k} directly in a cell`);
  }
  return out;
}

/** Rows as the HTML gives them: the leading run of repeat-as-header rows is <thead>. */
function tableRows(t: Table, refs: Inline[]): RowInput[] {
  let bodyIndex = t.rows.findIndex((r) => !r.header);
  if (bodyIndex < 0) bodyIndex = t.rows.length;
  return t.rows.map((r, i) => ({
    header: i < bodyIndex,
    cells: r.cells.map((c) => ({ lines: cellLines(c.children, refs, []), colSpan: c.colSpan, rowSpan: c.rowSpan })),
  }));
}

/** The blocks of body-level values, in order. */
function emit(values: Value[], out: BlockBuilder, refs: Inline[]): void {
  for (const v of values) {
    if (v.k === "p") out.paragraph(segments(v, refs), v.tag === LI ? { listItem: true } : v.tag > 0 ? { heading: v.tag } : {});
    else if (v.k === "table") out.table(tableRows(v, refs));
    // A bookmark or picture outside any paragraph is an empty inline element in the HTML.
    else if (v.k !== "void") throw new Unsupported(`${v.k} outside a paragraph`);
  }
}

/** What survives mammoth's removal of empty HTML elements: text, <br>, <img>, anchors, tables. */
function rendersSomething(v: Value): boolean {
  if (v.k !== "p") return true;
  return v.items.some((i) => i.k !== "seg" || i.seg.text !== "");
}

/**
 * The footnotes and endnotes mammoth lists after the body (<ol><li id="footnote-1">), in the
 * order they are referenced: each <p> or heading of a note is a paragraph; the " ↑" back-link
 * joins the note's last element when that is a <p>, else it stands as a paragraph of its own.
 */
function emitNotes(refs: Inline[], notes: Map<string, Value[]>, out: BlockBuilder): void {
  const ignored: Inline[] = [];
  const backLink: Segment = { text: " ", bold: false, italic: false };
  for (const ref of refs) {
    if (ref.k !== "ref" || ref.id === undefined || !/^\d+$/.test(ref.id)) throw new Unsupported("note reference with an unusual id");
    const body = notes.get(ref.key);
    if (!body) throw new Unsupported(`note ${ref.key} not found`);
    for (const v of body) if (v.k !== "p" && v.k !== "table" && v.k !== "void") throw new Unsupported(`${v.k} outside a paragraph in a note`);
    const shown = body.filter(rendersSomething);
    const last = shown[shown.length - 1];
    const joined = last?.k === "p" && last.tag === P;
    for (const v of shown)
      if (v.k === "p" && v.tag !== LI) out.paragraph(v === last && joined ? [...segments(v, ignored), backLink] : segments(v, ignored), { note: true });
    if (!joined) out.paragraph([backLink], { note: true });
  }
}

/** What the own reader returns: blocks, and whether Word recorded rendered page starts. */
export interface OwnRead {
  blocks: Block[];
  hasRenderedBreaks: boolean;
}

/**
 * Read an opened package with the own reader. Throws `Unsupported` when the document needs
 * mammoth (see the module comment).
 */
export function readOwn(pkg: DocxPackage): OwnRead {
  const parts = pkg.parts;
  checkContentTypes(parts.get("[Content_Types].xml"));
  const paths = findPartPaths(parts);
  const present = (p: string) => (parts.has(p) ? p : undefined);
  // annotate.ts (numerals, bold) reads the parts package.ts found; mammoth finds its own.
  if (paths.mainDocument !== pkg.documentPath || present(paths.styles) !== pkg.stylesPath || present(paths.numbering) !== pkg.numberingPath)
    throw new Unsupported("mammoth and package.ts resolve the parts differently");
  const wordPart = (path: string) => {
    const xml = parts.get(path);
    return xml === undefined ? null : scanWordPart(xml, [], path).scanned;
  };
  const stylesPart = wordPart(paths.styles);
  const numberingPart = wordPart(paths.numbering);
  const styles = new MammothStyles(stylesPart);
  const numbering = new MammothNumbering(numberingPart, styles);
  const context = (path: string, rootPrefixes: Set<string>, document: boolean): PartContext => ({
    document,
    rels: new Relationships(parts.get(relsPath(path)), relsPath(path)),
    rootPrefixes,
    styles,
    numbering,
    what: path,
  });

  const documentXml = parts.get(pkg.documentPath)!;
  // annotate.ts leaves such parts to xmldom; so does this reader, to mammoth.
  if (documentXml.includes(XHTML_NS)) throw new Unsupported("XHTML namespace in document.xml");
  const { scanned, rootPrefixes } = scanWordPart(documentXml, SCANNED_NAMES, pkg.documentPath, UNREAD);
  const rendered = scanned.byName.get("w:lastRenderedPageBreak")!;
  // annotate.ts replaces page breaks whole; with elements inside one, its splicing gives up.
  const pageBreaks = scanned.byName.get("w:br")!.filter((br) => br.getAttribute("w:type") === "page");
  if ([...pageBreaks, ...rendered].some((el) => el.firstChild)) throw new Unsupported("page break element with content");
  const body = first(scanned.root, "w:body");
  if (!body) throw new Unsupported("no w:body");
  const values: Value[] = [];
  new PartReader(context(pkg.documentPath, rootPrefixes, true)).readChildren(body, values, [], PLAIN);

  // mammoth reads every note and comment up front, referenced or not; what would stop it must stop us.
  const notes = new Map<string, Value[]>();
  for (const [type, path] of [["footnote", paths.footnotes], ["endnote", paths.endnotes]] as const) {
    const xml = parts.get(path);
    if (xml === undefined) continue;
    const part = scanWordPart(xml, [], path);
    const reader = new PartReader(context(path, part.rootPrefixes, false));
    for (let n = part.scanned.root.firstChild; n; n = n.nextSibling) {
      if (n.nodeName !== `w:${type}`) continue;
      const kind = n.attr("w:type");
      if (kind === "separator" || kind === "continuationSeparator") continue;
      const noteBody: Value[] = [];
      reader.readChildren(n, noteBody, [], PLAIN);
      notes.set(`${type}-${n.attr("w:id")}`, noteBody);
    }
  }
  const commentsXml = parts.get(paths.comments);
  if (commentsXml !== undefined) {
    const part = scanWordPart(commentsXml, [], paths.comments);
    const reader = new PartReader(context(paths.comments, part.rootPrefixes, false));
    for (let c = part.scanned.root.firstChild; c; c = c.nextSibling) if (c.nodeName === "w:comment") reader.readChildren(c, [], [], PLAIN);
  }

  // The same parts annotate.ts would read (the paths were checked equal above), parsed once.
  const asElement = (part: Scanned | null) => (part ? (part.root as unknown as Element) : undefined);
  const paragraphs = paragraphFacts(scanned, asElement(stylesPart), asElement(numberingPart));
  const out = new BlockBuilder({ paragraphs, pages: rendered.length > 0 });
  const refs: Inline[] = [];
  emit(values, out, refs);
  emitNotes(refs, notes, out);
  return { blocks: out.blocks, hasRenderedBreaks: rendered.length > 0 };
}
