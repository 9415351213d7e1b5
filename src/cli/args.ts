/** Parsed command line: positional arguments and --flags (a value flag always takes one value). */
export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * What a command accepts. Anything else on its command line is refused (exit 2), so a typo
 * (`--dbb x.sqlite`) can never be ignored and let the run go to the default database, and a
 * second file (`extract a.txt b.txt`) can never be silently dropped.
 */
export interface ArgSpec {
  /** Flags without a value (`--json`). `help` and `version` are always accepted. */
  booleans: readonly string[];
  /** Flags that take exactly one value (`--db FILE` or `--db=FILE`). */
  values: readonly string[];
  /** Most positional arguments (default: any number). */
  maxPositionals?: number;
  /** Pairs of flags that cannot be given together. */
  conflicts?: readonly (readonly [string, string])[];
}

/** A command line the command cannot run: printed with its help, exit code 2. */
export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgError";
  }
}

const ALWAYS = ["help", "version"];

/**
 * Strict argv parser. `--name=value` and `--name value` both give a value flag its value; the
 * separate form takes the next argument whatever it is, except another option, which means the
 * value was forgotten. `--` ends the options. `-h` is `--help`; "-" alone is a positional
 * (stdin). Throws ArgError for an unknown option, a value flag without a value, a value given
 * to a boolean flag, too many positionals and conflicting flags.
 */
export function parseArgs(argv: string[], spec: ArgSpec = { booleans: [], values: [] }): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const booleans = new Set([...spec.booleans, ...ALWAYS]);
  const values = new Set(spec.values);
  const isOption = (a: string) => a.startsWith("-") && a !== "-" && !/^-\d/.test(a);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === "-h") {
      flags.set("help", true);
      continue;
    }
    if (!isOption(a)) {
      positional.push(a);
      continue;
    }
    if (!a.startsWith("--")) throw new ArgError(`Unknown option ${a} (options are spelled --name).`);
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.has(name)) {
      if (eq > 0) throw new ArgError(`--${name} takes no value.`);
      flags.set(name, true);
    } else if (values.has(name)) {
      if (eq > 0) flags.set(name, a.slice(eq + 1));
      else {
        const next = argv[i + 1];
        if (next === undefined || (isOption(next) && next !== "--")) throw new ArgError(`--${name} needs a value.`);
        flags.set(name, next);
        i++;
      }
    } else {
      const known = [...values, ...spec.booleans].map((f) => `--${f}`).join(", ");
      throw new ArgError(`Unknown option --${name}.${known ? ` This command takes: ${known}.` : ""}`);
    }
  }
  if (!flags.has("help") && !flags.has("version")) {
    if (spec.maxPositionals !== undefined && positional.length > spec.maxPositionals) {
      const extra = positional.slice(spec.maxPositionals).map((p) => `"${p}"`).join(" ");
      throw new ArgError(
        spec.maxPositionals === 0
          ? `This command takes no arguments besides options; got ${extra}.`
          : `Too many arguments: this command takes ${spec.maxPositionals}; ${extra} would be ignored. Quote an argument that holds spaces.`,
      );
    }
    for (const [a, b] of spec.conflicts ?? [])
      if (flags.has(a) && flags.has(b)) throw new ArgError(`--${a} and --${b} cannot be used together; choose one.`);
  }
  return { positional, flags };
}

export function flagString(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}
