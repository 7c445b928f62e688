import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EngineUnavailableError, getEngine } from '../../engine/index.ts';
import { bundledProfiles, loadProfile, runCycle, type Cycle } from '../../engine/preflight.ts';
import { loadAndCheck } from '../../build.ts';
import { profilesFor } from '../../plan/index.ts';
import { EXIT } from '../exit.ts';
import { print, printError, printJson } from '../output.ts';

function show(cycle: Cycle): void {
  print(`${cycle.profile}: ${cycle.description}`);
  for (const s of cycle.steps) print(`  ${s.script.padEnd(14)} exit ${String(s.exitCode).padEnd(3)} ${s.summary}`);
  for (const s of cycle.steps.filter((x) => x.stderr.length > 0)) print(`  ${s.script} wrote to stderr: ${s.stderr.join(' | ')}`);
  if (cycle.changes.length === 0) print('  changes on the device: none');
  else {
    print(`  changes on the device (${cycle.changes.length}):`);
    for (const c of cycle.changes) print(`    ${c.path}\\${c.name}: ${c.before} -> ${c.after}`);
  }
  print(`  Intune would show: ${cycle.intuneStatus} (${cycle.explanation})`);
  print();
}

/** The bundled profiles for a package: the plan stage's rule (`profilesFor`), the package's Pester suite's too. */
async function defaultProfiles(id: string, catalogDir: string): Promise<string[]> {
  const { catalog, diagnostics } = await loadAndCheck(catalogDir);
  if (diagnostics.length > 0) return [];
  const entry = catalog.remediations.find((r) => r.remediation.id === id);
  if (entry) return profilesFor(entry, catalog, bundledProfiles(catalogDir));
  return bundledProfiles(catalogDir).filter((n) => n.startsWith(`${id}-`));
}

/** `remgen simulate`: the handler, loaded only when this command runs. */
export async function runSimulate(args: { id: string; profile?: string[]; out: string; catalog: string; json: boolean }): Promise<number> {
  const dir = join(args.out, 'intune', args.id);
  if (!existsSync(join(dir, 'detect.ps1')) || !existsSync(join(dir, 'remediate.ps1'))) {
    printError(`remgen simulate: ${relative(process.cwd(), dir) || dir} has no detect.ps1 and remediate.ps1; run 'remgen build' first`);
    return EXIT.failed;
  }
  const names = args.profile && args.profile.length > 0 ? args.profile : await defaultProfiles(args.id, args.catalog);
  if (names.length === 0) {
    printError(`remgen simulate: no profile given and none named '${args.id}-*' (or after its bundle) in ${join(args.catalog, 'profiles')}; pass --profile NAME|FILE`);
    return EXIT.failed;
  }
  const cycles: Cycle[] = [];
  try {
    const engine = getEngine();
    for (const name of names) cycles.push(await runCycle(engine, dir, await loadProfile(name, args.catalog)));
  } catch (error) {
    printError(`remgen simulate: ${error instanceof EngineUnavailableError || error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
  const ok = cycles.every((c) => c.intuneStatus === 'Without issues' || c.intuneStatus === 'Issue fixed');
  if (args.json) printJson({ id: args.id, ok, cycles });
  else {
    print(`remgen simulate ${args.id}: ${cycles.length} device profile${cycles.length === 1 ? '' : 's'}, scripts from ${relative(process.cwd(), dir) || dir}`);
    print();
    cycles.forEach(show);
    const bad = cycles.filter((c) => c.intuneStatus === 'Failed' || c.intuneStatus === 'Error');
    print(`Summary: ${cycles.length - bad.length} of ${cycles.length} ended compliant${bad.length ? `; not on ${bad.map((c) => c.profile).join(', ')}` : ''}.`);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
