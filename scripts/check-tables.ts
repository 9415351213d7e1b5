/**
 * `npx tsx scripts/check-tables.ts DIR [--formats docx,pdf]`: checks that every table of every
 * document under DIR (a corpus laid out as DIR/FORMAT/ID.EXT, e.g. ../shared/corpus/real, or
 * any folder of reports) reaches the store. Each file is extracted and written to a scratch
 * database; per document it prints the table blocks the reader produced, the Word file's own
 * count of top-level tables (w:tbl in word/document.xml, for .docx), the stored tables with the
 * page fragments they join, and how many are layout / matrix tables. A document whose stored
 * fragments do not add up to its table blocks (or, for .docx, to the file's own count) is a
 * MISMATCH; the exit code is 1 when any is. A dev check: no test depends on the folder.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { wordTables } from "../test/make/word-tables.js";
import { extractFile } from "../src/pipeline/extract.js";
import { openStore } from "../src/store/open.js";
import { DocumentWriter } from "../src/store/write.js";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("Usage: npx tsx scripts/check-tables.ts DIR [--formats docx,pdf]\n");
  process.exit(2);
}
const fi = process.argv.indexOf("--formats");
const formats = (fi > 0 ? process.argv[fi + 1] : "docx,pdf,txt").split(",");

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : formats.includes(extname(p).slice(1)) ? [p] : [];
    });
}

const scratch = mkdtempSync(join(tmpdir(), "baocao-check-tables-"));
const db = openStore(join(scratch, "check.sqlite"));
const writer = new DocumentWriter(db, { groupSize: 1 });
const count = db.prepare(
  `SELECT count(*) AS tables, coalesce(sum(fragments), 0) AS fragments, coalesce(sum(kind = 'layout'), 0) AS layout,
          coalesce(sum(kind = 'matrix'), 0) AS matrix, group_concat(kind, ' ') AS kinds
     FROM doc_tables WHERE document_id = ?`,
);
const cells = db.prepare("SELECT count(*) AS n FROM table_cells WHERE document_id = ?");
let bad = 0;
let total = 0;
process.stdout.write("document                 blocks  word  stored  fragments  layout  matrix  cells  kinds\n");
for (const file of walk(dir)) {
  const { extraction, document } = await extractFile(file);
  if (!document) {
    process.stdout.write(`${file}: not read (${extraction.status})\n`);
    continue;
  }
  const blocks = document.blocks.filter((b) => b.kind === "table").length;
  const word = file.endsWith(".docx") ? await wordTables(file) : null;
  const { documentId } = writer.write(extraction, { parserVersion: "check" });
  const c = count.get(documentId) as { tables: number; fragments: number; layout: number; matrix: number; kinds: string | null };
  const n = (cells.get(documentId) as { n: number }).n;
  const ok = c.fragments === blocks && (word === null || word === blocks);
  if (!ok) bad++;
  total += c.tables;
  const name = file.slice(dir.length).replace(/^\//, "");
  process.stdout.write(
    `${name.padEnd(24)} ${String(blocks).padStart(6)} ${String(word ?? "-").padStart(5)} ${String(c.tables).padStart(7)} ${String(c.fragments).padStart(10)} ${String(c.layout).padStart(7)} ${String(c.matrix).padStart(7)} ${String(n).padStart(6)}  ${c.kinds ?? ""}${ok ? "" : "  MISMATCH"}\n`,
  );
}
writer.close();
db.close();
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${total} tables stored; ${bad} document(s) with a mismatch\n`);
process.exit(bad ? 1 : 0);
