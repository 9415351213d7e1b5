import { Numbering } from "../docx/numbering.js";
import { readRoot } from "../docx/xml.js";
import { FC, type Fib } from "./fib.js";

/**
 * Word automatic numbering in a .doc: the list definitions (PlfLst: LSTF + LVL, [MS-DOC]
 * §2.9.147) and the list instances paragraphs point at (PlfLfo: LFO + LFOData, §2.9.146). They
 * carry the same facts as numbering.xml (a list's levels with start, number format, text with
 * level placeholders, restart rule, legal flag, suffix; an instance's start overrides), so they
 * are written as a numbering.xml and counted by the .docx path's Numbering: one implementation
 * of how Word counts.
 */

/** nfc values ([MS-OSHARED] §2.2.1.3, MSONFC) as w:numFmt names; others count as decimal. */
const NFC: Record<number, string> = {
  0: "decimal",
  1: "upperRoman",
  2: "lowerRoman",
  3: "upperLetter",
  4: "lowerLetter",
  5: "ordinal",
  22: "decimalZero",
  23: "bullet",
  255: "none",
};

const SUFFIX = ["tab", "space", "nothing"];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** One LVL: its w:lvl XML and where it ends. */
function readLvl(t: Uint8Array, v: DataView, p: number, ilvl: number): { xml: string; end: number } | undefined {
  if (p + 28 > t.length) return undefined;
  const start = v.getInt32(p, true);
  const nfc = t[p + 4];
  const flags = t[p + 5];
  const follow = t[p + 15];
  const cbChpx = t[p + 24];
  const cbPapx = t[p + 25];
  const restartLim = t[p + 26];
  let q = p + 28 + cbPapx + cbChpx;
  if (q + 2 > t.length) return undefined;
  const cch = v.getUint16(q, true);
  q += 2;
  if (q + 2 * cch > t.length) return undefined;
  let text = "";
  for (let i = 0; i < cch; i++) {
    const c = v.getUint16(q + 2 * i, true);
    // In a number text, characters 0–8 stand for the counter of that level (§2.9.150, xst).
    text += c < 9 && nfc !== 23 ? `%${c + 1}` : String.fromCharCode(c);
  }
  q += 2 * cch;
  const format = NFC[nfc] ?? "decimal";
  const xml =
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/>` +
    // fNoRestart: ilvlRestartLim says which level restarts this one (0 = never); else any higher level does.
    (flags & 0x08 ? `<w:lvlRestart w:val="${restartLim}"/>` : "") +
    (flags & 0x04 ? "<w:isLgl/>" : "") +
    `<w:suff w:val="${SUFFIX[follow] ?? "tab"}"/><w:lvlText w:val="${esc(text)}"/></w:lvl>`;
  return { xml, end: q };
}

/** The document's lists as a Numbering (numId = the 1-based ilfo paragraphs carry), or undefined when it has none. */
export function readLists(table: Uint8Array, fib: Fib): Numbering | undefined {
  const [fcLst, lcbLst] = fib.fcLcb(FC.PlfLst);
  const [fcLfo, lcbLfo] = fib.fcLcb(FC.PlfLfo);
  if (lcbLst < 2 || lcbLfo < 4 || fcLst + lcbLst > table.length || fcLfo + lcbLfo > table.length) return undefined;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const cLst = v.getInt16(fcLst, true);
  let xml = '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">';
  // The LVLs of every list follow the PlfLst, list by list (one level for a simple list, else nine).
  let p = fcLst + 2 + 28 * cLst;
  for (let i = 0; i < cLst; i++) {
    const lstf = fcLst + 2 + 28 * i;
    if (lstf + 28 > table.length) return undefined;
    const lsid = v.getInt32(lstf, true);
    const simple = (table[lstf + 26] & 1) !== 0;
    xml += `<w:abstractNum w:abstractNumId="${lsid}">`;
    for (let l = 0; l < (simple ? 1 : 9); l++) {
      const lvl = readLvl(table, v, p, l);
      if (!lvl) return undefined;
      xml += lvl.xml;
      p = lvl.end;
    }
    xml += "</w:abstractNum>";
  }
  const lfoMac = v.getInt32(fcLfo, true);
  if (lfoMac < 0 || fcLfo + 4 + 16 * lfoMac > table.length) return undefined;
  // LFOData for each LFO follow the array: a CP, then clfolvl LFOLVLs (each possibly with an LVL).
  let q = fcLfo + 4 + 16 * lfoMac;
  for (let i = 0; i < lfoMac; i++) {
    const lfo = fcLfo + 4 + 16 * i;
    const lsid = v.getInt32(lfo, true);
    const clfolvl = table[lfo + 12];
    let overrides = "";
    q += 4;
    for (let k = 0; k < clfolvl; k++) {
      if (q + 8 > table.length) return undefined;
      const startAt = v.getInt32(q, true);
      const bits = v.getUint32(q + 4, true);
      const ilvl = bits & 0x0f;
      q += 8;
      let level = "";
      if (bits & 0x20) {
        const lvl = readLvl(table, v, q, ilvl);
        if (!lvl) return undefined;
        level = lvl.xml;
        q = lvl.end;
      }
      if (bits & 0x10 || level) overrides += `<w:lvlOverride w:ilvl="${ilvl}">${bits & 0x10 ? `<w:startOverride w:val="${startAt}"/>` : ""}${level}</w:lvlOverride>`;
    }
    xml += `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${lsid}"/>${overrides}</w:num>`;
  }
  xml += "</w:numbering>";
  return new Numbering(readRoot(xml));
}
