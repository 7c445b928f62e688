/**
 * `npm run bench`: the build benchmark (bench/build.ts) and, when present, the signing benchmark
 * (bench/sign.ts exporting `benchSign()`), printed as one table. Exit status 1 when a case failed or
 * missed its goal, so the figures are never silently wrong.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- --runs 3     fewer measured runs per case (default 5)
 *   npm run bench -- --only build only the build benchmark (build, sign, engine)
 *   npm run bench -- --only suite the test suite's wall time per spec folder and whole (bench/suite.ts; minutes,
 *                                 so only when asked for)
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchBuild, REPO, rssMethod } from './build.ts';
import type { BenchResult } from './result.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** A plain-text pipe table: one row per result, one column per figure name (in first-seen order). */
export function formatTable(results: readonly BenchResult[]): string {
  const columns: string[] = [];
  for (const r of results) for (const key of Object.keys(r.figures)) if (!columns.includes(key)) columns.push(key);
  // The command is long: last column.
  if (columns.includes('command')) columns.push(...columns.splice(columns.indexOf('command'), 1));
  const header = ['case', ...columns];
  const rows = results.map((r) => [r.name, ...columns.map((c) => (r.figures[c] === undefined ? '' : String(r.figures[c])))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const runs = Number(option('runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1; got ${option('runs')}`);
  const only = option('only');
  const log = (line: string): void => { process.stderr.write(line + '\n'); };

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`remgen bench: ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} CPUs (${cpu}), ${process.platform}/${process.arch}`);
  console.log(`each case: 1 warm-up + ${runs} measured runs, each a fresh node process; peak RSS via ${rssMethod() === 'time' ? '/usr/bin/time -f %M' : 'a --import preload reading process.resourceUsage().maxRSS'}`);

  const sections: Array<{ title: string; results: BenchResult[] }> = [];
  if (!only || only === 'build') {
    log('build benchmark ...');
    sections.push({ title: 'Build', results: await benchBuild({ runs, log }) });
  }
  const signModule = join(REPO, 'bench', 'sign.ts');
  if ((!only || only === 'sign') && existsSync(signModule)) {
    log('signing benchmark ...');
    const mod = (await import(pathToFileURL(signModule).href)) as { benchSign?: (options?: { runs?: number }) => Promise<BenchResult | BenchResult[]> };
    if (typeof mod.benchSign !== 'function') throw new Error('bench/sign.ts does not export benchSign()');
    const got = await mod.benchSign({ runs });
    sections.push({ title: 'Signing', results: Array.isArray(got) ? got : [got] });
  }

  if (!only || only === 'engine') {
    log('engine benchmark ...');
    const { benchEngine } = await import('./engine.ts');
    sections.push({ title: 'Engine', results: await benchEngine({ runs, log }) });
  }

  if (only === 'suite') {
    log('test suite per folder ...');
    const { benchSuite } = await import('./suite.ts');
    sections.push({ title: 'Test suite', results: benchSuite({ log }) });
  }

  let failed = false;
  for (const { title, results } of sections) {
    console.log(`\n${title}\n${formatTable(results)}`);
    for (const r of results) {
      const text = Object.values(r.figures).map(String).join(' ');
      if (/FAILED|MISSED/.test(text)) failed = true;
    }
  }
  if (failed) console.log('\nbench: at least one case failed or missed its goal (see the table)');
  return failed ? 1 : 0;
}

process.exitCode = await main();
