import { DEFAULT_TARGETS } from '../../descriptor/remediation.ts';
import { relative } from 'node:path';
import { loadAndCheck } from '../../build.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';

/** `remgen list`: the handler, loaded only when this command runs. */
export async function runList(args: { catalog: string; json: boolean }): Promise<number> {
  const { catalog, diagnostics } = await loadAndCheck(args.catalog);
  if (diagnostics.length > 0) {
    for (const d of diagnostics) printError(formatDiagnostic(d));
    printError(`remgen list: ${plural(diagnostics.length, 'error')} in the catalog`);
    return EXIT.failed;
  }
  const rows = catalog.remediations.map(({ remediation: r, file, bundle }) => ({
    id: r.id,
    context: r.context,
    steps: r.steps.length,
    targets: (r.targets ?? DEFAULT_TARGETS).join(','),
    bundle: bundle ?? '',
    descriptor: relative(process.cwd(), file),
    displayName: r.displayName,
  }));
  if (args.json) {
    printJson({ remediations: rows, bundles: catalog.bundles.map(({ bundle }) => ({ id: bundle.id, displayName: bundle.displayName, remediations: bundle.remediations.map((r) => r.id) })) });
    return EXIT.ok;
  }
  const header = { id: 'ID', context: 'CONTEXT', steps: 'STEPS', targets: 'TARGETS', bundle: 'BUNDLE', displayName: 'NAME' };
  const columns = ['id', 'context', 'steps', 'targets', 'bundle', 'displayName'] as const;
  const width = (c: (typeof columns)[number]): number => Math.max(String(header[c]).length, ...rows.map((r) => String(r[c]).length));
  for (const row of [header, ...rows]) {
    print(columns.map((c, i) => (i === columns.length - 1 ? String(row[c]) : String(row[c]).padEnd(width(c)))).join('  '));
  }
  print(`${plural(rows.length, 'remediation')}, ${plural(catalog.bundles.length, 'bundle')}`);
  return EXIT.ok;
}
