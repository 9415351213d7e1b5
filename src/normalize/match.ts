import { z } from "zod";
import { loadRules } from "../rules/load.js";
import type { Catalog, CatalogEntry } from "./catalog.js";
import { tokens } from "./fold.js";

/**
 * Matching a printed label to the catalog. A label is folded (accents, case, đ→d), split into
 * words, abbreviations expanded (rules/abbreviations.json) and phrase synonyms applied; it is
 * compared with every name and alias, with and without parenthetical notes, by an IDF-weighted
 * token-set Dice coefficient (a word shared by many indicators — "số", "tổng", "TTHC" — counts
 * less than one that tells them apart — "rà soát", "đúng hạn"), where a word one edit away
 * counts as present (typos), and, for the best candidates, by normalised edit distance over the
 * whole string (joined or split words). The nearest enclosing group row is the context: an
 * entry whose catalog parent is that group's id (or resembles its label) gains. See
 * docs/CATALOG.md for the numbers.
 */

/** Weight of the label similarity in the final score; the rest is context. */
export const LABEL_WEIGHT = 0.85;
/** Below this final score a record stays unmatched (indicatorId null). */
export const MATCH_THRESHOLD = 0.8;
/** How many best label candidates get the (slower) edit-distance comparison. */
const EDIT_CANDIDATES = 5;
/** Context of a record with no enclosing group: neither helps nor hurts an entry. */
const NEUTRAL_CONTEXT = 0.5;
/** Exact-word Dice from which one-edit word matches are also looked for. */
const FUZZY_FROM = 0.4;

export const AbbreviationsFile = z.object({
  $comment: z.string().optional(),
  abbreviations: z.array(z.object({ short: z.array(z.string().min(1)).min(1), long: z.string().min(1) })),
  synonyms: z.array(z.object({ from: z.string().min(1), to: z.string() })).default([]),
});
export type AbbreviationsFile = z.infer<typeof AbbreviationsFile>;

/** An enclosing group row of the record being matched, nearest first. */
export interface MatchContext {
  name: string;
  /** The id the group row matched, when it did. */
  indicatorId: string | null;
}

/** The best catalog entry for a label. */
export interface MatchResult {
  /** Catalog id, or null when the score is below MATCH_THRESHOLD. */
  id: string | null;
  /** Final score 0–1 of the best candidate (reported even when below the threshold). */
  score: number;
  /** Best candidate id regardless of the threshold (for `catalog unmatched` suggestions). */
  candidate: string | null;
}

/** A label turned into comparable form. */
interface Variant {
  tokens: string[];
  set: Set<string>;
  text: string;
  /** Sum of the IDF weights of `set` (filled lazily: weights exist only once the index is built). */
  weight?: number;
}

/** A context row prepared once per match call; textSim caches its similarity to parent entries. */
interface PreparedContext {
  id: string | null;
  variants: Variant[];
  textSim: Map<string, number>;
}

interface IndexedEntry {
  entry: CatalogEntry;
  variants: Variant[];
}

/** The catalog prepared for matching: built once per process (see `matcherFor`). */
export class Matcher {
  private readonly entries: IndexedEntry[];
  private readonly byId = new Map<string, IndexedEntry>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly abbr = new Map<string, string[]>();
  private readonly synonyms: Array<{ from: string; to: string }>;

