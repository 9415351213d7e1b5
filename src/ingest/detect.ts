import { extname } from "node:path";
import type { SourceFormat } from "../model/document.js";
import { UnusableInputError } from "../model/message.js";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  return sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * Decide the format from the bytes first and the extension second, so a PDF named .txt is read
 * as a PDF and binary junk named .txt fails clearly instead of producing garbage records.
 */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  const ext = extname(file).toLowerCase();
  if (bytes.length === 0) throw new UnusableInputError("ingest.empty", "The file is empty (0 bytes).");
  // PDF allows up to 1024 bytes of junk before the header.
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + PDF.length <= head.length; i++) if (startsWith(head, PDF, i)) return "pdf";
  if (startsWith(bytes, ZIP)) return "docx";
  if (startsWith(bytes, OLE2))
    throw new UnusableInputError(
      "ingest.legacy-doc",
      "This is a legacy Word 97-2003 (.doc, OLE2) file. Convert it to .docx first, e.g. `libreoffice --headless --convert-to docx FILE`, then ingest the .docx.",
    );
  if (ext === ".pdf" || ext === ".docx")
    throw new UnusableInputError(
      "ingest.wrong-format",
      `The file is named ${ext} but its bytes are not a ${ext === ".pdf" ? "PDF (no %PDF- header)" : "Word document (not a ZIP package)"}.`,
    );
  if (looksBinary(bytes))
    throw new UnusableInputError("ingest.binary", "The file holds binary data, not text; it is not a report this tool can read.");
  return "txt";
}

/** Text in any supported encoding has few NUL/control bytes; UTF-16 is recognised by its BOM. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const n = Math.min(bytes.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad / n > 0.05;
}
