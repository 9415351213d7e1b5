/**
 * Single Property Modifiers ([MS-DOC] §2.6): every paragraph, character and table property of a
 * .doc is a list of (sprm, operand) pairs. Only the properties baocao uses are decoded; the
 * others are skipped by their operand length, which the sprm's own bits give (spra, §2.2.5.1).
 */

/** Character properties a run of text declares (undefined: not set here, the style decides). */
export interface Chp {
  /** sprmCFBold operand: 0 off, 1 on, 0x80 as the style, 0x81 opposite of the style. */
  bold?: number;
  italic?: number;
  /** sprmCFRMarkDel: text deleted with change tracking on (not part of the document). */
  deleted?: boolean;
  /** sprmCFSpec: the run's control characters are special (pictures, note references, symbols, field marks). */
  special?: boolean;
  /** sprmCIstd: character style. */
  istd?: number;
  /** sprmCSymbol: the character a special "(" stands for. */
  symbol?: number;
}

/** A table row's cell layout from sprmTDefTable and the sprms that change it. */
export interface RowDef {
  /** Cell boundaries in twips (rgdxaCenter), itcMac + 1 of them. */
  centers: number[];
  /** Horizontal merge per cell (TC80 horzMerge): 0 none, 1 first of a merge, 2–3 merged into the previous cell. */
  horzMerge: number[];
  /** Vertical merge per cell (TC80 vertMerge / sprmTVertMerge): 0 none, 1 continues the cell above, 3 restarts. */
  vertMerge: number[];
  /** sprmTTableHeader: repeat as header row. */
  header: boolean;
}

/** Paragraph (and, on a row end, table) properties. */
export interface Pap {
  /** Paragraph style (istd). */
  istd: number;
  /** sprmPFInTable: the paragraph is in a table. */
  inTable?: boolean;
  /** sprmPFTtp: the mark ends a table row (depth 1). */
  ttp?: boolean;
  /** sprmPItap: table depth (Word 2000+; absent means 1 when inTable). */
  itap?: number;
  /** sprmPFInnerTableCell / sprmPFInnerTtp: cell end / row end of a nested table. */
  innerCell?: boolean;
  innerTtp?: boolean;
  /** sprmPFPageBreakBefore. */
  pageBreakBefore?: boolean;
  /** sprmPIlfo: 1-based list (LFO) index; 0 = no list. */
  ilfo?: number;
  /** sprmPIlvl: list level 0–8. */
  ilvl?: number;
  /** sprmPHugePapx: the real grpprl is in the Data stream at this offset. */
  huge?: number;
  row?: RowDef;
}

/** Byte length of a sprm's operand starting at `at`. */
function operandLength(buf: Uint8Array, sprm: number, at: number): number {
  switch (sprm >>> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default:
      // sprmTDefTable and sprmTDefTable10: a 2-byte cb that counts the rest plus one (§2.9.317).
      if (sprm === 0xd608 || sprm === 0xd606) return (buf[at] | (buf[at + 1] << 8)) + 1;
      // sprmPChgTabs with cb 255: the length follows from the tab counts (§2.6.2, PChgTabsOperand).
      if (sprm === 0xc615 && buf[at] === 255) {
        const del = buf[at + 1] ?? 0;
        const add = buf[at + 2 + 4 * del] ?? 0;
        return 1 + 1 + 4 * del + 1 + 3 * add;
      }
      return (buf[at] ?? 0) + 1;
  }
}

/** Calls `each(sprm, operandOffset)` for every sprm in buf[start, end); stops at a sprm that would run past the end. */
export function forEachSprm(buf: Uint8Array, start: number, end: number, each: (sprm: number, at: number, len: number) => void): void {
  let p = start;
  const stop = Math.min(end, buf.length);
  while (p + 2 <= stop) {
    const sprm = buf[p] | (buf[p + 1] << 8);
    const at = p + 2;
    const len = operandLength(buf, sprm, at);
    if (at + len > stop) return;
    each(sprm, at, len);
    p = at + len;
  }
}

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const i16 = (b: Uint8Array, p: number) => (u16(b, p) << 16) >> 16;
const i32 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);

