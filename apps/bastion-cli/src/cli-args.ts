/** Positional words and `--name value` options (repeatable), as the bastion CLI takes them. */
export interface ParsedArgs {
  readonly words: readonly string[];
  readonly options: ReadonlyMap<string, readonly string[]>;
}

export class UsageError extends Error {}

export function parseArgs(args: readonly string[]): ParsedArgs {
  const words: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? args[++i];
    if (!name || value === undefined) throw new UsageError(`${arg} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { words, options };
}

export function option(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.at(-1);
}

export function requireWord(args: ParsedArgs, index: number, what: string): string {
  const word = args.words[index];
  if (word === undefined) throw new UsageError(`missing ${what}`);
  return word;
}
