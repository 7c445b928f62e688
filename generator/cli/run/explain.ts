import { relative } from 'node:path';
import { loadAndCheck } from '../../build.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { roomOf } from '../../steps/index.ts';
import { logLocation } from '../../script/index.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import type { Bundle, Remediation } from '../../descriptor/remediation.ts';

const runsAs = (r: Remediation): string => (r.context === 'system' ? 'SYSTEM' : 'the signed-in user');

/** A bundle: what each of its packages is for, how to assign them, and where to read more. */
function explainBundle(bundle: Bundle, file: string, json: boolean): number {
  const packages = bundle.remediations.map((r) => {
    const categories = r.steps.map((step) => roomOf(step).category);
    return {
      id: r.id,
      displayName: r.displayName,
      context: r.context,
      settings: categories.filter((c) => c === 'setting').length,
      checks: categories.filter((c) => c === 'probe').length,
      actions: r.steps.filter((step) => roomOf(step).category === 'action').map((step) => step.id),
      log: logLocation(r),
    };
  });
  if (json) {
    printJson({ id: bundle.id, displayName: bundle.displayName, description: bundle.description, packages });
    return EXIT.ok;
  }
  print(`${bundle.id}: ${bundle.displayName} (a bundle of ${plural(packages.length, 'package')}, from ${relative(process.cwd(), file)})`);
  print();
  print(`  ${bundle.description}`);
  print();
  for (const [i, p] of packages.entries()) {
    const r = bundle.remediations[i]!;
    print(`${p.id}: ${p.displayName}`);
    print(`  runs as ${runsAs(r)}; ${plural(p.settings, 'setting')}, ${plural(p.checks, 'check')}, ${plural(p.actions.length, 'action')}${p.actions.length > 0 ? ` (${p.actions.join(', ')})` : ''}`);
    print(`  ${r.description}`);
    print(`  details: remgen explain ${p.id}`);
    print();
  }
  print(`In Intune, upload each package's out/intune/<id>/ as its own remediation, with "Run this script using the logged-on credentials" set as each package's README says, and assign them to the same devices.`);
  return EXIT.ok;
}

/** `remgen explain`: the handler, loaded only when this command runs. */
export async function runExplain(args: { id: string; catalog: string; json: boolean }): Promise<number> {
  const { catalog, diagnostics } = await loadAndCheck(args.catalog);
  if (diagnostics.length > 0) {
    for (const d of diagnostics) printError(formatDiagnostic(d));
    printError(`remgen explain: ${plural(diagnostics.length, 'error')} in the catalog`);
    return EXIT.failed;
  }
  const bundle = catalog.bundles.find((b) => b.bundle.id === args.id);
  if (bundle) return explainBundle(bundle.bundle, bundle.file, args.json);
  const entry = catalog.remediations.find((r) => r.remediation.id === args.id);
  if (!entry) {
    const known = [...catalog.bundles.map((b) => b.bundle.id), ...catalog.remediations.map((r) => r.remediation.id)];
    printError(`remgen explain: no remediation or bundle named '${args.id}'; known: ${known.join(', ')}`);
    return EXIT.failed;
  }
  const r = entry.remediation;
  const steps = r.steps.map((step) => {
    const room = roomOf(step);
    return { id: step.id, title: step.title ?? room.title(step), category: room.category, restartRequired: room.toData(step).RestartRequired === true, ...room.explain(step) };
  });
  if (args.json) {
    printJson({ id: r.id, displayName: r.displayName, context: r.context, description: r.description, log: logLocation(r), steps });
    return EXIT.ok;
  }
  print(`${r.id}: ${r.displayName}`);
  print(`  runs as ${runsAs(r)}; from ${relative(process.cwd(), entry.file)}${entry.bundle ? `; part of bundle ${entry.bundle}` : ''}`);
  print();
  print(`  ${r.description}`);
  print();
  const checks = steps.filter((s) => s.category !== 'action');
  const actions = steps.filter((s) => s.category === 'action');
  print('Detection only reads. It reports an issue (exit 1) when any of these is not so:');
  checks.forEach((s, i) => print(`  ${i + 1}. ${s.detects}`));
  if (actions.length > 0) {
    print('or when an action is needed (it runs only then, and at most once per its cooldown):');
    actions.forEach((s, i) => print(`  ${checks.length + i + 1}. ${s.id}: ${s.detects}`));
  }
  print();
  print('Remediation fixes only what detection found wrong, then checks everything again:');
  steps.forEach((s, i) => print(`  ${i + 1}. ${s.id}: ${s.changes}`));
  const restart = steps.filter((s) => s.restartRequired);
  if (restart.length > 0) print(`\nA restart is needed before ${restart.map((s) => s.id).join(', ')} take effect; the summary line says so.`);
  print(`\nLog on the device: ${logLocation(r)}`);
  return EXIT.ok;
}
