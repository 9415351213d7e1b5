/**
 * Bytes → Unicode text. Recognises UTF-8 (with or without BOM) and UTF-16LE/BE by their BOM;
 * everything stored is NFC. Returns which conversions were applied so they can be recorded.
 */
export interface Decoded {
  text: string;
  /** Conversions applied, e.g. ["utf-16le"], ["nfd→nfc"]. Empty for plain NFC UTF-8. */
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
  } else {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    text = new TextDecoder("utf-8").decode(hasBom ? bytes.subarray(3) : bytes);
    if (hasBom) conversions.push("utf-8-bom");
  }
  const nfc = text.normalize("NFC");
  if (nfc !== text) conversions.push("nfd→nfc");
  return { text: nfc, conversions };
}
