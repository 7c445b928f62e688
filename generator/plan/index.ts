import { createHash } from 'node:crypto';
import { dirname, relative } from 'node:path';
import type { Catalog, CheckedRemediation } from '../check/catalog.ts';
import type { DeviceProfileProps } from '../model/profile.ts';
import type { CycleExpectation } from '../model/expectation.ts';
import { DEFAULT_TARGETS, type Remediation, type TargetName } from '../descriptor/remediation.ts';

/** One thing to render: a remediation compiled for one target. */
export interface Package {
  readonly target: TargetName;
  readonly remediation: Remediation;
  /** The descriptor file as shown to people: relative to the catalog's parent, forward slashes. */
  readonly descriptorPath: string;
  /** SHA-256 of the descriptor's canonical JSON: changes exactly when the descriptor's data does. */
  readonly descriptorHash: string;
  readonly bundle?: string;
  /** Output folder of the package, relative to out/. */
  readonly dir: string;
  /** The bundled device profiles of the package (`profilesFor`): its Intune Pester suite runs on each. */
  readonly profiles?: readonly DeviceProfileProps[];
  /** What each of those profiles should see (`<catalog>/profiles/expected.json`, by profile name). */
  readonly expected?: Readonly<Record<string, CycleExpectation>>;
}

/**
 * The bundled profiles for a package, by name: those named `<id>-*`; else, for a member of a bundle, those
 * named after the bundle (`<bundle>-*`: whole devices for every package of the fix); else those of a
 * bundle one of whose packages holds every step of this one (a rung of the fix on its own). The same
 * profiles `remgen simulate` and the package's Pester suite use.
 */
export function profilesFor(entry: CheckedRemediation, catalog: Catalog, names: readonly string[]): string[] {
  const id = entry.remediation.id;
  const own = names.filter((n) => n.startsWith(`${id}-`));
  if (own.length > 0) return own;
  const holds = (bundle: string): boolean =>
    catalog.remediations.some((r) => r.bundle === bundle && entry.remediation.steps.every((s) => r.remediation.steps.some((t) => t.id === s.id && t.kind === s.kind)));
  const bundle = entry.bundle ?? catalog.bundles.map((b) => b.bundle.id).find(holds);
  return bundle ? names.filter((n) => n.startsWith(`${bundle}-`)) : [];
}

/** JSON with object keys sorted at every level, so the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A pure function of the checked catalog: one package per (remediation, target), sorted. */
export function plan(catalog: Catalog, options: { readonly catalogRoot: string; readonly ids?: readonly string[]; readonly targets?: readonly TargetName[] }): Package[] {
  const wanted = options.ids && options.ids.length > 0 ? new Set(options.ids) : undefined;
  const packages: Package[] = [];
  const profileNames = (catalog.profiles ?? []).map((p) => p.name);
  for (const entry of catalog.remediations) {
    const { remediation } = entry;
    if (wanted && !wanted.has(remediation.id) && !(entry.bundle && wanted.has(entry.bundle))) continue;
    const descriptorPath = relative(dirname(options.catalogRoot), entry.file).replaceAll('\\', '/');
    const descriptorHash = createHash('sha256').update(canonicalJson(remediation)).digest('hex');
    for (const target of remediation.targets ?? DEFAULT_TARGETS) {
      if (options.targets && options.targets.length > 0 && !options.targets.includes(target)) continue;
      packages.push({
        target,
        remediation,
        descriptorPath,
        descriptorHash,
        ...(entry.bundle ? { bundle: entry.bundle } : {}),
        dir: `${target}/${remediation.id}`,
        ...(target === 'intune' && profileNames.length > 0
          ? {
              profiles: profilesFor(entry, catalog, profileNames).map((n) => catalog.profiles!.find((p) => p.name === n)!),
              ...(catalog.expectations?.[remediation.id] ? { expected: catalog.expectations[remediation.id] } : {}),
            }
          : {}),
      });
    }
  }
  return packages.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
