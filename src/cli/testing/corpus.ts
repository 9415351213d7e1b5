import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** data/samples of this checkout (tests never read ../shared). */
export const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "data", "samples");

export function tempDir(prefix = "baocao-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies samples into dir under new names: { "a/x.txt": "002.txt" }. Returns dir. */
export function corpus(dir: string, files: Record<string, string>): string {
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    copyFileSync(join(SAMPLES, from), join(dir, to));
  }
  return dir;
}

/** Writes a file with the given content (for broken inputs). */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}
