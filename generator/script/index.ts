/**
 * The target-neutral script core: what every generated script is made of, whichever host runs it. A
 * target (generator/targets/) supplies only its host's contract: the script's name and help text, what the
 * exit codes mean, and its entry function (templates/targets/<target>/*.ps1), which turns the shared
 * runtime's results into that host's exit code and output line.
 *
 * A script is templates/script/script.ps1.hbs: marker, help, the runtime files listed by {@link scriptParts},
 * the data ($RgPackage, $RgSteps, escaped literals only) and the main loop (Invoke-RgMain in runtime/core.ps1:
 * 64-bit relaunch, log, entry, summary, exit).
 */
import type { Remediation } from '../descriptor/remediation.ts';
import type { Package } from '../plan/index.ts';
import type { PsValue } from '../render/escape.ts';
import { gatedBytes } from '../render/gate.ts';
import { BUILD_SLOT } from './build-id.ts';
import { renderTemplate, type CheckedSource } from '../render/templates.ts';
import { isScriptStep } from '../steps/custom/script-common.ts';
import { durationSeconds, type ActionStepBase } from '../model/step.ts';
import { roomOf } from '../steps/index.ts';

/** What a target says about one of its scripts. */
export interface ScriptSpec {
  /** File name in the package folder, e.g. `detect.ps1`. */
  readonly name: string;
  /** First help line. */
  readonly synopsis: string;
  /** Help description: the remediation's own text comes first, this after it. */
  readonly description: string;
  /** What the exit codes mean, for the help's .NOTES. */
  readonly exitCodes: string;
  /** The target's entry function (Verb-RgNoun), given the step table; returns { ExitCode; Summary }. */
  readonly entry: string;
  /** File under templates/ that defines the entry function. */
  readonly entryFile: string;
  /**
   * Whether the script may change the device: then it carries the set halves of the rooms, the write
   * seams, the repair loop, and supports -WhatIf and -Confirm. A script that only reads carries none of them.
   */
  readonly changes: boolean;
  /**
   * A function of the entry file that the skeleton hands the final outcome, an error's included, just
   * before it prints the summary and exits: for a host whose contract must hold even when the script
   * fails (ConfigMgr discovery: exit 0 and one value, always). Absent: the outcome is printed as it is.
   */
  readonly outcome?: string;
}

/**
 * The PascalCase name a package's PowerShell commands and files carry (Test-<Name>, Invoke-<Name>.ps1,
 * <Name>.psm1): the id split on hyphens, each part capitalised (`onedrive-tls` -> `OnedriveTls`). The id
 * rules (lower-case letters, digits, single hyphens) make it a valid noun, and it is the same for every target.
 */
export function pascalName(id: string): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`not a remediation id: ${id}`);
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** The log file on the device, decided here only: the scripts expand it, the READMEs and `explain` show it. */
export function logLocation(remediation: Remediation): string {
  const root = remediation.context === 'system' ? '%ProgramData%' : '%LOCALAPPDATA%';
  return `${root}\\remgen\\Logs\\${remediation.id}.log`;
}

/**
 * The step table rows. Every row has the same keys the runtime reads (Id, Kind, Category, Title,
 * TestCommand, SetCommand, RestartRequired: StrictMode stops on a missing key of an [ordered] table), then
 * the room's data. SetCommand is $null for a probe and in a script that does not change the device. An
 * action's row also has Gate (probe ids) and CooldownSeconds, and for `gate: 'always'` GateAlways ($true) and CooldownCommand (runtime/actions.ps1's reader, called by name).
 */
export function stepTable(remediation: Remediation, changes: boolean): { readonly [key: string]: PsValue }[] {
  return remediation.steps.map((step) => {
    const room = roomOf(step);
    const base: { [key: string]: PsValue } = {
      Id: step.id,
      Kind: step.kind,
      Category: room.category,
      Title: step.title ?? room.title(step),
      TestCommand: room.functions.test,
      SetCommand: changes && room.functions.set ? room.functions.set : null,
    };
    if (room.category === 'action') {
      // The gate and the cooldown of every action (ActionStepBase): the runtime's, not the room's.
      const action = step as unknown as ActionStepBase;
      base.Gate = action.gate === 'always' ? [] : [...action.gate.probes];
      // An action without a probe: due whenever its cooldown has passed (runtime/core.ps1 Test-RgSteps).
      if (action.gate === 'always') {
        base.GateAlways = true;
        base.CooldownCommand = 'Get-RgActionCooldownEnd';
      }
      base.CooldownSeconds = durationSeconds(action.cooldown) ?? 0;
    }
    const data = room.toData(step);
    const clash = Object.keys(data).find((key) => key in base);
    if (clash) throw new Error(`step room '${step.kind}': data key '${clash}' is reserved for the step table`);
    return { ...base, RestartRequired: false, ...data };
  });
}

/**
 * templates/ files a script includes, in order: runtime, the runtime its rooms need, the rooms' halves, the entry.
 * `mainLoop` (default true) adds runtime/main.ps1, the script's main loop (64-bit relaunch, Invoke-RgMain):
 * every script has it; a module, whose functions run in the caller's process and never exit, leaves it out.
 */
