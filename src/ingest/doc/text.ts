import { corrupt, FC, type Fib } from "./fib.js";
import { readChp, readPap, type Chp, type Pap } from "./sprm.js";

/**
 * The text of a .doc and the formatting on it. Text lives in the WordDocument stream in pieces
 * that the piece table (the CLX in the table stream, [MS-DOC] §2.9.38) lists in character-position
 * (CP) order; formatting lives in 512-byte FKP pages indexed by file position (FC), so every
 * lookup goes CP → piece → FC → FKP run.
 */

/** One piece of the piece table. */
interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  /** 8-bit (Windows-1252) characters rather than UTF-16LE ([MS-DOC] §2.9.73, FcCompressed). */
  compressed: boolean;
  /** Property modifiers the piece adds (Prm), as a grpprl from the CLX, when it has any. */
  grpprl?: Uint8Array;
}

/** A run of text with one character formatting, in CP space. */
export interface Run {
  cpStart: number;
  cpEnd: number;
  chp: Chp;
}

const utf16 = new TextDecoder("utf-16le");

/**
 * Windows-1252 0x80–0x9F ([MS-DOC] §2.4.1: 8-bit pieces map through this table; every other byte
 * is its own code point). Written out because Node's TextDecoder, without full ICU, treats
 * "windows-1252" as ISO-8859-1 and yields C1 controls there. 0x81, 0x8D, 0x8F, 0x90, 0x9D are
 * unassigned and stay as they are.
 */
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decode1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    const codes = new Array<number>(chunk.length);
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k];
      codes[k] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** An FKP's runs: FC ranges and where each run's grpprl lies (0 = none). */
interface FkpRuns {
  starts: number[];
  ends: number[];
  /** Offset in the WordDocument stream of the run's grpprl; -1 for none. */
  at: number[];
  len: number[];
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Everything about text and formatting the reader needs. */
export class DocText {
  /** The text from CP 0 up to the end of the footnotes, or of the text boxes when there are any (the sub-documents between are decoded but never read). */
  readonly text: string;
  private readonly pieces: Piece[];
  private readonly papx: FkpRuns;
  private readonly chpx: FkpRuns;
  private readonly papCache = new Map<number, Pap>();

  constructor(
    private readonly wd: Uint8Array,
    private readonly table: Uint8Array,
    private readonly data: Uint8Array | undefined,
    fib: Fib,
  ) {
    this.pieces = readPieces(table, fib);
    const limit = fib.ccpTxbx > 0 ? fib.cpTxbx + fib.ccpTxbx : fib.ccpText + fib.ccpFtn;
    let text = "";
    for (const p of this.pieces) {
      if (p.cpStart >= limit) break;
      const n = Math.min(p.cpEnd, limit) - p.cpStart;
      const bytes = p.compressed ? n : 2 * n;
      if (p.fc + bytes > wd.length) throw corrupt("a text piece lies past the end of the WordDocument stream");
      const slice = wd.subarray(p.fc, p.fc + bytes);
      text += p.compressed ? decode1252(slice) : utf16.decode(slice);
    }
    if (text.length < Math.min(limit, fib.ccpText)) throw corrupt("the piece table holds less text than the header says");
    this.text = text;
    this.papx = readBte(wd, table, fib.fcLcb(FC.PlcfBtePapx), "papx");
    this.chpx = readBte(wd, table, fib.fcLcb(FC.PlcfBteChpx), "chpx");
  }

