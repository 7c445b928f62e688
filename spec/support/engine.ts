import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getEngine, type PowerShellEngine } from '../../generator/engine/index.ts';
import { continueDevice, simulate, withState, type Simulation, type SimulateOptions } from '../../generator/engine/simulate.ts';
import type { SimulatedDevice } from '../../generator/engine/profile.ts';
import type { DeviceProfile, DeviceProfileProps } from '../../generator/model/profile.ts';
import { remgen, REPO, scratchProject } from './temp-catalog.ts';
import type { Catalog } from '../../generator/check/catalog.ts';
import type { Remediation } from '../../generator/descriptor/remediation.ts';
import { synthesize } from '../../generator/synthesize.ts';

/** The engine for every engine-backed spec: one host process for the whole run, a runspace per case. */
export function engine(): PowerShellEngine {
  return getEngine();
}

let built: Promise<string> | undefined;

/**
 * out/ of the bundled catalog, built once per test run by the real CLI on its defaults (signed with the
 * development certificate), so the engine runs exactly the bytes that ship.
 */
export function bundledOut(): Promise<string> {
  built ??= new Promise((resolve) => {
    const project = scratchProject(join(REPO, 'remediations'));
    const run = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    resolve(project.out);
  });
  return built;
}

/** A bundled device profile from remediations/profiles/. */
export async function bundledProfile(name: string): Promise<DeviceProfile> {
  const module = (await import(pathToFileURL(join(REPO, 'remediations', 'profiles', `${name}.ts`)).href)) as { default: DeviceProfile };
  return module.default;
}

/**
 * Runs scripts in sequence on one simulated device: each run starts from the registry the last one left.
 * With `continues`, the whole device carries on (commands' answers, endpoints, dates, services, clock too);
 * without it, everything but the registry is as the profile says again, as when a symptom comes back.
 */
export class Device {
  private device: SimulatedDevice;
  readonly runs: Simulation[] = [];
  constructor(private readonly profile: DeviceProfileProps, private readonly options: { readonly continues?: boolean; readonly engine?: PowerShellEngine } = {}) {
    this.device = profile;
  }

  async run(script: string, options: SimulateOptions = {}): Promise<Simulation> {
    const result = await simulate(this.options.engine ?? engine(), script, this.device, options);
    this.device = this.options.continues ? continueDevice(this.profile, result.state) : withState(this.profile, result.state);
    this.runs.push(result);
    return result;
  }

  /**
   * The same device later, its symptoms back as the profile has them; the registry (and so any cooldown)
   * kept. `clock` is the time then (ISO 8601 UTC), the profile's when not given.
   */
  symptomsBack(clock?: string): void {
    const last = this.runs.at(-1);
    if (last) this.device = withState(clock ? later(this.profile, clock) : this.profile, last.state);
  }
}

/** The profile at another time: its clock, and the servers' Date answers moved by as much. */
function later(profile: DeviceProfileProps, clock: string): DeviceProfileProps {
  const by = Date.parse(clock) - Date.parse(profile.clock ?? '2026-01-01T00:00:00Z');
  const move = (date: string | undefined): string | undefined => (date === undefined ? undefined : new Date(Date.parse(date) + by).toISOString());
  const httpDates = (profile.httpDates ?? []).map((h) => ({ ...h, date: move(h.date), then: h.then?.map((t) => ({ ...t, date: move(t.date) })) }));
  return { ...profile, clock, httpDates };
}

/** A script written to a temp file, for runs of generated text that is not in out/. */
export function scriptFile(text: string | Uint8Array, name = 'script.ps1'): string {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-script-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** CMTrace line: `<![LOG[text]LOG]!><time="HH:mm:ss.fff+000" date="MM-dd-yyyy" component=".." context=".." type="1|2|3" thread="n" file="..">` */
export const CMTRACE = /^<!\[LOG\[(.*)\]LOG\]!><time="(\d{2}:\d{2}:\d{2}\.\d{3})\+000" date="(\d{2}-\d{2}-\d{4})" component="([^"]*)" context="([^"]*)" type="([123])" thread="(\d+)" file="([^"]*)">$/;

/** The Intune contract for a summary line: one line, printable ASCII, at most 2,048 characters. */
export function assertSummaryLine(run: Simulation): string {
  assert.equal(run.output.length, 1, `exactly one output line, got ${JSON.stringify(run.output)}`);
  const line = run.output[0]!;
  assert.match(line, /^[\x20-\x7e]+$/, 'printable ASCII');
  assert.ok(line.length <= 2048, `at most 2048 characters, got ${line.length}`);
  return line;
}

/**
 * The Intune scripts of a one-off remediation (for a step room's engine tests), synthesized in memory by
 * the real pipeline, unsigned, written to a temp folder.
 */
export async function intuneScripts(remediation: Remediation): Promise<{ detect: string; remediate: string }> {
  const catalog: Catalog = { remediations: [{ remediation, file: join(REPO, 'remediations', `${remediation.id}.ts`) }], bundles: [] };
  const synthesis = await synthesize(catalog, { catalogRoot: join(REPO, 'remediations'), generatorVersion: '0.0.0-spec' });
  const dir = mkdtempSync(join(tmpdir(), 'remgen-room-'));
  const write = (name: string): string => {
    const bytes = synthesis.files.get(`intune/${remediation.id}/${name}`);
    assert.ok(bytes, `intune/${remediation.id}/${name} was not rendered`);
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  return { detect: write('detect.ps1'), remediate: write('remediate.ps1') };
}
