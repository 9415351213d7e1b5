import type { Document } from "../model/document.js";
import { type Message, message, type Result } from "../model/message.js";
import type { Section } from "../model/records.js";
import { classify } from "./classify.js";
import { findNarrativeEnd } from "./narrative-end.js";
import { type HeadingRules, headingRules } from "./rules.js";
import { type TopicMatcher, topicMatcher } from "./topics.js";
import { buildTree } from "./tree.js";


/** Rules to use instead of rules/headings.json and rules/topics.json (tests, experiments). */
export interface SectionOptions {
  headings?: HeadingRules;
  topics?: TopicMatcher;
}

/** The narrative tree and where the narrative stops. */
export interface SectionTree {
  /** Top-level sections (Roman headings when the report has them), children nested by numbering. */
  sections: Section[];
  /**
   * 0-based index into doc.blocks of the first block that is not narrative: the signature
   * block, Nơi nhận, or an appendix. doc.blocks.length when the document has none.
   */
  narrativeEnd: number;
}

/**
 * The section stage: reads the narrative's headings from their numbering (Roman → "1." → "2.1"
 * → "2.1.3" / "a)" → "*" → bold "-"), never from markdown or Word heading levels, so every
 * format's Document gives the same tree. A decision's articles ("Điều 1.") are not sections.
 */
export function buildSections(doc: Document, file: string, options: SectionOptions = {}): Result<SectionTree> {
  const rules = options.headings ?? headingRules();
  const topics = options.topics ?? topicMatcher();
  const end = findNarrativeEnd(doc.blocks, rules);
  const c = classify(doc.blocks, end.index, rules, file);
  const sections = buildTree(doc.blocks, end.index, c, (title, level) => topics.match(title, level));
  const messages: Message[] = [...c.messages];
  if (sections.length === 0 && hasBody(doc, end.index))
    messages.push(message("info", "sections.none", "No numbered section headings were found in the narrative; sections are empty.", { file }));
  return { value: { sections, narrativeEnd: end.index }, messages };
}

function hasBody(doc: Document, end: number): boolean {
  return doc.blocks.slice(0, end).some((b) => b.kind === "paragraph" && b.text.trim().length > 0);
}
