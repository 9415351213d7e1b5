import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ArgError, type ArgSpec, parseArgs } from "./args.js";
import { shutdownStages } from "../pipeline/registry.js";

export { guardStdio } from "./stdio.js";

interface Command {
  help: string;
  /** The options and positionals the command accepts (anything else is refused). */
  spec: ArgSpec;
  run: (args: ReturnType<typeof parseArgs>) => Promise<number>;
}

/**
 * Commands are loaded lazily so `extract` does not pay for the database driver, and `ingest`'s
 * main thread (which only walks, hashes and writes; workers parse) not for the pipeline.
 */
const commands: Record<string, () => Promise<Command>> = {
  extract: async () => {
    const m = await import("./extract.js");
    return { help: m.extractHelp, spec: { booleans: ["json", "no-ocr"], values: ["timeout"], maxPositionals: 1 }, run: m.runExtract };
  },
  ingest: async () => {
    const m = await import("./ingest.js");
    return {
      help: m.ingestHelp,
      spec: { booleans: ["json", "quiet", "force", "no-ocr"], values: ["db", "jobs", "timeout", "ext", "recycle-files", "recycle-mb"] },
      run: m.runIngest,
    };
  },
  query: async () => {
    const m = await import("./query.js");
    return { help: m.queryHelp, spec: { booleans: [], values: ["db", "format", "out", "max-width"], maxPositionals: 1 }, run: m.runQuery };
  },
  export: async () => {
    const m = await import("./export.js");
    return { help: m.exportHelp, spec: { booleans: ["raw"], values: ["what", "format", "out", "db"], maxPositionals: 1 }, run: m.runExport };
  },
  search: async () => {
    const m = await import("./search.js");
    return {
      help: m.searchHelp,
      spec: { booleans: ["all", "fts"], values: ["limit", "format", "db"], conflicts: [["all", "fts"]] },
      run: m.runSearch,
    };
  },
  inspect: async () => {
    const m = await import("./inspect.js");
    return { help: m.inspectHelp, spec: { booleans: ["no-text"], values: ["rows", "width"], maxPositionals: 1 }, run: m.runInspect };
  },
  serve: async () => {
    const m = await import("./serve.js");
    return { help: m.serveHelp, spec: { booleans: ["allow-edit"], values: ["db", "port", "host", "reviewer"] }, run: m.runServe };
  },
  catalog: async () => {
    const m = await import("./catalog.js");
    return { help: m.catalogHelp, spec: { booleans: ["no-groups"], values: ["limit", "format", "out", "db"], maxPositionals: 1 }, run: m.runCatalog };
  },
  enqueue: async () => {
    const m = await import("./queue.js");
    return { help: m.enqueueHelp, spec: { booleans: ["force", "json"], values: ["db", "ext", "lease"] }, run: m.runEnqueue };
  },
  worker: async () => {
    const m = await import("./queue.js");
    return { help: m.workerHelp, spec: { booleans: ["no-ocr", "until-empty", "quiet"], values: ["db", "jobs", "timeout"], maxPositionals: 0 }, run: m.runWorkerCommand };
  },
  status: async () => {
    const m = await import("./queue.js");
    return { help: m.statusHelp, spec: { booleans: ["watch", "json"], values: ["db", "every"], maxPositionals: 0 }, run: m.runStatus };
  },
  copy: async () => {
    const m = await import("./copy.js");
    return { help: m.copyHelp, spec: { booleans: ["quiet", "json"], values: ["from", "to"], maxPositionals: 0 }, run: m.runCopy };
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
  serve: "local web page to review and correct what the extractor is unsure of",
  catalog: "catalog worklists: `catalog unmatched` lists labels without an indicator id",
  enqueue: "queue files for workers on any machine (PostgreSQL store)",
  worker: "take queued files, parse and store them (run on many machines)",
  status: "queued/running/done/failed jobs and throughput (--watch for live)",
  copy: "copy an SQLite store into a PostgreSQL store (idempotent)",
};

function usage(): string {
  return `baocao — Vietnamese administrative-reform reports to structured data

Usage: baocao <command> [options]   (baocao <command> --help for details; baocao --version)

Commands:
${Object.keys(commands)
  .map((c) => `  ${c.padEnd(9)}${summaries[c] ?? ""}`)
  .join("\n")}
`;
}

/** The version in package.json (found above this module, in src/ and in dist/src/ alike). */
export function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "baocao" && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
  }
  return "unknown";
}

/** Entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`baocao ${version()}\n`);
    return 0;
  }
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
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(rest, cmd.spec);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`${e.message}\n\n${cmd.help}\n`);
    return 2;
  }
  if (args.flags.has("version")) {
    process.stdout.write(`baocao ${version()}\n`);
    return 0;
  }
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
