import CFB from "cfb";
import { UnusableInputError } from "../../model/message.js";
import type { Block } from "../../model/document.js";
import { BlockBuilder, type CellInput, type Inline, type ParagraphInfo, type RowInput } from "../blocks/blocks.js";
import type { Numbering } from "../docx/numbering.js";
import { corrupt, FC, readFib, type Fib } from "./fib.js";
import type { Chp, Pap, RowDef } from "./sprm.js";
import { repairMojibake } from "../txt/encodings/detect.js";
import { readLists } from "./lists.js";
import { readStyles, type DocStyle } from "./styles.js";
import { DocText } from "./text.js";

/**
 * The .doc reader: the Word binary's main document ([MS-DOC]) to Document blocks, through the
 * same BlockBuilder the .docx readers use, so cell text, merged-cell expansion and the
 * header-block/signature layout-table detection are one code for both formats. The OLE2
 * container is opened with cfb; everything inside the WordDocument and table streams is read
 * here.
 *
 * What is read: the main document's text (CP 0 … ccpText) — headers, footers and comments are
 * separate sub-documents after it and never enter a paragraph or table; footnotes are emitted
 * after the body and text boxes after the paragraph they are anchored in (a cell's after its
 * table), as the .docx path does. Paragraphs end at 0x0D (and at a section mark);
 * tables come from the cell marks 0x07 and the paragraph table properties (sprmPFInTable,
 * sprmPItap, sprmPFTtp row ends with their sprmTDefTable); fields keep their result and drop
 * their instruction; bold and italic come from the run's sprms resolved against the styles.
 */

/** A character of the Latin-1 supplement: what legacy-font text read through Windows-1252 is made of. */
const LATIN1 = /[\u0080-\u00ff]/;

/** The built-in style ids (sti) of "heading 1" … "heading 6": what mammoth's style map makes h1–h6. */
const MAX_HEADING_STI = 6;

/** A paragraph as read: its inline items (paragraph mark first), where it ends, and its properties. */
interface Para {
  /** CP of the first character and of the mark. */
  start: number;
  end: number;
  segs: Inline[];
  /** The character that ended it: 0x0D, 0x07 (cell or row end) or 0x0C (section end). */
  mark: number;
  pap: Pap;
  /** The paragraph is in a list whose level exists (mammoth's list-item rule for levels 0–4). */
  listed: boolean;
}

/** A table being collected, row by row. */
interface TableState {
  rows: { cells: CellInput[]; def: RowDef | undefined }[];
  cells: CellInput[];
  lines: Inline[][];
}

export interface DocRead {
  blocks: Block[];
  /** Conversions applied to the text (e.g. "tcvn3→unicode"), for Document.source.conversions. */
  conversions: string[];
}

function streamOf(container: CFB.CFB$Container, name: string): Uint8Array | undefined {
  const entry = CFB.find(container, name);
  if (!entry || !entry.content) return undefined;
  const c = entry.content as Uint8Array | number[];
  return c instanceof Uint8Array ? c : Uint8Array.from(c);
}

/** Open the container and the streams the reader needs; throws UnusableInputError when it cannot. */
function open(bytes: Uint8Array): { wd: Uint8Array; table: Uint8Array; data: Uint8Array | undefined; fib: Fib } {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: "buffer" });
  } catch {
    // cfb's own messages name its internals (and sometimes ZIP), which would mislead a user.
    throw corrupt("its OLE2 container cannot be read");
  }
  const wd = streamOf(container, "WordDocument");
  if (!wd) {
    if (CFB.find(container, "EncryptionInfo") || CFB.find(container, "EncryptedPackage"))
      throw new UnusableInputError(
        "ingest.doc.encrypted",
        "This file is a password-protected (encrypted) Office document, so its text cannot be read. Open it with the password and save it without one, then ingest that file.",
      );
    throw new UnusableInputError(
      "ingest.doc.not-word",
      "This OLE2 file holds no Word document (no WordDocument stream): it is probably an Excel, PowerPoint or Outlook file named .doc. Open it in the program that made it and save the text as .docx.",
    );
  }
  const fib = readFib(wd);
  const table = streamOf(container, fib.table1 ? "1Table" : "0Table");
  if (!table) throw corrupt(`the ${fib.table1 ? "1Table" : "0Table"} stream is missing`);
  return { wd, table, data: streamOf(container, "Data"), fib };
}

