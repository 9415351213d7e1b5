import type { PdfiumRuntime } from "./wasm.js";

/**
 * Does the page have an annotation that can draw text (a signature field, a stamp, a filled form
 * field)? The same rule as the pdf.js reader's `hasTextAnnotations` (../page.ts): a printable
 * annotation (print flag set, neither hidden nor invisible) with an appearance, of a subtype that
 * can carry text. Such a page's appearances are flattened into it to read their text (page.ts).
 */
export interface AnnotationInfo {
  text: boolean;
}

/** PDFium's FPDF_ANNOT_* subtypes that never carry the page's text (links, popups, media …). */
const NO_TEXT_SUBTYPES = new Set([2 /* Link */, 16 /* Popup */, 18 /* Sound */, 19 /* Movie */, 21 /* Screen */, 22 /* PrinterMark */, 23 /* TrapNet */, 25 /* 3D */, 26 /* RichMedia */]);

const INVISIBLE = 1;
const HIDDEN = 2;
const PRINT = 4;

export function hasTextAnnotation(rt: PdfiumRuntime, page: number): AnnotationInfo {
  const x = rt.x;
  const n = x.FPDFPage_GetAnnotCount(page);
  if (n <= 0) return { text: false };
  // "AP\0" for FPDFAnnot_HasKey, in the scratch area's upper half.
  const key = rt.scratch + 192;
  const u8 = rt.u8();
  u8[key] = 0x41;
  u8[key + 1] = 0x50;
  u8[key + 2] = 0;
  let text = false;
  for (let i = 0; i < n && !text; i++) {
    const annot = x.FPDFPage_GetAnnot(page, i);
    if (!annot) continue;
    try {
      const flags = x.FPDFAnnot_GetFlags(annot);
      const printable = (flags & PRINT) !== 0 && (flags & (HIDDEN | INVISIBLE)) === 0;
      if (printable && !NO_TEXT_SUBTYPES.has(x.FPDFAnnot_GetSubtype(annot)) && x.FPDFAnnot_HasKey(annot, key)) text = true;
    } finally {
      x.FPDFPage_CloseAnnot(annot);
    }
  }
  return { text };
}
