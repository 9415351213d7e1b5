import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { DEFAULT_EXTENSIONS } from "../../ingest/formats.js";

/** Extensions picked up inside folders (case-insensitive): every registered format's. */
export { DEFAULT_EXTENSIONS };

export interface WalkOptions {
  extensions?: string[];
  /** Called for paths that are skipped with a reason worth telling (a symlink loop). */
  onSkip?: (path: string, reason: string) => void;
}

/**
 * Yields the files to ingest, one at a time, in a stable order (names sorted within each
 * folder), so the file list is never held whole. A path named on the command line is always
 * yielded when it is a file (or does not exist: the pipeline then records the reason); inside
 * folders, hidden entries (names starting with ".": .git, LibreOffice's .~lock files) are
 * skipped and only the given extensions are taken. Symbolic links are followed; a folder reached twice
 * (a link loop, or two links to one folder) and a file reached twice are walked once, by
 * their real path.
 */
export async function* walkInputs(inputs: string[], options: WalkOptions = {}): AsyncGenerator<string> {
  const extensions = new Set(([...(options.extensions ?? DEFAULT_EXTENSIONS)]).map((e) => e.toLowerCase()));
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function* visitFile(path: string): AsyncGenerator<string> {
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    yield path;
  }

  async function* visitDir(dir: string): AsyncGenerator<string> {
    const real = await realpath(dir);
    if (seenDirs.has(real)) {
      options.onSkip?.(dir, "folder already visited (symbolic link loop or second link to it)");
      return;
    }
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.onSkip?.(dir, `cannot read folder: ${(e as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        // A broken link with a report's extension is yielded so it is recorded as failed.
        isDir = target?.isDirectory() ?? false;
        isFile = target ? target.isFile() : true;
      }
      if (isDir) yield* visitDir(path);
      else if (isFile && extensions.has(extname(entry.name).toLowerCase())) yield* visitFile(path);
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
  for await (const _ of walkInputs(inputs, { ...options, onSkip: undefined })) n++;
  return n;
}
