import type { Matrix } from "../geometry.js";

/**
 * pdf.js's `PageViewport` at scale 1: user space (bottom-left origin, view box offsets, /Rotate)
 * → top-left page points. `view` is the page's view box [x0, y0, x1, y1] (crop box ∩ media box),
 * `rotation` a multiple of 90.
 */
export function viewportTransform(view: readonly number[], rotation: number): { transform: Matrix; width: number; height: number } {
  const centerX = (view[2] + view[0]) / 2;
  const centerY = (view[3] + view[1]) / 2;
  let r = rotation % 360;
  if (r < 0) r += 360;
  let a: number, b: number, c: number, d: number;
  switch (r) {
    case 180:
      [a, b, c, d] = [-1, 0, 0, 1];
      break;
    case 90:
      [a, b, c, d] = [0, 1, 1, 0];
      break;
    case 270:
      [a, b, c, d] = [0, -1, -1, 0];
      break;
    default:
      [a, b, c, d] = [1, 0, 0, -1];
  }
  let offsetX: number, offsetY: number, width: number, height: number;
  if (a === 0) {
    offsetX = Math.abs(centerY - view[1]);
    offsetY = Math.abs(centerX - view[0]);
    width = Math.abs(view[3] - view[1]);
    height = Math.abs(view[2] - view[0]);
  } else {
    offsetX = Math.abs(centerX - view[0]);
    offsetY = Math.abs(centerY - view[1]);
    width = Math.abs(view[2] - view[0]);
    height = Math.abs(view[3] - view[1]);
  }
  return { transform: [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY], width, height };
}
