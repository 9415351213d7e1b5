import { scanXml, type Scanned, type ScannedElement } from "./scan.js";
import { W_NS } from "./xml.js";

/**
 * The package as mammoth 1.x reads it (lib/docx/docx-reader.js, styles-reader.js,
 * numbering-xml.js, relationships-reader.js, content-types-reader.js), ported for the own reader
 * so that it can decide what mammoth would decide: which parts are read, which paragraph styles
 * are headings, which numbered paragraphs become list items, where hyperlinks and images point.
 * mammoth gives up on a document whose parts its XML parser warns about, or that trips one of
 * its unchecked lookups; those cases are reported as `Unsupported` here, and ingest lets mammoth
 * itself handle (and reject) the file, so bad-input behaviour stays mammoth's.
 */

/** Thrown when the own reader meets something it does not read exactly as mammoth; the caller falls back to mammoth. */
export class Unsupported extends Error {
  constructor(readonly what: string) {
    super(`own docx reader: ${what}`);
  }
}

/** The namespace each prefix the own reader matches by name must be bound to (mammoth matches by namespace). */
export const CANONICAL: Readonly<Record<string, string>> = {
  w: W_NS,
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  v: "urn:schemas-microsoft-com:vml",
  wp: "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  pic: "http://schemas.openxmlformats.org/drawingml/2006/picture",
};

/** Namespaces mammoth renames to one of those prefixes (transitional and strict OOXML). */
const MAPPED = new Map<string, string>([
  ...Object.entries(CANONICAL).map(([p, uri]) => [uri, p] as [string, string]),
  ["http://purl.oclc.org/ooxml/wordprocessingml/main", "w"],
  ["http://purl.oclc.org/ooxml/officeDocument/relationships", "r"],
  ["http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", "wp"],
  ["http://purl.oclc.org/ooxml/drawingml/main", "a"],
  ["http://purl.oclc.org/ooxml/drawingml/picture", "pic"],
]);

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** Checks one namespace declaration against the names the own reader relies on. */
function checkDeclaration(prefix: string, uri: string): void {
  // A prefix we match by name bound elsewhere, or one of mammoth's namespaces under another
  // prefix (or as the default namespace), would make mammoth see different element names.
  if (Object.hasOwn(CANONICAL, prefix) ? CANONICAL[prefix] !== uri : MAPPED.has(uri))
    throw new Unsupported(`namespace ${uri} declared as "${prefix}"`);
}

/**
 * Scan a WordprocessingML part (document, styles, numbering, notes, comments) strictly and
 * check its namespace declarations. Returns the scan and the prefixes bound on the root.
 */
export function scanWordPart(
  xml: string,
  names: readonly string[],
  what: string,
  skip?: ReadonlySet<string>,
): { scanned: Scanned; rootPrefixes: Set<string> } {
  const scanned = scanXml(xml, [...names, "mc:AlternateContent"], { skip });
  if (!scanned) throw new Unsupported(`${what} is outside the plain XML subset`);
  if (scanned.commentOrCdata) throw new Unsupported(`${what} holds comments or CDATA`);
  const rootPrefixes = new Set<string>();
  for (const [prefix, uri] of scanned.root.namespaceDeclarations()) {
    checkDeclaration(prefix, uri);
    rootPrefixes.add(prefix);
  }
  if (scanned.root.getAttribute("xmlns:w") !== W_NS) throw new Unsupported(`${what} binds w: to another namespace`);
  for (const el of scanned.declaring) for (const [prefix, uri] of el.namespaceDeclarations()) checkDeclaration(prefix, uri);
  return { scanned, rootPrefixes };
}

/** Root of a package part (relationships, content types) in the expected default namespace, children unprefixed. */
function scanPackagePart(xml: string, rootName: string, ns: string, what: string): ScannedElement {
  const scanned = scanXml(xml, [], { wordprocessing: false });
  if (!scanned) throw new Unsupported(`${what} is outside the plain XML subset`);
  const root = scanned.root;
  if (root.nodeName !== rootName || root.getAttribute("xmlns") !== ns || scanned.declaring.length || scanned.commentOrCdata)
    throw new Unsupported(`${what} is not a plain ${rootName} part`);
  for (let c = root.firstChild; c; c = c.nextSibling) if (c.nodeName.includes(":")) throw new Unsupported(`${what} holds ${c.nodeName}`);
  return root;
}

