/**
 * `npx tsx scripts/make-bad-inputs.ts [outDir]`: writes the generated fixtures of test/make/bad-inputs.ts (the
 * generator the tests share) into test/fixtures/, or into outDir.
 */
import { resolve } from "node:path";
import { BAD_DIR, writeBadInputs } from "../test/make/bad-inputs.js";

const out = process.argv[2] ? resolve(process.argv[2]) : BAD_DIR;
const names = await writeBadInputs(out);
process.stdout.write(`wrote ${names.length} files to ${out}\n`);
