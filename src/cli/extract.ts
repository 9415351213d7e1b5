import { isUnusable } from "../model/message.js";
import { extractFile } from "../pipeline/extract.js";
import type { Args } from "./args.js";
import { guard, intFlag, UsageError } from "./common.js";

export const extractHelp = `Usage: baocao extract FILE [--json] [--no-ocr] [--timeout SECONDS]

Extracts one report (.txt, .docx, .pdf, .xlsx) and prints the result. With --json, prints one JSON
object on stdout (metadata, sections, indicators, tasks, targets, tables, matrix cells,
messages, as the Extraction schema of src/model/records.ts declares; a file holding several
documents gives the first at the top level and the others in "parts"); without it, a short human summary. Messages go to stderr.
Exit code 1 when the file failed.

Examples:
  baocao extract data/samples/001.txt --json > 001.json
  baocao extract report.pdf`;

export async function runExtract(args: Args): Promise<number> {
  return guard(extractHelp, () => extract(args));
}

async function extract(args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file) throw new UsageError("Name the file to extract.");
  const timeout = intFlag(args, "timeout", 0, 0);
  const { extraction } = await extractFile(file, {
    ocr: !args.flags.has("no-ocr"),
    timeoutMs: timeout ? timeout * 1000 : undefined,
  });
  // extractFile validated the extraction against the Extraction schema.
  const checked = extraction;
  if (args.flags.has("json")) process.stdout.write(`${JSON.stringify(checked, null, 2)}\n`);
  else {
    const m = checked.metadata;
    process.stdout.write(
      [
        `${checked.file}: ${checked.status} (${checked.format || "unknown format"})`,
        `  ${m.docType ?? "?"} ${m.number ?? ""} ${m.date ?? ""} — ${m.issuer ?? "issuer unknown"}`,
        `  sections ${checked.sections.length}, indicators ${checked.indicators.length}, tasks ${checked.tasks.length}, targets ${checked.targets.length}`,
        ...(checked.parts ?? []).map(
          (p) => `  part ${p.part}: ${p.metadata.docType ?? "?"} ${p.metadata.number ?? ""} — sections ${p.sections.length}, indicators ${p.indicators.length}, tasks ${p.tasks.length}, targets ${p.targets.length}`,
        ),
      ].join("\n") + "\n",
    );
  }
  for (const msg of checked.messages)
    if (msg.severity !== "info") process.stderr.write(`${msg.severity}: [${msg.ruleId}] ${msg.reason}\n`);
  return isUnusable(checked.status) ? 1 : 0;
}
