import { z } from "zod";
import { loadRules } from "../rules/load.js";
import { UnitKind } from "./units.js";

/**
 * The canonical indicator catalog (rules/catalog.json): one entry per indicator that means the
 * same thing across templates, units and years. Records get the entry's `id` as `indicatorId`.
 */

/** Reporting-unit levels (the Metadata.unitLevel values). */
export const CatalogLevel = z.enum(["xã", "huyện", "tỉnh", "sở"]);

/** One canonical indicator. */
export const CatalogEntry = z.object({
  /**
   * Stable dotted id, area first ("tthc.ho_so.dung_han.ty_le"). Stored in the database: never
   * rename one that has been released; add an alias instead.
   */
  id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "lower-case dotted id"),
  /** Canonical label, as a current template prints it. Matched like an alias. */
  name: z.string().min(1),
  /** count | percent | money | coded (answer from a legend) | text (heading rows). */
  kind: UnitKind,
  /** Canonical unit name from rules/units.json ("Hồ sơ", "%"), null for headings. */
  unit: z.string().nullable(),
  /**
   * Id of the enclosing group or rate row ("Tỷ lệ …" above its numerator and denominator), or
   * null for a reform area. Used as context to tell apart rows whose labels are the same.
   */
  parent: z.string().nullable(),
  /** Reporting-unit levels whose templates carry this indicator. */
  levels: z.array(CatalogLevel).min(1),
  /** Other labels seen for the same indicator; abbreviations need not be listed twice. */
  aliases: z.array(z.string().min(1)),
  /**
   * For a rate: the ids whose values it is computed from (value = 100 · numerator / denominator).
   * Checked by `rate.children_mismatch` against the rate's child or sibling rows.
   */
  ratio: z.object({ numerator: z.string(), denominator: z.string() }).optional(),
  /**
   * This indicator is one of several disjoint parts of that one (a breakdown: TTHC by level,
   * tasks by status); the parts together cannot exceed it (`children.sum_exceeds_parent`).
   */
  partOf: z.string().optional(),
  /** This indicator counts a subset of that one (dossiers on time ⊂ dossiers resolved); it cannot exceed it. */
  subsetOf: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CatalogFile = z
  .object({ $comment: z.string().optional(), indicators: z.array(CatalogEntry).min(1) })
  .superRefine((file, ctx) => {
    // Checked at load so a typo in a hand-edited catalog fails loudly instead of silently
    // breaking context matching.
    const ids = new Set<string>();
    for (const e of file.indicators) {
      if (ids.has(e.id)) ctx.addIssue({ code: "custom", message: `duplicate id ${e.id}` });
      ids.add(e.id);
    }
    const byId = new Map(file.indicators.map((e) => [e.id, e]));
    for (const e of file.indicators) {
      for (const ref of [e.ratio?.numerator, e.ratio?.denominator, e.partOf, e.subsetOf]) {
        if (ref !== undefined && !byId.has(ref)) ctx.addIssue({ code: "custom", message: `${e.id}: unknown id ${ref}` });
      }
      if (e.parent !== null && !byId.has(e.parent)) {
        ctx.addIssue({ code: "custom", message: `${e.id}: unknown parent ${e.parent}` });
        continue;
      }
      const seen = new Set([e.id]);
      for (let p = e.parent; p !== null; p = byId.get(p)?.parent ?? null) {
        if (seen.has(p)) {
          ctx.addIssue({ code: "custom", message: `${e.id}: parent cycle through ${p}` });
          break;
        }
        seen.add(p);
      }
    }
  });
export type CatalogFile = z.infer<typeof CatalogFile>;

/** The catalog with lookups, loaded and validated once per process. */
export interface Catalog {
  entries: CatalogEntry[];
  byId: Map<string, CatalogEntry>;
  /** Ids from `id`'s parent up to its area, nearest first (not including `id`). */
  ancestors(id: string): string[];
}

/** Builds the lookups over already-validated entries (tests pass their own). */
export function makeCatalog(entries: CatalogEntry[]): Catalog {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const chains = new Map<string, string[]>();
  const ancestors = (id: string): string[] => {
    let chain = chains.get(id);
    if (!chain) {
      chain = [];
      for (let p = byId.get(id)?.parent ?? null; p !== null; p = byId.get(p)?.parent ?? null) {
        chain.push(p);
      }
      chains.set(id, chain);
    }
    return chain;
  };
  return { entries, byId, ancestors };
}

let catalog: Catalog | null = null;

/** The project catalog from rules/catalog.json. */
export function loadCatalog(): Catalog {
  catalog ??= makeCatalog(loadRules("catalog.json", CatalogFile).indicators);
  return catalog;
}
