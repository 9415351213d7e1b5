import { parseArgs } from "./args.js";
import { extractHelp, runExtract } from "./extract.js";

interface Command {
  summary: string;
  help: string;
  booleanFlags: string[];
  run: (args: ReturnType<typeof parseArgs>) => Promise<number>;
}

/** Commands are loaded lazily so `extract` does not pay for the database driver. */
const commands: Record<string, () => Promise<Command>> = {
  extract: async () => ({
    summary: "extract one report and print its records (--json for the contract JSON)",
    help: extractHelp,
    booleanFlags: ["json", "no-ocr", "help"],
    run: runExtract,
  }),
  ingest: async () => {
    const m = await import("./ingest.js");
    return {
      summary: "parse files and folders into the SQLite store (parallel, resumable)",
      help: m.ingestHelp,
      booleanFlags: ["json", "quiet", "force", "no-ocr", "help"],
      run: m.runIngest,
    };
  },
};

export const extraCommands = commands;

function usage(): string {
  return `baocao — Vietnamese administrative-reform reports to structured data

Usage: baocao <command> [options]   (baocao <command> --help for details)

Commands:
${Object.keys(commands)
  .map((c) => `  ${c}`)
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
  return cmd.run(args);
}
