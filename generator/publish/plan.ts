import type { DeviceAndAppManagementAssignmentFilter, DeviceHealthScript, DeviceHealthScriptAssignment } from '@microsoft/microsoft-graph-types-beta';
import { BUILT_IN_TARGETS } from '../descriptor/deployment.ts';
import { isGuid } from '../check/deployment.ts';
import { fromDesired, fromGraph, type ComparableAssignment } from './assignments.ts';
import { readMarker, sha256, type DesiredPackage, type DesiredScript } from './desired.ts';
import { describeGraphError } from './errors.ts';
import { readBuildId } from '../script/build-id.ts';
import { suggest } from '../check/suggest.ts';
import type { GraphSession } from './graph.ts';

/**
 * The plan: what publish would do, read from Graph and compared field by field (content by the SHA-256 of
 * the bytes, never by display name). Only reads happen here; `apply` does the writes the plan lists.
 */

/** Intune's limit of Remediations packages per tenant (docs/reference/graph-intune.md 1). */
export const TENANT_PACKAGE_LIMIT = 200;

export interface AssignmentChange {
  readonly target: string;
  readonly before?: string;
  readonly after?: string;
}

export interface PackagePlan {
  readonly package: string;
  readonly displayName: string;
  readonly action: 'create' | 'update' | 'unchanged';
  /** The script's id in Intune (absent until created). */
  readonly id?: string;
  /** The fields that differ (update) or are set (create). */
  readonly fields: readonly string[];
  readonly added: readonly AssignmentChange[];
  readonly removed: readonly AssignmentChange[];
  readonly changed: readonly AssignmentChange[];
  /** The set to post when it differs from Intune's. */
  readonly assign?: readonly DeviceHealthScriptAssignment[];
  /** POST or PATCH body (content as base64). */
  readonly body?: DeviceHealthScript;
  /**
   * The build ids (script/build-id.ts) of the detection script in Intune now and in out/, when they carry one:
   * the id the devices' summary lines will name after this publish, and the one they name before it.
   */
  readonly build?: { readonly intune?: string; readonly out?: string };
}

export interface PrunePlan {
  readonly id: string;
  readonly displayName: string;
  readonly package: string;
}

