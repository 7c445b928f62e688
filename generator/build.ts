import { resolve } from 'node:path';
import { checkCatalog } from './check/index.ts';
import type { Catalog } from './check/catalog.ts';
import type { Diagnostic } from './check/diagnostic.ts';
import { loadCatalog } from './load/index.ts';
import { synthesize, type SignStage, type Synthesis } from './synthesize.ts';
import { planWrite, writeOutput, type FileReport } from './write/index.ts';

/** load -> check -> synthesize -> write: the whole pipeline over folders, as `remgen build` runs it. */

export interface BuildOptions {
  /** Folder of descriptor files. */
  readonly catalog: string;
  /** Output folder. */
  readonly out: string;
  /** Remediation or bundle ids to build; all when empty. */
  readonly ids?: readonly string[];
  /** Compare with out/ instead of writing. */
  readonly check?: boolean;
  readonly signing?: SignStage;
  readonly generatorVersion?: string;
}

export type BuildOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'unknown-ids'; readonly ids: readonly string[]; readonly known: readonly string[] }
  | { readonly kind: 'written' | 'checked'; readonly reports: readonly FileReport[]; readonly synthesis: Synthesis; readonly catalog: Catalog };

/** Loads and checks a catalog folder; diagnostics are empty when it is valid. */
export async function loadAndCheck(folder: string): Promise<{ readonly catalog: Catalog; readonly diagnostics: readonly Diagnostic[] }> {
  return checkCatalog(await loadCatalog(folder));
}

export async function build(options: BuildOptions): Promise<BuildOutcome> {
  const catalogRoot = resolve(options.catalog);
  const { catalog, diagnostics } = await loadAndCheck(catalogRoot);
  if (diagnostics.length > 0) return { kind: 'invalid', diagnostics };
  const ids = options.ids ?? [];
  const known = [...catalog.remediations.map((r) => r.remediation.id), ...catalog.bundles.map((b) => b.bundle.id)].sort();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) return { kind: 'unknown-ids', ids: unknown, known };
  const synthesis = await synthesize(catalog, {
    catalogRoot,
    ids,
    ...(options.signing ? { signing: options.signing } : {}),
    ...(options.generatorVersion ? { generatorVersion: options.generatorVersion } : {}),
  });
  const partial = ids.length > 0;
  if (options.check) {
    const { reports } = await planWrite(options.out, synthesis, { partial });
    return { kind: 'checked', reports, synthesis, catalog };
  }
  const reports = await writeOutput(options.out, synthesis, { partial });
  return { kind: 'written', reports, synthesis, catalog };
}
