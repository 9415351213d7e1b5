import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPackage } from "./package.js";
import { scanXml, type XmlElement } from "./scan.js";
import { parseDom, readRoot, treeOfDom } from "./xml.js";

const ROOT = join(import.meta.dirname, "../../..");
const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${W}><w:body>${body}</w:body></w:document>`;

/** Every .docx the repository holds whose package opens. */
async function packages() {
  const files = [
    ...readdirSync(join(ROOT, "test/fixtures/docx")).map((f) => join(ROOT, "test/fixtures/docx", f)),
    ...readdirSync(join(ROOT, "data/samples")).map((f) => join(ROOT, "data/samples", f)),
  ].filter((f) => f.endsWith(".docx"));
  const out = [];
  for (const f of files) {
    try {
      out.push({ file: f, pkg: openPackage(new Uint8Array(readFileSync(f))) });
    } catch {
      // unusable fixtures are the package tests' business
    }
  }
  return out;
}

/** A tree as nested [name, attributes-as-read, text, children] for comparing. */
function shape(el: XmlElement, attrs: string[]): unknown {
  const kids: unknown[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) kids.push(shape(c, attrs));
  return [el.nodeName, attrs.map((a) => el.attr(a)), el.textContent, kids];
}
const ATTRS = ["w:val", "w:type", "w:styleId", "w:ilvl", "w:numId", "w:abstractNumId", "w:name", "w:id", "r:id", "xmlns:w"];

describe("the scanned tree and xmldom's", () => {
  it("are the same elements, attributes, texts and paragraph order on every part of every docx fixture and sample", async () => {
    const all = await packages();
    expect(all.length).toBeGreaterThan(5);
    for (const { file, pkg } of all)
      for (const [path, xml] of pkg.parts) {
        const scanned = scanXml(xml, ["w:p"]);
        if (!scanned) continue;
        const dom = treeOfDom(parseDom(xml)!.documentElement);
        expect(shape(scanned.root, ATTRS), `${file} ${path}`).toEqual(shape(dom.root, ATTRS));
        expect(dom.paragraphs.length, `${file} ${path}`).toBe(scanned.byName.get("w:p")!.length);
      }
    // The main documents are the scanner's, not xmldom's, on all of them.
    for (const { file, pkg } of all) expect(scanXml(pkg.parts.get(pkg.paths.mainDocument)!, ["w:p"]), file).not.toBeNull();
  });

  it("leaves XML outside the plain subset to the DOM parser, which still rejects malformed parts", () => {
    for (const body of [
      `<w:p><w:r><w:t>R&D</w:t></w:r></w:p>`, // bare ampersand (xmldom keeps it as text)
      `<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>`, // entity XML does not define
      `<w:p w:rsidR=1><w:r/></w:p>`, // attribute without quotes
      `<w:p w:a="1"w:b="2"/>`, // attributes not separated
      `<w:p w:a="x\ny"/>`, // line break in an attribute value (normalised by parsers)
      `<w:p><w:r></w:p>`, // mismatched end tag
      `<w:p></w:p >`, // end tag with space
      `<w:p><!-- ghi chú --></w:p>`, // comment inside the root (xmldom keeps it as a node)
      `<w:p><w:r><w:t><![CDATA[ ]]></w:t></w:r></w:p>`, // CDATA section
    ])
      expect(scanXml(doc(body), ["w:p"]), body).toBeNull();
    expect(scanXml(`<!DOCTYPE x><w:document ${W}/>`, [])).toBeNull();
    expect(scanXml(`<w:document ${W}/><w:document ${W}/>`, [])).toBeNull();
    // Malformed parts are refused by xmldom too; what it accepts reads on through it.
    expect(parseDom(`<w:document ${W}><w:body><w:p></w:body>`)).toBeNull();
    expect(readRoot(`<w:document ${W}><w:body><w:p></w:body>`)).toBeNull();
    const lenient = readRoot(doc(`<w:p><w:r><w:t>R&D</w:t></w:r></w:p>`))!;
    expect(lenient.firstChild!.firstChild!.firstChild!.firstChild!.textContent).toBe("R&D");
  });

  it("reads text content with entities and character references for bold detection; CDATA through xmldom", () => {
    const scanned = scanXml(doc(`<w:p><w:r><w:t>&#160;&#x20;&lt;</w:t></w:r></w:p>`), ["w:t"])!;
    expect(scanned.byName.get("w:t")![0].textContent).toBe("\u00a0 <");
    const viaDom = readRoot(doc(`<w:p><w:r><w:t>&#160;<![CDATA[ ]]>&lt;</w:t></w:r></w:p>`))!;
    expect(viaDom.firstChild!.firstChild!.firstChild!.firstChild!.textContent).toBe("\u00a0 <");
  });

  it("leaves empty unread elements out of the tree yet still checks them, and never drops one inside w:t", () => {
    const skip = new Set(["w:jc", "w:rPr"]);
    const scanned = scanXml(doc(`<w:p><w:pPr><w:jc w:val="both"/><w:rPr></w:rPr><w:pStyle w:val="A"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a<w:rPr/></w:t></w:r></w:p>`), ["w:p"], skip)!;
    const p = scanned.byName.get("w:p")![0];
    const names = (el: { firstChild: unknown }) => {
      const out: string[] = [];
      for (let c = (el as { firstChild: { nodeName: string; nextSibling: unknown } | null }).firstChild; c; c = c.nextSibling as typeof c) out.push(c.nodeName);
      return out;
    };
    expect(names(p.firstChild!)).toEqual(["w:pStyle"]); // w:jc and the empty w:rPr left out
    const run = p.firstChild!.nextSibling!;
    expect(names(run)).toEqual(["w:rPr", "w:t"]); // a w:rPr with content stays
    expect(names(run.firstChild!.nextSibling!)).toEqual(["w:rPr"]); // inside w:t nothing is dropped
    expect(scanXml(doc(`<w:p><w:jc w:val="a" w:val="b"/></w:p>`), [], skip)).toBeNull();
    expect(scanXml(doc(`<w:p><w:jc w:val="x
y"/></w:p>`), [], skip)).toBeNull();
  });
});
