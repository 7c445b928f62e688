/**
 * Build benchmark: `remgen build` over the real catalog and over a synthetic catalog of 200
 * remediations, each run in a fresh Node process (cold: nothing of remgen or the descriptors is loaded
 * yet; out/ is empty), against a baseline measured in the same run on the same machine:
 *
 *   node-startup   `node -e ''`                                           Node's own start-up floor
 *   tsx+descriptor `node --import tsx -e "await import('./remediations/tls.ts')"`  start-up + tsx + one descriptor
 *
 * Wall time is measured around the child process (spawn to exit) in this process. Peak memory is the
 * child's maximum resident set size: via `/usr/bin/time -f %M` when it exists, otherwise via a preload
 * (`node --import data:...`) that writes `process.resourceUsage().maxRSS` at exit. Both read the same
 * kernel figure (getrusage ru_maxrss of the Node process). CPU time (user + system, every thread of the
 * child) comes the same way (`%U %S`, or `resourceUsage()`'s CPU times); on a machine other processes load,
 * it moves less than wall time does.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result.ts';
import { loadAndCheck } from '../generator/build.ts';
import { DEFAULT_TARGETS } from '../generator/descriptor/remediation.ts';

export const REPO = resolve(fileURLToPath(new URL('../', import.meta.url)));
const BIN = join(REPO, 'bin', 'remgen.js');
/** Under the repo so `import ... from 'remgen'` resolves by package self-reference; git-ignored. */
export const SYNTHETIC_CATALOG = join(REPO, 'bench', '.tmp-catalog');

const TIME = '/usr/bin/time';
export type RssMethod = 'time' | 'preload';

/** `/usr/bin/time` when present; REMGEN_BENCH_RSS=preload forces the fallback. */
export const rssMethod = (): RssMethod => (process.env.REMGEN_BENCH_RSS !== 'preload' && existsSync(TIME) ? 'time' : 'preload');

const PRELOAD = 'data:text/javascript,' + encodeURIComponent(
  "import { writeFileSync } from 'node:fs';" +
  "process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.REMGEN_BENCH_RSS_FILE, u.maxRSS + ' ' + u.userCPUTime / 1e6 + ' ' + u.systemCPUTime / 1e6); });",
);

