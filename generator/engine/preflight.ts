import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeviceProfileProps, RegistryEntry } from '../model/profile.ts';
import type { PowerShellEngine } from './index.ts';
import { continueDevice, simulate, type Simulation } from './simulate.ts';
import type { SimulatedDevice } from './profile.ts';

/**
 * `remgen simulate`: an Intune cycle (detection, remediation, detection again) of a built package on a
 * simulated device, told the way the portal would show it.
 */

export interface CycleStep {
  readonly script: 'detect.ps1' | 'remediate.ps1';
  readonly exitCode: number;
  readonly summary: string;
  readonly stderr: readonly string[];
}

export interface Change {
  readonly path: string;
  readonly name: string;
  readonly before: string;
  readonly after: string;
}

export interface Cycle {
  readonly profile: string;
  readonly description: string;
  readonly steps: readonly CycleStep[];
  readonly changes: readonly Change[];
  /** As the Intune portal names the device's state afterwards. */
  readonly intuneStatus: 'Without issues' | 'Issue fixed' | 'Failed' | 'Error';
  readonly explanation: string;
}

const describeValue = (e: RegistryEntry | undefined): string => {
  if (!e) return '(absent)';
  if (e.kind === 'DWord' || e.kind === 'QWord') return `${e.kind} ${String(e.value)} (0x${Number(e.value).toString(16).toUpperCase()})`;
  if (Array.isArray(e.value)) return `${e.kind} [${(e.value as string[]).map((v) => `'${v}'`).join(', ')}]`;
  return `${e.kind} '${String(e.value)}'`;
};

/** Registry differences between two states, by value. */
export function registryChanges(before: readonly RegistryEntry[], after: readonly RegistryEntry[]): Change[] {
  const key = (e: RegistryEntry) => `${e.path.toLowerCase()}\0${e.name.toLowerCase()}`;
  const old = new Map(before.map((e) => [key(e), e]));
  const now = new Map(after.map((e) => [key(e), e]));
  const changes: Change[] = [];
  for (const k of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = describeValue(old.get(k));
    const b = describeValue(now.get(k));
    const e = (now.get(k) ?? old.get(k))!;
    if (a !== b) changes.push({ path: e.path, name: e.name, before: a, after: b });
  }
  return changes;
}

const step = (script: CycleStep['script'], run: Simulation): CycleStep => ({
  script,
  exitCode: run.exitCode,
  summary: run.output.at(-1) ?? '',
  stderr: run.errors.map((e) => e.Message),
});

/** Detection; remediation when detection found an issue; detection again, each on the state the last left. */
export async function runCycle(engine: PowerShellEngine, packageDir: string, profile: DeviceProfileProps): Promise<Cycle> {
  let device: SimulatedDevice = profile;
  const steps: CycleStep[] = [];
  const run = async (script: CycleStep['script']): Promise<Simulation> => {
    const result = await simulate(engine, join(packageDir, script), device);
    device = continueDevice(profile, result.state);
    steps.push(step(script, result));
    return result;
  };
  const first = await run('detect.ps1');
  let status: Cycle['intuneStatus'] = 'Without issues';
  let explanation = 'detection exited 0, so Intune does not run the remediation';
  if (steps.some((s) => s.stderr.length > 0)) {
    status = 'Error';
    explanation = 'detection wrote to stderr';
  } else if (first.exitCode !== 0) {
    await run('remediate.ps1');
    const again = await run('detect.ps1');
    const remediation = steps[1]!;
    if (remediation.stderr.length > 0) {
      status = 'Error';
      explanation = 'the remediation wrote to stderr, which Intune counts as a script error';
    } else if (again.exitCode === 0) {
      status = 'Issue fixed';
      explanation = 'detection found an issue, the remediation ran, and detection afterwards exited 0';
    } else {
      status = 'Failed';
      explanation = `detection still exits ${again.exitCode} after the remediation (remediation exit ${remediation.exitCode})`;
    }
  }
  return {
    profile: profile.name,
    description: profile.description,
    steps,
    changes: registryChanges(profile.registry ?? [], device.registry ?? []),
    intuneStatus: status,
    explanation,
  };
}

/** A profile by file (.ts default export, or .json) or by name from <catalog>/profiles/. */
export async function loadProfile(spec: string, catalog: string): Promise<DeviceProfileProps> {
  const file = /[\\/]/.test(spec) || ['.ts', '.js', '.json'].includes(extname(spec)) ? resolve(spec) : join(resolve(catalog), 'profiles', `${spec}.ts`);
  if (!existsSync(file)) throw new Error(`no device profile '${spec}' (looked for ${file}); bundled ones: ${bundledProfiles(catalog).join(', ') || 'none'}`);
  if (extname(file) === '.json') return JSON.parse(readFileSync(file, 'utf8')) as DeviceProfileProps;
  const module = (await import(pathToFileURL(file).href)) as { default?: DeviceProfileProps };
  if (!module.default || typeof module.default.name !== 'string') throw new Error(`${file} has no default export made with defineProfile({...})`);
  return module.default;
}

/** Names of the profiles in <catalog>/profiles/. */
export function bundledProfiles(catalog: string): string[] {
  const dir = join(resolve(catalog), 'profiles');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-data.ts')).map((f) => basename(f, '.ts')).sort();
}
