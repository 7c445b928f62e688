import { dirname, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { LoadResult } from '../load/index.ts';
import type { Bundle, Remediation } from '../descriptor/remediation.ts';
import { rooms as productRooms } from '../steps/index.ts';
import type { Catalog, CheckedBundle, CheckedRemediation } from './catalog.ts';
import { sortDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { at, type Finding, type LocatedFinding, type Origin } from './finding.ts';
import { locateFindings } from './locate.ts';
import { checkBundleMembers, checkRemediation, checkStepRooms, type Rooms } from './rules.ts';
import { validateDescriptor } from './schema.ts';
import { SCRIPT_KINDS } from '../steps/custom/script-common.ts';

export type { Rooms } from './rules.ts';

export interface CheckOptions {
  /** The step registry; `rooms` from `generator/steps/index.ts` by default. Tests pass their own. */
  readonly rooms?: Rooms;
}

export interface CheckResult {
  /** The remediations and bundles that passed every check. Use it only when `diagnostics` is empty. */
  readonly catalog: Catalog;
  /** Every problem, the loader's included, sorted by file, line and column. */
  readonly diagnostics: Diagnostic[];
}

interface Entry<T> {
  readonly value: T;
  readonly origin: Origin;
  valid: boolean;
}

const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `a.ts`, `../system/a.ts`: another file as seen from the one the message is about. */
const seenFrom = (file: string, other: string): string => relative(dirname(file), other).replaceAll('\\', '/');

/**
 * The check stage: every export against the JSON Schema, then the semantic rules over the ones that
 * passed it (one that fails the schema still gets the room rules of its steps that passed), then the rules across files. All
 * problems are reported together, each at the line and column of the offending property.
 */
export async function checkCatalog(loaded: LoadResult, options: CheckOptions = {}): Promise<CheckResult> {
  const rooms = options.rooms ?? productRooms;
  const kinds = [...rooms.keys()];
  const findings: LocatedFinding[] = [];

  // One remediation per object: exported by its file, and perhaps listed in a bundle as well.
  const remediations = new Map<object, Entry<Remediation>>();
  const bundles: Entry<Bundle>[] = [];
  const memberOf = new Map<Entry<Remediation>, Entry<Bundle>>();
  // The loader imports each file afresh, so a bundle that imports its members from sibling files holds
  // copies of the exported objects: the same id and the same data are the same remediation.
  const sameAs = new Map<object, Entry<Remediation>>();
  const entryOf = (member: unknown): Entry<Remediation> | undefined =>
    typeof member === 'object' && member !== null ? remediations.get(member) ?? sameAs.get(member) : undefined;
  for (const { file, exportName, value } of loaded.exports) {
    if (value.type === 'remediation' && !remediations.has(value)) {
      remediations.set(value, { value: value as unknown as Remediation, origin: { file, exportName, path: [] }, valid: true });
    }
  }
  for (const { file, exportName, value } of loaded.exports) {
    if (value.type !== 'bundle' || bundles.some((b) => b.value === (value as unknown))) continue;
    const bundle: Entry<Bundle> = { value: value as unknown as Bundle, origin: { file, exportName, path: [] }, valid: true };
    bundles.push(bundle);
    const members = Array.isArray(value.remediations) ? (value.remediations as unknown[]) : [];
    members.forEach((member, index) => {
      if (typeof member !== 'object' || member === null || (member as { type?: unknown }).type !== 'remediation') return;
      if (entryOf(member)) return;
      const twin = [...remediations.values()].find((e) => e.value.id === (member as Remediation).id && isDeepStrictEqual(e.value, member));
      if (twin) sameAs.set(member, twin);
      else {
        remediations.set(member, { value: member as Remediation, origin: { file, exportName, path: ['remediations', index] }, valid: true });
      }
    });
  }

  // Schema. A bundle's members are checked once, as remediations, not again inside the bundle.
  const schemaFindings = new Map<Entry<Remediation>, Finding[]>();
  for (const entry of remediations.values()) {
    const found = validateDescriptor(entry.value, kinds);
    if (found.length > 0) entry.valid = false;
    schemaFindings.set(entry, found);
    findings.push(...found.map((f) => at(entry.origin, f)));
  }
  for (const entry of bundles) {
    const members = (entry.value as { remediations?: unknown }).remediations;
    const checkedApart = (index: unknown): boolean =>
      Array.isArray(members) && typeof index === 'number' && entryOf(members[index]) !== undefined;
    const found = validateDescriptor(entry.value, kinds).filter((f) => !(f.path[0] === 'remediations' && f.path.length > 2 && checkedApart(f.path[1])));
    if (found.length > 0) entry.valid = false;
    findings.push(...found.map((f) => at(entry.origin, f)));
  }

  // Rules over each remediation and bundle.
  for (const entry of remediations.values()) {
    if (!entry.valid) {
      // A schema error elsewhere in the remediation does not hide the steps' own problems: the steps
      // that passed the schema still get their room's rules, so one build reports all it can.
      const schema = schemaFindings.get(entry) ?? [];
      const steps = (entry.value as { steps?: unknown }).steps;
      if (!Array.isArray(steps) || schema.some((f) => f.path[0] === 'steps' && f.path.length === 1)) continue;
      const broken = new Set(schema.filter((f) => f.path[0] === 'steps').map((f) => f.path[1]));
      findings.push(...checkStepRooms(entry.value, rooms, (index) => broken.has(index)).map((f) => at(entry.origin, f)));
      continue;
    }
    const found = checkRemediation(entry.value, rooms);
    if (found.length > 0) entry.valid = false;
    findings.push(...found.map((f) => at(entry.origin, f)));
  }
  for (const entry of bundles) {
    if (!entry.valid) continue;
    const found = checkBundleMembers(entry.value);
    entry.value.remediations.forEach((member, index) => {
      const remediation = entryOf(member);
      if (!remediation) return;
      const owner = memberOf.get(remediation);
      if (owner && owner !== entry) {
        found.push({ path: ['remediations', index], message: `remediation '${member.id}' is already in bundle '${owner.value.id}' (${seenFrom(entry.origin.file, owner.origin.file)}); a remediation belongs to at most one bundle` });
      } else {
        memberOf.set(remediation, entry);
      }
    });
    if (found.length > 0) entry.valid = false;
    findings.push(...found.map((f) => at(entry.origin, f)));
  }

  // Rules across files: ids name output folders and device-side state, so they are unique.
  const uniqueIds = <T extends { readonly id: string }>(entries: readonly Entry<T>[], noun: string): void => {
    const first = new Map<string, Entry<T>>();
    for (const entry of entries) {
      const earlier = first.get(entry.value.id);
      if (!earlier) {
        first.set(entry.value.id, entry);
        continue;
      }
      entry.valid = false;
      findings.push(at(entry.origin, {
        path: ['id'],
        message: `${noun} id '${entry.value.id}' is already used by the ${noun} in ${seenFrom(entry.origin.file, earlier.origin.file)}; ${noun} ids must be unique across the catalog`,
      }));
    }
  };
  uniqueIds([...remediations.values()].filter((e) => typeof e.value.id === 'string'), 'remediation');
  uniqueIds(bundles.filter((e) => typeof e.value.id === 'string'), 'bundle');

  // Script steps' own files (the admin's PowerShell beside the descriptor): read, parsed by PowerShell's own
  // parser and linted only when a remediation has one, so other builds start no engine.
  const resolved = new Map<Entry<Remediation>, Remediation>();
  const fileDiagnostics: Diagnostic[] = [];
  const scripted = [...remediations.values()].filter((e) => (schemaFindings.get(e) ?? []).length === 0 && e.value.steps.some((step) => SCRIPT_KINDS.includes(step.kind)));
  if (scripted.length > 0) {
    const { checkScriptFiles } = await import('./script-files.ts');
    for (const entry of scripted) {
      const result = await checkScriptFiles(entry.value, entry.origin.file, rooms);
      if (result.findings.length > 0 || result.diagnostics.length > 0) entry.valid = false;
      findings.push(...result.findings.map((f) => at(entry.origin, f)));
      fileDiagnostics.push(...result.diagnostics);
      resolved.set(entry, result.remediation);
    }
  }

  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(await locateFindings(findings)), ...fileDiagnostics]);

  const checkedRemediations: CheckedRemediation[] = [...remediations.values()]
    .filter((e) => e.valid)
    .map((e) => {
      const bundle = memberOf.get(e);
      return { remediation: resolved.get(e) ?? e.value, file: e.origin.file, ...(bundle ? { bundle: bundle.value.id } : {}) };
    })
    .sort((a, b) => byId(a.remediation, b.remediation));
  const checkedBundles: CheckedBundle[] = bundles
    .filter((e) => e.valid && e.value.remediations.every((member) => entryOf(member)?.valid))
    .map((e) => ({ bundle: e.value, file: e.origin.file }))
    .sort((a, b) => byId(a.bundle, b.bundle));
  return { catalog: { remediations: checkedRemediations, bundles: checkedBundles, ...(loaded.profiles ? { profiles: loaded.profiles } : {}), ...(loaded.expectations ? { expectations: loaded.expectations } : {}) }, diagnostics };
}
