import { inflateRawSync } from "node:zlib";

/**
 * Just enough of the ZIP format (APPNOTE.TXT §4.3.12, §4.3.16, ZIP64 sizes §4.5.3) for the
 * packages baocao opens (.docx, .xlsx): the central directory's entries with their declared
 * sizes, read without inflating anything, and one entry inflated within a byte budget. Declared
 * sizes can be checked before any work and inflating stops at the limit, so a zip bomb is
 * refused before an XML parser, mammoth or SheetJS sees it. Callers word the errors per format.
 */

/** One central-directory entry. */
export interface ZipEntry {
  name: string;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  flags: number;
  compressed: number;
  /** Declared uncompressed size in bytes (ZIP64 sizes read from the extra field). */
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Why an entry could not be inflated: damaged data, or more bytes than the budget allows. */
export class ZipEntryError extends Error {
  constructor(
    readonly kind: "corrupt" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "ZipEntryError";
  }
}

/**
 * The central directory's entries: undefined when no end record is found, and when the
 * directory is damaged `{ damaged: true }` with the entries read before the damage.
 */
export function zipDirectory(bytes: Uint8Array): { entries: ZipEntry[]; damaged: boolean } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff) && eocd < 0; i--) if (view.getUint32(i, true) === 0x06054b50) eocd = i;
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return { entries, damaged: true };
    const [nameLen, extraLen, commentLen] = [view.getUint16(at + 28, true), view.getUint16(at + 30, true), view.getUint16(at + 32, true)];
    if (at + 46 + nameLen > bytes.length) return { entries, damaged: true };
    const e: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    };
    // ZIP64: a field of 0xFFFFFFFF is given in the extra field 0x0001, in this order.
    for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen && x + 4 <= bytes.length; x += 4 + view.getUint16(x + 2, true)) {
      if (view.getUint16(x, true) !== 1) continue;
      let field = x + 4;
      for (const key of ["size", "compressed", "offset"] as const)
        if (e[key] === 0xffffffff && field + 8 <= bytes.length) {
          e[key] = Number(view.getBigUint64(field, true));
          field += 8;
        }
    }
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, damaged: false };
}

/** The entries' names and declared sizes, or undefined when no well-formed directory is found. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const dir = zipDirectory(bytes);
  if (!dir || (dir.damaged && !dir.entries.length)) return undefined;
  return dir.entries;
}

/**
 * Inflates one entry, refusing more than `budget.left` bytes (then deducted): ZipEntryError
 * "too-large" past it, "corrupt" on damaged data or a size other than the declared one (a
 * damaged or lying entry; JSZip, which mammoth reads with, refuses it too).
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, budget: { left: number }): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) => new ZipEntryError("corrupt", why);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== 0x04034b50) throw corrupt(`the entry ${e.name} cannot be found`);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = bytes.subarray(start, start + e.compressed);
  if (data.length < e.compressed) throw corrupt(`the entry ${e.name} is cut off`);
  let out: Uint8Array;
  if (e.method === 0) out = data;
  else
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget.left + 1) });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipEntryError("too-large", "expands to");
      throw corrupt(`the entry ${e.name} cannot be read (${(err as Error).message})`);
    }
  if (out.length > budget.left) throw new ZipEntryError("too-large", "expands to");
  if (out.length !== e.size) throw corrupt(`the entry ${e.name} inflates to ${out.length} bytes, not the ${e.size} its directory declares`);
  budget.left -= out.length;
  return out;
}