/** CPs where a section ends (PlcfSed): a 0x0C just before one is a section mark, not a page break. */
function sectionEnds(table: Uint8Array, fib: Fib): Set<number> {
  const [fc, lcb] = fib.fcLcb(FC.PlcfSed);
  const out = new Set<number>();
  if (lcb < 4 || fc + lcb > table.length) return out;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const n = Math.floor((lcb - 4) / 16);
  for (let i = 1; i <= n; i++) out.add(v.getUint32(fc + 4 * i, true));
  return out;
}

/** Footnote text ranges in CPs of the footnote sub-document (PlcffndTxt), in reference order (PlcffndRef). */
function footnoteRanges(table: Uint8Array, fib: Fib): [number, number][] {
  const [fcRef, lcbRef] = fib.fcLcb(FC.PlcffndRef);
  const [fc, lcb] = fib.fcLcb(FC.PlcffndTxt);
  if (fib.ccpFtn === 0 || lcbRef < 10 || lcb < 8 || fc + lcb > table.length) return [];
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  // PlcffndRef: n + 1 CPs and n 2-byte FRDs; PlcffndTxt: a start CP per note, then the end.
  const n = Math.min((lcbRef - 4) / 6, lcb / 4 - 1);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = v.getUint32(fc + 4 * i, true);
    const b = v.getUint32(fc + 4 * (i + 1), true);
    if (b > a && b <= fib.ccpFtn) out.push([a, b]);
  }
  return out;
}

/** TCVN3 (.VnTime, .VnArial, VnTimeH …) and VNI (VNI-Times …) font names. */
const LEGACY_FONT = /\.Vn[A-Z]|(?:^|\0)Vn[A-Z]|VNI[- ]/;

/**
 * Whether the font table (SttbfFfn) names a legacy Vietnamese font. The names are UTF-16 strings
 * inside the FFN records; decoding the table at both byte alignments and searching it is enough,
 * and needs none of the record layout.
 */
function hasLegacyFont(table: Uint8Array, fib: Fib): boolean {
  const [fc, lcb] = fib.fcLcb(FC.SttbfFfn);
  if (lcb === 0 || fc + lcb > table.length) return false;
  const decoder = new TextDecoder("utf-16le");
  return [0, 1].some((k) => LEGACY_FONT.test(decoder.decode(table.subarray(fc + k, fc + lcb - ((lcb - k) % 2)))));
}

/** A text box's story (CPs in the whole text) and the main-document CP of the shape that holds it. */
interface TextBox {
  anchor: number;
  start: number;
  end: number;
}

/**
 * Text boxes in anchor order: each story of PlcftxbxTxt names its shape (FTXBXS.lid), and
 * PlcSpaMom gives each shape's anchor CP in the main document (FSPA.spid) ([MS-DOC] §2.8.24, §2.9.99).
 */
function textBoxes(table: Uint8Array, fib: Fib): TextBox[] {
  const [fcT, lcbT] = fib.fcLcb(FC.PlcftxbxTxt);
  const [fcS, lcbS] = fib.fcLcb(FC.PlcSpaMom);
  if (fib.ccpTxbx === 0 || lcbT < 30 || lcbS < 30 || fcT + lcbT > table.length || fcS + lcbS > table.length) return [];
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const anchors = new Map<number, number>();
  const nS = Math.floor((lcbS - 4) / 30);
  for (let i = 0; i < nS; i++) anchors.set(v.getInt32(fcS + 4 * (nS + 1) + 26 * i, true), v.getUint32(fcS + 4 * i, true));
  const out: TextBox[] = [];
  const nT = Math.floor((lcbT - 4) / 26);
  for (let i = 0; i < nT; i++) {
    const a = v.getUint32(fcT + 4 * i, true);
    const b = v.getUint32(fcT + 4 * (i + 1), true);
    const anchor = anchors.get(v.getInt32(fcT + 4 * (nT + 1) + 22 * i + 14, true));
    // The last story is a placeholder (lid 0); a story whose shape is unknown has nowhere to go.
    if (anchor === undefined || b <= a || b > fib.ccpTxbx) continue;
    out.push({ anchor, start: fib.cpTxbx + a, end: fib.cpTxbx + b });
  }
  return out.sort((x, y) => x.anchor - y.anchor);
}

/** Reads paragraphs of a CP range, keeping field state across them. */
class ParagraphReader {
  /** Open fields, innermost last: true while in the instruction (before 0x14). */
  private fields: boolean[] = [];
  private instr = 0;
  readonly infos: ParagraphInfo[] = [];
  /** Text conversions applied (legacy-font repairs), as Document.source.conversions names them. */
  readonly conversions = new Set<string>();