  constructor(
    readonly catalog: Catalog,
    abbreviations: AbbreviationsFile,
  ) {
    for (const a of abbreviations.abbreviations) {
      const long = tokens(a.long);
      for (const s of a.short) this.abbr.set(tokens(s).join(" "), long);
    }
    // Synonyms are written in the catalog's own vocabulary; expand abbreviations inside them too.
    this.synonyms = abbreviations.synonyms.map((s) => ({
      from: ` ${this.expand(tokens(s.from)).join(" ")} `,
      to: ` ${this.expand(tokens(s.to)).join(" ")} `,
    }));
    this.entries = catalog.entries.map((entry) => ({
      entry,
      variants: [entry.name, ...entry.aliases].flatMap((l) => this.variants(l)),
    }));
    for (const e of this.entries) this.byId.set(e.entry.id, e);
    // Document frequency per entry (not per alias), so an entry with many aliases does not
    // make its own words look common.
    const df = new Map<string, number>();
    for (const e of this.entries) {
      for (const t of new Set(e.variants.flatMap((v) => v.tokens))) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = this.entries.length;
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + n / d));
    this.unknownIdf = Math.log(1 + n);
  }

  /** Folded, abbreviation-expanded words of a label ("Số TTHC" → so thu tuc hanh chinh). */
  normalize(label: string): string[] {
    let text = ` ${this.expand(tokens(label)).join(" ")} `;
    for (const s of this.synonyms) text = text.split(s.from).join(s.to);
    return text.trim().split(" ").filter(Boolean);
  }

  /** Best entry for a label given its enclosing groups (nearest first). */
  match(label: string, context: MatchContext[] = []): MatchResult {
    const label_ = this.variants(label);
    if (label_.length === 0) return { id: null, score: 0, candidate: null };
    const scored = this.entries.map((e) => ({ e, label: this.bestDice(label_, e.variants) }));
    scored.sort((a, b) => b.label - a.label);
    // Edit distance only for the leading candidates: it is the slow part and only refines them.
    for (const s of scored.slice(0, EDIT_CANDIDATES)) {
      if (s.label >= 0.98) continue; // already (nearly) exact: nothing to refine
      for (const lv of label_) for (const ev of s.e.variants) s.label = Math.max(s.label, editSimilarity(lv.text, ev.text, s.label));
    }
    const ctx: PreparedContext[] = context.map((c) => ({ id: c.indicatorId, variants: this.variants(c.name), textSim: new Map() }));
    let best: { id: string; score: number } | null = null;
    for (const s of scored) {
      // The context term is at most 1 - LABEL_WEIGHT, so a candidate that cannot beat the
      // current best on its label alone is skipped.
      if (best && LABEL_WEIGHT * s.label + (1 - LABEL_WEIGHT) <= best.score) continue;
      const score = LABEL_WEIGHT * s.label + (1 - LABEL_WEIGHT) * this.contextScore(s.e.entry, ctx);
      if (!best || score > best.score) best = { id: s.e.entry.id, score };
    }
    if (!best) return { id: null, score: 0, candidate: null };
    const score = Math.round(best.score * 1000) / 1000;
    return { id: score >= MATCH_THRESHOLD ? best.id : null, score, candidate: best.id };
  }

  /**
   * How well the record's enclosing groups fit the entry's catalog parent: 1 when the nearest
   * group matched that parent; less when it matched a coarser ancestor of it (a template that
   * skips a level) or a finer descendant; otherwise the label similarity of the group to the
   * parent. Farther groups count 0.9× per step.
   */
  private contextScore(entry: CatalogEntry, context: PreparedContext[]): number {
    // A top-level row fits a reform-area entry exactly; a parented entry there is merely unproven.
    if (context.length === 0) return entry.parent === null ? 1 : NEUTRAL_CONTEXT;
    if (entry.parent === null) return 0.3; // an area heading nested under another row is unlikely
    const parent = entry.parent;
    const parentEntry = this.byId.get(parent);
    let best = 0;
    context.forEach((c, k) => {
      let rel = 0;
      if (c.id === parent) rel = 1;
      else if (c.id) {
        const up = this.catalog.ancestors(parent).indexOf(c.id);
        if (up >= 0) rel = Math.max(0.4, 0.85 - 0.15 * up);
        else if (this.catalog.ancestors(c.id).includes(parent)) rel = 0.6;
      }
      if (rel < 1 && parentEntry) {
        let sim = c.textSim.get(parent);
        if (sim === undefined) c.textSim.set(parent, (sim = this.bestDice(c.variants, parentEntry.variants)));
        rel = Math.max(rel, sim);
      }
      best = Math.max(best, rel * 0.9 ** k);
    });
    return best;
  }

  private expand(words: string[]): string[] {
    return words.flatMap((w) => this.abbr.get(w) ?? [w]);
  }

  /** The label as printed and without its parenthetical notes ("(Lũy kế …)"). */
  private variants(label: string): Variant[] {
    const texts = [label];
    const bare = label.replace(/\([^()]*\)?/g, " ").trim();
    if (bare !== label.trim() && bare !== "") texts.push(bare);
    return texts
      .map((t) => this.normalize(t))
      .filter((t) => t.length > 0)
      .map((t) => ({ tokens: t, set: new Set(t), text: t.join(" ") }));
  }

  private setWeight(set: Set<string>): number {
    let w = 0;
    for (const t of set) w += this.weight(t);
    return w;
  }

  private weight(t: string): number {
    return this.idf.get(t) ?? this.unknownIdf;
  }

  private bestDice(a: Variant[], b: Variant[]): number {
    let best = 0;
    for (const x of a) for (const y of b) best = Math.max(best, this.dice(x, y));
    return best;
  }

  /** IDF-weighted Dice over word sets; a word one edit from an unused word counts 0.9. */
  private dice(va: Variant, vb: Variant): number {
    const a = va.set;
    const b = vb.set;
    const wa = (va.weight ??= this.setWeight(a));
    const wb = (vb.weight ??= this.setWeight(b));
    let shared = 0;
    const unused = [...b].filter((t) => !a.has(t));
    for (const t of a) if (b.has(t)) shared += 2 * this.weight(t);
    // Typos can only lift a pair that already shares most of its weight; skipping the rest keeps
    // the edit-distance work to a handful of candidates.
    if (shared / (wa + wb || 1) < FUZZY_FROM) return wa + wb === 0 ? 0 : shared / (wa + wb);
    for (const t of a) {
      if (b.has(t)) continue;
      // Typo tolerance only for words of 5+ letters: short Vietnamese syllables one edit apart
      // are different words (hanh/thanh, tinh/dinh), long ones rarely are.
      if (t.length < 5) continue;
      const i = unused.findIndex((u) => u.length >= 5 && levenshtein(t, u, 1) <= 1);
      if (i >= 0) {
        shared += 0.9 * (this.weight(t) + this.weight(unused[i]));
        unused.splice(i, 1);
      }
    }
    return wa + wb === 0 ? 0 : shared / (wa + wb);
  }
}

/**
 * 1 − edit distance / longer length. With `atLeast`, gives up (returning 0) as soon as the result
 * cannot exceed it, which keeps long labels cheap.
 */
export function editSimilarity(a: string, b: string, atLeast = 0): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  const max = Math.floor((1 - atLeast) * n);
  const d = levenshtein(a, b, max);
  return d > max ? 0 : 1 - d / n;
}

/** Levenshtein distance; with `max`, stops early and returns max + 1 once it is exceeded. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

let shared: Matcher | null = null;

/** The matcher over rules/catalog.json and rules/abbreviations.json, built once per process. */
export function projectMatcher(catalog: Catalog): Matcher {
  if (!shared || shared.catalog !== catalog) {
    shared = new Matcher(catalog, loadRules("abbreviations.json", AbbreviationsFile));
  }
  return shared;
}
