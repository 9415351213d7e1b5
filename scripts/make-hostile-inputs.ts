/**
 * `npx tsx scripts/make-hostile-inputs.ts [outDir]`: writes the generated fixtures of test/make/hostile-inputs.ts (the
 * generator the tests share) into test/fixtures/, or into outDir.
 */
import { resolve } from "node:path";
import { HOSTILE_DIR, writeHostileInputs } from "../test/make/hostile-inputs.js";

const out = process.argv[2] ? resolve(process.argv[2]) : HOSTILE_DIR;
const names = await writeHostileInputs(out);
process.stdout.write(`wrote ${names.length} files to ${out}\n`);
