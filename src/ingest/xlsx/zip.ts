/**
 * Just enough of the ZIP format (APPNOTE.TXT §4.3.12, §4.3.16) to list a package's entry names
 * and declared sizes from its central directory, without inflating anything: the format
 * registry tells a workbook from a Word package by its entries, and the xlsx ingest refuses a
 * zip bomb before SheetJS (which inflates every part in memory) sees it.
 */

/** One central-directory entry. */
export interface ZipEntry {
  name: string;
  /** Declared uncompressed size in bytes (unsigned 32-bit; ZIP64 sizes read as 0xFFFFFFFF). */
  size: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The central directory's entries, or undefined when no well-formed directory is found. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return entries.length ? entries : undefined;
    const size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > bytes.length) break;
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen)), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

