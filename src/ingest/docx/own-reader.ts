import type { Block } from "../../model/document.js";
import { BlockBuilder, type Inline, type Mark, type RowInput, type Segment } from "../blocks/blocks.js";
import { isNoteLink } from "./mammoth-html.js";
import { Numbering, type MammothLevel } from "./numbering.js";
import type { DocxPackage } from "./package.js";
import { paragraphFacts } from "./paragraphs.js";
import { child, children, scanXml, type Scanned, type XmlElement } from "./scan.js";
import { Styles } from "./styles.js";
import { W_NS } from "./xml.js";

/**
 * The own .docx reader: document.xml (with styles, numbering and notes) straight to blocks in one
 * pass over the scanned XML, more than ten times faster than the mammoth path (mammoth-reader.ts).
 * It is a port of that path, not a new interpretation: the element handlers mirror mammoth 1.x's
 * body reader (lib/docx/body-reader.js), the HTML decisions (headings, list items, table header
 * rows, merged cells, footnotes at the end) its document-to-html.js and default style map, and
 * the blocks come from the same BlockBuilder, paragraph facts and styles/numbering model, so both
 * paths give equal Documents (reader.test.ts checks that on every sample and fixture). Whatever
 * the port does not cover exactly (each `Unsupported` thrown below says what) is left to mammoth,
 * which also keeps bad-input behaviour mammoth's. One difference is deliberate: characters outside
 * the BMP reach the text intact, where mammoth's zip reading can lose them to U+FFFD when a
 * surrogate pair is split between decoding chunks.
 */

type Fmt = Readonly<{ bold: boolean; italic: boolean }>;
const PLAIN: Fmt = { bold: false, italic: false };

/** HTML tag of a paragraph: 1–6 for h1–h6, P for <p>, LI for a list item. */
const P = 0;
const LI = -1;

/** Inline content as mammoth's HTML has it: text or a mark, a note reference (skipped text), or an element without text. */
type Item = { k: "seg"; seg: Inline } | { k: "ref"; key: string; id: string | undefined } | { k: "void" };
/** mammoth's document values as far as they reach the HTML: paragraphs (by HTML tag), tables, rows, cells. */
type Para = { k: "p"; tag: number; items: Item[] };
type Table = { k: "table"; rows: Row[] };
type Row = { k: "row"; header: boolean; cells: Cell[] };
type Cell = { k: "cell"; children: Value[]; colSpan: number; rowSpan: number; vMerge: boolean | null };
type Value = Item | Para | Table | Row | Cell;

const VOID: Item = { k: "void" };
const seg = (text: string, fmt: Fmt): Item => ({ k: "seg", seg: { text, bold: fmt.bold, italic: fmt.italic } });
const mark = (m: Mark): Item => ({ k: "seg", seg: m });

/**
 * Text mammoth's route would change: NUL and CR (the HTML parser drops or rewrites them) and lone
 * surrogates (the zip encoder replaces them).
 */
const ALTERED_TEXT = /[\0\r]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A cheap first test for ALTERED_TEXT (surrogate pairs pass it, then the exact one runs). */
const MAYBE_ALTERED = /[\0\r\uD800-\uDFFF]/;

/**
 * Elements mammoth reads that none of the samples or real reports use (symbols, hyphen
 * characters, content controls, tracked insertions and moves, custom XML, smart tags, OLE
 * objects, VML groups and image data): the own reader does not port them but leaves such files
 * to mammoth, so that the port stays as small as what Word writes in practice.
 */
const LEFT_TO_MAMMOTH: ReadonlySet<string> = new Set([
  "w:sym", "w:noBreakHyphen", "w:softHyphen", "w:sdt", "w:customXml", "w:ins", "w:moveTo",
  "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart", "w:moveToRangeEnd",
  "w:smartTag", "w:object", "v:roundrect", "v:group", "v:rect", "v:imagedata",
]);

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
const onOffMammoth = (el: XmlElement | null) => !!el && el.attr("w:val") !== "false" && el.attr("w:val") !== "0";

