import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The parser version recorded with each document: baocao's package version. A file whose
 * stored row has the same path, sha256 and parser version is not parsed again; upgrading
 * baocao (a new version) re-parses everything on the next ingest. Found by walking up from
 * this module, so it works from src/ (tsx, vitest) and from dist/src/ alike.
 */
export const PARSER_VERSION: string = findVersion();

function findVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "baocao" && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  return "unknown";
}
