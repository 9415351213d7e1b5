import { numberedHeadings, tabTable, nestedList, backtickRuns } from "./scripts/make-hostile-inputs.ts";
import { extractBytes } from "./src/pipeline/extract.ts";
const kind = process.argv[2];
const src = kind === "head" ? numberedHeadings(Number(process.argv[3])) : kind === "list" ? nestedList(2000) : kind === "bt" ? backtickRuns(3000) : tabTable(Number(process.argv[3]));
const t = performance.now();
const r = await extractBytes(`${kind}.txt`, new TextEncoder().encode(src));
console.log(kind, r.extraction.status, r.extraction.messages.slice(0,2).map(m=>m.ruleId+":"+m.reason.slice(0,60)), Math.round(performance.now()-t), "ms", Math.round(process.memoryUsage().rss/1e6), "MB");
