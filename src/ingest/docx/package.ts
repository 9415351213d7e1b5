import { UnusableInputError } from "../../model/message.js";
import { inflateEntry, zipDirectory, ZipEntryError } from "../zip.js";
import { scanXml, type XmlElement } from "./scan.js";
import { readRoot } from "./xml.js";

/**
 * Opening a .docx (an OPC zip package) safely, and finding its parts as mammoth finds them. The
 * zip is read by src/ingest/zip.ts: declared sizes are checked before anything is inflated, and
 * inflating stops at the limit, so a zip bomb is refused before any XML parser (or mammoth,
 * which inflates whole parts) sees it.
 */

/** Default limit on the total uncompressed size of the XML parts we read: 200 MB. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

/** The paths of the parts mammoth reads (lib/docx/docx-reader.js findPartPaths); a path may name no part. */
interface PartPaths {
  mainDocument: string;
  comments: string;
  endnotes: string;
  footnotes: string;
  numbering: string;
  styles: string;
}

/** An opened package: its XML parts inflated and size-checked, the parts mammoth reads located. */
export interface DocxPackage {
  /** Every XML part (.xml, .rels) by zip path, as text. Media parts are left out on purpose. */
  parts: Map<string, string>;
  paths: PartPaths;
  /** Relationship targets by id (the last one wins) of the parts above, by part path. */
  rels: Map<string, Map<string, string | undefined>>;
  /** Why a relationships or content-types part may read differently in mammoth, when one may. */
  irregular?: string;
}

const corrupt = (why: string) =>
  new UnusableInputError("ingest.docx.corrupt", `The file is not a readable .docx (ZIP) package: ${why}. Re-save it from Word or LibreOffice.`);
const tooLarge = (what: string, limit: number) =>
  new UnusableInputError(
    "ingest.docx.too-large",
    `The .docx ${what} more than ${Math.round(limit / 1024 / 1024)} MB of uncompressed data; it is refused as a possible zip bomb.`,
  );

/**
 * The root of a package part (relationships, content types), and whether mammoth, which matches
 * these parts by namespace, reads it as we do: plain XML, the expected root in its default
 * namespace, children unprefixed, no further declarations.
 */
function packagePart(xml: string, name: string, ns: string): { root: XmlElement | null; regular: boolean } {
  const scanned = scanXml(xml, []);
  const root = scanned ? scanned.root : readRoot(xml);
  let regular = !!scanned && !scanned.declaring.length && root?.nodeName === name && root.attr("xmlns") === ns;
  for (let c = root?.firstChild ?? null; c && regular; c = c.nextSibling) if (c.nodeName.includes(":")) regular = false;
  return { root, regular };
}

/** One .rels part: targets by id (the last one wins) and by type, in document order. */
function relationships(xml: string | undefined) {
  const byId = new Map<string, string | undefined>();
  const byType = new Map<string, Array<string | undefined>>();
  if (xml === undefined) return { byId, byType, regular: true };
  const { root, regular } = packagePart(xml, "Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (let c = root?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.nodeName !== "Relationship") continue;
    byId.set(String(c.attr("Id")), c.attr("Target"));
    const type = String(c.attr("Type"));
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type)!.push(c.attr("Target"));
  }
  return { byId, byType, regular };
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
function relsPath(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? joinPath("_rels", `${path}.rels`) : joinPath(path.slice(0, at), "_rels", `${path.slice(at + 1)}.rels`);
}

/**
 * Open a .docx package: check it is a zip, check declared and actual sizes against `limit`, and
 * find the parts mammoth reads. Throws UnusableInputError (ingest.docx.corrupt,
 * ingest.docx.too-large, ingest.docx.no-document) when the file cannot be used.
 */
export function openPackage(bytes: Uint8Array, limit = MAX_UNCOMPRESSED_BYTES): DocxPackage {
  const dir = zipDirectory(bytes);
  if (!dir) throw corrupt("its central directory is missing (the file is truncated or not a zip)");
  if (dir.damaged) throw corrupt("its central directory is damaged");
  const files = dir.entries.filter((e) => !e.name.endsWith("/"));
  if (files.reduce((sum, e) => sum + e.size, 0) > limit) throw tooLarge("declares", limit);
  for (const e of files)
    if (e.flags & 1) throw corrupt("it is encrypted");
    else if (e.method !== 0 && e.method !== 8) throw corrupt(`the entry ${e.name} uses compression method ${e.method}`);

  // Only XML parts matter for text; images and embedded objects are never inflated.
  const budget = { left: limit };
  const parts = new Map<string, string>();
  const decoder = new TextDecoder("utf-8");
  try {
    for (const e of files) if (/\.(xml|rels)$/i.test(e.name)) parts.set(e.name, decoder.decode(inflateEntry(bytes, e, budget)));
  } catch (err) {
    if (!(err instanceof ZipEntryError)) throw err;
    throw err.kind === "too-large" ? tooLarge("expands to", limit) : corrupt(err.message);
  }
  return locateParts(parts);
}

/**
 * Find the parts mammoth reads among a package's XML parts, as mammoth finds them, with their
 * relationships. Throws UnusableInputError (ingest.docx.no-document) when there is no main document.
 */
export function locateParts(parts: Map<string, string>): DocxPackage {
  let irregular: string | undefined;
  /** A part's relationships, noting when mammoth may read them differently. */
  const relsOf = (owner: string) => {
    const r = relationships(parts.get(relsPath(owner)));
    if (!r.regular) irregular ??= `${relsPath(owner)} is not a plain relationships part`;
    return r;
  };
  /** The first target of a relationship type that names a part, else the fallback. */
  const find = (r: ReturnType<typeof relationships>, type: string, base: string, fallback: string) => {
    for (const t of r.byType.get(`http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`) ?? []) {
      const p = joinPath(base, t).replace(/^\//, "");
      if (parts.has(p)) return p;
    }
    return fallback;
  };
  const mainDocument = find(relsOf(""), "officeDocument", "", "word/document.xml");
  if (!parts.has(mainDocument))
    throw new UnusableInputError(
      "ingest.docx.no-document",
      `The package has no main document part (${mainDocument}); it is a ZIP file but not a Word document.`,
    );
  const base = mainDocument.includes("/") ? mainDocument.slice(0, mainDocument.lastIndexOf("/")) : "";
  const documentRels = relsOf(mainDocument);
  const related = (name: string) => find(documentRels, name, base, `word/${name}.xml`);
  const paths = { mainDocument, comments: related("comments"), endnotes: related("endnotes"), footnotes: related("footnotes"), numbering: related("numbering"), styles: related("styles") };
  const rels = new Map([[mainDocument, documentRels.byId]]);
  for (const p of [paths.footnotes, paths.endnotes, paths.comments]) if (parts.has(p)) rels.set(p, relsOf(p).byId);
  const types = parts.get("[Content_Types].xml");
  if (types !== undefined) {
    const { root, regular } = packagePart(types, "Types", "http://schemas.openxmlformats.org/package/2006/content-types");
    if (!regular) irregular ??= "[Content_Types].xml is not a plain content-types part";
    // mammoth crashes on an Override without PartName.
    for (let c = root?.firstChild ?? null; c; c = c.nextSibling)
      if (c.nodeName === "Override" && c.attr("PartName") === undefined) irregular ??= "content type override without PartName";
  }
  return { parts, paths, rels, irregular };
}
