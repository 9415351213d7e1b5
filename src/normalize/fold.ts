/**
 * Text folding shared by unit lookup, legend parsing and catalog matching.
 *
 * Reports from different units spell the same label with or without tone marks, in upper or
 * lower case, and (old files, OCR) with decomposed accents; comparing folded text makes those
 * variants equal while the original text stays untouched on the record.
 */

import { fold } from "../rules/fold.js";

export { fold };

/**
 * Folds and splits into word tokens: letters and digits only, so punctuation ("," ";" "(" "…")
 * never decides a match. "Số VBQPPL (đã ban hành)" → ["so", "vbqppl", "da", "ban", "hanh"].
 * "&" is kept inside a token because "TN&TKQ" is one abbreviation.
 */
export function tokens(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9&]+/)
    .map((t) => t.replace(/^&+|&+$/g, ""))
    .filter((t) => t.length > 0);
}
