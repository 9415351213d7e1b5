import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { DEFAULT_EXTENSIONS } from "../ingest/formats.js";

/** Extensions picked up inside folders (case-insensitive): every registered format's. */
export { DEFAULT_EXTENSIONS };

export interface WalkOptions {
  extensions?: string[];
  /** Called for paths that are skipped with a reason worth telling (a symlink loop). */
  onSkip?: (path: string, reason: string) => void;
  /**
   * Filled with the byte paths of files whose names are not valid UTF-8, by the name yielded
   * for them (displayName). Without it such files are still yielded, but only by that name.
   */
  rawPaths?: Map<string, Buffer>;
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true });

/**
 * A file name as text: as it is when it is UTF-8; otherwise every byte outside ASCII written
 * as \xNN ("b\xe1o c\xe1o.txt" for a Latin-1 "báo cáo.txt"), so the name is stored and shown
 * the same way on every run and no two names collapse into one "�".
 */
export function displayName(name: Buffer): string {
  try {
    return utf8Fatal.decode(name);
  } catch {
    return [...name].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");
  }
}

/**
 * Yields the files to ingest, one at a time, in a stable order (names sorted within each
 * folder), so the file list is never held whole. A path named on the command line is always
 * yielded when it is a file (or does not exist: the pipeline then records the reason); inside
 * folders, hidden entries (names starting with ".": .git, LibreOffice's .~lock files) are
 * skipped and only the given extensions are taken. Symbolic links are followed; a folder reached twice
 * (a link loop, or two links to one folder) and a file reached twice are walked once, by
 * their real path. Names are read as bytes, so a name that is not UTF-8 is still found
 * (options.rawPaths).
 */
export async function* walkInputs(inputs: string[], options: WalkOptions = {}): AsyncGenerator<string> {
  const extensions = new Set(([...(options.extensions ?? DEFAULT_EXTENSIONS)]).map((e) => e.toLowerCase()));
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function* visitFile(path: string, raw: string | Buffer = path): AsyncGenerator<string> {
    const real = await realpath(raw, { encoding: "buffer" }).then(
      (b) => b.toString("latin1"),
      () => (typeof raw === "string" ? raw : raw.toString("latin1")),
    );
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (typeof raw !== "string") options.rawPaths?.set(path, raw);
    yield path;
  }

  async function* visitDir(dir: string, raw: string | Buffer = dir): AsyncGenerator<string> {
    const real = (await realpath(raw, { encoding: "buffer" })).toString("latin1");
    if (seenDirs.has(real)) {
      options.onSkip?.(dir, "folder already visited (symbolic link loop or second link to it)");
      return;
    }
    seenDirs.add(real);
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(raw, { withFileTypes: true, encoding: "buffer" });
    } catch (e) {
      options.onSkip?.(dir, `cannot read folder: ${(e as Error).message}`);
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name[0] === 0x2e) continue; // "."
      const name = displayName(entry.name);
      const path = join(dir, name);
      const plain = typeof raw === "string" && name === entry.name.toString("utf8");
      const rawPath: string | Buffer = plain ? path : Buffer.concat([Buffer.from(typeof raw === "string" ? raw : raw), Buffer.from("/"), entry.name]);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(rawPath).catch(() => undefined);
        // A broken link with a report's extension is yielded so it is recorded as failed.
        isDir = target?.isDirectory() ?? false;
        isFile = target ? target.isFile() : true;
      }
      if (isDir) yield* visitDir(path, rawPath);
      else if (isFile && extensions.has(extname(name).toLowerCase())) yield* visitFile(path, rawPath);
    }
  }

  for (const input of inputs) {
    const path = normalize(input).replace(/(.)[\\/]+$/, "$1");
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) yield* visitDir(path);
    else yield* visitFile(path);
  }
}

/** Counts what walkInputs would yield (a cheap first pass, for the progress total and ETA). */
export async function countInputs(inputs: string[], options: WalkOptions = {}): Promise<number> {
  let n = 0;
  for await (const _ of walkInputs(inputs, { ...options, onSkip: undefined, rawPaths: undefined })) n++;
  return n;
}
