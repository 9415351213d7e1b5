import { createHash } from "node:crypto";
import { openRegularFile } from "../pipeline/read.js";

/**
 * sha256 and size of a file, read in 1 MB pieces so a large file never sits whole in the main
 * thread. Only a regular file is read (a FIFO or a link to /dev/zero would never end), and no
 * further than `limit` bytes past its size: the parser refuses what is over the limit anyway.
 */
export async function hashFile(path: string | Buffer, limit = Number.MAX_SAFE_INTEGER): Promise<{ sha256: string; bytes: number }> {
  const { handle, size } = await openRegularFile(path);
  try {
    const hash = createHash("sha256");
    const buf = Buffer.allocUnsafe(1 << 20);
    const max = Math.min(size, limit) + 1;
    let bytes = 0;
    while (bytes < max) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, max - bytes), bytes);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { sha256: hash.digest("hex"), bytes };
  } finally {
    await handle.close();
  }
}
