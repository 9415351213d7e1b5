import { describe, expect, it } from "vitest";
import { Numbering } from "./numbering.js";
import { readRoot } from "./xml.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const lvl = (i: number, fmt: string, text: string, extra = "") =>
  `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;

describe("Numbering", () => {
  it("counts multi-level lists and restarts deeper levels when a shallower one is used", () => {
    const n = new Numbering(readRoot(
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, "upperRoman", "%1.")}${lvl(1, "decimal", "%2.")}${lvl(2, "decimal", "%2.%3.")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    ));
    const seq = [0, 1, 1, 2, 2, 0, 1, 2].map((l) => n.next("1", l)?.text);
    expect(seq).toEqual(["I.", "1.", "2.", "2.1.", "2.2.", "II.", "1.", "1.1."]);
  });

  it("keeps counting across w:num instances of one definition unless a startOverride restarts it", () => {
    const n = new Numbering(readRoot(
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, "lowerLetter", "%1)")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>`,
    ));
    expect(["1", "1", "2", "3", "3"].map((id) => n.next(id, 0)?.text)).toEqual(["a)", "b)", "c)", "a)", "b)"]);
  });

  it("never restarts a level whose lvlRestart is 0 and prints legal numbering in decimals", () => {
    const n = new Numbering(readRoot(
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, "upperRoman", "%1")}${lvl(1, "decimal", "%1.%2", '<w:lvlRestart w:val="0"/><w:isLgl/>')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    ));
    expect([0, 1, 1, 0, 1].map((l) => n.next("1", l)?.text)).toEqual(["I", "1.1", "1.2", "II", "2.3"]);
  });

  it("returns bullets as bullets and nothing for unknown lists", () => {
    const n = new Numbering(readRoot(
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, "bullet", "-")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    ));
    expect(n.next("1", 0)).toEqual({ text: "-", bullet: true, suffix: "tab" });
    expect(n.next("9", 0)).toBeUndefined();
    expect(new Numbering(null).next("1", 0)).toBeUndefined();
  });
});
