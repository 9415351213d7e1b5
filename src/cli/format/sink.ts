import { closeSync, createWriteStream, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { once } from "node:events";
import { RefusedError } from "../common.js";

/** The 16 bytes every SQLite database file starts with. */
const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Refuses an output path that would overwrite a database: the store being read (or its -wal,
 * -shm, -journal files), reached by any name (same device and inode), or any other file
 * that starts with the SQLite header. An output written there would destroy the data, and a
 * user who means it can delete the file first.
 */
export function checkOutputPath(out: string, protectedDbs: readonly string[] = []): void {
  const target = resolve(out);
  const guarded = protectedDbs.flatMap((db) => ["", "-wal", "-shm", "-journal"].map((s) => resolve(db + s)));
  if (guarded.includes(target)) throw new RefusedError(`--out ${out} is the database itself (or one of its files); writing there would destroy it. Choose another output file.`);
  let info;
  try {
    info = statSync(target);
  } catch {
    return; // a new file
  }
  if (info.isDirectory()) throw new RefusedError(`--out ${out} is a folder; name a file inside it.`);
  for (const g of guarded) {
    try {
      const gi = statSync(g);
      if (gi.dev === info.dev && gi.ino === info.ino) throw new RefusedError(`--out ${out} is the database itself (another name for ${g}); writing there would destroy it. Choose another output file.`);
    } catch (e) {
      if (e instanceof RefusedError) throw e;
    }
  }
  if (info.isFile() && info.size >= 16) {
    const head = Buffer.alloc(16);
    const fd = openSync(target, "r");
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    if (head.toString("latin1") === SQLITE_HEADER)
      throw new RefusedError(`--out ${out} is an SQLite database; baocao does not overwrite databases with exports. Choose another output file, or delete that one first.`);
  }
}

export interface SinkOptions {
  /** Databases the output must not overwrite (checkOutputPath). */
  protect?: readonly string[];
}

/**
 * Buffered text output to stdout or a file that waits when the stream is full, so exporting
 * a million rows streams at disk speed instead of piling up in memory. A file is written to a
 * temporary name beside it and renamed over the target by `close()`: a failed export (a full
 * disk, an error, Ctrl-C) leaves the old file as it was, or nothing, never a truncated one.
 */
export class Sink {
  private buffer: string[] = [];
  private size = 0;
  private readonly stream: NodeJS.WritableStream;
  private readonly target?: string;
  private readonly temp?: string;
  private error?: Error;
  private done = false;

  /** `file` undefined or "-" = stdout. The file's folder is created. */
  constructor(file?: string, options: SinkOptions = {}) {
    if (file && file !== "-") {
      checkOutputPath(file, options.protect);
      mkdirSync(dirname(file), { recursive: true });
      this.target = file;
      this.temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
      const stream = createWriteStream(this.temp);
      stream.on("error", (e) => (this.error = e));
      this.stream = stream;
    } else this.stream = process.stdout;
  }

  /** True when writing to a file (CSV then starts with a byte order mark for Excel). */
  get toFile(): boolean {
    return this.target !== undefined;
  }

  async write(s: string): Promise<void> {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (!this.buffer.length) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, "drain"), once(this.stream, "error")]);
    if (this.error) throw this.error;
  }

  /** Writes what is buffered and, for a file, puts it in place. */
  async close(): Promise<void> {
    await this.flush();
    if (this.temp && this.target) {
      const done = once(this.stream, "close");
      this.stream.end();
      await done;
      if (this.error) throw this.error;
      renameSync(this.temp, this.target);
    }
    this.done = true;
  }

  /** Removes the temporary file of an output that did not get to close(); a no-op after it. */
  discard(): void {
    if (this.done || !this.temp) return;
    this.done = true;
    (this.stream as NodeJS.WritableStream & { destroy?: () => void }).destroy?.();
    rmSync(this.temp, { force: true });
  }
}
