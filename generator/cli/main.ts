import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { suggest } from '../check/suggest.ts';
import { systemErrorWords } from '../system-error.ts';
import { commands } from './commands/index.ts';
import { EXIT } from './exit.ts';

export { EXIT };

/** What yargs knows about a command's options once its builder ran (public on the instance, not in its types). */
interface DeclaredOptions {
  readonly key: Readonly<Record<string, unknown>>;
  readonly boolean: readonly string[];
}

const nameOf = (command: { readonly command: string | readonly string[] }): string =>
  (typeof command.command === 'string' ? command.command : command.command[0] ?? '').split(' ')[0]!;

/**
 * yargs reports an unknown option by its parsed name (`--no-sgin` as `sgin`) and an unknown command
 * twice (a "Did you mean" and an "Unknown argument"). This says it once, as typed, with at most one
 * suggestion per word: `remgen build: unknown option --no-sgin; did you mean --no-sign?`.
 */
function unknownArguments(names: readonly string[], argv: readonly string[], declared: DeclaredOptions | undefined): string {
  const words = argv.filter((token) => !token.startsWith('-'));
  const command = commands.find((c) => nameOf(c) === words[0]);
  if (!command) {
    const typed = words[0];
    if (typed === undefined) return `unknown option ${names.map((n) => `--${n}`).join(', ')}`;
    const guess = suggest(typed, commands.map(nameOf));
    return `unknown command '${typed}'${guess ? `; did you mean '${guess}'?` : ''}`;
  }
  const positionals = new Set([...String(command.command).matchAll(/[[<]([\w-]+)(?:\.\.)?[\]>]/g)].map((m) => m[1]!));
  const options = Object.keys(declared?.key ?? {}).filter((key) => !positionals.has(key));
  const booleans = new Set(declared?.boolean ?? []);
  // yargs names `--no-such-flag` both `such-flag` and `suchFlag`: one report per word as typed.
  const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const typedWords = [...new Set(names.map((name) =>
    argv.map((token) => token.replace(/=.*$/, '')).find((token) => [`--${kebab(name)}`, `--no-${kebab(name)}`, `-${name}`, `--${name}`, name].includes(token)) ?? `--${kebab(name)}`))];
  const parts = typedWords.map((typed) => {
    if (!typed.startsWith('-')) return `unexpected argument '${typed}'`;
    const negated = typed.startsWith('--no-');
    const bare = typed.replace(/^--?(no-)?/, '');
    const guess = suggest(bare, negated ? options.filter((o) => booleans.has(o)) : options);
    return `unknown option ${typed}${guess ? `; did you mean --${negated ? 'no-' : ''}${guess}?` : ''}`;
  });
  return parts.join('; ');
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  let declared: DeclaredOptions | undefined;
  let commandName = '';
  const parser = yargs([...argv])
    .scriptName('remgen')
    .usage('$0 <command> [options]\n\nCompiles typed remediation descriptors into signed Windows PowerShell.')
    .epilogue(
      'Exit codes: 0 success; 1 descriptor errors, failed build or invalid signature; 2 --check found stale files; 3 usage error.',
    )
    .strict()
    .demandCommand(1, `name a command: ${commands.map(nameOf).join(', ')}`)
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error) throw error;
      // yargs may fail more than once for one mistake; the first says it.
      if (exitCode === EXIT.usage) return;
      const unknown = /^Unknown arguments?: (.*)$/.exec(message ?? '');
      const text = unknown ? unknownArguments(unknown[1]!.split(', '), argv, declared) : message;
      const prefix = commandName && !text.startsWith('unknown command') ? `remgen ${commandName}` : 'remgen';
      process.stderr.write(`${prefix}: ${text}\nRun '${prefix} --help' for the ${prefix === 'remgen' ? 'commands' : 'options'}.\n`);
      exitCode = EXIT.usage;
    });
  // yargs validates unknown options only after a command's handler has been called, so the handler
  // only records the choice; the command runs once parsing has finished without a usage error.
  let chosen: (() => Promise<number> | number) | undefined;
  const named = commands.find((c) => nameOf(c) === argv.find((token) => !token.startsWith('-')));
  await named?.prepare?.();
  for (const command of commands) {
    parser.command({
      ...command,
      builder: (y: Argv) => {
        const built = command.builder(y).strict();
        declared = (built as unknown as { getOptions(): DeclaredOptions }).getOptions();
        commandName = nameOf(command);
        return built;
      },
      handler: (args: Record<string, unknown>) => {
        // yargs parsed `args` with this command's builder, so they are what its handler declares.
        chosen = () => command.handler(args as never);
      },
    } as CommandModule);
  }
  // yargs renders the whole help text after a command's handler, to have it ready should a later failure
  // show it (cliui, wrap-ansi, string-width: ~20 ms of every run); remgen's failures print their own lines,
  // and --help renders it anew, so it is not kept. (An internal method of yargs: when it is gone, nothing changes.)
  const usage = (parser as unknown as { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
  await parser.parseAsync();
  if (exitCode === EXIT.usage || !chosen) return exitCode;
  try {
    exitCode = await chosen();
  } catch (error) {
    // A file the command could not read or write: say so in words; anything else is a bug, with its stack.
    const system = error as NodeJS.ErrnoException;
    if (typeof system.code !== 'string' || typeof system.syscall !== 'string') throw error;
    process.stderr.write(`remgen ${commandName}: ${system.path ? `${system.path}: ` : ''}${systemErrorWords(error)}\n`);
    exitCode = EXIT.failed;
  }
  return exitCode;
}