  constructor(
    private readonly doc: DocText,
    private readonly styles: DocStyle[],
    private readonly sections: Set<number>,
    private readonly lists: Numbering | undefined,
    /** The font table names a legacy Vietnamese font: only then can text need the repair. */
    private readonly legacyFonts: boolean,
  ) {}

  private style(istd: number | undefined): DocStyle | undefined {
    return istd === undefined ? undefined : this.styles[istd];
  }

  /** Bold/italic of a run: the character style over the paragraph style, then the run's own sprms. */
  private format(chp: Chp, para: DocStyle | undefined): { bold: boolean; italic: boolean } {
    const cs = this.style(chp.istd);
    const baseBold = cs?.stk === 2 && cs.boldSet ? cs.bold : (para?.bold ?? false);
    const baseItalic = cs?.stk === 2 && cs.italicSet ? cs.italic : (para?.italic ?? false);
    const apply = (op: number | undefined, base: boolean) => (op === undefined || op === 0x80 ? base : op === 0 ? false : op === 1 ? true : op === 0x81 ? !base : base);
    return { bold: apply(chp.bold, baseBold), italic: apply(chp.italic, baseItalic) };
  }

  /**
   * Text typed in a legacy Vietnamese font (.VnTime: TCVN3; VNI-Times) is stored as the font's
   * byte values read as Windows-1252 ("B¸o c¸o"); the .txt path's line repair turns it back into
   * Unicode when that gives more valid Vietnamese words, and leaves Unicode text alone.
   */
  private repair(out: string): string {
    if (!this.legacyFonts || !LATIN1.test(out)) return out;
    const r = repairMojibake(out);
    for (const c of r.conversions) this.conversions.add(c);
    return r.text;
  }

  /** Every paragraph of [start, end), in order. */
  *paragraphs(start: number, end: number, numbered = true, textBox = false): Generator<Para> {
    const text = this.doc.text;
    let from = start;
    const marks = /[\r\x07\f]/g;
    marks.lastIndex = start;
    for (let m = marks.exec(text); m && m.index < end; m = marks.exec(text)) {
      const cp = m.index;
      const c = text.charCodeAt(cp);
      if (c === 0x0c && !this.sections.has(cp + 1)) continue;
      yield this.paragraph(from, cp, c, numbered, textBox);
      from = cp + 1;
    }
    // Text after the last mark (a truncated sub-document) is a paragraph of its own.
    if (from < end) yield this.paragraph(from, end, 0x0d, numbered, textBox);
  }

  /** The paragraphs of a text box, read apart from the field state of the text around its anchor. */
  textBox(start: number, end: number, inTable: boolean): Para[] {
    const [fields, instr] = [this.fields, this.instr];
    this.fields = [];
    this.instr = 0;
    const out = [...this.paragraphs(start, end, true, inTable)];
    [this.fields, this.instr] = [fields, instr];
    return out;
  }

