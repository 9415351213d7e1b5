import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { once } from "node:events";

/**
 * Buffered text output to stdout or a file that waits when the stream is full, so exporting
 * a million rows streams at disk speed instead of piling up in memory.
 */
export class Sink {
  private buffer: string[] = [];
  private size = 0;
  private readonly stream: NodeJS.WritableStream;
  private readonly ownStream: boolean;

  /** `file` undefined or "-" = stdout. The file's folder is created. */
  constructor(file?: string) {
    if (file && file !== "-") {
      mkdirSync(dirname(file), { recursive: true });
      this.stream = createWriteStream(file);
      this.ownStream = true;
    } else {
      this.stream = process.stdout;
      this.ownStream = false;
    }
  }

  async write(s: string): Promise<void> {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.ownStream) {
      const done = once(this.stream, "finish");
      this.stream.end();
      await done;
    }
  }
}
