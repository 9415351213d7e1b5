import { z } from "zod";
import { fold } from "../rules/fold.js";
import { loadRules } from "../rules/load.js";

/**
 * Canonical CCHC topics (rules/topics.json) for section titles, so "all 'tồn tại, hạn chế'
 * paragraphs of 2024 reports" is one query whatever each unit called the section.
 */

const TopicRule = z.object({
  /** Stable id stored on sections ("tthc", "ton_tai_han_che"). */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Vietnamese name of the topic, for people reading the rules and the database. */
  name: z.string(),
  /** Phrases in folded form, matched as whole words anywhere in the folded title. */
  aliases: z.array(z.string()).default([]),
  /** Regular expressions against the folded title. */
  patterns: z.array(z.string()).default([]),
  /** Phrases or regular expressions that veto the topic ("phản ánh, kiến nghị" is not a kiến nghị section). */
  exclude: z.array(z.string()).default([]),
  /** Section levels the topic applies to (1 = Roman); all levels when absent. */
  levels: z.array(z.number().int().min(1)).optional(),
});

export const TopicsFile = z.object({ topics: z.array(TopicRule).min(1) });
export type TopicsFile = z.infer<typeof TopicsFile>;

/** Topic rules ready to match. */
export interface TopicMatcher {
  /** Canonical topic ids of a title, in rules order; [] when none applies. */
  match(title: string, level?: number): string[];
  /** The ids the rules define, in order. */
  ids: string[];
}

/**
 * Folded words of a title: accents off, đ→d, lowercase, every run of punctuation a single space,
 * so "Chỉ đạo, điều hành" and "CHỈ ĐẠO - ĐIỀU HÀNH" both read "chi dao dieu hanh".
 */
export function foldWords(text: string): string {
  return fold(text).replace(/[^a-z0-9&]+/g, " ").trim();
}

/** Compiles validated topic rules. Aliases are folded here too, so they may be written with accents. */
export function compileTopics(file: TopicsFile): TopicMatcher {
  const compiled = file.topics.map((t) => {
    const re = (p: string) => {
      try {
        return new RegExp(p, "u");
      } catch (e) {
        throw new Error(`rules/topics.json: topic ${t.id} has an invalid pattern: ${(e as Error).message}`);
      }
    };
    const phrase = (a: string) => ` ${foldWords(a)} `;
    return {
      id: t.id,
      levels: t.levels,
      aliases: t.aliases.map(phrase),
      patterns: t.patterns.map(re),
      // An exclude entry is a phrase unless it contains regex syntax.
      exclude: t.exclude.map((e) => (/[\\^$()[\]|*+?]/.test(e) ? re(e) : phrase(e))),
    };
  });
  return {
    ids: compiled.map((t) => t.id),
    match(title, level) {
      const words = foldWords(title);
      const padded = ` ${words} `;
      const hits = (x: string | RegExp) => (typeof x === "string" ? padded.includes(x) : x.test(words));
      return compiled
        .filter((t) => level === undefined || !t.levels || t.levels.includes(level))
        .filter((t) => (t.aliases.some(hits) || t.patterns.some(hits)) && !t.exclude.some(hits))
        .map((t) => t.id);
    },
  };
}

let cached: TopicMatcher | undefined;

/** The project's rules/topics.json, loaded once. */
export function topicMatcher(): TopicMatcher {
  cached ??= compileTopics(loadRules("topics.json", TopicsFile));
  return cached;
}
