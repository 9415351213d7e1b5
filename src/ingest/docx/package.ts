import { inflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { UnusableInputError } from "../../model/message.js";
import { children, parseXml } from "./xml.js";

/**
 * Opening a .docx (an OPC zip package) safely. A zip bomb declares or expands to gigabytes; we
 * refuse it before mammoth (which inflates whole parts in memory) ever sees it.
 */

/** Default limit on the total uncompressed size of the XML parts we read: 200 MB. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

/** The parts of a package that the rest of the module needs, already inflated and size-checked. */
export interface DocxPackage {
  /** Every XML part (.xml, .rels) by zip path, as text. Media parts are left out on purpose. */
  parts: Map<string, string>;
  /** Zip path of the main document part (normally "word/document.xml"). */
  documentPath: string;
  numberingPath?: string;
  stylesPath?: string;
}

const tooLarge = (what: string, limit: number) =>
  new UnusableInputError(
    "ingest.docx.too-large",
    `The .docx ${what} more than ${Math.round(limit / 1024 / 1024)} MB of uncompressed data; it is refused as a possible zip bomb.`,
  );

/** The declared uncompressed size JSZip read from the zip directory (not part of its public types). */
function declaredSize(f: JSZip.JSZipObject): number {
  const size = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  // JSZip reads the 32-bit size field as a signed number: 2 GB and more come out negative.
  return typeof size === "number" ? size >>> 0 : 0;
}

/** The part of JSZip's StreamHelper we use. */
interface InternalStream {
  on(event: "data", cb: (chunk: Uint8Array) => void): InternalStream;
  on(event: "error", cb: (e: Error) => void): InternalStream;
  on(event: "end", cb: () => void): InternalStream;
  pause(): InternalStream;
  resume(): InternalStream;
}

/** Inflate one entry while counting bytes, stopping as soon as the shared budget is exceeded. */
function inflate(f: JSZip.JSZipObject, budget: { left: number; limit: number }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    // internalStream is JSZip's public-in-JS but untyped streaming API; it lets us stop early.
    const stream = (f as unknown as { internalStream(type: "uint8array"): InternalStream }).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        budget.left -= chunk.length;
        if (budget.left < 0) {
          stream.pause();
          reject(tooLarge("expands to", budget.limit));
          return;
        }
        chunks.push(chunk);
      })
      .on("error", (e: Error) => reject(new UnusableInputError("ingest.docx.corrupt", `The .docx is damaged: entry ${f.name} cannot be read (${e.message}).`)))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .resume();
  });
}

/** What JSZip keeps of an entry it has not inflated yet (lib/compressedObject.js; not in its public types). */
interface CompressedObject {
  uncompressedSize?: number;
  compression?: { magic?: string };
  compressedContent?: unknown;
}

/**
 * Inflate one entry with Node's zlib in one call, several times faster than JSZip's streams.
 * Returns undefined whenever the result could differ from what `inflate` gives — a damaged
 * stream, a size other than the declared one, a method other than STORE or DEFLATE — so that
 * `inflate` runs and reports the problem in its own words. Past the budget it refuses the file
 * as `inflate` would.
 */
function inflateNative(f: JSZip.JSZipObject, budget: { left: number; limit: number }): Uint8Array | undefined {
  const data = (f as unknown as { _data?: CompressedObject })._data;
  const content = data?.compressedContent;
  if (!(content instanceof Uint8Array)) return undefined;
  let out: Uint8Array;
  if (data?.compression?.magic === "\x00\x00") out = content;
  else if (data?.compression?.magic === "\x08\x00") {
    try {
      out = inflateRawSync(content, { maxOutputLength: budget.left + 1 });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge("expands to", budget.limit);
      return undefined;
    }
  } else return undefined;
  if (out.length > budget.left) throw tooLarge("expands to", budget.limit);
  if (out.length !== data.uncompressedSize) return undefined;
  budget.left -= out.length;
  return out;
}

/** Targets of the relationships of a given type (type URIs end in "/officeDocument", "/numbering" …). */
function relTargets(relsXml: string | undefined, typeSuffix: string): string[] {
  const doc = relsXml ? parseXml(relsXml) : null;
  if (!doc) return [];
  return children(doc.documentElement, "Relationship")
    .filter((r) => (r.getAttribute("Type") ?? "").endsWith(typeSuffix) && r.getAttribute("TargetMode") !== "External")
    .map((r) => r.getAttribute("Target") ?? "");
}

/** Resolve a relationship target relative to the folder of the part that owns the .rels file. */
function resolvePath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/**
 * Open a .docx package: check it is a zip, check declared and actual sizes against `limit`, and
 * find the main document part. Throws UnusableInputError (ingest.docx.corrupt,
 * ingest.docx.too-large, ingest.docx.no-document) when the file cannot be used.
 */
export async function openPackage(bytes: Uint8Array, limit = MAX_UNCOMPRESSED_BYTES): Promise<DocxPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new UnusableInputError(
      "ingest.docx.corrupt",
      `The file is not a readable .docx (ZIP) package: ${(e as Error).message}. Re-save it from Word or LibreOffice.`,
    );
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const declared = entries.reduce((sum, f) => sum + declaredSize(f), 0);
  if (declared > limit) throw tooLarge("declares", limit);

  // Only XML parts matter for text; images and embedded objects are never inflated.
  const budget = { left: limit, limit };
  const parts = new Map<string, string>();
  const decoder = new TextDecoder("utf-8");
  for (const f of entries) {
    if (!/\.(xml|rels)$/i.test(f.name)) continue;
    parts.set(f.name, decoder.decode(inflateNative(f, budget) ?? (await inflate(f, budget))));
  }

  const main = relTargets(parts.get("_rels/.rels"), "/officeDocument")[0];
  const documentPath = main ? resolvePath("", main) : "word/document.xml";
  if (!parts.has(documentPath))
    throw new UnusableInputError(
      "ingest.docx.no-document",
      `The package has no main document part (${documentPath}); it is a ZIP file but not a Word document.`,
    );
  const docRels = parts.get(documentPath.replace(/([^/]+)$/, "_rels/$1.rels"));
  const related = (suffix: string, fallback: string) => {
    const t = relTargets(docRels, suffix)[0];
    const p = t ? resolvePath(documentPath, t) : fallback;
    return parts.has(p) ? p : undefined;
  };
  return {
    parts,
    documentPath,
    numberingPath: related("/numbering", "word/numbering.xml"),
    stylesPath: related("/styles", "word/styles.xml"),
  };
}

/** Build a new, uncompressed package from XML parts (what mammoth reads after annotation). */
export async function repack(parts: Map<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of parts) zip.file(name, text);
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}
