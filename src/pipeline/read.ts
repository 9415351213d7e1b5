import { constants, type Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { UnusableInputError } from "../model/message.js";

/**
 * Files larger than this are refused before reading (a clear error instead of running out of
 * memory). Here rather than in extract.ts so the batch's main thread, which hashes files up to
 * it, does not load the whole pipeline for a constant.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Opens a path for reading only when it is a regular file. Opened with O_NONBLOCK, so a FIFO
 * opens at once instead of waiting for a writer, then checked with fstat on the open handle
 * (no window between the check and the read): FIFOs, sockets and devices (a link named x.txt
 * pointing to /dev/zero) are refused with a reason instead of hanging or reading forever.
 */
export async function openRegularFile(path: string | Buffer): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    // A Unix socket cannot be opened at all (ENXIO): say what it is.
    const info = (e as NodeJS.ErrnoException).code === "ENXIO" ? await stat(path).catch(() => undefined) : undefined;
    if (info) notRegular(info);
    throw e;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new UnusableInputError("input.directory", "This path is a directory, not a file.");
    if (!info.isFile()) notRegular(info);
    return { handle, size: info.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function notRegular(info: Stats): never {
  const kind = info.isFIFO() ? "a named pipe (FIFO)" : info.isSocket() ? "a socket" : info.isCharacterDevice() || info.isBlockDevice() ? "a device" : "not a regular file";
  throw new UnusableInputError("input.not-a-file", `This path is ${kind}, not a regular file; only regular files are read. Copy the data into a file and ingest that.`);
}

/** The size-limit refusal, as extractFile and the batch word it. */
export function tooLarge(size: number, limit: number): UnusableInputError {
  return new UnusableInputError(
    "input.too-large",
    `The file is ${(size / 1048576).toFixed(1)} MB, above the ${(limit / 1048576).toFixed(0)} MB limit for one report.`,
  );
}

/**
 * The bytes of a regular file, at most `limit`: checked against the size before reading, and
 * the read stops at limit + 1 bytes, so a file that grows while it is read cannot get past it.
 */
export async function readRegularFile(path: string | Buffer, limit: number): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > limit) throw tooLarge(size, limit);
    const buf = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n >= buf.length) break;
    }
    if (n > limit) throw tooLarge(n, limit);
    return buf.subarray(0, n);
  } finally {
    await handle.close();
  }
}
