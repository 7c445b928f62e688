/**
 * The test suite's wall time, whole and per spec folder (issue 16: `npm test` stays quick as it grows). The
 * suite runs once exactly as `npm test` runs it (.mocharc.json: two spec files at a time), with
 * REMGEN_SPEC_TIMES set, so each mocha worker records when each spec file it ran ended
 * (spec/support/global-setup.ts). A file's time is from the end of the file its worker ran before it (or the
 * worker's first test) to its own end: its import, hooks and tests. The folders' times add up to the two
 * workers' busy time, which is about twice the wall time. `npm run bench -- --only suite`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO } from './build.ts';
import type { BenchResult } from './result.ts';

/** The whole suite's goal on this machine kind (2 cores). */
export const SUITE_GOAL_MS = 240_000;

interface FileTime { readonly file: string; readonly ms: number }

/** Each spec file's time in its worker, from the lines the root hooks wrote. */
export function fileTimes(lines: string): FileTime[] {
  const records = lines.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { pid: number; file: string; start: number; end: number });
  const lastEnd = new Map<number, number>();
  const out: FileTime[] = [];
  for (const r of records.sort((a, b) => a.end - b.end)) {
    const from = lastEnd.get(r.pid) ?? r.start;
    lastEnd.set(r.pid, r.end);
    out.push({ file: relative(REPO, r.file), ms: r.end - from });
  }
  return out;
}

/** The folder a spec file is counted in: its first folder under spec/ (`spec` for the top level), or its package. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'packages') return `${parts[0]}/${parts[1]}`;
  return parts.length > 2 ? `spec/${parts[1]}` : 'spec';
}

export function benchSuite(options: { readonly log: (line: string) => void; readonly top?: number }): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-suite-'));
  const timesFile = join(dir, 'times.jsonl');
  try {
    options.log('  whole suite (npm test, with each file\'s time recorded) ...');
    const start = performance.now();
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules/mocha/bin/mocha.js')], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REMGEN_SPEC_TIMES: timesFile },
    });
    const ms = performance.now() - start;
    const counts = /(\d+) passed, (\d+) failed/.exec(run.stdout.trim().split('\n').at(-1) ?? '');
    if (!counts) throw new Error(`npm test printed no closing count (exit ${run.status}): ${run.stderr.slice(-500)}`);
    const failed = Number(counts[2]);
    const files = fileTimes(readFileSync(timesFile, 'utf8'));
    const folders = new Map<string, { files: number; ms: number }>();
    for (const f of files) {
      const folder = folderOf(f.file);
      const entry = folders.get(folder) ?? { files: 0, ms: 0 };
      folders.set(folder, { files: entry.files + 1, ms: entry.ms + f.ms });
    }
    const busy = files.reduce((sum, f) => sum + f.ms, 0);
    const results: BenchResult[] = [...folders].sort((a, b) => b[1].ms - a[1].ms).map(([folder, t]) => ({
      name: folder,
      figures: { 'spec files': t.files, 'worker s': (t.ms / 1000).toFixed(1), 'share %': ((100 * t.ms) / busy).toFixed(1) },
    }));
    for (const f of [...files].sort((a, b) => b.ms - a.ms).slice(0, options.top ?? 12)) {
      results.push({ name: `  ${f.file}`, figures: { 'spec files': 1, 'worker s': (f.ms / 1000).toFixed(1), 'share %': ((100 * f.ms) / busy).toFixed(1) } });
    }
    results.push({ name: 'workers busy (sum of the files)', figures: { 'spec files': files.length, 'worker s': (busy / 1000).toFixed(1) } });
    results.push({
      name: 'whole suite',
      figures: {
        tests: Number(counts[1]) + failed,
        failed,
        'wall s': (ms / 1000).toFixed(1),
        goal: `< ${SUITE_GOAL_MS / 1000} s: ${ms < SUITE_GOAL_MS && failed === 0 ? 'met' : failed ? 'FAILED' : 'MISSED'}`,
        command: 'npm test (mocha, .mocharc.json: spec/**/*.spec.ts and packages/*/spec, two files at a time)',
      },
    });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
