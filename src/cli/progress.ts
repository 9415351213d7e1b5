import type { ProgressState } from "../batch/progress.js";

export interface ProgressOptions {
  stream: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Live line (rewritten in place) on a terminal; periodic full lines otherwise (logs, CI). */
  tty: boolean;
  /** Minimum ms between two lines when not on a terminal (default 5000). */
  logEveryMs?: number;
}

/**
 * Progress on stderr: a live line on a terminal (files done/total, records, files/s, ETA),
 * redrawn at most ten times a second; off a terminal a plain line every few seconds, so a
 * log file gets a heartbeat without thousands of lines.
 */
export class ProgressReporter {
  private readonly started = performance.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {}

  update(state: ProgressState, force = false): void {
    const now = performance.now();
    const every = this.options.tty ? 100 : (this.options.logEveryMs ?? 5000);
    if (!force && now - this.last < every) return;
    this.last = now;
    const line = this.line(state, now);
    if (this.options.tty) {
      this.options.stream.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else this.options.stream.write(`${line}\n`);
  }

  /** Clears the live line so the summary starts on a clean line. */
  end(): void {
    if (this.options.tty && this.drawn) this.options.stream.write("\r\x1b[2K");
    this.drawn = false;
  }

  private line(s: ProgressState, now: number): string {
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? s.done / secs : 0;
    const total = s.totalKnown ? String(s.total) : `${s.total}+`;
    const pct = s.totalKnown && s.total ? ` ${Math.floor((100 * s.done) / s.total)}%` : "";
    const eta = s.totalKnown && rate > 0 && s.done < s.total ? ` ETA ${clock((s.total - s.done) / rate)}` : "";
    const failed = s.failed ? `, ${s.failed} failed` : "";
    const bar = this.options.tty && s.totalKnown && s.total ? `${barOf(s.done / s.total)} ` : "";
    return `${bar}${s.done}/${total} files${pct}, ${s.records} records${failed}, ${rate.toFixed(1)} files/s${eta}`;
  }
}

function barOf(fraction: number, width = 20): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"#".repeat(full)}${".".repeat(width - full)}]`;
}

/** Seconds as m:ss or h:mm:ss. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
