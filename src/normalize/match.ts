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
  /** IDF weight of each word of `set`, in the set's order (filled with `weight`). */
  weights?: Float64Array;
  /** How often each character occurs in `text` (filled when edit distance first needs it). */
  chars?: Uint16Array;
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

/** A candidate entry and its label similarity. */
interface Scored {
  e: IndexedEntry;
  label: number;
}

/**
 * How many match results are remembered. Reports from the same templates repeat the same labels
 * under the same groups, so a batch mostly asks questions already answered; a few thousand
 * results are a few hundred kilobytes.
 */
const CACHE_SIZE = 4096;
/** Characters used to join a match call's parts into its cache key. */
const SEPARATORS = /[\u0001-\u0003]/;

/** The catalog prepared for matching: built once per process (see `matcherFor`). */
export class Matcher {
  private readonly entries: IndexedEntry[];
  private readonly byId = new Map<string, IndexedEntry>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly abbr = new Map<string, string[]>();
  private readonly synonyms: Array<{ from: string; to: string }>;
  /** Every entry's variants in one list, and the index of the entry each belongs to. */
  private readonly allVariants: Variant[] = [];
  private readonly owner: number[] = [];
  /** Word → indices (ascending) into `allVariants` of the variants with that word. */
  private readonly postings = new Map<string, number[]>();
  /** Recent results by label and context, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, MatchResult>();
  /** Prepared context labels (their variants do not depend on the label being matched). */
  private readonly contextVariants = new Map<string, Variant[]>();
  /** Per variant of `allVariants`: the exact-word part of the Dice numerator for the label variant being scored, valid where `touched` holds the current stamp. */
  private readonly sharedWeight: Float64Array;
  private readonly touched: Uint32Array;
  private stamp = 0;
  /** Label similarity per entry for the current match call. */
  private readonly labelSim: Float64Array;

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
    this.entries.forEach((e, i) => {
      for (const t of new Set(e.variants.flatMap((v) => v.tokens))) df.set(t, (df.get(t) ?? 0) + 1);
      for (const v of e.variants) {
        for (const t of v.set) {
          let list = this.postings.get(t);
          if (!list) this.postings.set(t, (list = []));
          list.push(this.allVariants.length);
        }
        this.allVariants.push(v);
        this.owner.push(i);
      }
    });
    const n = this.entries.length;
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + n / d));
    this.unknownIdf = Math.log(1 + n);
    this.sharedWeight = new Float64Array(this.allVariants.length);
    this.touched = new Uint32Array(this.allVariants.length);
    this.labelSim = new Float64Array(n);
  }

  /** Folded, abbreviation-expanded words of a label ("Số TTHC" → so thu tuc hanh chinh). */
  normalize(label: string): string[] {
    let text = ` ${this.expand(tokens(label)).join(" ")} `;
    for (const s of this.synonyms) text = text.split(s.from).join(s.to);
    return text.trim().split(" ").filter(Boolean);
  }

  /** Best entry for a label given its enclosing groups (nearest first). */
  match(label: string, context: MatchContext[] = []): MatchResult {
    // The result depends on nothing but the label and the context rows' names and ids. Text
    // holding the separators themselves (control characters) is not remembered, so two
    // different questions can never share a key.
    let key = label;
    for (const c of context) key += `\u0001${c.name}\u0002${c.indicatorId ?? "\u0003"}`;
    if (SEPARATORS.test(label) || context.some((c) => SEPARATORS.test(c.name) || SEPARATORS.test(c.indicatorId ?? "")))
      return this.compute(label, context);
    let result = this.cache.get(key);
    if (result) {
      this.cache.delete(key); // re-inserted below as the most recently used
    } else {
      result = this.compute(label, context);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, result);
    return { ...result };
  }

  private compute(label: string, context: MatchContext[]): MatchResult {
    const label_ = this.variants(label);
    if (label_.length === 0) return { id: null, score: 0, candidate: null };
    // Label similarity = best Dice over (label variant, entry variant) pairs. Only a pair sharing
    // a word scores above 0 (typo words count only once exact words carry FUZZY_FROM of the
    // weight), so the exact-word sums are gathered from the word → variant postings, added in
    // the label's word order as dice() adds them (the same floating-point result); dice() runs in
    // full only for pairs past FUZZY_FROM. Entries sharing no word follow the scored ones in
    // catalog order with 0, where a stable sort of every entry would put them.
    const sim = this.labelSim;
    sim.fill(0);
    for (const lv of label_) {
      const wa = lv.weight ?? this.prepare(lv);
      const weights = lv.weights!;
      const stamp = ++this.stamp;
      const hits: number[] = [];
      let k = 0;
      for (const t of lv.set) {
        const list = this.postings.get(t);
        if (list) {
          const w2 = 2 * weights[k];
          for (const v of list) {
            if (this.touched[v] !== stamp) {
              this.touched[v] = stamp;
              this.sharedWeight[v] = 0;
              hits.push(v);
            }
            this.sharedWeight[v] += w2;
          }
        }
        k++;
      }
      for (const v of hits) {
        const ev = this.allVariants[v];
        const total = wa + (ev.weight ?? this.prepare(ev));
        const exact = this.sharedWeight[v] / total;
        const d = exact < FUZZY_FROM ? exact : this.dice(lv, ev);
        const i = this.owner[v];
        if (d > sim[i]) sim[i] = d;
      }
    }
    const scored: Scored[] = [];
    const rest: IndexedEntry[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (sim[i] > 0) scored.push({ e, label: sim[i] });
      else rest.push(e);
    }
    scored.sort((a, b) => b.label - a.label);
    // Edit distance only for the leading candidates: it is the slow part and only refines them.
    const lead = scored.slice(0, EDIT_CANDIDATES);
    for (let k = 0; lead.length < EDIT_CANDIDATES && k < rest.length; k++) lead.push({ e: rest[k], label: 0 });
    // Built by push onto a literal and held in a Float64Array below: the arrays then have one
    // shape whether empty or not, so the optimised compute() is not thrown away and recompiled
    // when the first record with (or without) a context, or a fractional context score, comes.
    const ctx: PreparedContext[] = [];
    for (const c of context) ctx.push({ id: c.indicatorId, variants: this.contextVariantsOf(c.name), textSim: new Map() });
    // The final best scores at least what any leading candidate already scores, so a candidate
    // only needs its edit similarity where it could reach that; below, the refinement cannot
    // change the outcome and editSimilarity may give up early. (The 1e-6 keeps exact ties.)
    const contextOf = new Float64Array(lead.length);
    for (let k = 0; k < lead.length; k++) contextOf[k] = this.contextScore(lead[k].e.entry, ctx);
    let floor = 0;
    lead.forEach((s, k) => (floor = Math.max(floor, LABEL_WEIGHT * s.label + (1 - LABEL_WEIGHT) * contextOf[k])));
    lead.forEach((s, k) => {
      if (s.label >= 0.98) return; // already (nearly) exact: nothing to refine
      const need = (floor - (1 - LABEL_WEIGHT) * contextOf[k]) / LABEL_WEIGHT - 1e-6;
      if (need >= 1) return;
      for (const lv of label_)
        for (const ev of s.e.variants) {
          const atLeast = Math.max(s.label, need);
          // The character-count difference bounds the edit distance from below: a pair it
          // already puts past the bound editSimilarity would give up at scores 0 there too.
          const n = Math.max(lv.text.length, ev.text.length);
          if (n > 0 && charDistance(lv, ev) > Math.floor((1 - atLeast) * n)) continue;
          s.label = Math.max(s.label, editSimilarity(lv.text, ev.text, atLeast));
        }
    });
    // Entries outside the scored ones that edit distance looked at keep their refined label.
    const order = scored.length >= EDIT_CANDIDATES ? scored : lead;
    let best: { id: string; score: number } | null = null;
    const consider = (e: IndexedEntry, labelScore: number) => {
      // The context term is at most 1 - LABEL_WEIGHT, so a candidate that cannot beat the
      // current best on its label alone is skipped.
      if (best && LABEL_WEIGHT * labelScore + (1 - LABEL_WEIGHT) <= best.score) return;
      const score = LABEL_WEIGHT * labelScore + (1 - LABEL_WEIGHT) * this.contextScore(e.entry, ctx);
      if (!best || score > best.score) best = { id: e.entry.id, score };
    };
    for (const s of order) consider(s.e, s.label);
    // The remaining entries have a label similarity of 0: they matter only while nothing scored
    // above the context term alone.
    for (let k = order.length - scored.length; k < rest.length; k++) {
      if (best && 1 - LABEL_WEIGHT <= (best as { score: number }).score) break;
      consider(rest[k], 0);
    }
    if (!best) return { id: null, score: 0, candidate: null };
    const found = best as { id: string; score: number };
    const score = Math.round(found.score * 1000) / 1000;
    return { id: score >= MATCH_THRESHOLD ? found.id : null, score, candidate: found.id };
  }

  private contextVariantsOf(name: string): Variant[] {
    let v = this.contextVariants.get(name);
    if (!v) {
      if (this.contextVariants.size >= CACHE_SIZE) this.contextVariants.clear();
      this.contextVariants.set(name, (v = this.variants(name)));
    }
    return v;
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
      // (The id is tested before it is compared, so the comparison only ever sees strings.)
      if (!c.id) {
        // no id: only the label similarity below
      } else if (c.id === parent) rel = 1;
      else {
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

  /** Fills `weight` and `weights` of a variant (summed in set order). */
  private prepare(v: Variant): number {
    const weights = new Float64Array(v.set.size);
    let w = 0;
    let k = 0;
    for (const t of v.set) {
      const x = this.idf.get(t) ?? this.unknownIdf;
      weights[k++] = x;
      w += x;
    }
    v.weights = weights;
    return (v.weight = w);
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
    const wa = va.weight ?? this.prepare(va);
    const wb = vb.weight ?? this.prepare(vb);
    const weightsA = va.weights!;
    let shared = 0;
    let k = 0;
    for (const t of a) {
      if (b.has(t)) shared += 2 * weightsA[k];
      k++;
    }
    // Typos can only lift a pair that already shares most of its weight; skipping the rest keeps
    // the edit-distance work to a handful of candidates.
    if (shared / (wa + wb || 1) < FUZZY_FROM) return wa + wb === 0 ? 0 : shared / (wa + wb);
    const unused = [...b].filter((t) => !a.has(t));
    for (const t of a) {
      if (b.has(t)) continue;
      // Typo tolerance only for words of 5+ letters: short Vietnamese syllables one edit apart
      // are different words (hanh/thanh, tinh/dinh), long ones rarely are.
      if (t.length < 5) continue;
      const i = unused.findIndex((u) => u.length >= 5 && withinOneEdit(t, u));
      if (i >= 0) {
        shared += 0.9 * (this.weight(t) + this.weight(unused[i]));
        unused.splice(i, 1);
      }
    }
    return wa + wb === 0 ? 0 : shared / (wa + wb);
  }
}

/** Lower bound of the edit distance of two variants' texts: the larger one-sided difference of their character counts. */
function charDistance(a: Variant, b: Variant): number {
  const ca = (a.chars ??= charCounts(a.text));
  const cb = (b.chars ??= charCounts(b.text));
  let more = 0;
  let less = 0;
  for (let c = 0; c < 128; c++) {
    const d = ca[c] - cb[c];
    if (d > 0) more += d;
    else less -= d;
  }
  return more > less ? more : less;
}

/** Character counts of a folded text (ASCII after folding; anything else shares the last slot, which only weakens the bound). */
function charCounts(text: string): Uint16Array {
  const counts = new Uint16Array(128);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts[c < 127 ? c : 127]++;
  }
  return counts;
}

