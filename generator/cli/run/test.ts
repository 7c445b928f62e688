import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatRun, runPester, type Container } from 'pester-ts-runner';
import { EXIT } from '../exit.ts';
import { print, printError, printJson } from '../output.ts';

export interface TestArgs {
  readonly ids?: string[];
  readonly profile?: string[];
  readonly junit?: string;
  readonly json: boolean;
  readonly out: string;
  readonly pester?: string;
}

/** The built packages' Pester suites under <out>/intune/, by package id. */
function builtSuites(out: string): Map<string, { file: string; profiles: string[] }> {
  const found = new Map<string, { file: string; profiles: string[] }>();
  const root = join(out, 'intune');
  if (!existsSync(root)) return found;
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id, 'tests');
    if (!existsSync(dir)) continue;
    const file = readdirSync(dir).find((f) => f.endsWith('.Tests.ps1'));
    if (!file) continue;
    const data = readFileSync(join(dir, 'package.psd1'), 'latin1');
    const profiles = [...data.matchAll(/^\s*DeviceName\s*=\s*'([^']*)'/gm)].map((m) => m[1]!);
    found.set(id, { file: join(dir, file), profiles });
  }
  return found;
}

/** `remgen test`: the built suites through pester-ts-runner in one PowerShell process. */
export async function runTest(args: TestArgs): Promise<number> {
  const suites = builtSuites(args.out);
  const ids = args.ids && args.ids.length > 0 ? args.ids : [...suites.keys()];
  const unknown = ids.filter((id) => !suites.has(id));
  if (suites.size === 0 || unknown.length > 0) {
    printError(`remgen test: ${unknown.length > 0 ? `no Pester suite for ${unknown.join(', ')}` : 'no Pester suite'} in ${relative(process.cwd(), join(args.out, 'intune')) || args.out}; run 'remgen build' first${suites.size > 0 ? ` (built: ${[...suites.keys()].join(', ')})` : ''}`);
    return EXIT.failed;
  }
  const profiles = args.profile ?? [];
  const containers: Container[] = [];
  for (const id of ids) {
    const suite = suites.get(id)!;
    if (profiles.length === 0) containers.push({ path: suite.file });
    else if (suite.profiles.some((p) => profiles.includes(p))) containers.push({ path: suite.file, data: { ProfileName: profiles } });
  }
  const missing = profiles.filter((p) => !ids.some((id) => suites.get(id)!.profiles.includes(p)));
  if (missing.length > 0 || containers.length === 0) {
    printError(`remgen test: no suite of ${ids.join(', ')} carries the profile${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; bundled ones: ${[...new Set(ids.flatMap((id) => suites.get(id)!.profiles))].join(', ')}`);
    return EXIT.failed;
  }
  try {
    const run = await runPester({ containers, ...(args.junit ? { junit: args.junit } : {}), ...(args.pester ? { pester: { version: args.pester } } : {}) });
    if (args.json) printJson({ ok: run.ok, pester: run.pesterVersion, powershell: run.powershellVersion, edition: run.edition, counts: run.counts, tests: run.tests, failures: run.failures });
    else for (const line of formatRun(run)) print(line);
    return run.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    printError(`remgen test: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}
