/** Counters the progress line shows. */
export interface ProgressState {
  /** Files handled (parsed or skipped). */
  done: number;
  /** Files found so far; `totalKnown` false while the first walk still counts. */
  total: number;
  totalKnown: boolean;
  /** Records stored so far (sections + indicator rows + tasks + targets). */
  records: number;
  failed: number;
}
