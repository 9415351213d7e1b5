import { openReader } from "../store/connect.js";
import { EXPORT_KINDS, type ExportKind, jsonExportRow } from "../store/exports.js";
import { type Args, flagString } from "./args.js";
import { choiceFlag, dbPath, guard, UsageError } from "./common.js";
import { writeRows } from "./format/rows.js";
import { checkOutputPath, Sink } from "./format/sink.js";

export const exportHelp = `Usage: baocao export --what documents|sections|indicators|tasks|targets|tables|cells|values|matrix [--format csv|jsonl|json] [--out FILE] [--db FILE]

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
  --format F       csv (default), jsonl, json
  --out FILE       write there (folder created) instead of stdout; written to a temporary
                   file and renamed at the end, and never onto an SQLite database
  --db FILE        database (default data/baocao.sqlite)

Examples:
  baocao export --what indicators --out out/indicators.csv
  baocao export --what sections --format jsonl | head
  baocao export --what documents --format json --out documents.json
  baocao export --what cells --out out/cells.csv`;

export async function runExport(args: Args): Promise<number> {
  return guard(exportHelp, async () => {
    const what = flagString(args, "what") ?? args.positional[0];
    if (!what) throw new UsageError("Say what to export with --what.");
    if (!(EXPORT_KINDS as string[]).includes(what)) throw new UsageError(`--what must be one of ${EXPORT_KINDS.join(", ")}.`);
    const format = choiceFlag(args, "format", ["csv", "jsonl", "json"] as const, "csv");
    const file = dbPath(args);
    const out = flagString(args, "out");
    if (out && out !== "-") checkOutputPath(out, [file]);
    const db = await openReader(file);
    try {
      const { columns, rows } = await db.exportRows(what as ExportKind);
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
