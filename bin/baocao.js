#!/usr/bin/env -S node --single-threaded
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script).
// --single-threaded: batch ingest fills every core with parser workers, and V8's own background
// threads (concurrent GC and compilation) then take turns with them: two workers parsed 1.3×
// as fast as one with them, 1.8× without (docs/BENCHMARKS.md). `node bin/baocao.js` works the
// same without the flag, only slower with several workers.
import { guardStdio, main } from "../dist/src/cli/main.js";
// stdout is for the command's output: a closed pipe (`| head`) ends the process quietly and
// library logs go to stderr (src/cli/stdio.ts).
guardStdio();
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
