import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EngineUnavailableError, getEngine } from '../../engine/index.ts';
import { bundledProfiles, loadProfile, runConfigMgrCycle, runCycle, runModuleCycle, targetFiles, type Cycle, type TargetRun } from '../../engine/preflight.ts';
import { TARGET_NAMES, type TargetName } from '../../descriptor/remediation.ts';
import { PROGRAM_EXIT_CODES } from '../../targets/index.ts';
import { pascalName } from '../../script/index.ts';
import { loadAndCheck } from '../../build.ts';
import { profilesFor } from '../../plan/index.ts';
import { EXIT } from '../exit.ts';
import { print, printError, printJson } from '../output.ts';

/** Intune's part of a cycle: the scripts' lines, the changes, what was not simulated, the portal's state. */
function showIntune(cycle: Cycle): void {
  for (const s of cycle.steps) print(`  ${s.script.padEnd(14)} exit ${String(s.exitCode).padEnd(3)} ${s.summary}`);
  for (const s of cycle.steps.filter((x) => x.stderr.length > 0)) print(`  ${s.script} wrote to stderr: ${s.stderr.join(' | ')}`);
  if (cycle.changes.length === 0) print(cycle.actions.length === 0 ? '  changes on the device: none' : '  registry changes: none');
  else {
    print(`  changes on the device (${cycle.changes.length}):`);
    for (const c of cycle.changes) print(`    ${c.path}\\${c.name}: ${c.before} -> ${c.after}`);
  }
  for (const n of cycle.notSimulated) {
    print(`  not simulated: ${n.steps.length ? `step${n.steps.length === 1 ? '' : 's'} ${n.steps.join(', ')} call${n.steps.length === 1 ? 's' : ''}` : 'a step calls'} ${n.command}, declared outside remgen's seams: ${n.steps.length === 1 ? 'its result' : 'their results'} here ${n.steps.length === 1 ? 'is' : 'are'} not the device's`);
  }
  if (cycle.actions.length > 0) print(`  done through seams (${cycle.actions.length}): ${cycle.actions.join('; ')}`);
  print(`  Intune would show: ${cycle.intuneStatus} (${cycle.explanation})`);
}

function show(cycle: SimulatedCycle): void {
  print(`${cycle.profile}: ${cycle.description}`);
  if (cycle.intuneStatus !== undefined) showIntune(cycle as Cycle);
  const width = Math.max(0, ...[...(cycle.configmgr ? [...cycle.configmgr.steps, cycle.configmgr.program] : []), ...(cycle.module?.steps ?? [])].map((r) => r.script.length));
  const line = (r: TargetRun, note = '') => print(`    ${r.script.padEnd(width)} exit ${String(r.exitCode).padEnd(4)} ${r.summary}${note}${r.stderr.length ? ` (stderr: ${r.stderr.join(' | ')})` : ''}`);
  if (cycle.configmgr) {
    print('  ConfigMgr:');
    cycle.configmgr.steps.forEach((r) => line(r));
    line(cycle.configmgr.program, ` (program mode: ${cycle.configmgr.program.meaning})`);
    print(`    the console would show: ${cycle.configmgr.status} (${cycle.configmgr.explanation})`);
  }
  if (cycle.module) {
    print('  module:');
    cycle.module.steps.forEach((r) => line(r));
    print(`    ${cycle.module.status} (${cycle.module.explanation})`);
  }
  print();
}

/** The ConfigMgr and module targets of a cycle ended compliant (a target the build did not write counts as fine). */
function cycleOk(c: SimulatedCycle): boolean {
  const cm = !c.configmgr || ((c.configmgr.status === 'Compliant' || c.configmgr.status === 'Remediated') && (c.configmgr.program.exitCode === 0 || c.configmgr.program.exitCode === 3010));
  const module = !c.module || c.module.status === 'Compliant' || c.module.status === 'Repaired';
  return cm && module;
}

/** The bundled profiles for a package: the plan stage's rule (`profilesFor`), the package's Pester suite's too. */
async function defaultProfiles(id: string, catalogDir: string): Promise<string[]> {
  const { catalog, diagnostics } = await loadAndCheck(catalogDir);
  if (diagnostics.length > 0) return [];
  const entry = catalog.remediations.find((r) => r.remediation.id === id);
  if (entry) return profilesFor(entry, catalog, bundledProfiles(catalogDir));
  return bundledProfiles(catalogDir).filter((n) => n.startsWith(`${id}-`));
}

