import type { PageImage, PixelBox } from "./render.js";

/**
 * What bold serif Roman numerals become when their serifs touch at 200 dpi: "II" → "H", "I",
 * "III" → "IH", "TH", "II" (sample 000: the appendix STT column and the "II." / "III."
 * headings). Only strings of "I"/"l"/"|", or with an "H" among them, qualify: "TT" (a header),
 * "1." (a code) and real words are left alone.
 */
const ROMAN_LOOKALIKE = /^((?:[IlT|]*H[IlHT|]*|[Il|]+))([.):]?)$/;

/** Confidence given to a numeral rebuilt from its stems: under the review threshold, so it is flagged. */
export const REPAIRED_CONFIDENCE = 60;

/**
 * Re-read a Roman numeral made only of "I"s from its shape: count the vertical stems across the
 * middle of its ink box (touching serifs join glyphs at the top and bottom, never in the
 * middle). Returns the text unchanged when it does not look like such a numeral or the shape
 * does not show 1–3 clean stems.
 */
export function repairRoman(text: string, img: PageImage, box: PixelBox): string {
  const m = ROMAN_LOOKALIKE.exec(text);
  if (!m) return text;
  const stems = romanStems(img, box);
  if (stems < 1 || stems > 3) return text;
  return "I".repeat(stems) + m[2];
}

/**
 * Count stems along the middle row of a box: runs of ink narrower than half the box's height
 * (a bar, as in a real "H", or a blob returns 0). The trailing "." sits on the baseline, below
 * the middle, so it is not counted.
 */
export function romanStems(img: PageImage, box: PixelBox): number {
  const [x0, y0, x1, y1] = box;
  const y = Math.floor((y0 + y1) / 2);
  if (y < 0 || y >= img.height) return 0;
  const row = y * img.width;
  let stems = 0;
  let run = 0;
  for (let x = Math.max(0, x0); x <= Math.min(img.width, x1); x++) {
    if (x < Math.min(img.width, x1) && img.ink[row + x]) run++;
    else if (run) {
      if (run >= (y1 - y0) / 2) return 0;
      stems++;
      run = 0;
    }
  }
  return stems;
}
