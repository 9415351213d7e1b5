import { extractBytes } from "./src/pipeline/extract.ts";
const kind = process.argv[2]; const n = Number(process.argv[3]);
const src = kind === "tab" ? ["BÁO CÁO", "", "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu", ...Array.from({length: n}, (_, i) => `${i+1}\tChỉ tiêu số ${i}\t%\t${i},5`)].join("\n")
 : kind === "head" ? Array.from({length: n}, (_, i) => `${i % 9 + 1}. Mục`).join("\n") : ">".repeat(n) + " x\n";
const t = performance.now();
const r = await extractBytes(`${kind}.txt`, new TextEncoder().encode(src));
console.log(kind, n, r.extraction.status, r.extraction.messages.slice(0,2).map(m=>m.ruleId+":"+m.reason.slice(0,80)), Math.round(performance.now()-t), "ms");
