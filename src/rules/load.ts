import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";

/**
 * The rules/ folder at the project root, found from this module's location so it works both
 * from src/ (tests) and from dist/src/ (the built CLI).
 */
export function rulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "rules");
    try {
      readFileSync(join(candidate, "README.md"));
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error("Cannot find the rules/ folder next to the baocao installation.");
}

const cache = new Map<string, unknown>();

/** Loads and validates a rules file once per process; a bad file fails loudly with the zod issue. */
export function loadRules<T extends z.ZodTypeAny>(name: string, schema: T): z.infer<T> {
  const hit = cache.get(name);
  if (hit) return hit as z.infer<T>;
  const path = join(rulesDir(), name);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`Invalid rules file ${path}: ${parsed.error.message}`);
  cache.set(name, parsed.data);
  return parsed.data;
}