  private pieceAt(cp: number): Piece | undefined {
    const ps = this.pieces;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ps[mid].cpEnd <= cp) lo = mid + 1;
      else if (ps[mid].cpStart > cp) hi = mid - 1;
      else return ps[mid];
    }
    return undefined;
  }

  private fcOf(cp: number): { fc: number; piece: Piece } | undefined {
    const piece = this.pieceAt(cp);
    if (!piece) return undefined;
    return { fc: piece.fc + (cp - piece.cpStart) * (piece.compressed ? 1 : 2), piece };
  }

  /** Paragraph properties of the paragraph whose mark is at `cp` (istd 0 when none are recorded). */
  papAt(cp: number): Pap {
    const at = this.fcOf(cp);
    if (!at) return { istd: 0 };
    let i = findRun(this.papx, at.fc);
    if (i >= 0 && this.papx.starts[i] > at.fc) i = -1; // in no run: default properties
    const key = i < 0 ? -1 : this.papx.at[i];
    let pap = this.papCache.get(key);
    if (!pap) {
      pap = { istd: 0 };
      if (key >= 0) {
        const start = key;
        const end = key + this.papx.len[i];
        if (end - start >= 2) pap.istd = this.wd[start] | (this.wd[start + 1] << 8);
        readPap(this.wd, start + 2, end, pap);
        // sprmPHugePapx: the grpprl did not fit in the FKP and sits in the Data stream (§2.9.214).
        if (pap.huge !== undefined && this.data && pap.huge + 2 <= this.data.length) {
          const cb = this.data[pap.huge] | (this.data[pap.huge + 1] << 8);
          readPap(this.data, pap.huge + 2, pap.huge + 2 + cb, pap);
        }
      }
      this.papCache.set(key, pap);
    }
    const extra = at.piece.grpprl;
    return extra ? readPap(extra, 0, extra.length, { ...pap, row: pap.row && { ...pap.row } }) : pap;
  }

  /** Character runs covering [cpStart, cpEnd), in order. */
  runs(cpStart: number, cpEnd: number): Run[] {
    const out: Run[] = [];
    let cp = cpStart;
    while (cp < cpEnd) {
      const at = this.fcOf(cp);
      if (!at) {
        out.push({ cpStart: cp, cpEnd, chp: {} });
        break;
      }
      const { piece } = at;
      const w = piece.compressed ? 1 : 2;
      const pieceEnd = Math.min(piece.cpEnd, cpEnd);
      let i = findRun(this.chpx, at.fc);
      while (cp < pieceEnd) {
        const fc = piece.fc + (cp - piece.cpStart) * w;
        while (i >= 0 && i < this.chpx.starts.length && this.chpx.ends[i] <= fc) i++;
        let end = pieceEnd;
        let chp: Chp = {};
        if (i >= 0 && i < this.chpx.starts.length && this.chpx.starts[i] <= fc) {
          end = Math.min(pieceEnd, piece.cpStart + Math.ceil((this.chpx.ends[i] - piece.fc) / w));
          if (this.chpx.at[i] >= 0) chp = readChp(this.wd, this.chpx.at[i], this.chpx.at[i] + this.chpx.len[i], {});
        } else if (i >= 0 && i < this.chpx.starts.length) {
          end = Math.min(pieceEnd, piece.cpStart + Math.ceil((this.chpx.starts[i] - piece.fc) / w));
        }
        if (piece.grpprl) readChp(piece.grpprl, 0, piece.grpprl.length, chp);
        if (end <= cp) end = cp + 1;
        out.push({ cpStart: cp, cpEnd: end, chp });
        cp = end;
      }
    }
    return out;
  }
}

/** Index of the run containing fc, else of the first run after it, else -1. */
function findRun(r: FkpRuns, fc: number): number {
  let lo = 0;
  let hi = r.starts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r.ends[mid] <= fc) lo = mid + 1;
    else {
      ans = mid;
      hi = mid - 1;
    }
  }
  return ans;
}

