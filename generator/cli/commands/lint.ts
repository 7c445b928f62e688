import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineUnavailableError } from '../../engine/index.ts';
import { formatFinding, lintFiles, rules } from '../../lint/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import type { RemgenCommand } from './command.ts';

interface LintArgs {
  readonly files: string[];
  readonly json: boolean;
}

const SCRIPT = /\.(ps1|psm1)$/i;

/** The files to lint: each file as given; a folder stands for every .ps1/.psm1 under it. */
async function expand(paths: readonly string[]): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push(`${path}: cannot read it: ${systemErrorWords(error)}`);
      continue;
    }
    if (info.isDirectory()) {
      const found = (await readdir(path, { recursive: true })).map(String).filter((f) => SCRIPT.test(f)).sort();
      if (found.length === 0) problems.push(`${path}: a folder with no .ps1 or .psm1 file`);
      files.push(...found.map((f) => join(path, f)));
    } else {
      files.push(path);
    }
  }
  return { files, problems };
}

const width = Math.max(...rules.map((r) => r.name.length));

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
  const columns = Math.max(40, Math.min(110, process.stdout.columns ?? 110) - width - 4);
  return rules.map((r) => `  ${r.name.padEnd(width)}  ${hanging(r.description, width + 4, columns)}`).join('\n');
}

const lintCommand: RemgenCommand = {
  command: 'lint <files..>',
  describe: 'Check PowerShell scripts against the rules remgen holds its own output to (Windows PowerShell 5.1 surface, integrity, 5.1 traps)',
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
    const { files, problems } = await expand(args.files);
    if (problems.length > 0) {
      for (const problem of problems) printError(`remgen lint: ${problem}`);
      printError("Run 'remgen lint --help' for usage.");
      return EXIT.usage;
    }
    // The engine host only parses here: JIT-compiling it fully up front (instead of tiered start-up)
    // parses the bench catalog's 400 scripts in about half the time. Only this process's host sees it.
    process.env.DOTNET_TieredCompilation ??= '0';
    let findings;
    try {
      findings = await lintFiles(files);
    } catch (error) {
      if (!(error instanceof EngineUnavailableError)) throw error;
      printError(`remgen lint: ${error.message}`);
      return EXIT.failed;
    }
    if (args.json) {
      printJson({ ok: findings.length === 0, files, rules: rules.map((r) => r.name), findings });
    } else {
      for (const finding of findings) print(formatFinding(finding));
      const withFindings = new Set(findings.map((f) => f.file)).size;
      print(
        findings.length === 0
          ? `Summary: ${plural(files.length, 'file')}, no findings (${plural(rules.length, 'rule')}).`
          : `Summary: ${plural(findings.length, 'finding')} in ${withFindings} of ${plural(files.length, 'file')} (${plural(rules.length, 'rule')}).`,
      );
    }
    return findings.length === 0 ? EXIT.ok : EXIT.failed;
  },
};

export default lintCommand;