  private paragraph(start: number, markCp: number, mark: number, numbered: boolean, textBox: boolean): Para {
    const pap = this.doc.papAt(markCp);
    const style = this.style(pap.istd);
    const index = this.infos.length;
    const segs: Inline[] = [{ mark: "paragraph", index }];
    const text = this.doc.text;
    let visible = false;
    let allBold = true;
    let allItalic = true;
    /** Append one stretch of a run's text, repaired, merged into the previous segment when formatted alike. */
    const push = (raw: string, fmt: { bold: boolean; italic: boolean }) => {
      const out = this.repair(raw);
      if (out === "") return;
      if (/\S/.test(out)) {
        visible = true;
        allBold &&= fmt.bold;
        allItalic &&= fmt.italic;
      }
      const last = segs[segs.length - 1];
      if (!("mark" in last) && last.bold === fmt.bold && last.italic === fmt.italic) last.text += out;
      else segs.push({ text: out, bold: fmt.bold, italic: fmt.italic });
    };
    for (const run of this.doc.runs(start, markCp)) {
      if (run.chp.deleted) continue;
      const fmt = this.format(run.chp, style);
      let out = "";
      // Plain characters are copied as slices: [plain, cp) is the stretch not yet copied.
      let plain = run.cpStart;
      for (let cp = run.cpStart; cp < run.cpEnd; cp++) {
        const c = text.charCodeAt(cp);
        if (c >= 0x20 && this.instr === 0 && c !== 0x28) continue;
        if (plain < cp && this.instr === 0) out += text.slice(plain, cp);
        plain = cp + 1;
        if (c === 0x13) {
          this.fields.push(true);
          this.instr++;
          continue;
        }
        if (c === 0x14) {
          if (this.fields.length && this.fields[this.fields.length - 1]) {
            this.fields[this.fields.length - 1] = false;
            this.instr--;
          }
          continue;
        }
        if (c === 0x15) {
          if (this.fields.length && this.fields.pop()) this.instr--;
          continue;
        }
        if (this.instr > 0) continue;
        if (c >= 0x20) {
          if (c === 0x28 && run.chp.special) {
            // A symbol character (sprmCSymbol); one in a symbol font's private range prints a glyph with no Unicode meaning.
            const s = run.chp.symbol;
            if (s !== undefined && (s < 0xe000 || s > 0xf8ff)) out += String.fromCharCode(s);
          } else if (c === 0x28) out += "(";
          continue;
        }
        switch (c) {
          case 0x09:
            out += "\t";
            break;
          case 0x0b:
            out += "\n";
            break;
          case 0x0c:
            push(out, fmt);
            out = "";
            segs.push({ mark: "pageBreak" });
            break;
          case 0x1e:
            out += "\u2011";
            break;
          case 0x1f:
            out += "\u00ad";
            break;
          // Pictures (0x01, 0x08), note references (0x02), comment anchors (0x05), column breaks (0x0E) print no text.
        }
      }
      if (plain < run.cpEnd && this.instr === 0) out += text.slice(plain, run.cpEnd);
      push(out, fmt);
    }
    const pageBreakBefore = pap.pageBreakBefore ?? style?.pap.pageBreakBefore ?? false;
    // Counters advance in document order, table cells included, as Word counts (and paragraphs.ts does for .docx).
    const ilfo = pap.ilfo ?? style?.pap.ilfo ?? 0;
    const ilvl = pap.ilvl ?? style?.pap.ilvl ?? 0;
    const numeral = numbered && ilfo > 0 && this.lists ? this.lists.next(String(ilfo), ilvl) : undefined;
    this.infos.push({ bold: visible && allBold, italic: visible && allItalic, pageBreakBefore, textBox, ...(numeral ? { numeral } : {}) });
    return { start, end: markCp, segs, mark, pap, listed: numeral !== undefined && ilvl <= 4 };
  }
}

/** How a paragraph is placed: heading from a built-in heading style, list item from a list. */
function placeOf(p: Para, styles: DocStyle[]): { heading?: number; listItem?: boolean } {
  const style = styles[p.pap.istd];
  if (style && style.sti >= 1 && style.sti <= MAX_HEADING_STI) return { heading: style.sti };
  // mammoth's default style map makes list levels 0–4 list items (the .docx path follows it).
  return p.listed ? { listItem: true } : {};
}

/**
 * Cell spans of one table from its rows' cell boundaries: the grid is every boundary any row has
 * (as Word builds w:tblGrid when it saves .docx); a cell covers the grid columns between its
 * boundaries. Horizontally merged cells join the cell before them; a vertical-merge continuation
 * extends the cell above at the same grid column and is removed, as mammoth does with w:vMerge.
 */
function tableRows(rows: TableState["rows"]): RowInput[] {
  const grid = [...new Set(rows.flatMap((r) => r.def?.centers ?? []))].sort((a, b) => a - b);
  // Every boundary is a grid line, so a cell's span is the distance between its two lines' indices.
  const line = new Map(grid.map((g, i) => [g, i]));
  const spanRows = rows.map((r) => {
    const cells: (CellInput & { vCont: boolean })[] = [];
    r.cells.forEach((cell, k) => {
      const def = r.def;
      let colSpan = 1;
      if (def && k + 1 < def.centers.length) {
        const left = Math.min(def.centers[k], def.centers[k + 1]);
        const right = Math.max(def.centers[k], def.centers[k + 1]);
        colSpan = Math.max(1, line.get(right)! - line.get(left)!);
      }
      const horz = def?.horzMerge[k] ?? 0;
      const prev = cells[cells.length - 1];
      if (horz >= 2 && prev) {
        prev.colSpan += colSpan;
        prev.lines.push(...cell.lines);
        return;
      }
      cells.push({ lines: cell.lines, colSpan, rowSpan: 1, vCont: (def?.vertMerge[k] ?? 0) === 1 });
    });
    return { cells, header: r.def?.header ?? false };
  });
  const origins = new Map<number, CellInput>();
  for (const row of spanRows) {
    let column = 0;
    for (const cell of row.cells) {
      const origin = origins.get(column);
      if (cell.vCont && origin) origin.rowSpan++;
      else {
        origins.set(column, cell);
        cell.vCont = false;
      }
      column += cell.colSpan;
    }
  }
  let bodyIndex = spanRows.findIndex((r) => !r.header);
  if (bodyIndex < 0) bodyIndex = spanRows.length;
  return spanRows.map((r, i) => ({
    header: i < bodyIndex,
    cells: r.cells.filter((c) => !c.vCont).map(({ lines, colSpan, rowSpan }) => ({ lines, colSpan, rowSpan })),
  }));
}

