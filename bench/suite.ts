/**
 * The test suite's wall time per spec folder (issue 16: `npm test` stays quick as it grows): each folder's
 * spec files run in a mocha process of their own, one folder after another, then the whole suite once as
 * `npm test` runs it, which is the figure the 4-minute goal is about (one process shares the engine host and
 * the built catalog, so it is less than the sum of the folders). `npm run bench -- --only suite`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './build.ts';
import type { BenchResult } from './result.ts';

/** The whole suite's goal on this machine kind (2 cores). */
export const SUITE_GOAL_MS = 240_000;

/** Spec files by the folder under spec/ they sit in (`spec` for the top level). */
function specFolders(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const files = readdirSync(join(REPO, 'spec'), { recursive: true }).map(String).filter((f) => f.endsWith('.spec.ts')).sort();
  for (const file of files) {
    const parts = file.split('/');
    const folder = parts.length > 1 ? `spec/${parts[0]}` : 'spec';
    groups.set(folder, [...(groups.get(folder) ?? []), join('spec', file)]);
  }
  return groups;
}

/** One mocha run: wall time and the reporter's closing `N passed, N failed`. */
function runMocha(args: readonly string[]): { ms: number; passed: number; failed: number } {
  const start = performance.now();
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/mocha/bin/mocha.js'), ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  const counts = /(\d+) passed, (\d+) failed/.exec(run.stdout.trim().split('\n').at(-1) ?? '');
  if (!counts) throw new Error(`mocha ${args.join(' ')} printed no closing count (exit ${run.status}): ${run.stderr.slice(-500)}`);
  return { ms, passed: Number(counts[1]), failed: Number(counts[2]) };
}

export function benchSuite(options: { readonly log: (line: string) => void }): BenchResult[] {
  const results: BenchResult[] = [];
  let sum = 0;
  for (const [folder, files] of specFolders()) {
    options.log(`  ${folder} (${files.length} files) ...`);
    // --no-config: with .mocharc.json, mocha would add its spec glob (the whole suite) to these files.
    const run = runMocha(['--no-config', '--node-option', 'import=tsx', '--reporter', 'spec/support/reporter.cjs', '--timeout', '120000', ...files]);
    sum += run.ms;
    results.push({
      name: folder,
      figures: { 'spec files': files.length, tests: run.passed + run.failed, failed: run.failed, 'wall s': (run.ms / 1000).toFixed(1), command: `mocha ${folder === 'spec' ? 'spec/*.spec.ts' : `${folder}/**/*.spec.ts`}` },
    });
  }
  results.push({ name: 'sum of the folders', figures: { 'wall s': (sum / 1000).toFixed(1) } });
  options.log('  whole suite (npm test) ...');
  const whole = runMocha([]);
  results.push({
    name: 'whole suite',
    figures: {
      tests: whole.passed + whole.failed,
      failed: whole.failed,
      'wall s': (whole.ms / 1000).toFixed(1),
      goal: `< ${SUITE_GOAL_MS / 1000} s: ${whole.ms < SUITE_GOAL_MS && whole.failed === 0 ? 'met' : whole.failed ? 'FAILED' : 'MISSED'}`,
      command: `npm test (mocha, .mocharc.json; ${relative(REPO, join(REPO, 'spec'))}/**/*.spec.ts in one process)`,
    },
  });
  return results;
}
