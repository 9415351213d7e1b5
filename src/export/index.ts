/**
 * Binary exports for analysts: `baocao export --format parquet|xlsx`. The command hands over
 * the store's rows of each kind; this module types the columns (columns.ts), writes the file
 * through a temporary name beside the target and renames it at the end, so a failed export
 * leaves the old file as it was, or nothing — never a half-written one.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { RefusedError, friendlyError } from "../cli/common.js";
import { checkOutputPath } from "../cli/format/sink.js";
import type { RowSet } from "../store/types.js";
import { exportColumns } from "./columns.js";
import { writeParquet } from "./parquet.js";
import { xlsxBytes } from "./xlsx.js";


/** Formats written as files by this module (the text ones are streamed by cli/format/rows.ts). */
export const FILE_FORMATS = ["parquet", "xlsx"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const isFileFormat = (f: string): f is FileFormat => (FILE_FORMATS as readonly string[]).includes(f);

/** One kind to export: its name and its rows as the store reads them (column names and declared types). */
export interface ExportSource {
  kind: string;
  rows: RowSet;
}

const typedColumns = (r: RowSet) => exportColumns(r.columns.map((name, i) => ({ name, type: r.types?.[i] ?? null })));

/**
 * Makes sure `out` can be written before any work: its folder is created and a temporary file
 * opened there. A path that cannot be written (a file where a folder should be, a read-only
 * disk, no permission) is refused with the reason (exit 2), and nothing is left behind.
 * Returns the temporary file's name.
 */
function claimOutput(out: string, protect: readonly string[]): string {
  checkOutputPath(out, protect);
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(out), { recursive: true });
    closeSync(openSync(temp, "w"));
  } catch (e) {
    removeQuietly(temp);
    throw new RefusedError(`cannot write --out ${out}: ${friendlyError(e)}`);
  }
  return temp;
}

/**
 * Writes the kinds to `out` as Parquet (exactly one kind: a Parquet file is one table) or xlsx
 * (one sheet per kind). Returns rows written per kind and, for xlsx, the text cells cut at
 * Excel's cell limit.
 */
export async function writeExportFile(
  format: FileFormat,
  out: string,
  sources: readonly ExportSource[],
  options: { protect?: readonly string[] } = {},
): Promise<{ rows: Record<string, number>; truncatedCells: number }> {
  const temp = claimOutput(out, options.protect ?? []);
  try {
    let result: { rows: Record<string, number>; truncatedCells: number };
    if (format === "parquet") {
      if (sources.length !== 1) throw new Error("a Parquet file holds one kind of record");
      const [s] = sources;
      const n = await writeParquet(temp, typedColumns(s.rows), s.rows.rows);
      result = { rows: { [s.kind]: n }, truncatedCells: 0 };
    } else {
      const sheets = sources.map((s) => ({
        name: s.kind,
        columns: typedColumns(s.rows),
        rows: s.rows.rows,
      }));
      const { bytes, result: r } = await xlsxBytes(sheets);
      writeFileSync(temp, bytes);
      result = r;
    }
    renameSync(temp, out);
    return result;
  } finally {
    removeQuietly(temp);
  }
}

/** Removes a temporary file if it is there (rmSync's force still throws under a non-folder). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing was created there
  }
}

/**
 * The kinds `--what` names: one kind, or for xlsx a comma-separated list or `all` (every kind,
 * one sheet each). Returns null when a name is not a kind.
 */
export function parseKinds<K extends string>(what: string, kinds: readonly K[]): K[] | null {
  if (what === "all") return [...kinds];
  const asked = what.split(",").map((s) => s.trim()).filter(Boolean);
  if (!asked.length || asked.some((k) => !(kinds as readonly string[]).includes(k))) return null;
  return [...new Set(asked)] as K[];
}
