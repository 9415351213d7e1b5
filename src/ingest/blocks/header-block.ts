import type { Row } from "../../model/document.js";

/**
 * Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP on document format) open with a
 * borderless two-column table — issuing body and "Số: …" on the left, the national motto and
 * "<place>, ngày … tháng … năm …" on the right — and close with a signature table ("Nơi nhận:" on
 * the left, "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / <title> / <name>" on the right). They are
 * recognised from that text, not from their position, so a data table at the start of a page
 * is never mistaken for one.
 */

/** A text cue of a layout table. `id` names the cue in tests and messages. */
interface Cue {
  id: string;
  kind: "header" | "signature";
  pattern: RegExp;
}

const CUES: Cue[] = [
  { id: "motto.state", kind: "header", pattern: /CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM/iu },
  { id: "motto.independence", kind: "header", pattern: /Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc/iu },
  { id: "recipients", kind: "signature", pattern: /^\s*Nơi\s+nhận\s*:?/imu },
  // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. GIÁM ĐỐC", "TUQ. …", "Q. CHÁNH VĂN PHÒNG".
  { id: "signing.authority", kind: "signature", pattern: /^\s*(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}/mu },
  { id: "signing.title", kind: "signature", pattern: /^\s*(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|BÍ\s+THƯ)\s*$/mu },
];

/** "Số: 09/BC-UBND" and a date line together also make a header block, even without the motto. */
const NUMBER_LINE = /^\s*Số\s*:/mu;
const DATE_LINE = /ngày\s+\S*\s*tháng\s+\S*\s*năm\s+\d{4}/iu;

/** Layout tables are small: a data table has more rows or columns than any header block. */
const MAX_ROWS = 12;
const MAX_COLUMNS = 4;

/**
 * Decide whether a table is the official header block or the signature block. Returns which
 * one, or undefined for an ordinary (data) table.
 */
export function layoutKind(rows: Row[]): "header" | "signature" | undefined {
  if (rows.length === 0 || rows.length > MAX_ROWS || rows[0].cells.length > MAX_COLUMNS) return undefined;
  const text = rows.flatMap((r) => r.cells.map((c) => c.text)).join("\n");
  // A statistics table's first row names its columns; a header block never does.
  if (/^\s*(STT|TT|Chỉ tiêu)\s*$/imu.test(rows[0].cells.map((c) => c.text).join("\n"))) return undefined;
  for (const cue of CUES) if (cue.pattern.test(text)) return cue.kind;
  if (NUMBER_LINE.test(text) && DATE_LINE.test(text)) return "header";
  return undefined;
}
