import { PDFDocument, PDFName, PDFString, StandardFonts, beginText, endText, moveText, rectangle, setFontAndSize, showText, stroke, drawObject, pushGraphicsState, popGraphicsState } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { flattenMayAddText, hasTextAnnotation } from "./annotations.js";
import { readWithPdfium } from "./document.js";
import { pdfium } from "./wasm.js";

/**
 * A page with text and one signature widget whose appearance (a form painting a nested form, as
 * signing software writes it) draws `kind`: a stroked frame only (a seal's frame), or text.
 */
async function signedPage(kind: "frame" | "text", extra: Record<string, unknown> = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText("Report text on the page", { x: 72, y: 760, size: 12, font });
  page.drawText("Column A          Column B", { x: 72, y: 700, size: 12, font });
  const ops =
    kind === "frame"
      ? [rectangle(1, 1, 148, 38), stroke()]
      : [beginText(), setFontAndSize("F1", 11), moveText(4, 12), showText(font.encodeText("Signed 09")), endText()];
  const inner = doc.context.register(doc.context.formXObject(ops, { BBox: [0, 0, 150, 40], Resources: { Font: { F1: font.ref } } }));
  const outer = doc.context.register(doc.context.formXObject([pushGraphicsState(), drawObject("n2"), popGraphicsState()], { BBox: [0, 0, 150, 40], Resources: { XObject: { n2: inner } } }));
  const annot = doc.context.register(
    doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Sig", T: PDFString.of("Signature1"), Rect: [300, 600, 450, 640], F: 4, P: page.ref, AP: { N: outer }, ...extra }),
  );
  page.node.addAnnot(annot);
  doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [annot], SigFlags: 3 }));
  return doc.save({ useObjectStreams: false });
}

/** flattenMayAddText and hasTextAnnotation of the document's first page. */
async function verdicts(bytes: Uint8Array): Promise<{ text: boolean; mayAdd: boolean }> {
  const rt = await pdfium();
  const x = rt.x;
  const buf = x.malloc(bytes.length);
  rt.u8().set(bytes, buf);
  const doc = x.FPDF_LoadMemDocument(buf, bytes.length, 0);
  const page = x.FPDF_LoadPage(doc, 0);
  try {
    return { text: hasTextAnnotation(rt, page).text, mayAdd: flattenMayAddText(rt, page) };
  } finally {
    x.FPDF_ClosePage(page);
    x.FPDF_CloseDocument(doc);
    x.free(buf);
  }
}

/** Read the file, counting the pages PDFium flattens; `forceFlatten` takes every appearance for one that may hold text. */
async function read(bytes: Uint8Array, forceFlatten = false) {
  const rt = await pdfium();
  const flatten = rt.x.FPDFPage_Flatten;
  const count = rt.x.FPDFAnnot_GetObjectCount;
  let flattened = 0;
  rt.x.FPDFPage_Flatten = (page: number, flag: number) => (flattened++, flatten(page, flag));
  if (forceFlatten) rt.x.FPDFAnnot_GetObjectCount = () => 0;
  try {
    const r = await readWithPdfium(bytes, { stopped: false });
    return { contents: r?.contents, flattened };
  } finally {
    rt.x.FPDFPage_Flatten = flatten;
    rt.x.FPDFAnnot_GetObjectCount = count;
  }
}

describe("annotation appearances without text", () => {
  it("tells an appearance that draws only a frame from one that draws text", async () => {
    expect(await verdicts(await signedPage("frame"))).toEqual({ text: true, mayAdd: false });
    expect(await verdicts(await signedPage("text"))).toEqual({ text: true, mayAdd: true });
    // Appearance states (/AS): the state flattening draws is not told apart, so it is flattened.
    expect((await verdicts(await signedPage("frame", { AS: PDFName.of("N") }))).mayAdd).toBe(true);
  });

  it("reads a page whose appearances hold no text without flattening it, as flattening would", async () => {
    const bytes = await signedPage("frame");
    const plain = await read(bytes);
    const flat = await read(bytes, true);
    expect(plain.flattened).toBe(0);
    expect(flat.flattened).toBe(1);
    expect(plain.contents).toBeDefined();
    expect(plain.contents).toEqual(flat.contents);
  });

  it("still flattens a page whose appearance draws text, and reads that text", async () => {
    const r = await read(await signedPage("text"));
    expect(r.flattened).toBe(1);
    expect(r.contents?.[0].runs.some((run) => run.field && run.text === "Signed 09")).toBe(true);
  });
});