/** A part's relationships: targets by id (the last one wins) and by type, in document order. */
export class Relationships {
  readonly byId = new Map<string, string | undefined>();
  readonly byType = new Map<string, Array<string | undefined>>();

  constructor(xml: string | undefined, what: string) {
    if (xml === undefined) return;
    const root = scanPackagePart(xml, "Relationships", REL_NS, what);
    for (let c = root.firstChild; c; c = c.nextSibling) {
      if (c.nodeName !== "Relationship") continue;
      const target = c.attr("Target");
      this.byId.set(String(c.attr("Id")), target);
      const type = String(c.attr("Type"));
      if (!this.byType.has(type)) this.byType.set(type, []);
      this.byType.get(type)!.push(target);
    }
  }

  /** The target of a relationship id; Unsupported when there is none (mammoth would crash on it). */
  target(id: string): string {
    const t = this.byId.get(id);
    if (t === undefined) throw new Unsupported(`relationship ${id} not found`);
    return t;
  }
}

/** mammoth's zipfile.joinPath: an absolute segment restarts the path; ".." is not resolved. */
function joinPath(...paths: Array<string | undefined>): string {
  let relevant: string[] = [];
  for (const p of paths) {
    if (!p) continue;
    if (p.startsWith("/")) relevant = [p];
    else relevant.push(p);
  }
  return relevant.join("/");
}

/** mammoth's relationshipsFilename: word/document.xml → word/_rels/document.xml.rels. */
export function relsPath(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? joinPath("_rels", `${path}.rels`) : joinPath(path.slice(0, at), "_rels", `${path.slice(at + 1)}.rels`);
}

/** The paths of the parts mammoth reads, found as mammoth finds them. */
export interface PartPaths {
  mainDocument: string;
  comments: string;
  endnotes: string;
  footnotes: string;
  numbering: string;
  styles: string;
}

/** mammoth's findPartPaths over the package's XML parts (the only ones the repacked zip holds). */
export function findPartPaths(parts: Map<string, string>): PartPaths {
  const find = (rels: Relationships, type: string, base: string, fallback: string) => {
    for (const t of rels.byType.get(REL_TYPE + type) ?? []) {
      let p = joinPath(base, t);
      if (p.startsWith("/")) p = p.slice(1);
      if (parts.has(p)) return p;
    }
    return fallback;
  };
  const mainDocument = find(new Relationships(parts.get("_rels/.rels"), "_rels/.rels"), "officeDocument", "", "word/document.xml");
  const docRelsPath = relsPath(mainDocument);
  const docRels = new Relationships(parts.get(docRelsPath), docRelsPath);
  const base = mainDocument.lastIndexOf("/") < 0 ? "" : mainDocument.slice(0, mainDocument.lastIndexOf("/"));
  const related = (name: string) => find(docRels, name, base, `word/${name}.xml`);
  return {
    mainDocument,
    comments: related("comments"),
    endnotes: related("endnotes"),
    footnotes: related("footnotes"),
    numbering: related("numbering"),
    styles: related("styles"),
  };
}

/** [Content_Types].xml only has to be readable: mammoth crashes on an Override without PartName. */
export function checkContentTypes(xml: string | undefined): void {
  if (xml === undefined) return;
  const root = scanPackagePart(xml, "Types", CT_NS, "[Content_Types].xml");
  for (let c = root.firstChild; c; c = c.nextSibling)
    if (c.nodeName === "Override" && c.attr("PartName") === undefined) throw new Unsupported("content type override without PartName");
}

/** First element child with the name, looking through mc:AlternateContent into its mc:Fallback as mammoth does. */
export function first(el: ScannedElement | null | undefined, name: string): ScannedElement | null {
  if (!el) return null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeName === name) return c;
    if (c.nodeName === "mc:AlternateContent") {
      const fallback = directChild(c, "mc:Fallback");
      for (let f = fallback?.firstChild ?? null; f; f = f.nextSibling) if (f.nodeName === name) return f;
    }
  }
  return null;
}

function directChild(el: ScannedElement, name: string): ScannedElement | null {
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeName === name) return c;
  return null;
}

function directChildren(el: ScannedElement, name: string): ScannedElement[] {
  const out: ScannedElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeName === name) out.push(c);
  return out;
}

/**
 * mammoth replaces mc:AlternateContent by its fallback before reading any part; in styles and
 * numbering that never happens in practice, so such parts are left to mammoth rather than ported.
 */