/** Apply a grpprl's character sprms to `chp`. */
export function readChp(buf: Uint8Array, start: number, end: number, chp: Chp): Chp {
  forEachSprm(buf, start, end, (sprm, at) => {
    switch (sprm) {
      case 0x0835:
        chp.bold = buf[at];
        break;
      case 0x0836:
        chp.italic = buf[at];
        break;
      case 0x0800:
        chp.deleted = buf[at] !== 0;
        break;
      case 0x0855:
        chp.special = buf[at] !== 0;
        break;
      case 0x4a30:
        chp.istd = u16(buf, at);
        break;
      case 0x6a09:
        chp.symbol = u16(buf, at + 2);
        break;
    }
  });
  return chp;
}

/** sprmTDefTable ([MS-DOC] §2.9.317, TDefTableOperand): cell boundaries and TC80 merge flags. */
function readDefTable(buf: Uint8Array, at: number, len: number): RowDef {
  const end = at + len;
  const itcMac = buf[at + 2] ?? 0;
  const centers: number[] = [];
  let p = at + 3;
  for (let i = 0; i <= itcMac && p + 2 <= end; i++, p += 2) centers.push(i16(buf, p));
  const horzMerge: number[] = [];
  const vertMerge: number[] = [];
  // rgTc80 may hold fewer than itcMac entries; the missing cells have default (unmerged) TC80s.
  for (let i = 0; i < itcMac; i++, p += 20) {
    const tcgrf = p + 20 <= end ? u16(buf, p) : 0;
    horzMerge.push(tcgrf & 3);
    vertMerge.push((tcgrf >> 5) & 3);
  }
  return { centers, horzMerge, vertMerge, header: false };
}

/** Apply a grpprl's paragraph and table sprms to `pap`. */
export function readPap(buf: Uint8Array, start: number, end: number, pap: Pap): Pap {
  forEachSprm(buf, start, end, (sprm, at, len) => {
    switch (sprm) {
      case 0x4600:
        pap.istd = u16(buf, at);
        break;
      case 0x2416:
        pap.inTable = buf[at] !== 0;
        break;
      case 0x2417:
        pap.ttp = buf[at] !== 0;
        break;
      case 0x6649:
        pap.itap = i32(buf, at);
        break;
      case 0x244b:
        pap.innerCell = buf[at] !== 0;
        break;
      case 0x244c:
        pap.innerTtp = buf[at] !== 0;
        break;
      case 0x2407:
        pap.pageBreakBefore = buf[at] !== 0;
        break;
      case 0x460b:
        pap.ilfo = i16(buf, at);
        break;
      case 0x260a:
        pap.ilvl = buf[at];
        break;
      case 0x6646:
        pap.huge = i32(buf, at) >>> 0;
        break;
      case 0xd608: {
        const header = pap.row?.header ?? false;
        pap.row = { ...readDefTable(buf, at, len), header };
        break;
      }
      case 0x3404:
        pap.row ??= { centers: [], horzMerge: [], vertMerge: [], header: false };
        pap.row.header = buf[at] !== 0;
        break;
      case 0xd62b: {
        // sprmTVertMerge: cb (2), itc, vertMerge.
        const row = pap.row;
        if (row && buf[at + 1] < row.vertMerge.length) row.vertMerge[buf[at + 1]] = buf[at + 2] & 3;
        break;
      }
      case 0x5624: {
        // sprmTMerge: itcFirst, itcLim — cells [itcFirst, itcLim) become one.
        const row = pap.row;
        if (!row) break;
        for (let i = buf[at]; i < buf[at + 1] && i < row.horzMerge.length; i++) row.horzMerge[i] = i === buf[at] ? 1 : 2;
        break;
      }
    }
  });
  return pap;
}
