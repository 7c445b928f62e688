import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineUnavailableError } from '../../engine/index.ts';
import { formatFinding, lintFiles, rules } from '../../lint/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';

export interface LintArgs {
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

/** `remgen lint`: the handler, loaded only when this command runs. */
export async function runLint(args: LintArgs): Promise<number> {
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
}
