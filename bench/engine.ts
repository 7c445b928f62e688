/**
 * Engine benchmark: how long a generated script takes to run in the PowerShell engine, against baselines
 * measured in the same host process in the same run:
 *
 *   empty script      `exit 0` run directly: a fresh runspace and nothing else (the engine floor)
 *   harness, no-op    the simulation harness around a script that only exits (profile load, fakes, log scan)
 *
 * The figure for detect.ps1 / remediate.ps1 beyond start-up is their median minus the no-op harness's.
 * All in one warm host (the tests keep one alive); cold host start and the host's build are separate rows.
 * Each case runs in the embedded engine host and in a served pwsh (the tests' default engine), same run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createEngine, type PowerShellEngine } from '../generator/engine/index.ts';
import { ensureHostBuilt } from '../generator/engine/host.ts';
import { simulate } from '../generator/engine/simulate.ts';
import type { BenchResult } from './result.ts';
import { REPO } from './build.ts';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * CPU time (user + system, ms) of this process's child processes, the engine servers among them, from
 * /proc (Linux; undefined elsewhere). Wall time moves with the machine's load; CPU per run much less.
 */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // ppid is the 4th field of stat, utime and stime the 14th and 15th, in clock ticks (100 a second).
      if (Number(fields[1]) === process.pid) sum += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return sum;
}

export async function benchEngine(options: { runs?: number; log?: (line: string) => void } = {}): Promise<BenchResult[]> {
  const runs = Math.max(5, (options.runs ?? 5) * 4);
  const log = options.log ?? (() => {});
  const results: BenchResult[] = [];
  const warm = ensureHostBuilt(log);
  results.push({ name: 'host build check (warm, sources unchanged)', figures: { 'median ms': warm.ms, command: 'ensureHostBuilt()' } });

  const dir = mkdtempSync(join(tmpdir(), 'remgen-bench-engine-'));
  const out = join(dir, 'out');
  const build = spawnSync(process.execPath, [join(REPO, 'bin', 'remgen.js'), 'build', '--out', out, '--no-sign'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const empty = join(dir, 'empty.ps1');
  writeFileSync(empty, 'exit 0\r\n');

  // The two engines the tests use: the embedded host, and a real pwsh serving the host's protocol (the default).
  for (const kind of ['host', 'pwsh'] as const) {
    const started = Date.now();
    const engine: PowerShellEngine = createEngine(kind);
    await engine.run({ file: empty });
    results.push({ name: `${kind}: process start + first runspace`, figures: { 'median ms': Date.now() - started, command: kind === 'host' ? 'dotnet RemgenEngineHost.dll --serve' : 'pwsh -Command "Add-Type RemgenEngineHost.dll; [RemgenEngineHost.Server]::Serve()"' } });

    const profile = { name: 'tls-off', description: 'bench', keys: [] };
    // The median wall time of a run, and the engine's CPU per run (the engine process's, from /proc) when known.
    let cpu = '';
    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      for (let i = 0; i < 3; i += 1) await fn();
      const samples: number[] = [];
      const before = childrenCpuMs();
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      const after = childrenCpuMs();
      cpu = before === undefined || after === undefined ? '' : ((after - before) / runs).toFixed(1);
      return median(samples);
    };
    const floor = await time(() => engine.run({ file: empty }));
    results.push({ name: `${kind}: baseline: empty script (fresh runspace)`, figures: { 'median ms': floor.toFixed(1), 'engine CPU ms/run': cpu, command: 'run exit 0' } });
    const harness = await time(() => simulate(engine, empty, profile));
    results.push({ name: `${kind}: baseline: harness around an empty script`, figures: { 'median ms': harness.toFixed(1), 'engine CPU ms/run': cpu, command: 'simulate(empty.ps1)' } });
    for (const script of ['detect', 'remediate']) {
      const ms = await time(() => simulate(engine, join(out, 'intune', 'tls', `${script}.ps1`), profile));
      const beyond = ms - harness;
      results.push({
        name: `${kind}: tls ${script}.ps1 on tls-off`,
        figures: { 'median ms': ms.toFixed(1), 'engine CPU ms/run': cpu, 'beyond harness ms': beyond.toFixed(1), goal: script === 'detect' ? (beyond <= 200 ? 'met (<= 200 ms)' : 'MISSED (> 200 ms)') : '', command: `simulate(${script}.ps1)` },
      });
    }
    // The bundle's packages on whole devices: every rung's probe, and the actions where the device needs them.
    const { default: healthy } = await import('../remediations/profiles/onedrive-0x8004de40-healthy.ts');
    const { default: broken } = await import('../remediations/profiles/onedrive-0x8004de40-everything-broken.ts');
    for (const pkg of ['onedrive-0x8004de40-device', 'onedrive-0x8004de40-user']) {
      for (const [script, device] of [['detect', healthy], ['remediate', broken]] as const) {
        const ms = await time(() => simulate(engine, join(out, 'intune', pkg, `${script}.ps1`), device));
        results.push({
          name: `${kind}: ${pkg} ${script}.ps1 on ${device.name.replace('onedrive-0x8004de40-', '')}`,
          figures: { 'median ms': ms.toFixed(1), 'engine CPU ms/run': cpu, 'beyond harness ms': (ms - harness).toFixed(1), goal: '', command: `simulate(${script}.ps1)` },
        });
      }
    }
  }
  return results;
}
