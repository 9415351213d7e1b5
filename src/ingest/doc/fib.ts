import { UnusableInputError } from "../../model/message.js";

/**
 * The File Information Block at the start of the WordDocument stream ([MS-DOC] §2.5.1): which
 * table stream holds the formatting, how long each sub-document is, and where every structure
 * of the table stream lies (the FibRgFcLcb pairs).
 */

/** What baocao reads from the FIB. CP counts are in characters; fc/lcb in bytes. */
export interface Fib {
  /** nFib: 0x00C1 for Word 97 and every later binary Word (newer versions add FibRgCswNew). */
  nFib: number;
  /** fWhichTblStm: the table stream is "1Table" (true) or "0Table". */
  table1: boolean;
  /** Characters of the main document (ccpText); the footnote, header, comment … sub-documents follow it. */
  ccpText: number;
  /** Characters of the footnote sub-document (ccpFtn), which starts at CP ccpText. */
  ccpFtn: number;
  /** First CP of the text-box sub-document: after the main, footnote, header, macro, comment and endnote text. */
  cpTxbx: number;
  /** Characters of the text-box sub-document (ccpTxbx). */
  ccpTxbx: number;
  /** The (fc, lcb) pair number `index` of FibRgFcLcb ([MS-DOC] §2.5.6), or [0, 0] when the FIB is shorter. */
  fcLcb(index: number): [fc: number, lcb: number];
}

/** Indices into FibRgFcLcb97 ([MS-DOC] §2.5.6). */
export const FC = {
  Stshf: 1,
  PlcffndRef: 2,
  PlcffndTxt: 3,
  PlcSpaMom: 40,
  PlcftxbxTxt: 56,
  PlcfSed: 6,
  PlcfBteChpx: 12,
  PlcfBtePapx: 13,
  SttbfFfn: 15,
  Clx: 33,
  PlfLst: 73,
  PlfLfo: 74,
} as const;

/** A damaged or truncated file: the reason names what could not be read. */
export function corrupt(what: string): UnusableInputError {
  return new UnusableInputError(
    "ingest.doc.corrupt",
    `This Word 97-2003 (.doc) file is damaged or truncated (${what}). Open it in Word or LibreOffice and save it again, or ask for a new copy.`,
  );
}

/** Word 97's FIB identifier (wIdent). */
const W_IDENT = 0xa5ec;
/** Word 97's nFib; Word 6/95 files (nFib 101–105) have a different FIB and formatting. */
const NFIB_WORD97 = 0x00c1;

/** Read the FIB; throws UnusableInputError for encrypted, pre-Word-97 or damaged files. */
export function readFib(wd: Uint8Array): Fib {
  const view = new DataView(wd.buffer, wd.byteOffset, wd.byteLength);
  if (wd.length < 34) throw corrupt("the WordDocument stream is too short to hold its header");
  if (view.getUint16(0, true) !== W_IDENT) throw corrupt("the WordDocument stream does not start with Word's signature");
  const nFib = view.getUint16(2, true);
  const flags = view.getUint16(0x0a, true);
  // fEncrypted (bit 8) covers both RC4/XOR encryption; fObfuscated (bit 15) the XOR kind ([MS-DOC] §2.5.2).
  if (flags & 0x0100 || flags & 0x8000)
    throw new UnusableInputError(
      "ingest.doc.encrypted",
      "This Word 97-2003 (.doc) file is password-protected (encrypted), so its text cannot be read. Open it with the password and save it without one (or as .docx), then ingest that file.",
    );
  if (nFib < NFIB_WORD97)
    throw new UnusableInputError(
      "ingest.doc.word95",
      `This .doc file was written by Word 6/95 (format version ${nFib}), which baocao does not read. Open it in Word or LibreOffice and save it as .docx, then ingest the .docx.`,
    );
  // FibBase (32 bytes), then csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcbBlob.
  let p = 32;
  const need = (n: number) => {
    if (p + n > wd.length) throw corrupt("the file header is cut short");
  };
  need(2);
  p += 2 + view.getUint16(p, true) * 2;
  need(2);
  const cslw = view.getUint16(p, true);
  const lw = p + 2;
  p = lw + cslw * 4;
  need(2);
  if (cslw < 11) throw corrupt("the file header lacks the text lengths");
  const cbRgFcLcb = view.getUint16(p, true);
  const fcLcbAt = p + 2;
  p = fcLcbAt + cbRgFcLcb * 8;
  need(0);
  const ccpText = view.getInt32(lw + 3 * 4, true);
  const ccpFtn = view.getInt32(lw + 4 * 4, true);
  if (ccpText < 0 || ccpFtn < 0) throw corrupt("negative text length");
  // FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn (indices 3–8), then ccpTxbx.
  let cpTxbx = 0;
  for (let i = 3; i <= 8; i++) cpTxbx += Math.max(0, view.getInt32(lw + 4 * i, true));
  const ccpTxbx = Math.max(0, view.getInt32(lw + 9 * 4, true));
  return {
    nFib,
    table1: (flags & 0x0200) !== 0,
    ccpText,
    ccpFtn,
    cpTxbx,
    ccpTxbx,
    fcLcb(index) {
      if (index >= cbRgFcLcb) return [0, 0];
      return [view.getUint32(fcLcbAt + index * 8, true), view.getUint32(fcLcbAt + index * 8 + 4, true)];
    },
  };
}