export interface Run {
  readonly ms: number;
  readonly rssKiB: number;
  /** User + system CPU time of the child, ms. */
  readonly cpuMs: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One fresh `node <args>` process: wall time, peak RSS, exit status and output. */
export async function runNode(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const scratch = mkdtempSync(join(tmpdir(), 'remgen-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  const method = rssMethod();
  const [command, argv] = method === 'time'
    ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', PRELOAD, ...args]];
  try {
    const start = performance.now();
    const child = spawn(command, argv, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env, REMGEN_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const status = await new Promise<number>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code, signal) => done(code ?? (signal ? 128 : -1)));
    });
    const ms = performance.now() - start;
    // /usr/bin/time writes "Command exited with non-zero status N" before the figure when the child fails.
    const rssText = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)! : '';
    const [rssKiB, user, system] = rssText.split(' ').map(Number) as [number, number, number];
    if (!Number.isFinite(rssKiB) || rssKiB <= 0) throw new Error(`no peak RSS figure from ${method} (got ${JSON.stringify(rssText)})`);
    return { ms, rssKiB, cpuMs: (user + system) * 1000, status, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A small deterministic PRNG (mulberry32), so the synthetic catalog is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE_STRINGS = [
  'Enabled', 'C:\\ProgramData\\Contoso\\Agent', "Contoso's update channel", 'https://updates.contoso.example/api',
  'Policy \u2013 managed by IT', 'O\u2019Brien', '%SystemRoot%\\System32', '$(not a subexpression)', 'tab\there',
];

/** Source of one synthetic descriptor: `steps` registryValue/registryBits steps in system context. */
export function syntheticDescriptor(index: number, steps = 10): string {
  const random = prng(index + 1);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const id = `bench-${String(index).padStart(4, '0')}`;
  const key = `HKLM:\\SOFTWARE\\Contoso\\Bench\\Package${index}`;
  const lines: string[] = [];
  for (let s = 0; s < steps; s += 1) {
    const view = s % 3 === 2 ? 32 : 64;
    const common = `id: 'step-${s}', title: 'Step ${s} of ${id}', path: ${JSON.stringify(`${key}\\Area${s % 4}`)}, name: 'Value${s}', view: ${view}`;
    const kind = Math.floor(random() * 6);
    if (kind === 0) {
      lines.push(`registryBits({ ${common}, set: 0x${(1 << Math.floor(random() * 12)).toString(16)}, whenAbsent: 0x${Math.floor(random() * 0xfff).toString(16)} }),`);
    } else if (kind === 1) {
      lines.push(`registryBits({ ${common}, clear: 0x${(1 << Math.floor(random() * 12)).toString(16)} }),`);
    } else if (kind === 2) {
      lines.push(`registryValue({ ${common}, type: 'String', value: ${JSON.stringify(pick(SAMPLE_STRINGS) + ' ' + index)} }),`);
    } else if (kind === 3) {
      lines.push(`registryValue({ ${common}, type: 'MultiString', value: ${JSON.stringify([pick(SAMPLE_STRINGS), `item ${s}`])} }),`);
    } else if (kind === 4) {
      lines.push(`registryValue({ ${common}, type: 'QWord', value: '0x${Math.floor(random() * 2 ** 32).toString(16)}00000001' }),`);
    } else {
      lines.push(`registryValue({ ${common}, type: 'DWord', value: ${Math.floor(random() * 2 ** 32)} }),`);
    }
  }
  return [
    "import { defineRemediation, registryBits, registryValue } from 'remgen';",
    '',
    'export default defineRemediation({',
    `  id: '${id}',`,
    `  displayName: 'Benchmark remediation ${index}',`,
    `  description: 'Synthetic remediation ${index} for npm run bench: ${steps} registry steps in system context, Intune target.',`,
    "  publisher: 'remgen bench',",
    "  context: 'system',",
    // Intune only, so the build and lint figures stay comparable with the ones recorded before the
    // ConfigMgr and module targets existed.
    "  targets: ['intune'],",
    '  steps: [',
    ...lines.map((l) => '    ' + l),
    '  ],',
    '});',
    '',
  ].join('\n');
}

/** (Re)creates the synthetic catalog folder with `count` descriptor files. */
export function writeSyntheticCatalog(count = 200, dir = SYNTHETIC_CATALOG): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i += 1) writeFileSync(join(dir, `bench-${String(i).padStart(4, '0')}.ts`), syntheticDescriptor(i));
  return dir;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number): number => Math.round(x);
const mib = (kib: number): number => Math.round((kib / 1024) * 10) / 10;

interface Case {
  readonly name: string;
  /** Arguments after `node`, and the command as shown in the report. */
  readonly args: (out: string) => string[];
  readonly shown: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Packages the build must report; absent for baselines. */
  readonly packages?: number;
  readonly goalMs?: number;
  /** Goal as a multiple of the tsx baseline measured in the same run (issue 16: 1.5 for the signed catalog, 1.2 for --help). */
  readonly goalRatio?: number;
  /** Goal for each package beyond the baseline, in ms (issue 16: 10). */
  readonly goalMsPerPackage?: number;
  /** Run before each run of the case, outside the time measured. */
  readonly before?: () => void;
}

export interface BuildBenchOptions {
  readonly runs?: number;
  readonly syntheticCount?: number;
  readonly log?: (line: string) => void;
}

