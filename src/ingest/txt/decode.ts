import { decodeUnmarked, utf16WithoutBom } from "./encodings/detect.js";

/**
 * Bytes → Unicode text. UTF-16LE/BE and UTF-8 are recognised by their BOM; bytes without a BOM
 * are read as UTF-8 when valid (repairing lines of TCVN3/VNI mojibake), and otherwise as the
 * legacy Vietnamese encoding (Windows-1258, TCVN3, VNI) that makes the most valid Vietnamese
 * words (encodings/detect.ts). Everything returned is NFC. Never throws.
 */
export interface Decoded {
  text: string;
  /**
   * Conversions applied, in order, e.g. ["utf-16le"], ["tcvn3→unicode"], ["nfd→nfc"]. Empty
   * for plain NFC UTF-8. src/ingest/conversions.ts turns each into a message.
   */
  conversions: string[];
}

export function decodeText(bytes: Uint8Array): Decoded {
  const conversions: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    conversions.push("utf-16le");
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    conversions.push("utf-16be");
  } else if (utf16WithoutBom(bytes)) {
    // No BOM, but NULs between ASCII letters: UTF-16 (the conversion is named as with a BOM).
    const order = utf16WithoutBom(bytes)!;
    text = new TextDecoder(`utf-16${order}`).decode(bytes);
    conversions.push(`utf-16${order}`);
  } else {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (hasBom) conversions.push("utf-8-bom");
    const decoded = decodeUnmarked(hasBom ? bytes.subarray(3) : bytes);
    text = decoded.text;
    conversions.push(...decoded.conversions);
  }
  const nfc = text.normalize("NFC");
  // Legacy decoders already return NFC, so "nfd→nfc" means the source itself was decomposed.
  if (nfc !== text) conversions.push("nfd→nfc");
  return { text: nfc, conversions };
}