/** One profile's cycles: Intune's (its fields at the top, as `Cycle` has them) when simulated, and the other targets'. */
type SimulatedCycle = Pick<Cycle, 'profile' | 'description' | 'configmgr' | 'module'> & Partial<Omit<Cycle, 'profile' | 'description' | 'configmgr' | 'module'>>;

/** `remgen simulate`: the handler, loaded only when this command runs. */
export async function runSimulate(args: { id: string; profile?: string[]; out: string; catalog: string; target?: readonly string[]; json: boolean }): Promise<number> {
  const dir = join(args.out, 'intune', args.id);
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  const files = targetFiles(args.out, args.id, pascalName(args.id));
  const built: Record<TargetName, boolean> = {
    intune: existsSync(join(dir, 'detect.ps1')) && existsSync(join(dir, 'remediate.ps1')),
    configmgr: files.configmgr !== undefined,
    module: files.module !== undefined,
  };
  const named = (args.target ?? []) as readonly TargetName[];
  const missing = named.filter((t) => !built[t]);
  if (missing.length > 0) {
    printError(`remgen simulate: ${missing.map((t) => `${shown(join(args.out, t, args.id))} has no ${t} build of '${args.id}'`).join('; ')}; run 'remgen build ${args.id} --target ${missing.join(',')}' first`);
    return EXIT.failed;
  }
  const targets = named.length > 0 ? TARGET_NAMES.filter((t) => named.includes(t)) : TARGET_NAMES.filter((t) => built[t]);
  if (targets.length === 0) {
    printError(`remgen simulate: ${shown(dir)} has no detect.ps1 and remediate.ps1; run 'remgen build' first (${shown(args.out)} holds no ConfigMgr or module build of '${args.id}' either)`);
    return EXIT.failed;
  }
  const names = args.profile && args.profile.length > 0 ? args.profile : await defaultProfiles(args.id, args.catalog);
  if (names.length === 0) {
    printError(`remgen simulate: no profile given and none named '${args.id}-*' (or after its bundle) in ${join(args.catalog, 'profiles')}; pass --profile NAME|FILE`);
    return EXIT.failed;
  }
  const cycles: SimulatedCycle[] = [];
  try {
    const engine = getEngine();
    for (const name of names) {
      const profile = await loadProfile(name, args.catalog);
      const intune: SimulatedCycle = targets.includes('intune') ? await runCycle(engine, dir, profile) : { profile: profile.name, description: profile.description };
      const configmgr = targets.includes('configmgr') && files.configmgr ? await runConfigMgrCycle(engine, files.configmgr, profile, PROGRAM_EXIT_CODES) : undefined;
      const module = targets.includes('module') && files.module ? await runModuleCycle(engine, files.module, profile) : undefined;
      cycles.push({ ...intune, ...(configmgr ? { configmgr } : {}), ...(module ? { module } : {}) });
    }
  } catch (error) {
    printError(`remgen simulate: ${error instanceof EngineUnavailableError || error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
  // Every target must end well: Intune's status, the ConfigMgr item and program mode (0 or 3010), the module.
  const ok = cycles.every((c) => (c.intuneStatus === undefined || c.intuneStatus === 'Without issues' || c.intuneStatus === 'Issue fixed') && cycleOk(c));
  if (args.json) printJson({ id: args.id, ok, cycles });
  else {
    const from = targets.map((t) => shown(join(args.out, t, args.id))).join(', ');
    print(`remgen simulate ${args.id}: ${cycles.length} device profile${cycles.length === 1 ? '' : 's'}, scripts from ${from}`);
    print();
    cycles.forEach(show);
    const bad = cycles.filter((c) => c.intuneStatus === 'Failed' || c.intuneStatus === 'Error' || !cycleOk(c));
    print(`Summary: ${cycles.length - bad.length} of ${cycles.length} ended compliant${bad.length ? `; not on ${bad.map((c) => c.profile).join(', ')}` : ''}.`);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