/** What a part reader needs from the package. */
interface PartContext {
  /** The main document: its paragraphs carry paragraph marks, its breaks page marks. */
  document: boolean;
  /** Relationship targets by id (mammoth crashes on a missing one). */
  rels: Map<string, string | undefined>;
  /** Prefixes bound on the part's root element. */
  rootPrefixes: Set<string>;
  styles: Styles;
  numbering: Numbering;
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
    const t = this.part.rels.get(id);
    if (t === undefined) throw new Unsupported(`relationship ${id} not found`);
    return t;
  }

  readChildren(el: XmlElement, out: Value[], extras: Value[], fmt: Fmt): void {
    for (let c = el.firstChild; c; c = c.nextSibling) this.read(c, out, extras, fmt);
  }

  /** The values of the children of `el`, which must all be of the `kinds` mammoth's HTML keeps there (else: "k `where`"). */
  private readOnly<K extends Value["k"]>(el: XmlElement, extras: Value[], kinds: readonly K[], where: string): Extract<Value, { k: K }>[] {
    const values: Value[] = [];
    this.readChildren(el, values, extras, PLAIN);
    for (const v of values) if (!kinds.includes(v.k as K)) throw new Unsupported(`${v.k} ${where}`);
    return values as Extract<Value, { k: K }>[];
  }

  /** One element: its values go to `out`, floating content (w:pict) to `extras`, as mammoth's ReadResult. */
  private read(el: XmlElement, out: Value[], extras: Value[], fmt: Fmt): void {
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
      case "w:br": {
        const type = el.attr("w:type");
        if (type === undefined || type === "textWrapping") out.push(seg("\n", fmt));
        // The mammoth path annotates where each page break of the main document was.
        else if (type === "page" && this.part.document) out.push(mark({ mark: "pageBreak" }));
        return;
      }
      case "w:lastRenderedPageBreak":
        if (this.part.document) out.push(mark({ mark: "rendered" }));
        return;
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
        const fallback = child(el, "mc:Fallback");
        if (!fallback) return;
        this.insideFallback++;
        this.readChildren(fallback, out, extras, fmt);
        this.insideFallback--;
        return;
      }
      case "w:drawing":
      case "w:txbxContent":
        return this.readChildren(el, out, extras, fmt);
      case "v:shape":
      case "v:textbox":
        this.need("v");
        return this.readChildren(el, out, extras, fmt);
      case "w:pict": {
        // A VML picture or text box floats: its content goes after the enclosing paragraph.
        const inner: Value[] = [];
        const innerExtras: Value[] = [];
        this.readChildren(el, inner, innerExtras, fmt);
        extras.push(...innerExtras, ...inner);
        return;
      }
      case "wp:inline":
      case "wp:anchor":
        return this.drawing(el, out);
      default:
        if (LEFT_TO_MAMMOTH.has(el.nodeName)) throw new Unsupported(`${el.nodeName}: left to mammoth`);
        // Everything else mammoth ignores, with its content (w:del, w:fldSimple, w:altChunk …).
        return;
    }
  }

  private paragraph(el: XmlElement, out: Value[]): void {
    const pPr = first(el, "w:pPr");
    // A deleted paragraph mark joins the paragraph to the next one in mammoth (§17.13.5.15).
    if (first(first(pPr, "w:rPr"), "w:del")) throw new Unsupported("deleted paragraph mark");
    const pStyle = first(pPr, "w:pStyle");
    const styleId = pStyle ? pStyle.attr("w:val") : null;
    const styleName = styleId ? this.part.styles.mammothName("paragraph", styleId) : null;
    const tag = htmlTag(styleId, styleName, this.numbering(styleId, first(pPr, "w:numPr")));
    const extras: Value[] = [];
    const items = this.readOnly(el, extras, ["seg", "ref", "void"], "inside a paragraph");
    if (this.part.document) items.unshift(mark({ mark: "paragraph", index: el.index }));
    out.push({ k: "p", tag, items });
    for (const v of extras) out.push(v);
  }

  /** mammoth's readNumberingProperties: direct numPr, else a list level bound to the paragraph's own style. */
  private numbering(styleId: string | null | undefined, numPr: XmlElement | null): MammothLevel | null | undefined {
    const level = first(numPr, "w:ilvl")?.attr("w:val");
    const numId = first(numPr, "w:numId")?.attr("w:val");
    const find = (id: string, lvl: string) => {
      const found = this.part.numbering.mammothLevel(id, lvl);
      if ("missingStyle" in found) throw new Unsupported(`numbering style ${found.missingStyle} not found`);
      return found.found;
    };
    if (level !== undefined && numId !== undefined) return find(numId, level);
    const byStyle = styleId != null ? this.part.numbering.mammothLevelByStyle(styleId) : null;
    return byStyle ?? (numId !== undefined ? find(numId, "0") : null);
  }

  private run(el: XmlElement, out: Value[], extras: Value[], fmt: Fmt): void {
    const rPr = first(el, "w:rPr");
    const styleId = first(rPr, "w:rStyle")?.attr("w:val");
    const styleName = styleId ? this.part.styles.mammothName("character", styleId) : null;
    // <strong> from w:b or from the "Strong" character style; <em> from w:i.
    const bold = onOffMammoth(first(rPr, "w:b")) || (styleName ? styleName.toUpperCase() === "STRONG" : false);
    const italic = onOffMammoth(first(rPr, "w:i"));
    const inner = (bold && !fmt.bold) || (italic && !fmt.italic) ? { bold: fmt.bold || bold, italic: fmt.italic || italic } : fmt;
    this.readChildren(el, out, extras, inner);
  }

  private hyperlink(el: XmlElement, out: Value[], extras: Value[], fmt: Fmt): void {
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

  private table(el: XmlElement, out: Value[], extras: Value[]): void {
    // Anything but rows: mammoth would drop merged-cell information and the HTML parser would move the stray content.
    const rows = this.readOnly(el, extras, ["row"], "directly in a table");
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

  private row(el: XmlElement, out: Value[], extras: Value[]): void {
    const trPr = first(el, "w:trPr");
    if (first(trPr, "w:del")) return; // deleted row (§17.13.5.12)
    const cells = this.readOnly(el, extras, ["cell"], "directly in a table row");
    out.push({ k: "row", header: first(trPr, "w:tblHeader") !== null, cells });
  }

  private cell(el: XmlElement, out: Value[], extras: Value[]): void {
    const content: Value[] = [];
    this.readChildren(el, content, extras, PLAIN);
    const tcPr = first(el, "w:tcPr");
    const gridSpan = first(tcPr, "w:gridSpan")?.attr("w:val");
    if (gridSpan && !/^\d+$/.test(gridSpan)) throw new Unsupported(`w:gridSpan ${gridSpan}`);
    const vMerge = first(tcPr, "w:vMerge");
    const val = vMerge?.attr("w:val");
    out.push({ k: "cell", children: content, colSpan: gridSpan ? parseInt(gridSpan, 10) : 1, rowSpan: 1, vMerge: vMerge ? val === "continue" || !val : null });
  }

  /** wp:inline / wp:anchor: only pictures count (an <img>, no text); mammoth crashes on a dangling image relationship. */
  private drawing(el: XmlElement, out: Value[]): void {
    let level = [el];
    for (const name of ["a:graphic", "a:graphicData", "pic:pic", "pic:blipFill", "a:blip"]) level = level.flatMap((e) => children(e, name));
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
function segments(p: Para, refs: Item[]): Inline[] {
  const out: Inline[] = [];
  for (const item of p.items) {
    if (item.k === "seg") out.push(item.seg);
    else if (item.k === "ref") refs.push(item);
  }
  return out;
}

/** A cell's line sources in order; nested tables are flattened cell by cell (as mammoth-html.ts does). */
function cellLines(values: Value[], refs: Item[], out: Inline[][]): Inline[][] {
  for (const v of values) {
    if (v.k === "p") out.push(segments(v, refs));
    else if (v.k === "table") for (const row of v.rows) for (const cell of row.cells) cellLines(cell.children, refs, out);
    else if (v.k !== "void") throw new Unsupported(`${v.k} directly in a cell`);
  }
  return out;
}

/** Rows as the HTML gives them: the leading run of repeat-as-header rows is <thead>. */
function tableRows(t: Table, refs: Item[]): RowInput[] {
  let inHead = true;
  return t.rows.map((r) => ({
    header: (inHead &&= r.header),
    cells: r.cells.map((c) => ({ lines: cellLines(c.children, refs, []), colSpan: c.colSpan, rowSpan: c.rowSpan })),
  }));
}

/** The blocks of body-level values, in order. */
function emit(values: Value[], out: BlockBuilder, refs: Item[]): void {
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
  return v.items.some((i) => i.k !== "seg" || "mark" in i.seg || i.seg.text !== "");
}

/**
 * The footnotes and endnotes mammoth lists after the body (<ol><li id="footnote-1">), in the
 * order they are referenced: each <p> or heading of a note is a paragraph; the " ↑" back-link
 * joins the note's last element when that is a <p>, else it stands as a paragraph of its own.
 */
function emitNotes(refs: Item[], notes: Map<string, Value[]>, out: BlockBuilder): void {
  const ignored: Item[] = [];
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

/** Elements in the XHTML namespace get HTML parsing rules in xmldom, which mammoth parses with. */
const XHTML_NS = "http://www.w3.org/1999/xhtml";

/**
 * Formatting and layout elements of document.xml that neither reader reads for anything the
 * Document model carries (alignment, spacing, borders, widths, fonts, sizes, proofing marks);
 * when empty they are left out of the scanned tree, which halves the tree of a typical report.
 * w:rPr is here because an empty one says as much as none.
 */
const UNREAD: ReadonlySet<string> = new Set([
  "w:bidi", "w:jc", "w:spacing", "w:ind", "w:top", "w:left", "w:bottom", "w:right", "w:start", "w:end",
  "w:insideH", "w:insideV", "w:tcW", "w:tblW", "w:tblInd", "w:tblLayout", "w:tblLook", "w:gridCol", "w:vAlign",
  "w:widowControl", "w:suppressLineNumbers", "w:keepNext", "w:keepLines", "w:snapToGrid", "w:contextualSpacing",
  "w:rFonts", "w:sz", "w:szCs", "w:lang", "w:color", "w:kern", "w:noProof", "w:shd", "w:position", "w:bCs", "w:iCs",
  "w:proofErr", "w:bookmarkEnd", "w:rPr",
]);

/**
 * Read an opened package with the own reader. Throws `Unsupported` when the document needs
 * mammoth (see the module comment).
 */
export function readOwn(pkg: DocxPackage): OwnRead {
  const { parts, paths } = pkg;
  if (pkg.irregular) throw new Unsupported(pkg.irregular);
  const wordPart = (path: string, names: readonly string[] = [], skip?: ReadonlySet<string>) => scanWordPart(parts.get(path), names, path, skip);
  const stylesPart = wordPart(paths.styles);
  const numberingPart = wordPart(paths.numbering);
  // mammoth replaces mc:AlternateContent by its fallback before reading any part; in styles and
  // numbering that never happens in practice, so such parts are left to mammoth rather than ported.
  for (const part of [stylesPart, numberingPart])
    if (part?.scanned.byName.get("mc:AlternateContent")!.length) throw new Unsupported("mc:AlternateContent in styles or numbering");
  const styles = new Styles(stylesPart?.scanned.root ?? null);
  const numbering = new Numbering(numberingPart?.scanned.root ?? null, styles);
  if (numbering.mammothFails) throw new Unsupported("w:num without w:abstractNumId");
  const context = (path: string, rootPrefixes: Set<string>, document: boolean): PartContext => ({ document, rels: pkg.rels.get(path) ?? new Map(), rootPrefixes, styles, numbering, what: path });

  if (parts.get(paths.mainDocument)!.includes(XHTML_NS)) throw new Unsupported("XHTML namespace in document.xml");
  const { scanned, rootPrefixes } = wordPart(paths.mainDocument, ["w:p", "w:lastRenderedPageBreak"], UNREAD)!;
  const body = first(scanned.root, "w:body");
  if (!body) throw new Unsupported("no w:body");
  const values: Value[] = [];
  new PartReader(context(paths.mainDocument, rootPrefixes, true)).readChildren(body, values, [], PLAIN);

  // mammoth reads every note and comment up front, referenced or not; what would stop it must stop us.
  const notes = new Map<string, Value[]>();
  for (const [type, path] of [["footnote", paths.footnotes], ["endnote", paths.endnotes]] as const) {
    const part = wordPart(path);
    if (!part) continue;
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
  // mammoth also reads the comments, which no sample or real report has; such files are left to it.
  if (parts.has(paths.comments)) throw new Unsupported("a comments part");

  const hasRenderedBreaks = scanned.byName.get("w:lastRenderedPageBreak")!.length > 0;
  const out = new BlockBuilder({ paragraphs: paragraphFacts(scanned.byName.get("w:p")!, styles, numbering), pages: hasRenderedBreaks });
  const refs: Item[] = [];
  emit(values, out, refs);
  emitNotes(refs, notes, out);
  return { blocks: out.blocks, hasRenderedBreaks };
}

// ---- what mammoth's XML reading decides, checked on the scanned parts -------------------------

/** Thrown when the own reader meets something it does not read exactly as mammoth; ingest then uses mammoth. */
export class Unsupported extends Error {
  constructor(readonly what: string) {
    super(`own docx reader: ${what}`);
  }
}

/** The namespace each prefix the own reader matches by name must be bound to (mammoth matches by namespace). */
const CANONICAL: Readonly<Record<string, string>> = {
  w: W_NS,
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  v: "urn:schemas-microsoft-com:vml",
  wp: "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  pic: "http://schemas.openxmlformats.org/drawingml/2006/picture",
};

/** Namespaces mammoth renames to one of those prefixes (transitional and strict OOXML). */
const MAPPED = new Set([
  ...Object.values(CANONICAL),
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
  "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
  "http://purl.oclc.org/ooxml/drawingml/main",
  "http://purl.oclc.org/ooxml/drawingml/picture",
]);

/** Checks one namespace declaration against the names the own reader relies on. */
function checkDeclaration(prefix: string, uri: string): void {
  // A prefix we match by name bound elsewhere, or one of mammoth's namespaces under another
  // prefix (or as the default namespace), would make mammoth see different element names.
  if (Object.hasOwn(CANONICAL, prefix) ? CANONICAL[prefix] !== uri : MAPPED.has(uri)) throw new Unsupported(`namespace ${uri} declared as "${prefix}"`);
}

/**
 * Scan a WordprocessingML part (document, styles, numbering, notes) strictly and check its
 * namespace declarations. Returns the scan and the prefixes bound on the root; null when the package has no such part.
 */
function scanWordPart(xml: string | undefined, names: readonly string[], what: string, skip?: ReadonlySet<string>): { scanned: Scanned; rootPrefixes: Set<string> } | null {
  if (xml === undefined) return null;
  const scanned = scanXml(xml, [...names, "mc:AlternateContent"], skip);
  if (!scanned) throw new Unsupported(`${what} is outside the plain XML subset`);
  const rootPrefixes = new Set<string>();
  for (const [prefix, uri] of scanned.root.namespaceDeclarations()) {
    checkDeclaration(prefix, uri);
    rootPrefixes.add(prefix);
  }
  if (scanned.root.attr("xmlns:w") !== W_NS) throw new Unsupported(`${what} binds w: to another namespace`);
  for (const el of scanned.declaring) for (const [prefix, uri] of el.namespaceDeclarations()) checkDeclaration(prefix, uri);
  return { scanned, rootPrefixes };
}

/** First element child with the name, looking through mc:AlternateContent into its mc:Fallback as mammoth does. */
function first(el: XmlElement | null | undefined, name: string): XmlElement | null {
  if (!el) return null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeName === name) return c;
    if (c.nodeName === "mc:AlternateContent") {
      const fallback = child(c, "mc:Fallback");
      for (let f = fallback?.firstChild ?? null; f; f = f.nextSibling) if (f.nodeName === name) return f;
    }
  }
  return null;
}
