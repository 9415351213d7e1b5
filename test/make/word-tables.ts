import { readFileSync } from "node:fs";
import JSZip from "jszip";

/**
 * The number of top-level w:tbl elements in a .docx's word/document.xml (a nested table is
 * part of its cell): Word's own table count, the oracle the stored tables are checked against.
 */
export async function wordTables(file: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  let depth = 0;
  let top = 0;
  for (const m of xml.matchAll(/<(\/?)w:tbl(?=[\s>])/g)) {
    if (m[1]) depth--;
    else if (depth++ === 0) top++;
  }
  return top;
}