/** The CLX: Prc entries (grpprls that pieces may point at), then the piece table ([MS-DOC] §2.9.38). */
function readPieces(table: Uint8Array, fib: Fib): Piece[] {
  const [fcClx, lcbClx] = fib.fcLcb(FC.Clx);
  if (lcbClx === 0 || fcClx + lcbClx > table.length) throw corrupt("the piece table is missing or lies past the end of the table stream");
  const v = view(table);
  const end = fcClx + lcbClx;
  const prcs: Uint8Array[] = [];
  let p = fcClx;
  while (p < end && table[p] === 0x01) {
    const cb = v.getInt16(p + 1, true);
    if (cb < 0 || p + 3 + cb > end) throw corrupt("a property list in the piece table is cut short");
    prcs.push(table.subarray(p + 3, p + 3 + cb));
    p += 3 + cb;
  }
  if (table[p] !== 0x02 || p + 5 > end) throw corrupt("the piece table has no text pieces");
  const lcb = v.getUint32(p + 1, true);
  const plc = p + 5;
  if (plc + lcb > end || lcb < 4 || (lcb - 4) % 12 !== 0) throw corrupt("the piece table's size is inconsistent");
  const n = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cpStart = v.getUint32(plc + 4 * i, true);
    const cpEnd = v.getUint32(plc + 4 * (i + 1), true);
    const pcd = plc + 4 * (n + 1) + 8 * i;
    const fcRaw = v.getUint32(pcd + 2, true);
    const prm = v.getUint16(pcd + 6, true);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fcBits = fcRaw & 0x3fffffff;
    if (cpEnd < cpStart || (i > 0 && cpStart < pieces[i - 1].cpEnd)) throw corrupt("the piece table is out of order");
    const piece: Piece = { cpStart, cpEnd, fc: compressed ? fcBits / 2 : fcBits, compressed };
    // Prm with fComplex: the piece's sprms are Prc number igrpprl (§2.9.210). The one-sprm form
    // (Prm0) only carries a few formatting flags baocao does not read.
    if (prm & 1 && prcs[prm >> 1]) piece.grpprl = prcs[prm >> 1];
    if (cpEnd > cpStart) pieces.push(piece);
  }
  return pieces;
}

/**
 * A PlcBtePapx or PlcBteChpx ([MS-DOC] §2.8.6, §2.8.5) and the FKP pages it points at, flattened
 * into one sorted list of runs.
 */
function readBte(wd: Uint8Array, table: Uint8Array, [fc, lcb]: [number, number], kind: "papx" | "chpx"): FkpRuns {
  const runs: FkpRuns = { starts: [], ends: [], at: [], len: [] };
  if (lcb < 4 || fc + lcb > table.length) {
    if (kind === "papx") throw corrupt("the paragraph property index is missing");
    return runs;
  }
  const v = view(table);
  const n = Math.floor((lcb - 4) / 8);
  const wv = view(wd);
  for (let i = 0; i < n; i++) {
    const pn = v.getUint32(fc + 4 * (n + 1) + 4 * i, true) & 0x3fffff;
    const page = pn * 512;
    if (page + 512 > wd.length) throw corrupt("a formatting page lies past the end of the WordDocument stream");
    const crun = wd[page + 511];
    if (4 * (crun + 1) > 511) throw corrupt("a formatting page is damaged");
    for (let k = 0; k < crun; k++) {
      const start = wv.getUint32(page + 4 * k, true);
      const end = wv.getUint32(page + 4 * (k + 1), true);
      let at = -1;
      let len = 0;
      if (kind === "papx") {
        // BxPap: 13 bytes, the first is the word offset of the PapxInFkp (§2.9.23).
        const b = wd[page + 4 * (crun + 1) + 13 * k];
        if (b) {
          let q = page + 2 * b;
          const cb = wd[q++];
          len = cb ? 2 * cb - 1 : 2 * wd[q++];
          at = q;
        }
      } else {
        const b = wd[page + 4 * (crun + 1) + k];
        if (b) {
          len = wd[page + 2 * b];
          at = page + 2 * b + 1;
        }
      }
      if (at >= 0 && at + len > page + 512) at = -1;
      runs.starts.push(start);
      runs.ends.push(end);
      runs.at.push(at);
      runs.len.push(len);
    }
  }
  // FKPs are in FC order already; pages written by some producers are not, so sort when needed.
  for (let i = 1; i < runs.starts.length; i++) {
    if (runs.starts[i] < runs.starts[i - 1]) {
      const order = runs.starts.map((_, k) => k).sort((a, b) => runs.starts[a] - runs.starts[b]);
      return { starts: order.map((k) => runs.starts[k]), ends: order.map((k) => runs.ends[k]), at: order.map((k) => runs.at[k]), len: order.map((k) => runs.len[k]) };
    }
  }
  return runs;
}
