import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { commands } from './commands/index.ts';
import { EXIT } from './exit.ts';

export { EXIT };

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const parser = yargs([...argv])
    .scriptName('remgen')
    .usage('$0 <command> [options]\n\nCompiles typed remediation descriptors into signed Windows PowerShell.')
    .epilogue(
      'Exit codes: 0 success; 1 descriptor errors, failed build or invalid signature; 2 --check found stale files; 3 usage error.',
    )
    .strict()
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error) throw error;
      process.stderr.write(`remgen: ${message}\nRun 'remgen --help' for the commands and options.\n`);
      exitCode = EXIT.usage;
    });
  // yargs validates unknown options only after a command's handler has been called, so the handler
  // only records the choice; the command runs once parsing has finished without a usage error.
  let chosen: (() => Promise<number> | number) | undefined;
  for (const command of commands) {
    parser.command({
      ...command,
      builder: (y: Argv) => command.builder(y).strict(),
      handler: (args: Record<string, unknown>) => {
        // yargs parsed `args` with this command's builder, so they are what its handler declares.
        chosen = () => command.handler(args as never);
      },
    } as CommandModule);
  }
  await parser.parseAsync();
  if (exitCode === EXIT.usage || !chosen) return exitCode;
  exitCode = await chosen();
  return exitCode;
}
