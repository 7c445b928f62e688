import type { LintArgs } from '../run/lint.ts';
import type { LintRule } from '../../lint/rule.ts';
import type { RemgenCommand } from './command.ts';

/** The rules, for the help text: loaded by `prepare` only when `lint` is the command (the rules import the engine). */
let rules: readonly Pick<LintRule, 'name' | 'description'>[] = [];


/** Word-wraps `text` to `columns`, every line after the first indented by `indent` spaces. */
function hanging(text: string, indent: number, columns: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(indent));
}

function rulesHelp(): string {
  const width = Math.max(...rules.map((r) => r.name.length));
  const columns = Math.max(40, Math.min(110, process.stdout.columns ?? 110) - width - 4);
  return rules.map((r) => `  ${r.name.padEnd(width)}  ${hanging(r.description, width + 4, columns)}`).join('\n');
}


const lintCommand: RemgenCommand = {
  command: 'lint <files..>',
  describe: 'Check PowerShell scripts against the rules remgen holds its own output to (Windows PowerShell 5.1 surface, integrity, 5.1 traps)',
  async prepare() {
    ({ rules } = await import('../../lint/index.ts'));
  },
  builder: (yargs) =>
    yargs
      .wrap(null)
      .positional('files', { type: 'string', array: true, describe: 'scripts to check; a folder means every .ps1/.psm1 under it' })
      .option('json', { type: 'boolean', default: false, describe: 'print the findings as one JSON document' })
      .example('$0 lint out/intune/tls/detect.ps1 out/intune/tls/remediate.ps1', 'check two generated scripts')
      .example('$0 lint Fix-Spooler.ps1', 'hold a hand-written script to the same bar before uploading it')
      .example('$0 lint out/', 'every script under out/')
      .example('$0 lint out/ --json | jq ".findings[]"', 'machine-readable findings, for pipelines')
      .epilogue(
        'Each finding is printed as file:line:col rule: message. Scripts are parsed by PowerShell\'s own\n' +
          'parser (a pwsh on PATH, else the engine host, which needs the .NET 10 SDK).\n\nRules:\n' +
          rulesHelp() +
          '\n\nExit codes: 0 no finding; 1 any finding, or no PowerShell engine; 3 usage error (no file, or one\n' +
          'that cannot be read).',
      ),
  async handler(args: LintArgs) {
    const { runLint } = await import('../run/lint.ts');
    return runLint(args);
  },
};

export default lintCommand;
