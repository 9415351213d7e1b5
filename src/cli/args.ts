/** Parsed command line: positional arguments and --flags (a flag followed by a value takes it). */
export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Minimal argv parser. `booleanFlags` never take a value, so `extract FILE --json` and
 * `ingest --json DIR` both read as expected.
 */
export function parseArgs(argv: string[], booleanFlags: string[] = []): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (!booleanFlags.includes(name) && next !== undefined && !next.startsWith("--")) {
          flags.set(name, next);
          i++;
        } else flags.set(name, true);
      }
    } else if (a === "-h") flags.set("help", true);
    else positional.push(a);
  }
  return { positional, flags };
}

export function flagString(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}