export interface Plan {
  readonly packages: readonly PackagePlan[];
  /** Scripts this deployment owns but no longer names: deleted only with --prune. */
  readonly prune: readonly PrunePlan[];
  /** What stops the publish before any write. */
  readonly errors: readonly string[];
  /** What the plan could not tell from Graph's answers, said so (it does not stop the publish). */
  readonly notes: readonly string[];
  readonly groups: ReadonlyMap<string, string>;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const hashOf = (base64: string | null | undefined): string => sha256(Buffer.from(base64 ?? '', 'base64'));

function scriptFields(want: DesiredScript, have: DeviceHealthScript | undefined): { fields: string[]; body: DeviceHealthScript } {
  const full: DeviceHealthScript = {
    displayName: want.displayName,
    description: want.description,
    publisher: want.publisher,
    runAsAccount: want.runAsAccount,
    runAs32Bit: want.runAs32Bit,
    enforceSignatureCheck: want.enforceSignatureCheck,
    roleScopeTagIds: [...want.roleScopeTagIds],
    detectionScriptContent: b64(want.detection),
    remediationScriptContent: b64(want.remediation),
  };
  if (!have) return { fields: Object.keys(full), body: { '@odata.type': '#microsoft.graph.deviceHealthScript', ...full } as DeviceHealthScript };
  const differs: Record<string, boolean> = {
    displayName: have.displayName !== want.displayName,
    description: (have.description ?? '') !== want.description,
    publisher: (have.publisher ?? '') !== want.publisher,
    runAsAccount: have.runAsAccount !== want.runAsAccount,
    runAs32Bit: have.runAs32Bit !== want.runAs32Bit,
    enforceSignatureCheck: have.enforceSignatureCheck !== want.enforceSignatureCheck,
    roleScopeTagIds: JSON.stringify([...(have.roleScopeTagIds ?? [])].sort()) !== JSON.stringify(want.roleScopeTagIds),
    detectionScriptContent: hashOf(have.detectionScriptContent) !== sha256(want.detection),
    remediationScriptContent: hashOf(have.remediationScriptContent) !== sha256(want.remediation),
  };
  const fields = Object.keys(differs).filter((k) => differs[k]);
  const body = Object.fromEntries(fields.map((k) => [k, (full as Record<string, unknown>)[k]])) as DeviceHealthScript;
  return { fields, body };
}

function diffAssignments(want: readonly ComparableAssignment[], have: readonly ComparableAssignment[], name: (key: string) => string, trustRun: boolean) {
  const before = new Map(have.map((a) => [a.key, a]));
  const after = new Map(want.map((a) => [a.key, a]));
  const added = want.filter((a) => !before.has(a.key)).map((a) => ({ target: name(a.key), after: a.words }));
  const removed = have.filter((a) => !after.has(a.key)).map((a) => ({ target: name(a.key), before: a.words }));
  const unknownRun: string[] = [];
  const changed = want.filter((a) => {
    const b = before.get(a.key);
    if (!b || b.value === a.value) return false;
    // Only the run flag differs, true wanted, false read back, and false read backs are not to be trusted.
    if (!trustRun && b.sansRun === a.sansRun && a.run === true && b.run === false) {
      unknownRun.push(name(a.key));
      return false;
    }
    return true;
  }).map((a) => ({ target: name(a.key), before: before.get(a.key)!.words, after: a.words }));
  return { added, removed, changed, unknownRun };
}

export async function makePlan(deploymentId: string, desired: readonly DesiredPackage[], graph: GraphSession): Promise<Plan> {
  const errors: string[] = [];
  // Group names, each looked up once.
  const groups = new Map<string, string>();
  const names = [...new Set(desired.flatMap((d) => d.assignments.map((a) => a.group)))]
    .filter((g) => !isGuid(g) && !(BUILT_IN_TARGETS as readonly string[]).includes(g));
  let found: { id?: string; displayName?: string | null }[] = [];
  try {
    if (names.length > 0) found = await graph.groupsNamed(names);
  } catch (error) {
    errors.push(describeGraphError(error, `resolve group${names.length === 1 ? '' : 's'} ${names.map((n) => `'${n}'`).join(', ')}`));
  }
  for (const name of errors.length > 0 ? [] : names) {
    const matches = found.filter((g) => g.displayName === name);
    if (matches.length === 1) groups.set(name, matches[0]!.id!.toLowerCase());
    else if (matches.length === 0) errors.push(`no group is named '${name}'; check its display name in Entra ID (Groups > All groups) or give its object id`);
    else errors.push(`${matches.length} groups are named '${name}' (${matches.map((g) => g.id).join(', ')}); give the object id of the one you mean`);
  }
  const groupName = new Map([...groups].map(([n, id]) => [id, n]));
  const nameOf = (key: string): string => {
    if (key === 'allDevices' || key === 'allUsers') return key;
    const [kind, id] = key.split(':') as [string, string];
    const label = groupName.has(id) ? `'${groupName.get(id)}' (${id})` : id;
    return kind === 'exclude' ? `exclude ${label}` : `group ${label}`;
  };

  // Assignment filters named by display name: listed once (only when a name is used), one Windows device filter each.
  const filterIds = new Map<string, string>();
  const filterNames = new Map<string, string>();
  const wantedFilters = [...new Set(desired.flatMap((d) => d.assignments.flatMap((a) => (a.filter?.name !== undefined ? [a.filter.name] : []))))];
  if (wantedFilters.length > 0) {
    let all: DeviceAndAppManagementAssignmentFilter[] | undefined;
    try {
      all = await graph.assignmentFilters();
    } catch (error) {
      errors.push(describeGraphError(error, `resolve assignment filter${wantedFilters.length === 1 ? '' : 's'} ${wantedFilters.map((n) => `'${n}'`).join(', ')}`));
    }
    const listedFilters = all ?? [];
    for (const f of listedFilters) if (f.id && f.displayName) filterNames.set(f.id.toLowerCase(), f.displayName);
    const windows = listedFilters.filter((f) => f.platform === 'windows10AndLater' && f.assignmentFilterManagementType !== 'apps');
    for (const name of all ? wantedFilters : []) {
      const matches = listedFilters.filter((f) => f.displayName === name);
      const described = (f: DeviceAndAppManagementAssignmentFilter): string => `${f.id} for ${f.platform ?? 'unknown platform'}${f.assignmentFilterManagementType === 'apps' ? ' apps' : ''}`;
      if (matches.length === 1) {
        const f = matches[0]!;
        if (f.platform !== undefined && f.platform !== 'windows10AndLater') errors.push(`assignment filter '${name}' (${f.id}) is for ${f.platform} devices; Remediations run on Windows: use a filter made for "Windows 10 and later"`);
        else if (f.assignmentFilterManagementType === 'apps') errors.push(`assignment filter '${name}' (${f.id}) filters managed apps; Remediations need a device filter ("Managed devices" in the portal)`);
        else filterIds.set(name, f.id!.toLowerCase());
      } else if (matches.length === 0) {
        const guess = suggest(name, windows.map((f) => f.displayName ?? ''));
        errors.push(`no assignment filter is named '${name}'${guess ? `; did you mean '${guess}'?` : ''} (${windows.length > 0 ? `this tenant's Windows device filters: ${windows.map((f) => `'${f.displayName}'`).join(', ')}` : 'this tenant has no Windows device filter'}; Tenant administration > Filters)`);
      } else {
        errors.push(`${matches.length} assignment filters are named '${name}' (${matches.map(described).join('; ')}); give the id of the one you mean: filter: { id: '<id>', mode }`);
      }
    }
  }

  let listed: DeviceHealthScript[];
  try {
    listed = await graph.listScripts();
  } catch (error) {
    return { packages: [], prune: [], errors: [...errors, describeGraphError(error, 'list Remediations')], notes: [], groups };
  }
  const ours = new Map<string, DeviceHealthScript>();
  for (const script of listed) {
    const mark = readMarker(script.description);
    if (mark?.deployment === deploymentId && !ours.has(mark.package)) ours.set(mark.package, script);
  }

  // First every read, then the comparison: whether Graph's runRemediationScript can be trusted is a fact about
  // the tenant's answers as a whole.
  const read: { want: DesiredPackage; current: DeviceHealthScript | undefined; wantAssignments: ComparableAssignment[]; haveAssignments: ComparableAssignment[] }[] = [];
  for (const want of desired) {
    const existing = ours.get(want.script.package);
    if (!existing) {
      const clash = listed.find((s) => s.displayName === want.script.displayName && s.isGlobalScript !== true);
      if (clash) {
        const other = readMarker(clash.description);
        errors.push(`package '${want.script.package}': a Remediation named '${want.script.displayName}' already exists (id ${clash.id}) and is ${other ? `owned by deployment '${other.deployment}'` : 'not remgen\'s'}; remgen never overwrites it: rename or delete that one in Intune, or change the displayName of the descriptor`);
        continue;
      }
    }
    let current: DeviceHealthScript | undefined;
    if (existing) {
      try {
        current = await graph.getScript(existing.id!);
      } catch (error) {
        errors.push(describeGraphError(error, `read '${want.script.package}' (${existing.id})`));
        continue;
      }
    }
    const wantAssignments = want.assignments.flatMap((a) => {
      const builtIn = (BUILT_IN_TARGETS as readonly string[]).includes(a.group) && a.kind === 'include';
      const id = builtIn ? undefined : isGuid(a.group) ? a.group : groups.get(a.group);
      const filterId = a.filter?.id ?? (a.filter?.name !== undefined ? filterIds.get(a.filter.name) : undefined);
      return builtIn || id ? [fromDesired(a, id, filterId, filterNames)] : [];
    });
    const haveAssignments = (current?.assignments ?? []).map((a) => fromGraph(a, filterNames));
    read.push({ want, current, wantAssignments, haveAssignments });
  }
  // graph-intune 2: runRemediationScript has been seen to read back false after being posted true ([TF] PR
  // #1385). If no assignment of the scripts read here reads back true, a false read back says nothing, and is not taken
  // for a change from the deployment's true (else a publish would post the set again every time).
  const trustRun = read.some((r) => r.haveAssignments.some((a) => a.run === true));
  const notes: string[] = [];
  const packages: PackagePlan[] = [];
  for (const { want, current, wantAssignments, haveAssignments } of read) {
    const { fields, body } = scriptFields(want.script, current);
    const diff = diffAssignments(wantAssignments, haveAssignments, nameOf, trustRun);
    if (diff.unknownRun.length > 0) {
      notes.push(`package '${want.script.package}': Graph reads runRemediationScript back as false for ${diff.unknownRun.join(', ')} (as it has been seen to after a true was posted), so remgen cannot tell whether it remediates now; the deployment's "detect and remediate" is posted with the next change to this package's assignments`);
    }
    const assignDiffers = diff.added.length + diff.removed.length + diff.changed.length > 0;
    const builds = { intune: current?.detectionScriptContent ? readBuildId(Buffer.from(current.detectionScriptContent, 'base64')) : undefined, out: readBuildId(want.script.detection) };
    packages.push({
      package: want.script.package,
      displayName: want.script.displayName,
      action: !current ? 'create' : fields.length > 0 ? 'update' : 'unchanged',
      ...(current?.id ? { id: current.id } : {}),
      fields,
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      ...(assignDiffers ? { assign: wantAssignments.map((a) => a.body) } : {}),
      ...(fields.length > 0 ? { body } : {}),
      ...(builds.intune || builds.out ? { build: { ...(builds.intune ? { intune: builds.intune } : {}), ...(builds.out ? { out: builds.out } : {}) } } : {}),
    });
  }
  const named = new Set(desired.map((d) => d.script.package));
  const prune = [...ours].filter(([pkg]) => !named.has(pkg)).map(([pkg, s]) => ({ id: s.id!, displayName: s.displayName ?? '', package: pkg }));
  const creates = packages.filter((p) => p.action === 'create').length;
  const count = listed.filter((s) => s.isGlobalScript !== true).length;
  if (creates > 0 && count + creates > TENANT_PACKAGE_LIMIT) {
    errors.push(`the tenant holds ${count} Remediations and this publish would create ${creates}: Intune allows ${TENANT_PACKAGE_LIMIT} per tenant; delete unused ones (or --prune this deployment's) first`);
  }
  return { packages, prune, errors, notes, groups };
}

/** Whether applying the plan writes anything. */
export const writesOf = (plan: Plan, prune: boolean): number =>
  plan.packages.reduce((n, p) => n + (p.body ? 1 : 0) + (p.assign ? 1 : 0), 0) + (prune ? plan.prune.length : 0);
