import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { DeviceProfileProps, RegistryEntry } from '../model/profile.ts';
import type { PowerShellEngine } from './index.ts';
import { continueDevice, simulate, type Simulation } from './simulate.ts';
import type { SimulatedDevice } from './profile.ts';
import { SCRIPT_STEP_MARKER } from '../lint/support.ts';
import { importTypeScriptFile } from '../load/compile.ts';

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
  /**
   * What the remediation did through seams besides the registry (which `changes` shows by value), as the harness
   * names it: `Add-RgLocalGroupMember Administrators`, `Set-RgMpPreference PUAProtection`, ...; empty when it did not run.
   */
  readonly actions: readonly string[];
  /** As the Intune portal names the device's state afterwards. */
  readonly intuneStatus: 'Without issues' | 'Issue fixed' | 'Failed' | 'Error';
  readonly explanation: string;
  /**
   * Commands outside the seams that script steps declared `unsimulated` and the cycle reached, with the steps
   * that declared them: those steps' results are the simulator's refusal, not the device's.
   */
  readonly notSimulated: readonly { readonly command: string; readonly steps: readonly string[] }[];
  /** The same device under the ConfigMgr target, when the build wrote it. */
  readonly configmgr?: ConfigMgrCycle;
  /** The same device under the module target, when the build wrote it. */
  readonly module?: ModuleCycle;
}

const describeValue = (e: RegistryEntry | undefined): string => {
  if (!e) return '(absent)';
  if (e.kind === 'DWord' || e.kind === 'QWord') return `${e.kind} ${String(e.value)} (0x${Number(e.value).toString(16).toUpperCase()})`;
  if (Array.isArray(e.value)) return `${e.kind} [${(e.value as string[]).map((v) => `'${v}'`).join(', ')}]`;
  return `${e.kind} '${String(e.value)}'`;
};

/** The steps of a generated script that declared each reached command unsimulated (its script step markers). */
export function notSimulatedSteps(scriptText: string, reached: readonly string[]): { command: string; steps: string[] }[] {
  const steps = new Map<string, string[]>();
  for (const match of scriptText.matchAll(SCRIPT_STEP_MARKER)) {
    const ids = match[2]!.split(',').map((id) => id.trim());
    for (const name of match[3]!.split(',').map((n) => n.trim()).filter((n) => n.length > 0)) {
      const known = steps.get(name.toLowerCase()) ?? [];
      steps.set(name.toLowerCase(), [...new Set([...known, ...ids])]);
    }
  }
  return reached.map((command) => ({ command, steps: steps.get(command.toLowerCase()) ?? [] }));
}

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
  const reached: string[] = [];
  const run = async (script: CycleStep['script']): Promise<Simulation> => {
    // Absolute: the engine is a long-lived process whose working folder is its own, not this one's.
    const result = await simulate(engine, resolve(packageDir, script), device);
    for (const name of result.notSimulated) if (!reached.includes(name)) reached.push(name);
    device = continueDevice(profile, result.state);
    steps.push(step(script, result));
    return result;
  };
  const first = await run('detect.ps1');
  let actions: readonly string[] = [];
  let status: Cycle['intuneStatus'] = 'Without issues';
  let explanation = 'detection exited 0, so Intune does not run the remediation';
  if (steps.some((s) => s.stderr.length > 0)) {
    status = 'Error';
    explanation = 'detection wrote to stderr';
  } else if (first.exitCode !== 0) {
    actions = (await run('remediate.ps1')).actions.filter((a) => !a.startsWith('Write-RgRegistryData '));
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
    notSimulated: notSimulatedSteps(readFileSync(join(packageDir, 'remediate.ps1'), 'utf8'), reached),
    changes: registryChanges(profile.registry ?? [], device.registry ?? []),
    actions,
    intuneStatus: status,
    explanation,
  };
}

/** A profile by file (.ts default export, or .json) or by name from <catalog>/profiles/. */
export async function loadProfile(spec: string, catalog: string): Promise<DeviceProfileProps> {
  const file = /[\\/]/.test(spec) || ['.ts', '.js', '.json'].includes(extname(spec)) ? resolve(spec) : join(resolve(catalog), 'profiles', `${spec}.ts`);
  if (!existsSync(file)) throw new Error(`no device profile '${spec}' (looked for ${file}); bundled ones: ${bundledProfiles(catalog).join(', ') || 'none'}`);
  if (extname(file) === '.json') return JSON.parse(readFileSync(file, 'utf8')) as DeviceProfileProps;
  const module = (await importTypeScriptFile(file)) as { default?: DeviceProfileProps };
  if (!module.default || typeof module.default.name !== 'string') throw new Error(`${file} has no default export made with defineProfile({...})`);
  return module.default;
}