export function scriptParts(remediation: Remediation, spec: Pick<ScriptSpec, 'changes' | 'entryFile'> & { readonly mainLoop?: boolean }): (string | CheckedSource)[] {
  // Ordered by the half's file name, not its domain folder, so moving a room between folders changes no output.
  const fileName = (room: { readonly script: string }): string => room.script.slice(room.script.lastIndexOf('/') + 1);
  const rooms = [...new Set(remediation.steps.map((step) => roomOf(step)))].sort((a, b) => (fileName(a) < fileName(b) ? -1 : 1));
  const runtime = new Set(rooms.flatMap((room) => room.runtime));
  // Test-RgSteps (core.ps1) reads an always-gated action's cooldown through the row's CooldownCommand
  // (runtime/actions.ps1, through the registry seams): a script with one carries the reads.
  if (remediation.steps.some((step) => (step as Partial<ActionStepBase>).gate === 'always')) {
    for (const file of ['actions.ps1', 'registry.ps1']) runtime.add(file);
  }
  for (const step of remediation.steps) {
    const extra = roomOf(step).stepRuntime?.(step);
    for (const file of [...(extra?.test ?? []), ...(spec.changes ? extra?.set ?? [] : [])]) runtime.add(file);
  }
  if (spec.changes) {
    for (const file of rooms.flatMap((room) => room.setRuntime ?? [])) runtime.add(file);
    // The repair loop, and what it calls to remember actions' runs (their cooldown) in the registry: every
    // script that changes the device has them, so each function it calls is defined in it.
    for (const file of ['repair.ps1', 'actions.ps1', 'actions-write.ps1', 'registry.ps1', 'registry-write.ps1']) runtime.add(file);
  }
  const halves = [...new Set(rooms.flatMap((room) => (spec.changes && room.setScript ? [room.script, room.setScript] : [room.script])))];
  const main = spec.mainLoop === false ? [] : ['runtime/main.ps1'];
  return ['runtime/core.ps1', ...main, 'runtime/platform.ps1', ...[...runtime].sort().map((f) => `runtime/${f}`), ...halves.map((f) => `steps/${f}`), ...scriptSources(remediation, spec.changes), spec.entryFile];
}

/**
 * The admin's own functions of the script steps (generator/steps/custom/), each once, in step order: the test
 * halves, and the set halves in a script that changes the device. The check stage read and linted them.
 */
function scriptSources(remediation: Remediation, changes: boolean): CheckedSource[] {
  const sources = new Map<string, { checkedSource: string; function: string; from: string; unsimulated: Set<string>; steps: string[] }>();
  for (const step of remediation.steps) {
    if (!isScriptStep(step)) continue;
    if (!step.source) throw new Error(`script step '${step.id}': its files were not read; build it from a checked catalog (the check stage reads and lints ${step.test})`);
    for (const half of changes && step.source.set ? [step.source.test, step.source.set] : [step.source.test]) {
      const key = half.function.toLowerCase();
      const entry = sources.get(key) ?? { checkedSource: half.text, function: half.function, from: half.file, unsimulated: new Set<string>(), steps: [] };
      for (const name of step.unsimulated ?? []) entry.unsimulated.add(name);
      if (!entry.steps.includes(step.id)) entry.steps.push(step.id);
      sources.set(key, entry);
    }
  }
  return [...sources.values()].map((s) => ({ ...s, unsimulated: [...s.unsimulated].sort() }));
}

/** One generated script of a package: rendered, then held to the output gate (ASCII, CRLF, no BOM, ...). */
export function renderScript(pkg: Package, generatorVersion: string, spec: ScriptSpec): { readonly path: string; readonly bytes: Uint8Array; readonly build: 'hashed' } {
  const { remediation } = pkg;
  const text = renderTemplate('script/script.ps1.hbs', {
    marker: `Generated by remgen ${generatorVersion} from '${remediation.id}' (${pkg.descriptorPath}, sha256 ${pkg.descriptorHash}). Do not edit: change the descriptor and run 'remgen build'.`,
    synopsis: spec.synopsis,
    description: `${remediation.description}\n\n${spec.description}`,
    steps: stepTable(remediation, spec.changes),
    // Build: the package's build id (build-id.ts), filled in once all its scripts are rendered.
    package: { Id: remediation.id, Build: BUILD_SLOT, Context: remediation.context, LogPath: logLocation(remediation), LogMaxBytes: (remediation.logMaxKiB ?? 1024) * 1024 },
    bundle: pkg.bundle ?? '',
    descriptorPath: pkg.descriptorPath,
    exitCodes: spec.exitCodes,
    logPath: logLocation(remediation),
    scriptName: spec.name,
    changes: spec.changes,
    entry: spec.entry,
    outcome: spec.outcome ?? '',
    runtime: scriptParts(remediation, spec),
  });
  const path = `${pkg.dir}/${spec.name}`;
  return { path, bytes: gatedBytes(path, text), build: 'hashed' };
}