/** Read a .doc file's bytes into blocks. Throws UnusableInputError when the file cannot be read. */
export function readDoc(bytes: Uint8Array): DocRead {
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof UnusableInputError) throw e;
    // Offsets and counts in a damaged file can point anywhere; whatever breaks, the file is corrupt.
    throw corrupt("its text or formatting tables cannot be read");
  }
}

function read(bytes: Uint8Array): DocRead {
  const { wd, table, data, fib } = open(bytes);
  const doc = new DocText(wd, table, data, fib);
  const styles = readStyles(table, fib);
  const reader = new ParagraphReader(doc, styles, sectionEnds(table, fib), readLists(table, fib), hasLegacyFont(table, fib));
  const out = new BlockBuilder({ paragraphs: reader.infos, pages: false });
  let t: TableState | undefined;
  const flush = () => {
    if (!t) return;
    // A row left open (a table cut off by a damaged file) still counts with the cells it has.
    if (t.lines.length) t.cells.push({ lines: t.lines, colSpan: 1, rowSpan: 1 });
    if (t.cells.length) t.rows.push({ cells: t.cells, def: undefined });
    out.table(tableRows(t.rows));
    t = undefined;
  };
  const boxes = textBoxes(table, fib);
  let nextBox = 0;
  /** Text boxes anchored in paragraph p, read as paragraphs (in a cell: lines that float out of it). */
  const boxesIn = (p: Para, inTable: boolean): Para[] => {
    const found: Para[] = [];
    while (nextBox < boxes.length && boxes[nextBox].anchor <= p.end) {
      const box = boxes[nextBox++];
      if (box.anchor >= p.start) found.push(...reader.textBox(box.start, box.end, inTable));
    }
    return found;
  };
  for (const p of reader.paragraphs(0, fib.ccpText)) {
    const depth = p.pap.itap ?? (p.pap.inTable ? 1 : 0);
    if (depth <= 0) {
      flush();
      out.paragraph(p.segs, placeOf(p, styles));
      // As the .docx path does with a text box: its paragraphs follow the paragraph it is anchored in.
      for (const b of boxesIn(p, false)) if ((b.pap.itap ?? (b.pap.inTable ? 1 : 0)) <= 0) out.paragraph(b.segs, placeOf(b, styles));
      continue;
    }
    t ??= { rows: [], cells: [], lines: [] };
    if (depth === 1 && p.pap.ttp) {
      // The row end mark: its paragraph carries the row's cell layout (sprmTDefTable).
      if (t.lines.length) t.cells.push({ lines: t.lines, colSpan: 1, rowSpan: 1 });
      t.rows.push({ cells: t.cells, def: p.pap.row });
      t.cells = [];
      t.lines = [];
      continue;
    }
    // A nested table's row end holds no text; its cells' paragraphs are lines of the outer cell.
    if (depth > 1 && p.pap.innerTtp) continue;
    t.lines.push(p.segs);
    // A text box in a cell: its lines are marked as text-box text, which the block builder puts after the table.
    for (const b of boxesIn(p, true)) t.lines.push(b.segs);
    if (depth === 1 && p.mark === 0x07) {
      t.cells.push({ lines: t.lines, colSpan: 1, rowSpan: 1 });
      t.lines = [];
    }
  }
  flush();

  // Footnotes after the body, as the .docx path lists them; list paragraphs and tables in notes are dropped there too.
  for (const [a, b] of footnoteRanges(table, fib)) {
    let shown = 0;
    for (const p of reader.paragraphs(fib.ccpText + a, fib.ccpText + b, false)) {
      if ((p.pap.itap ?? (p.pap.inTable ? 1 : 0)) > 0) continue;
      const place = placeOf(p, styles);
      if (place.listItem) continue;
      const before = out.blocks.length;
      out.paragraph(p.segs, { ...place, note: true });
      if (out.blocks.length > before) shown++;
    }
    if (!shown) out.paragraph([{ text: " ", bold: false, italic: false }], { note: true });
  }
  return { blocks: out.blocks, conversions: [...reader.conversions] };
}