/** Names of the profiles in <catalog>/profiles/. */
export function bundledProfiles(catalog: string): string[] {
  const dir = join(resolve(catalog), 'profiles');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-data.ts')).map((f) => basename(f, '.ts')).sort();
}

/** A ConfigMgr script run: its exit code and last line. */
export interface TargetRun {
  readonly script: string;
  readonly exitCode: number;
  readonly summary: string;
  /** How many lines it printed (a discovery script must print exactly one). */
  readonly lines: number;
  readonly stderr: readonly string[];
}

/**
 * The ConfigMgr target on the same device: the configuration item's cycle (discovery; remediation when it
 * printed NonCompliant; discovery again), and, on the device as the profile gives it, the program-mode
 * script once (its exit code by `PROGRAM_EXIT_CODES`).
 */
export interface ConfigMgrCycle {
  readonly steps: readonly TargetRun[];
  /** As the console's compliance state would read afterwards. */
  readonly status: 'Compliant' | 'Remediated' | 'NonCompliant' | 'Error';
  readonly explanation: string;
  readonly program: TargetRun & { readonly meaning: string };
}

/** The module target on the same device: Test-, Repair-, Test- again, each step's object summed up. */
export interface ModuleCycle {
  readonly steps: readonly TargetRun[];
  readonly status: 'Compliant' | 'Repaired' | 'NotCompliant' | 'Error';
  readonly explanation: string;
}

/** Where a build wrote each target of a package; absent when the build did not write that target. */
export interface TargetFiles {
  readonly configmgr?: { readonly discovery: string; readonly remediation: string; readonly program: string };
  readonly module?: { readonly manifest: string; readonly name: string };
}

const lastLine = (run: Simulation): string => run.output.filter((l) => l.trim() !== '').at(-1) ?? '';
const targetRun = (script: string, run: Simulation): TargetRun => ({ script, exitCode: run.exitCode, summary: lastLine(run), lines: run.output.length, stderr: run.errors.map((e) => e.Message) });

/** The ConfigMgr and module files of a built package under `out`, by each target's documented layout. */
export function targetFiles(out: string, id: string, name: string): TargetFiles {
  const cm = resolve(out, 'configmgr', id);
  const files = { discovery: join(cm, 'discovery.ps1'), remediation: join(cm, 'remediation.ps1'), program: join(cm, `Invoke-${name}.ps1`) };
  const manifest = resolve(out, 'module', id, name, `${name}.psd1`);
  return {
    ...(Object.values(files).every((f) => existsSync(f)) ? { configmgr: files } : {}),
    ...(existsSync(manifest) ? { module: { manifest, name } } : {}),
  };
}

/** Discovery (one line, exit 0), remediation when NonCompliant, discovery again; then program mode on the device as given. */
export async function runConfigMgrCycle(engine: PowerShellEngine, files: NonNullable<TargetFiles['configmgr']>, profile: DeviceProfileProps, exitCodes: readonly { readonly code: number; readonly short: string }[]): Promise<ConfigMgrCycle> {
  let device: SimulatedDevice = profile;
  const steps: TargetRun[] = [];
  const run = async (label: string, file: string): Promise<TargetRun> => {
    const result = await simulate(engine, file, device);
    device = continueDevice(profile, result.state);
    const one = targetRun(label, result);
    steps.push(one);
    return one;
  };
  // ConfigMgr reads the one printed value; a non-zero exit is a discovery failure (docs/reference/intune-configmgr.md 2.1).
  const wellFormed = (r: TargetRun) => r.exitCode === 0 && r.stderr.length === 0 && r.lines === 1 && (r.summary === 'Compliant' || r.summary === 'NonCompliant');
  const first = await run('discovery.ps1', files.discovery);
  let status: ConfigMgrCycle['status'] = 'Compliant';
  let explanation = 'discovery printed Compliant, so the remediation does not run';
  if (!wellFormed(first)) {
    status = 'Error';
    explanation = `discovery must print one line, Compliant or NonCompliant, and exit 0; it printed ${first.lines} line(s) ending '${first.summary}' and exited ${first.exitCode}`;
  } else if (first.summary === 'NonCompliant') {
    const remediation = await run('remediation.ps1', files.remediation);
    const again = await run('discovery.ps1', files.discovery);
    if (remediation.stderr.length > 0 || !wellFormed(again)) {
      status = 'Error';
      explanation = remediation.stderr.length > 0 ? 'the remediation wrote to stderr' : `discovery afterwards printed '${again.summary}' and exited ${again.exitCode}`;
    } else if (again.summary === 'Compliant') {
      status = 'Remediated';
      explanation = 'discovery printed NonCompliant, the remediation ran, and discovery afterwards printed Compliant';
    } else {
      status = 'NonCompliant';
      explanation = `discovery still prints NonCompliant after the remediation (remediation exit ${remediation.exitCode})`;
    }
  }
  const program = targetRun(basename(files.program), await simulate(engine, files.program, profile));
  const meaning = exitCodes.find((e) => e.code === program.exitCode)?.short ?? 'not a documented exit code';
  return { steps, status, explanation, program: { ...program, meaning } };
}

