import type { TargetName } from './descriptor/remediation.ts';
import { resolve } from 'node:path';
import { checkCatalog } from './check/index.ts';
import type { Catalog } from './check/catalog.ts';
import type { Diagnostic } from './diagnostic.ts';
import { loadCatalog } from './load/index.ts';
import type { Signing } from './sign/index.ts';
import { synthesize, type Synthesis } from './synthesize.ts';
import { planWrite, readSignedOutput, writeOutput, type FileReport } from './write/index.ts';

/**
 * load -> check -> synthesize (plan, render, sign, finish) -> write: the whole pipeline over folders, as
 * `remgen build` runs it.
 */

export interface BuildOptions {
  /** Folder of descriptor files. */
  readonly catalog: string;
  /** Output folder. */
  readonly out: string;
  /** Remediation or bundle ids to build; all when empty. */
  readonly ids?: readonly string[];
  /** Targets to build; all a descriptor names when empty. */
  readonly targets?: readonly TargetName[];
  /** Compare with out/ instead of writing. */
  readonly check?: boolean;
  /**
   * What to sign with, or a function that chooses it, called only once the catalog is known to build (so
   * a failing build creates no development certificate). Absent: unsigned.
   */
  readonly signing?: Signing | (() => Promise<Signing>);
  readonly generatorVersion?: string;
}

/** Wall-clock milliseconds per stage of one build. */
export interface BuildTimings {
  readonly loadMs: number;
  readonly checkMs: number;
  /** Plan, render, sign and finish. */
  readonly synthesizeMs: number;
  /** Writing out/, or comparing with it under --check. */
  readonly writeMs: number;
  readonly totalMs: number;
}

export type BuildOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'unknown-ids'; readonly ids: readonly string[]; readonly known: readonly string[] }
  | {
      readonly kind: 'written' | 'checked';
      readonly reports: readonly FileReport[];
      readonly synthesis: Synthesis;
      readonly catalog: Catalog;
      readonly timings: BuildTimings;
    };

/** Loads and checks a catalog folder; diagnostics are empty when it is valid. */
export async function loadAndCheck(folder: string): Promise<{ readonly catalog: Catalog; readonly diagnostics: readonly Diagnostic[] }> {
  return checkCatalog(await loadCatalog(folder));
}

export async function build(options: BuildOptions): Promise<BuildOutcome> {
  const start = performance.now();
  const lap = ((last) => (): number => {
    const now = performance.now();
    const ms = Math.round((now - last) * 10) / 10;
    last = now;
    return ms;
  })(start);
  const catalogRoot = resolve(options.catalog);
  const loaded = await loadCatalog(catalogRoot);
  const loadMs = lap();
  const { catalog, diagnostics } = await checkCatalog(loaded);
  const checkMs = lap();
  if (diagnostics.length > 0) return { kind: 'invalid', diagnostics };
  const ids = options.ids ?? [];
  const known = [...catalog.remediations.map((r) => r.remediation.id), ...catalog.bundles.map((b) => b.bundle.id)].sort();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) return { kind: 'unknown-ids', ids: unknown, known };
  const signing = typeof options.signing === 'function' ? await options.signing() : options.signing;
  // The signed scripts out/ holds now, read before synthesis: the sign stage keeps those whose content did not change.
  const previous = signing ? await readSignedOutput(options.out) : undefined;
  const synthesis = await synthesize(catalog, {
    catalogRoot,
    ids,
    ...(options.targets ? { targets: options.targets } : {}),
    ...(signing ? { signing } : {}),
    ...(previous ? { previous } : {}),
    ...(options.generatorVersion ? { generatorVersion: options.generatorVersion } : {}),
  });
  const synthesizeMs = lap();
  const partial = ids.length > 0 || (options.targets ?? []).length > 0;
  const reports = options.check ? (await planWrite(options.out, synthesis, { partial })).reports : await writeOutput(options.out, synthesis, { partial });
  const timings = { loadMs, checkMs, synthesizeMs, writeMs: lap(), totalMs: Math.round((performance.now() - start) * 10) / 10 };
  return { kind: options.check ? 'checked' : 'written', reports, synthesis, catalog, timings };
}
