import type { Block } from "../model/document.js";
import type { Section } from "../model/records.js";
import type { Classification } from "./classify.js";

/**
 * Nests the headings by level (a heading closes every open section of the same or a deeper
 * level) and gives each section the body paragraphs up to its next heading. Blocks before the
 * first heading (title, Kính gửi, opening paragraph) are the preamble and belong to no section;
 * tables are left to the table stage.
 */
export function buildTree(blocks: Block[], end: number, c: Classification, topics: (title: string, level: number) => string[]): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const bodies = new Map<Section, string[]>();
  for (let i = 0; i < end; i++) {
    const b = blocks[i];
    if (b.kind !== "paragraph" || c.consumed.has(i)) continue;
    const h = c.headings.get(i);
    if (h) {
      const level = h.marker.level;
      const section: Section = {
        number: h.marker.number,
        title: h.title,
        level,
        text: "",
        topics: topics(h.title, level),
        prov: b.prov,
        children: [],
      };
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1].children : roots).push(section);
      stack.push(section);
      bodies.set(section, [...h.body]);
      continue;
    }
    if (stack.length > 0 && b.text.trim() !== "") bodies.get(stack[stack.length - 1])!.push(b.text);
  }
  for (const [section, lines] of bodies) section.text = lines.join("\n");
  return roots;
}
