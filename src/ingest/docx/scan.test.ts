import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotate, annotateDom } from "./annotate.js";
import { openPackage } from "./package.js";
import { scanXml } from "./scan.js";
import { parseXml, serializeXml } from "./xml.js";

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
      out.push({ file: f, pkg: await openPackage(new Uint8Array(readFileSync(f))) });
    } catch {
      // unusable fixtures are the package tests' business
    }
  }
  return out;
}

describe("annotating document.xml in one pass", () => {
  it("gives the DOM path's paragraph facts and the same XML tree on every docx fixture and sample", async () => {
    const all = await packages();
    expect(all.length).toBeGreaterThan(5);
    for (const { file, pkg } of all) {
      const xml = pkg.parts.get(pkg.documentPath)!;
      const styles = pkg.stylesPath ? pkg.parts.get(pkg.stylesPath) : undefined;
      const numbering = pkg.numberingPath ? pkg.parts.get(pkg.numberingPath) : undefined;
      expect(scanXml(xml, ["w:p"]), file).not.toBeNull(); // the fast path is the one taken
      const fast = annotate(xml, styles, numbering)!;
      const dom = annotateDom(xml, styles, numbering)!;
      expect(fast.paragraphs, file).toEqual(dom.paragraphs);
      expect(fast.hasRenderedBreaks, file).toBe(dom.hasRenderedBreaks);
      // The spliced text parses to the tree the DOM path serialised.
      expect(serializeXml(parseXml(fast.xml)!), file).toBe(dom.xml);
    }
  });

  it("puts the marker run after w:pPr, into empty paragraphs, and in place of page breaks", () => {
    const xml = doc(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>A</w:t></w:r></w:p><w:p/><w:p w:rsidR="1" /><w:p><w:r><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t xml:space="preserve"> &amp; B</w:t></w:r></w:p>`);
    const fast = annotate(xml)!;
    expect(fast.xml).toBe(
      doc(
        `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>\u{EDF0}0\u{EDF1}</w:t></w:r><w:r><w:t>A</w:t></w:r></w:p>` +
          `<w:p><w:r><w:t>\u{EDF0}1\u{EDF1}</w:t></w:r></w:p><w:p w:rsidR="1"><w:r><w:t>\u{EDF0}2\u{EDF1}</w:t></w:r></w:p>` +
          `<w:p><w:r><w:t>\u{EDF0}3\u{EDF1}</w:t></w:r><w:r><w:t>\u{EDF2}</w:t><w:t>\u{EDF3}</w:t><w:t xml:space="preserve"> &amp; B</w:t></w:r></w:p>`,
      ),
    );
    expect(fast.hasRenderedBreaks).toBe(true);
    expect(serializeXml(parseXml(fast.xml)!)).toBe(annotateDom(xml)!.xml);
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
      `<w:p xmlns:w="urn:other"/>`, // w: bound to something else inside the part
    ])
      expect(scanXml(doc(body), ["w:p"]), body).toBeNull();
    expect(scanXml(`<!DOCTYPE x><w:document ${W}/>`, [])).toBeNull();
    expect(scanXml(`<w:document/>`, [])).toBeNull(); // no w: binding
    expect(scanXml(`<w:document ${W}/><w:document ${W}/>`, [])).toBeNull();
    expect(annotate(`<w:document ${W}><w:body><w:p></w:body>`)).toBeUndefined();
    expect(annotate(doc(`<w:p><w:r><w:t>R&D</w:t></w:r></w:p>`))?.xml).toBe(annotateDom(doc(`<w:p><w:r><w:t>R&D</w:t></w:r></w:p>`))?.xml);
  });

  it("reads text content with entities, character references and CDATA for bold detection", () => {
    const scanned = scanXml(doc(`<w:p><w:r><w:t>&#160;&#x20;<![CDATA[ ]]>&lt;</w:t></w:r></w:p>`), ["w:t"])!;
    expect(scanned.byName.get("w:t")![0].textContent).toBe("\u00a0  <");
  });

  it("leaves empty unread elements out of the tree yet still checks them, and never drops one inside w:t", () => {
    const skip = new Set(["w:jc", "w:rPr"]);
    const scanned = scanXml(doc(`<w:p><w:pPr><w:jc w:val="both"/><w:rPr></w:rPr><w:pStyle w:val="A"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a<w:rPr/></w:t></w:r></w:p>`), ["w:p"], { skip })!;
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
    expect(scanXml(doc(`<w:p><w:jc w:val="a" w:val="b"/></w:p>`), [], { skip })).toBeNull();
    expect(scanXml(doc(`<w:p><w:jc w:val="x
y"/></w:p>`), [], { skip })).toBeNull();
  });
});