/** Whether two strings are at most one insertion, deletion or substitution apart (levenshtein ≤ 1). */
function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1) return false;
  let i = 0;
  while (i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === lb) return true; // equal, or `a` has one extra character at the end
  // First difference at i: substitution (same length) or an extra character in `a`.
  const skipB = la === lb ? 1 : 0;
  for (let j = i + 1; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j - 1 + skipB)) return false;
  return true;
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

/** Rows of the edit-distance table, reused across calls (grown when a longer string comes). */
let rowA = new Uint32Array(256);
let rowB = new Uint32Array(256);

/** Levenshtein distance; with `max`, stops early and returns max + 1 once it is exceeded. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  if (rowA.length <= m) {
    rowA = new Uint32Array(2 * (m + 1));
    rowB = new Uint32Array(2 * (m + 1));
  }
  let prev = rowA;
  let cur = rowB;
  // Only cells within `max` of the diagonal can lie on a path of cost ≤ max (each step off the
  // diagonal costs an edit); cells outside the band hold a value above max (Ukkonen's cut-off).
  const band = Math.min(max, Math.max(a.length, m));
  const over = band + 1; // any value > max in the cells that are never on a cheap path
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : over + j;
  for (let i = 1; i <= a.length; i++) {
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < m ? i + band : m;
    cur[0] = i;
    if (lo > 1) cur[lo - 1] = over + i; // left edge of the band: out of reach
    let rowMin = lo === 1 ? i : Infinity;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = over + i; // right edge: read by the next row as `prev[j]`
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

let shared: Matcher | null = null;

/** The matcher over rules/catalog.json and rules/abbreviations.json, built once per process. */
export function projectMatcher(catalog: Catalog): Matcher {
  if (!shared || shared.catalog !== catalog) {
    shared = new Matcher(catalog, loadRules("abbreviations.json", AbbreviationsFile));
  }
  return shared;
}