function noAlternateContent(part: Scanned, what: string): void {
  if (part.byName.get("mc:AlternateContent")!.length) throw new Unsupported(`mc:AlternateContent in ${what}`);
}

interface StyleEntry {
  name: string | null | undefined;
}

/** Style names by id, per style type; the first definition of an id wins (ECMA-376 Part 1 §17.7.4.17). */
export class MammothStyles {
  readonly paragraph: Record<string, StyleEntry> = Object.create(null);
  readonly character: Record<string, StyleEntry> = Object.create(null);
  /** Numbering styles: the w:numId their paragraph properties point at. */
  readonly numbering: Record<string, { numId: string | undefined }> = Object.create(null);

  constructor(part: Scanned | null) {
    if (!part) return;
    noAlternateContent(part, "styles");
    for (const s of directChildren(part.root, "w:style")) {
      const type = s.attr("w:type");
      const id = String(s.attr("w:styleId"));
      if (type === "numbering") {
        const numId = first(first(first(s, "w:pPr"), "w:numPr"), "w:numId")?.attr("w:val");
        if (this.numbering[id] === undefined) this.numbering[id] = { numId };
        continue;
      }
      const set = type === "paragraph" ? this.paragraph : type === "character" ? this.character : undefined;
      if (set && set[id] === undefined) set[id] = { name: first(s, "w:name")?.attr("w:val") ?? null };
    }
  }
}

/** A list level as mammoth records it: whether it is ordered and its level index as written. */
export interface MammothLevel {
  isOrdered: boolean;
  level: string | undefined;
  paragraphStyleId: string | undefined;
}

/** mammoth's view of numbering.xml: which list level a paragraph is in, never its numeral. */
export class MammothNumbering {
  private readonly abstractNums: Record<string, { levels: Record<string, MammothLevel>; numStyleLink: string | undefined }> = Object.create(null);
  private readonly nums: Record<string, { abstractNumId: string | undefined }> = Object.create(null);
  private readonly byParagraphStyle: Record<string, MammothLevel> = Object.create(null);

  constructor(
    part: Scanned | null,
    private readonly styles: MammothStyles,
  ) {
    if (!part) return;
    noAlternateContent(part, "numbering");
    const root = part.root;
    for (const a of directChildren(root, "w:abstractNum")) {
      const levels: Record<string, MammothLevel> = Object.create(null);
      let withoutIndex: MammothLevel | null = null;
      for (const l of directChildren(a, "w:lvl")) {
        const index = l.attr("w:ilvl");
        const level = {
          isOrdered: first(l, "w:numFmt")?.attr("w:val") !== "bullet",
          level: index ?? "0",
          paragraphStyleId: first(l, "w:pStyle")?.attr("w:val"),
        };
        if (index === undefined) withoutIndex = level;
        else levels[index] = level;
      }
      if (withoutIndex && levels["0"] === undefined) levels["0"] = withoutIndex;
      this.abstractNums[String(a.attr("w:abstractNumId"))] = { levels, numStyleLink: first(a, "w:numStyleLink")?.attr("w:val") };
    }
    for (const n of directChildren(root, "w:num")) {
      const abstractNumId = first(n, "w:abstractNumId");
      if (!abstractNumId) throw new Unsupported("w:num without w:abstractNumId");
      this.nums[String(n.attr("w:numId"))] = { abstractNumId: abstractNumId.attr("w:val") };
    }
    // _.indexBy over every level of every definition, in object key order: the last one wins.
    for (const a of Object.values(this.abstractNums))
      for (const l of Object.values(a.levels)) if (l.paragraphStyleId != null) this.byParagraphStyle[l.paragraphStyleId] = l;
  }

  findLevel(numId: string, level: string): MammothLevel | null | undefined {
    const seen = new Set<string>();
    for (;;) {
      if (seen.has(numId)) return null;
      seen.add(numId);
      const num = this.nums[numId];
      if (!num) return null;
      const abstract = this.abstractNums[String(num.abstractNumId)];
      if (!abstract) return null;
      if (abstract.numStyleLink == null) return abstract.levels[level];
      const style = this.styles.numbering[abstract.numStyleLink];
      if (!style) throw new Unsupported(`numbering style ${abstract.numStyleLink} not found`);
      numId = String(style.numId);
    }
  }

  findLevelByParagraphStyleId(styleId: string): MammothLevel | null {
    return this.byParagraphStyle[styleId] || null;
  }
}
