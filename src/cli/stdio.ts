/**
 * What keeps stdout for the command's own output, installed once by the launcher
 * (bin/baocao.js), not by main(), so running the CLI in-process (tests) changes nothing:
 *
 * - A reader that stops early (`baocao export … | head`, quitting `less`) closes the pipe; the
 *   next write fails with EPIPE, which Node raises as an 'error' event on process.stdout and,
 *   with no listener, as an uncaught exception with a stack trace. The output was not wanted
 *   any more, so the process ends at once and quietly, with exit code 0 (what `head` leaves a
 *   pipeline with; the shell's SIGPIPE convention would make every `| head` a failure under
 *   `set -o pipefail`). Stores opened read-only have nothing to lose; an `ingest` stopped this
 *   way keeps whole documents only, as after a kill (docs/BAD-INPUT.md).
 * - Libraries that log with console.log (pdf.js warnings) write to stderr instead, so
 *   `extract --json > out.json` stays one JSON object. Worker threads are covered by their own
 *   entry points (the OCR worker shim, src/ingest/ocr/engine.ts).
 */
export function guardStdio(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    // Any other failure of stdout (a full disk behind a redirect) is a real error: say so once.
    process.stderr.write(`error: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
