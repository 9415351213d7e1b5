import { compose, type Matrix, type Segment } from "../geometry.js";
import { DRAW, fillRules, mergeCollinear, strokeSegments, type PageDrawing } from "../rulings.js";
import type { PdfiumRuntime } from "./wasm.js";

/** A path object and the matrix of the form it sits in (null on the page itself). */
export interface PathRef {
  obj: number;
  parent: Matrix | null;
}

const SEG_LINETO = 0;
const SEG_BEZIERTO = 1;
const SEG_MOVETO = 2;

/**
 * Rulings from PDFium's path objects, read as ../rulings.ts reads pdf.js's operator list: each
 * path's segments become pdf.js path data (moveTo / lineTo / curveTo / closePath) and go through
 * the same stroke and thin-fill rules; paths painted white are ignored. Images are not looked at
 * (the pdf.js reader opens text pages without images: `hasImage` stays false there too);
 * annotation appearances are left out by the caller.
 */
export function readPaths(rt: PdfiumRuntime, paths: readonly PathRef[], viewport: Matrix): PageDrawing {
  const x = rt.x;
  const s = rt.scratch;
  const h: Segment[] = [];
  const v: Segment[] = [];
  let hasInk = false;
  for (const { obj, parent } of paths) {
    x.FPDFPath_GetDrawMode(obj, s, s + 4);
    const i32 = rt.i32();
    const fillMode = i32[s >> 2];
    const stroke = i32[(s >> 2) + 1] !== 0;
    const stroked = stroke && !white(rt, obj, true);
    const filled = fillMode !== 0 && !white(rt, obj, false);
    if (!stroked && !filled) continue;
    hasInk = true;
    const data = pathData(rt, obj);
    if (!data.length) continue;
    x.FPDFPageObj_GetMatrix(obj, s);
    const f = rt.f32();
    const own: Matrix = [f[s >> 2], f[(s >> 2) + 1], f[(s >> 2) + 2], f[(s >> 2) + 3], f[(s >> 2) + 4], f[(s >> 2) + 5]];
    const m = compose(viewport, parent ? compose(parent, own) : own);
    if (stroked) strokeSegments(data, m, h, v);
    if (filled) fillRules(data, m, h, v);
  }
  return { horizontal: mergeCollinear(h), vertical: mergeCollinear(v), hasImage: false, hasInk };
}

/** #fefefe–#ffffff, as the pdf.js reader's `isWhite`. */
function white(rt: PdfiumRuntime, obj: number, stroke: boolean): boolean {
  const s = rt.scratch + 64;
  const ok = stroke ? rt.x.FPDFPageObj_GetStrokeColor(obj, s, s + 4, s + 8, s + 12) : rt.x.FPDFPageObj_GetFillColor(obj, s, s + 4, s + 8, s + 12);
  if (!ok) return false;
  const i32 = rt.i32();
  return i32[s >> 2] >= 254 && i32[(s >> 2) + 1] >= 254 && i32[(s >> 2) + 2] >= 254;
}

/** The path's segments as pdf.js path data (a Bézier's three points become one curveTo). */
function pathData(rt: PdfiumRuntime, obj: number): number[] {
  const x = rt.x;
  const s = rt.scratch + 96;
  const n = x.FPDFPath_CountSegments(obj);
  const data: number[] = [];
  let bezier: number[] = [];
  for (let i = 0; i < n; i++) {
    const seg = x.FPDFPath_GetPathSegment(obj, i);
    if (!seg) continue;
    x.FPDFPathSegment_GetPoint(seg, s, s + 4);
    const f = rt.f32();
    const px = f[s >> 2];
    const py = f[(s >> 2) + 1];
    const type = x.FPDFPathSegment_GetType(seg);
    if (type === SEG_MOVETO) data.push(DRAW.moveTo, px, py);
    else if (type === SEG_LINETO) data.push(DRAW.lineTo, px, py);
    else if (type === SEG_BEZIERTO) {
      bezier.push(px, py);
      if (bezier.length < 6) continue;
      data.push(DRAW.curveTo, ...bezier);
      bezier = [];
    }
    if (x.FPDFPathSegment_GetClose(seg)) data.push(DRAW.closePath);
  }
  return data;
}