/** One run of a case (run 0 is the unmeasured warm-up); checks a build's JSON result. */
async function measureOnce(c: Case, i: number, runs: number, log: (line: string) => void): Promise<{ ms: number; rssKiB: number; cpuMs: number } | { error: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'remgen-bench-out-'));
  try {
    c.before?.();
    const run = await runNode(c.args(join(scratch, 'out')), c.env ? { env: c.env } : {});
    if (run.status !== 0) {
      const why = (run.stderr.trim().split('\n').find((l) => /error|Error/.test(l)) ?? run.stderr.trim().split('\n')[0] ?? '').slice(0, 160);
      return { error: `exit ${run.status}: ${why}` };
    }
    if (c.packages !== undefined) {
      let built: number;
      try {
        const result = JSON.parse(run.stdout) as { ok?: boolean; packages?: unknown[] };
        built = result.ok === true && Array.isArray(result.packages) ? result.packages.length : -1;
      } catch {
        return { error: `build printed no JSON result: ${run.stdout.slice(0, 120)}` };
      }
      if (built !== c.packages) return { error: `built ${built} packages, expected ${c.packages}` };
    }
    if (i > 0) log(`  ${c.name} run ${i}/${runs}: ${round(run.ms)} ms, ${mib(run.rssKiB)} MiB`);
    return { ms: run.ms, rssKiB: run.rssKiB, cpuMs: run.cpuMs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Every case `runs` times after one unmeasured warm-up (page cache, tsx's transform cache), in rounds: each
 * round runs every case once, so a machine whose load changes during the bench (other processes) weighs on
 * every case alike and the ratios to the baseline stay fair.
 */
async function measureAll(cases: readonly Case[], runs: number, log: (line: string) => void): Promise<Array<{ times: number[]; rss: number[]; cpu: number[]; error?: string }>> {
  const measured = cases.map(() => ({ times: [] as number[], rss: [] as number[], cpu: [] as number[], error: undefined as string | undefined }));
  for (let i = 0; i <= runs; i += 1) {
    for (const [index, c] of cases.entries()) {
      const state = measured[index]!;
      if (state.error !== undefined) continue;
      const got = await measureOnce(c, i, runs, log);
      if ('error' in got) state.error = got.error;
      else if (i > 0) {
        state.times.push(got.ms);
        state.rss.push(got.rssKiB);
        state.cpu.push(got.cpuMs);
      }
    }
  }
  return measured.map(({ times, rss, cpu, error }) => (error === undefined ? { times, rss, cpu } : { times, rss, cpu, error }));
}

/** The generator bundles (bin/bundle.js: folders of 16 hex digits) and their record; not the compiled catalogs. */
function removeBundles(): void {
  const cache = join(REPO, 'node_modules', '.cache', 'remgen');
  if (!existsSync(cache)) return;
  for (const name of readdirSync(cache)) {
    if (name === 'current.json' || /^[0-9a-f]{16}$/.test(name)) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

/** Runs the baselines and the build cases; one {@link BenchResult} per case. */
export async function benchBuild(options: BuildBenchOptions = {}): Promise<BenchResult[]> {
  const runs = options.runs ?? 5;
  const count = options.syntheticCount ?? 200;
  const log = options.log ?? (() => {});
  const catalog = writeSyntheticCatalog(count);
  const build = (dir: string) => (out: string) => [BIN, 'build', '--catalog', dir, '--out', out, '--no-sign', '--json'];
  // The bundled catalog's packages, one per remediation and target, as the build's --json lists them.
  const bundled = (await loadAndCheck(join(REPO, 'remediations'))).catalog.remediations.reduce((n, r) => n + (r.remediation.targets ?? DEFAULT_TARGETS).length, 0);
  const cases: Case[] = [
    { name: 'baseline: node startup', args: () => ['-e', ''], shown: "node -e ''" },
    {
      name: 'baseline: node+tsx+1 descriptor',
      args: () => ['--import', 'tsx', '-e', "await import('./remediations/tls.ts')"],
      shown: `node --import tsx -e "await import('./remediations/tls.ts')"`,
    },
    { name: 'remgen --help', args: () => [BIN, '--help'], shown: 'node bin/remgen.js --help', goalRatio: 1.2 },
    // The generator bundle (bin/bundle.js) against its TypeScript sources under tsx, and what making it costs.
    { name: 'remgen --help, sources', args: () => [BIN, '--help'], shown: 'REMGEN_BUNDLE=0 node bin/remgen.js --help', env: { REMGEN_BUNDLE: '0' } },
    {
      name: 'bundle made (empty cache)',
      args: () => [join(REPO, 'bin', 'bundle.js')],
      shown: 'node bin/bundle.js after removing the bundles and their record from node_modules/.cache/remgen',
      // Only the bundles: the compiled catalog beside them (modules/) stays, or the next case, "build: catalog",
      // would measure a first build after an edit (the case "compiled anew" below) instead of the usual one.
      before: removeBundles,
    },
    { name: 'build: catalog', args: build(join(REPO, 'remediations')), shown: 'node bin/remgen.js build --catalog remediations --out <tmp>/out --no-sign --json', packages: bundled, goalMs: 1500, goalMsPerPackage: 10 },
    {
      name: 'build: catalog, sources',
      args: build(join(REPO, 'remediations')),
      shown: 'REMGEN_BUNDLE=0 node bin/remgen.js build --catalog remediations ... --no-sign --json',
      env: { REMGEN_BUNDLE: '0' },
      packages: bundled,
    },
    {
      // The first build after an edit of the catalog: esbuild compiles it again (generator/load/compile.ts).
      name: 'build: catalog, compiled anew',
      args: build(join(REPO, 'remediations')),
      shown: 'node bin/remgen.js build ... --no-sign --json after rm -r node_modules/.cache/remgen/modules',
      before: () => rmSync(join(REPO, 'node_modules', '.cache', 'remgen', 'modules'), { recursive: true, force: true }),
      packages: bundled,
    },
    {
      name: 'build: catalog, through tsx',
      args: build(join(REPO, 'remediations')),
      shown: 'REMGEN_COMPILE=0 node bin/remgen.js build --catalog remediations ... --no-sign --json',
      env: { REMGEN_COMPILE: '0' },
      packages: bundled,
    },
    {
      name: 'build: catalog, signed',
      args: (out: string) => [BIN, 'build', '--catalog', join(REPO, 'remediations'), '--out', out, '--json'],
      shown: 'node bin/remgen.js build --catalog remediations --out <tmp>/out --json (development certificate, created by the warm-up run)',
      packages: bundled,
      goalMs: 1500,
      goalRatio: 1.5,
    },
    {
      name: 'build: catalog, signed, sources',
      args: (out: string) => [BIN, 'build', '--catalog', join(REPO, 'remediations'), '--out', out, '--json'],
      shown: 'REMGEN_BUNDLE=0 node bin/remgen.js build --catalog remediations --out <tmp>/out --json',
      env: { REMGEN_BUNDLE: '0' },
      packages: bundled,
    },
    { name: `build: ${count} synthetic`, args: build(catalog), shown: `node bin/remgen.js build --catalog bench/.tmp-catalog --out <tmp>/out --no-sign --json`, packages: count, goalMs: 5000, goalMsPerPackage: 10 },
  ];
  const results: BenchResult[] = [];
  let baseline: number | undefined;
  let baselineCpu: number | undefined;
  try {
    const measured = await measureAll(cases, runs, log);
    for (const [index, c] of cases.entries()) {
      const { times, rss, cpu, error } = measured[index]!;
      if (error !== undefined) {
        results.push({ name: c.name, figures: { status: `FAILED (${error})`, command: c.shown } });
        continue;
      }
      const med = median(times);
      if (c.name === 'baseline: node+tsx+1 descriptor') baseline = med;
      const figures: Record<string, number | string> = {
        'median ms': round(med),
        'min ms': round(Math.min(...times)),
        'max ms': round(Math.max(...times)),
        'peak RSS MiB': mib(Math.max(...rss)),
        'median CPU ms': round(median(cpu)),
      };
      if (c.name === 'baseline: node+tsx+1 descriptor') baselineCpu = median(cpu);
      else if (baselineCpu !== undefined && !c.name.startsWith('baseline')) figures['CPU x tsx baseline'] = Math.round((median(cpu) / baselineCpu) * 100) / 100;
      if (c.packages !== undefined && baseline !== undefined) figures['over tsx baseline ms'] = round(med - baseline);
      if (c.goalMs !== undefined) figures.goal = `< ${c.goalMs} ms: ${med < c.goalMs ? 'met' : 'MISSED'}`;
      if (baseline !== undefined && c.name !== 'baseline: node+tsx+1 descriptor' && !c.name.startsWith('baseline')) {
        const ratio = med / baseline;
        figures['x tsx baseline'] = Math.round(ratio * 100) / 100;
        if (c.goalRatio !== undefined) figures['ratio goal'] = `<= ${c.goalRatio}: ${ratio <= c.goalRatio ? 'met' : 'MISSED'}`;
      }
      if (c.packages !== undefined && baseline !== undefined) {
        const perPackage = (med - baseline) / c.packages;
        figures['ms/package beyond baseline'] = Math.round(perPackage * 10) / 10;
        if (c.goalMsPerPackage !== undefined) figures['per-package goal'] = `<= ${c.goalMsPerPackage} ms: ${perPackage <= c.goalMsPerPackage ? 'met' : 'MISSED'}`;
      }
      figures.command = c.shown;
      results.push({ name: c.name, figures });
    }
  } finally {
    rmSync(catalog, { recursive: true, force: true });
  }
  return results;
}
