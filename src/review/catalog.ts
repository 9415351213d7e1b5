import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CatalogEntry, CatalogFile } from "../normalize/catalog.js";
import { editSimilarity } from "../normalize/match.js";
import { fold } from "../rules/fold.js";
import { rulesDir } from "../rules/load.js";

/** rules/catalog.json of this installation. */
export const defaultCatalogPath = (): string => join(rulesDir(), "catalog.json");

/** Reads and validates a catalog file as the loader does (CatalogFile). */
export function readCatalog(path: string): CatalogFile {
  const parsed = CatalogFile.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`The catalog ${path} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** The catalog's entries whose name or an alias is closest to `label`, best first. */
export function candidates(catalog: CatalogFile, label: string, n = 3): { id: string; name: string; score: number }[] {
  const l = fold(label);
  if (!l.trim()) return [];
  return catalog.indicators
    .map((e: CatalogEntry) => ({ id: e.id, name: e.name, score: Math.max(...[e.name, ...e.aliases].map((a) => editSimilarity(l, fold(a)))) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((c) => ({ ...c, score: Math.round(c.score * 1000) / 1000 }));
}

/**
 * Adds `alias` to the entry `id` of the catalog at `path`: refused when the id is unknown or
 * the label is already the name or an alias (accent- and case-insensitively); the new file is
 * validated as the loader validates it before it replaces the old one (written beside it and
 * renamed, so a reader never sees half a file). Returns what was done.
 */
export function addAlias(path: string, id: string, alias: string): { added: boolean; message: string } {
  const label = alias.replace(/\s+/g, " ").trim();
  if (!label) return { added: false, message: "The label is empty; nothing added." };
  const text = readFileSync(path, "utf8");
  const catalog = readCatalog(path);
  const entry = catalog.indicators.find((e) => e.id === id);
  if (!entry) return { added: false, message: `The catalog has no indicator ${id}.` };
  if ([entry.name, ...entry.aliases].some((a) => fold(a) === fold(label))) return { added: false, message: `"${label}" is already a name of ${id}.` };
  // The file is edited in place, the entry's one-line "aliases" array rewritten, so a hand-kept
  // layout stays and the diff is one line; the result must parse to the catalog plus the alias.
  const at = text.indexOf(`"id": ${JSON.stringify(id)}`);
  const aliases = /"aliases": \[[^\n]*\]/g;
  aliases.lastIndex = at;
  const m = at < 0 ? null : aliases.exec(text);
  const next = [...entry.aliases, label];
  if (!m) return { added: false, message: `The aliases of ${id} are not on one line in ${path}; add the alias by hand.` };
  const updated = text.slice(0, m.index) + `"aliases": ${JSON.stringify(next).replace(/","/g, '", "')}` + text.slice(m.index + m[0].length);
  let checked;
  try {
    checked = CatalogFile.safeParse(JSON.parse(updated));
  } catch (e) {
    return { added: false, message: `The catalog would not be valid JSON: ${(e as Error).message}` };
  }
  if (!checked.success) return { added: false, message: `The catalog would not be valid: ${checked.error.message}` };
  const after = checked.data.indicators.find((e) => e.id === id);
  if (JSON.stringify(after?.aliases) !== JSON.stringify(next)) return { added: false, message: `The aliases of ${id} could not be found safely in ${path}; add the alias by hand.` };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, updated);
  renameSync(tmp, path);
  return { added: true, message: `Added "${label}" as an alias of ${id}; it applies from the next ingest.` };
}