/**
 * A script for the harness that imports the signed module and points each seam's name, inside the module's
 * session state, at the harness's fake (the module resolves commands there, not in the harness's scope; the
 * module's bytes stay as signed), then runs one command and prints one summary line.
 */
function moduleScript(manifest: string, command: string): string {
  const quoted = `'${manifest.replace(/'/g, "''")}'`;
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    `$RgModule = Import-Module -Name ${quoted} -PassThru -Force`,
    "$RgFakes = @(foreach ($seam in $RgSimSeams) { Get-Command -Name ('RgSim.' + $seam) -CommandType Function })",
    '. $RgModule {',
    '    param([string[]]$Seams, [object[]]$Fakes)',
    '    for ($index = 0; $index -lt $Seams.Count; $index++) {',
    '        $fake = $Fakes[$index]',
    "        $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Function:\\', 'RgSim.' + $Seams[$index], 'Function', { & $fake @args }.GetNewClosure())",
    "        $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Alias:\\', $Seams[$index], 'Alias', 'RgSim.' + $Seams[$index])",
    '    }',
    '} $RgSimSeams $RgFakes',
    `$RgResults = @(${command})`,
    command.startsWith('Test-')
      ? [
          '$RgBad = @($RgResults | Where-Object -FilterScript { -not $_.Compliant })',
          "if ($RgBad.Count -eq 0) { 'all ' + $RgResults.Count + ' steps compliant' }",
          "else { [string]$RgBad.Count + ' of ' + $RgResults.Count + ' steps not compliant: ' + (@($RgBad | ForEach-Object -Process { [string]$_.Name }) -join ', ') }",
        ].join('\r\n')
      : [
          // Microsoft.PowerShell.Core only in the engine: no Group-Object.
          '$RgCounts = [ordered]@{}',
          'foreach ($RgOne in $RgResults) { $RgKey = [string]$RgOne.Action; if ($RgCounts.Contains($RgKey)) { $RgCounts[$RgKey]++ } else { $RgCounts[$RgKey] = 1 } }',
          "(@(foreach ($RgKey in $RgCounts.Keys) { $RgKey + ' ' + $RgCounts[$RgKey] }) -join ', ')",
        ].join('\r\n'),
    'exit 0',
    '',
  ].join('\r\n');
}

/** Test-<Name>, Repair-<Name>, Test-<Name> again on the continuing device. */
export async function runModuleCycle(engine: PowerShellEngine, files: NonNullable<TargetFiles['module']>, profile: DeviceProfileProps): Promise<ModuleCycle> {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-module-'));
  try {
    let device: SimulatedDevice = profile;
    const steps: TargetRun[] = [];
    const run = async (command: string): Promise<TargetRun> => {
      const name = command.split(' ')[0]!;
      const file = join(dir, `${name}-${steps.length}.ps1`);
      writeFileSync(file, moduleScript(files.manifest, command));
      const result = await simulate(engine, file, device);
      device = continueDevice(profile, result.state);
      const one = targetRun(name, result);
      steps.push(one);
      return one;
    };
    const failed = (r: TargetRun) => r.exitCode !== 0 || r.stderr.length > 0;
    const first = await run(`Test-${files.name}`);
    if (failed(first)) return { steps, status: 'Error', explanation: `Test-${files.name} failed: ${first.stderr.join(' | ') || first.summary}` };
    if (first.summary.startsWith('all ')) return { steps, status: 'Compliant', explanation: `Test-${files.name} found every step compliant, so there is nothing to repair` };
    const repair = await run(`Repair-${files.name} -Confirm:$false`);
    if (failed(repair)) return { steps, status: 'Error', explanation: `Repair-${files.name} failed: ${repair.stderr.join(' | ') || repair.summary}` };
    const again = await run(`Test-${files.name}`);
    if (failed(again)) return { steps, status: 'Error', explanation: `Test-${files.name} afterwards failed: ${again.stderr.join(' | ') || again.summary}` };
    return again.summary.startsWith('all ')
      ? { steps, status: 'Repaired', explanation: `Repair-${files.name} ran and Test-${files.name} afterwards found every step compliant` }
      : { steps, status: 'NotCompliant', explanation: `Test-${files.name} still finds steps not compliant after Repair-${files.name}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
