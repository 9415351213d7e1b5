/**
 * A seam for long but legitimate work inside one file (OCR of a scanned page, seconds each):
 * the stage announces each unit, and whoever enforces a time limit (the batch's worker pool)
 * grants more time per unit, so the limit scales with the pages of a scan instead of failing a
 * long one. Nothing listens outside a parser worker.
 */
type Listener = (what: "ocr-page") => void;

let listener: Listener | undefined;

/** Sets the one listener (the parser worker); undefined removes it. */
export function onLongWork(fn: Listener | undefined): void {
  listener = fn;
}

/** Announces one unit of long work (called before each OCR page). */
export function longWork(what: "ocr-page"): void {
  listener?.(what);
}
