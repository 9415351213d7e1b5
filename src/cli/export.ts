import { FILE_FORMATS, isFileFormat, parseKinds, writeExportFile } from "../export/index.js";
import { openReader } from "../store/connect.js";
import { EXPORT_KINDS, jsonExportRow } from "../store/exports.js";
import { type Args, flagString } from "./args.js";
import { choiceFlag, dbPath, guard, UsageError } from "./common.js";
import { writeRows } from "./format/rows.js";
import { checkOutputPath, Sink } from "./format/sink.js";

export const exportHelp = `Usage: baocao export --what documents|sections|indicators|tasks|targets|tables|cells|values|matrix [--format csv|jsonl|json|parquet|xlsx] [--raw] [--out FILE] [--db FILE]

Writes every stored record of one kind, with the document it came from (path, issuer,
period), ordered by document and position. A CSV file starts with a UTF-8 byte order mark so
Excel shows Vietnamese correctly (not on stdout), text cells that a spreadsheet would run as a
formula (=, +, -, @ first) get a leading apostrophe, uses CRLF line ends and quotes fields as RFC 4180 says; list
columns (code_path, flags, topics) hold JSON text. In json/jsonl those columns are real
arrays, metadata_json becomes a "metadata" object and is_group a boolean.

Options:
  --what KIND      documents, sections, indicators, tasks or targets (required); also
                   tables (every table: kind, title, header path per column; layout ones
                   marked), cells (every body cell with its column header), values (one row
                   per indicator and value column) and matrix (score/ranking table cells)
  --format F       csv (default), jsonl, json; parquet (typed columns: integers, doubles,
                   booleans, text) and xlsx (one sheet per kind, header row frozen, formula-like
                   text neutralised as in CSV) need --out; for xlsx --what may list several
                   kinds (indicators,values) or say all
  --raw            the values as extracted; by default documents, indicators, tasks and
                   targets are the reviewed data: the corrections made in \`baocao serve\`
                   applied, review_status/reviewer/reviewed_at added, rejected records left out
  --out FILE       write there (folder created) instead of stdout; written to a temporary
                   file and renamed at the end, and never onto an SQLite database
  --db FILE        database (default data/baocao.sqlite)

Examples:
  baocao export --what indicators --out out/indicators.csv
  baocao export --what sections --format jsonl | head
  baocao export --what documents --format json --out documents.json
  baocao export --what cells --out out/cells.csv
  baocao export --what values --format parquet --out out/values.parquet
  baocao export --what all --format xlsx --out out/baocao.xlsx`;

export async function runExport(args: Args): Promise<number> {
  return guard(exportHelp, async () => {
    const what = flagString(args, "what") ?? args.positional[0];
    if (!what) throw new UsageError("Say what to export with --what.");
    const format = choiceFlag(args, "format", ["csv", "jsonl", "json", ...FILE_FORMATS] as const, "csv");
    const kinds = parseKinds(what, EXPORT_KINDS);
    if (!kinds || (kinds.length > 1 && format !== "xlsx"))
      throw new UsageError(`--what must be one of ${EXPORT_KINDS.join(", ")}${format === "xlsx" ? ", several of them separated by commas, or all" : " (several kinds at once only with --format xlsx)"}.`);
    const file = dbPath(args);
    const out = flagString(args, "out");
    if (isFileFormat(format) && (!out || out === "-")) throw new UsageError(`--format ${format} writes a binary file: name it with --out FILE.`);
    if (out && out !== "-") checkOutputPath(out, [file]);
    const raw = args.flags.has("raw");
    const db = await openReader(file);
    try {
      if (isFileFormat(format)) {
        const sources = await Promise.all(kinds.map(async (kind) => ({ kind, rows: await db.exportRows(kind, { raw }) })));
        const r = await writeExportFile(format, out!, sources, { protect: [file] });
        process.stderr.write(`${Object.entries(r.rows).map(([kind, n]) => `${n} ${kind}`).join(", ")} row(s) written to ${out}\n`);
        if (r.truncatedCells) process.stderr.write(`warning: ${r.truncatedCells} text cell(s) cut at Excel's 32767 characters (the csv, json and parquet exports keep them whole)\n`);
        return 0;
      }
      const what = kinds[0];
      const { columns, rows } = await db.exportRows(what, { raw });
      const sink = new Sink(out, { protect: [file] });
      let n: number;
      try {
        n = await writeRows(sink, columns, rows, format, { jsonRow: jsonExportRow });
        await sink.close();
      } finally {
        sink.discard();
      }
      if (out) process.stderr.write(`${n} ${what} row(s) written to ${out}\n`);
      return 0;
    } finally {
      await db.close();
    }
  });
}
