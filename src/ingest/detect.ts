import { extname } from "node:path";
import type { SourceFormat } from "../model/document.js";
import { UnusableInputError } from "../model/message.js";
import { FORMATS, formatOfExtension } from "./formats.js";
import { utf16WithoutBom } from "./txt/encodings/detect.js";

/**
 * Decide the format from the bytes first and the extension second, so a PDF named .txt is read
 * as a PDF and binary junk named .txt fails clearly instead of producing garbage records. The
 * formats and their sniffing are the registry's (formats.ts).
 */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  if (bytes.length === 0) throw new UnusableInputError("ingest.empty", "The file is empty (0 bytes).");
  const text = FORMATS[FORMATS.length - 1];
  for (const f of FORMATS) if (f !== text && f.sniff(bytes)) return f.id;
  // Named as a binary format but not one: say so rather than read its bytes as text.
  const named = formatOfExtension(extname(file));
  if (named && named !== text)
    throw new UnusableInputError(
      "ingest.wrong-format",
      `The file is named ${extname(file).toLowerCase()} but its bytes are not ${named.label}.`,
    );
  if (looksBinary(bytes))
    throw new UnusableInputError("ingest.binary", "The file holds binary data, not text; it is not a report this tool can read.");
  return text.id;
}

/** Text in any supported encoding has few NUL/control bytes; UTF-16 is recognised by its BOM. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  if (utf16WithoutBom(bytes)) return false; // UTF-16 text whose BOM was dropped
  const n = Math.min(bytes.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad / n > 0.05;
}
