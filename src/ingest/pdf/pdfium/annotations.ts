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

const OBJ_TEXT = 1;
const OBJ_FORM = 5;

/**
 * False when flattening the page's annotations cannot add text to it: no annotation (of any
 * subtype or flags, a superset of what FPDFPage_Flatten draws) has a normal appearance holding a
 * text object, looked for inside its forms too. Such a page (a seal or a signature image only)
 * is read as it was loaded: flattening would only append a form without text, which adds no
 * character and no ruling (appearances are left out of the drawing). True, to be safe, when an
 * appearance cannot be told: an annotation with appearance states (/AS: the state Flatten draws
 * may not be the one PDFium's annotation API parses) or whose appearance gives no objects, and a
 * page with a crop box (Flatten rewrites the media box, which the text page may depend on).
 */
export function flattenMayAddText(rt: PdfiumRuntime, page: number): boolean {
  const x = rt.x;
  const s = rt.scratch;
  if (x.FPDFPage_GetCropBox(page, s, s + 4, s + 8, s + 12)) return true;
  const n = x.FPDFPage_GetAnnotCount(page);
  // "AP\0" and "AS\0" for FPDFAnnot_HasKey, in the scratch area's upper half.
  const ap = rt.scratch + 192;
  const as = rt.scratch + 196;
  const u8 = rt.u8();
  u8.set([0x41, 0x50, 0], ap);
  u8.set([0x41, 0x53, 0], as);
  for (let i = 0; i < n; i++) {
    const annot = x.FPDFPage_GetAnnot(page, i);
    if (!annot) return true;
    try {
      if (x.FPDFAnnot_HasKey(annot, as)) return true;
      if (!x.FPDFAnnot_HasKey(annot, ap)) continue;
      const count = x.FPDFAnnot_GetObjectCount(annot);
      if (!(count > 0)) return true;
      for (let k = 0; k < count; k++) if (holdsText(rt, x.FPDFAnnot_GetObject(annot, k), 0)) return true;
    } finally {
      x.FPDFPage_CloseAnnot(annot);
    }
  }
  return false;
}

/** True when a page object is text or a form holding text (or nested too deep to tell). */
function holdsText(rt: PdfiumRuntime, obj: number, depth: number): boolean {
  if (!obj) return true;
  const type = rt.x.FPDFPageObj_GetType(obj);
  if (type === OBJ_TEXT) return true;
  if (type !== OBJ_FORM) return false;
  if (depth > 16) return true;
  const n = rt.x.FPDFFormObj_CountObjects(obj);
  for (let k = 0; k < n; k++) if (holdsText(rt, rt.x.FPDFFormObj_GetObject(obj, k), depth + 1)) return true;
  return false;
}
