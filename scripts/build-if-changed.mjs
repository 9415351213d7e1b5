#!/usr/bin/env node
/**
 * Compiles TypeScript (tsconfig.build.json) only when a source is newer than the last build, so
 * `npm start` does not spend seconds recompiling an unchanged tree. Sources: every .ts under
 * src/, extractors/, scripts/ and the tsconfig files; the last build is dist/.build-stamp,
 * written after a successful compile.
 *
 *   node scripts/build-if-changed.mjs            # exit 0, prints "build: up to date" or compiles
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const STAMP = join(ROOT, "dist/.build-stamp");

/** Newest modification time (ms) of the build's inputs. */
export function newestSource(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["src", "extractors", "scripts"]) if (existsSync(join(root, d))) visit(join(root, d));
  for (const f of ["tsconfig.json", "tsconfig.build.json", "package.json"]) if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest;
}

/** True when dist/ is missing or older than a source. */
export function needsBuild(root = ROOT) {
  const stamp = join(root, "dist/.build-stamp");
  return !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource(root);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!needsBuild()) {
    process.stderr.write("build: up to date\n");
  } else {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
    writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  }
}
