import { FC, type Fib } from "./fib.js";
import { readChp, readPap, type Chp, type Pap } from "./sprm.js";

/**
 * The style sheet (STSH, [MS-DOC] §2.9.271): for each style, what it is (sti: a built-in style
 * such as "heading 2" keeps its sti whatever the style is called in the file's language), what
 * it is based on, and the character and paragraph sprms it applies. Resolved along the
 * istdBase chain into the facts the reader needs: bold, italic, heading level, page break
 * before, list.
 */

/** One resolved style. */
export interface DocStyle {
  /** Built-in style identifier; 1–9 are "heading 1" … "heading 9"; 0x0FFE user-defined. */
  sti: number;
  /** 1 paragraph, 2 character, 3 table, 4 numbering style. */
  stk: number;
  /** Bold / italic after the whole chain (a paragraph style starts from not bold). */
  bold: boolean;
  italic: boolean;
  /** Set when the style (or a base) set the value at all; a character style leaves the rest to the paragraph. */
  boldSet: boolean;
  italicSet: boolean;
  /** Paragraph sprms of the chain merged (page break before, list). */
  pap: Pap;
}

interface RawStyle {
  sti: number;
  stk: number;
  base: number;
  chp: [Uint8Array, number, number] | undefined;
  pap: [Uint8Array, number, number] | undefined;
}

const NO_STYLE = 0x0fff;

/** Read the style sheet; a damaged or missing one gives no styles (text still reads, as plain). */
export function readStyles(table: Uint8Array, fib: Fib): DocStyle[] {
  const raw = readRaw(table, fib);
  const resolved: (DocStyle | undefined)[] = [];
  const resolve = (istd: number, depth: number): DocStyle | undefined => {
    const r = raw[istd];
    if (!r) return undefined;
    if (resolved[istd]) return resolved[istd];
    // istdBase chains are short; a cycle in a damaged file ends at 16 levels.
    const base = r.base !== NO_STYLE && r.base !== istd && depth < 16 ? resolve(r.base, depth + 1) : undefined;
    const chp: Chp = {};
    if (r.chp) readChp(r.chp[0], r.chp[1], r.chp[2], chp);
    const pap: Pap = base ? { ...base.pap, row: undefined } : { istd };
    if (r.pap) readPap(r.pap[0], r.pap[1], r.pap[2], pap);
    const apply = (op: number | undefined, inherited: boolean) => (op === undefined ? inherited : op === 0 ? false : op === 1 ? true : op === 0x81 ? !inherited : inherited);
    const style: DocStyle = {
      sti: r.sti,
      stk: r.stk,
      bold: apply(chp.bold, base?.bold ?? false),
      italic: apply(chp.italic, base?.italic ?? false),
      boldSet: chp.bold !== undefined || (base?.boldSet ?? false),
      italicSet: chp.italic !== undefined || (base?.italicSet ?? false),
      pap,
    };
    resolved[istd] = style;
    return style;
  };
  const out: DocStyle[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = resolve(i, 0);
    if (s) out[i] = s;
  }
  return out;
}

function readRaw(table: Uint8Array, fib: Fib): RawStyle[] {
  const [fc, lcb] = fib.fcLcb(FC.Stshf);
  const out: RawStyle[] = [];
  if (lcb < 6 || fc + lcb > table.length) return out;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const end = fc + lcb;
  const cbStshi = v.getUint16(fc, true);
  const cstd = v.getUint16(fc + 2, true);
  const cbBase = v.getUint16(fc + 4, true);
  let p = fc + 2 + cbStshi;
  for (let istd = 0; istd < cstd && p + 2 <= end; istd++) {
    const cbStd = v.getUint16(p, true);
    const std = p + 2;
    p = std + cbStd;
    if (cbStd === 0 || p > end || cbStd < cbBase + 2) continue;
    const sti = v.getUint16(std, true) & 0x0fff;
    const w2 = v.getUint16(std + 2, true);
    const stk = w2 & 0x0f;
    const base = w2 >> 4;
    const cupx = v.getUint16(std + 4, true) & 0x0f;
    // The name (Xstz: a count, UTF-16 characters, a terminating 0), then the UPXs, each padded to even.
    let q = std + cbBase;
    const cch = v.getUint16(q, true);
    q += 2 + 2 * cch + 2;
    const upx: [number, number][] = [];
    for (let k = 0; k < cupx && q + 2 <= p; k++) {
      const cb = v.getUint16(q, true);
      upx.push([q + 2, Math.min(q + 2 + cb, p)]);
      q += 2 + cb + (cb & 1);
    }
    const style: RawStyle = { sti, stk, base, chp: undefined, pap: undefined };
    if (stk === 1) {
      // Paragraph style: UpxPapx (istd, then the grpprl), UpxChpx.
      if (upx[0] && upx[0][1] - upx[0][0] >= 2) style.pap = [table, upx[0][0] + 2, upx[0][1]];
      if (upx[1]) style.chp = [table, upx[1][0], upx[1][1]];
    } else if (stk === 2) {
      if (upx[0]) style.chp = [table, upx[0][0], upx[0][1]];
    }
    out[istd] = style;
  }
  return out;
}
