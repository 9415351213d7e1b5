import { parseArgs } from "./args.js";
import { extractHelp, runExtract } from "./extract.js";
import { shutdownStages } from "../pipeline/registry.js";

export { guardStdio } from "./stdio.js";

interface Command {
  help: string;
  booleanFlags: string[];
  run: (args: ReturnType<typeof parseArgs>) => Promise<number>;
}

/** Commands are loaded lazily so `extract` does not pay for the database driver. */
const commands: Record<string, () => Promise<Command>> = {
  extract: async () => ({
    help: extractHelp,
    booleanFlags: ["json", "no-ocr", "help"],
    run: runExtract,
  }),
  ingest: async () => {
    const m = await import("./ingest.js");
    return {
      help: m.ingestHelp,
      booleanFlags: ["json", "quiet", "force", "no-ocr", "help"],
      run: m.runIngest,
    };
  },
  query: async () => {
    const m = await import("./query.js");
    return { help: m.queryHelp, booleanFlags: ["help"], run: m.runQuery };
  },
  export: async () => {
    const m = await import("./export.js");
    return { help: m.exportHelp, booleanFlags: ["help"], run: m.runExport };
  },
  search: async () => {
    const m = await import("./search.js");
    return { help: m.searchHelp, booleanFlags: ["all", "fts", "help"], run: m.runSearch };
  },
  inspect: async () => {
    const m = await import("./inspect.js");
    return { help: m.inspectHelp, booleanFlags: ["no-text", "help"], run: m.runInspect };
  },
  catalog: async () => {
    const m = await import("./catalog.js");
    return { help: m.catalogHelp, booleanFlags: ["no-groups", "help"], run: m.runCatalog };
  },
};

export const extraCommands = commands;

/** One line per command for `baocao --help`, without loading the commands. */
const summaries: Record<string, string> = {
  extract: "extract one report and print its records (--json for the contract JSON)",
  ingest: "parse files and folders into the SQLite store (parallel, resumable)",
  query: "run read-only SQL on the store",
  export: "export documents/sections/indicators/tasks/targets as CSV, JSON or JSON lines",
  search: "accent-insensitive full-text search over report sections",
  inspect: "print the section tree and tables of one file",
  catalog: "catalog worklists: `catalog unmatched` lists labels without an indicator id",
};

function usage(): string {
  return `baocao — Vietnamese administrative-reform reports to structured data

Usage: baocao <command> [options]   (baocao <command> --help for details)

Commands:
${Object.keys(commands)
  .map((c) => `  ${c.padEnd(9)}${summaries[c] ?? ""}`)
  .join("\n")}
`;
}

/** Entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  const cmd = await load();
  const args = parseArgs(rest, cmd.booleanFlags);
  if (args.flags.has("help")) {
    process.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  try {
    return await cmd.run(args);
  } finally {
    await shutdownStages();
  }
}
