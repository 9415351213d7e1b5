import { z } from "zod";
import type { Block } from "../model/document.js";
import { foldKeepLength } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";
import { isLayoutTable } from "./layout.js";

const AppendixRules = z.object({ labels: z.array(z.object({ id: z.string(), pattern: z.string() })) });
let labels: RegExp[] | undefined;

/**
 * The appendix label at the start of a text ("PHỤ LỤC 1a", "BIỂU MẪU 3", "Phụ lục"), as printed,
 * or null. Matching is accent-insensitive (rules/appendix.json).
 */
export function appendixLabel(text: string): string | null {
  labels ??= loadRules("appendix.json", AppendixRules).labels.map((l) => new RegExp(l.pattern));
  const line = text.trim().split("\n")[0].trim();
  const folded = foldKeepLength(line);
  for (const re of labels) {
    const m = re.exec(folded);
    if (m) return line.slice(0, m[0].length).trim();
  }
  return null;
}

/**
 * "<appendix label>: <subtitle>" for the table starting at `blockIndex`: looks back over the
 * paragraphs since the previous table for the nearest appendix label; the subtitle is the rest
 * of that paragraph or the next paragraph that is not a "(Kèm theo …)" caption.
 */
export function tableTitle(blocks: Block[], blockIndex: number): string | null {
  const paras: string[] = [];
  for (let i = blockIndex - 1; i >= 0 && paras.length < 8; i--) {
    const b = blocks[i];
    if (b.kind === "table" && !isLayoutTable(b)) break;
    if (b.kind === "paragraph" && b.text.trim()) paras.unshift(b.text.trim());
  }
  for (let k = paras.length - 1; k >= 0; k--) {
    const label = appendixLabel(paras[k]);
    if (!label) continue;
    const restOfPara = paras[k].slice(label.length).replace(/^[\s:.\-–]+/, "");
    const subtitle = restOfPara || paras.slice(k + 1).find((p) => !p.startsWith("(")) || "";
    const clean = subtitle
      .split("\n")
      .filter((l) => !/^\(/.test(l.trim()))
      .join(" ")
      // The "(Kèm theo Báo cáo số …)" caption is metadata, not part of the title.
      .replace(/\*?\((ban hành )?kèm theo[^)]*\)\*?/giu, "")
      .replace(/[*\s]+$/g, "")
      .replace(/\s+/g, " ")
      .trim();
    return clean ? `${label}: ${clean}` : label;
  }
  return null;
}
