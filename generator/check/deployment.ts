import type { Catalog } from './catalog.ts';
import type { Deployment, Schedule } from '../descriptor/deployment.ts';
import { BUILT_IN_TARGETS } from '../descriptor/deployment.ts';
import { sortDiagnostics, type Diagnostic } from '../diagnostic.ts';
import type { LoadedDeployment } from '../load/deployment.ts';
import type { Finding } from './finding.ts';
import { locateFindings } from './locate.ts';
import { validateDeployment } from './schema.ts';
import { suggest } from './suggest.ts';

/**
 * The deployment check: the schema generated from `Deployment`, then the rules Graph and Intune would
 * otherwise enforce only half-way through a publish (docs/reference/graph-intune.md 2). Errors block the
 * publish; notes are explained and allowed.
 */

export interface DeploymentCheck {
  /** The deployment; use it only when `diagnostics` is empty. */
  readonly deployment: Deployment | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Allowed but worth reading (a user-context package on all devices). */
  readonly notes: readonly Diagnostic[];
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isGuid = (text: string): boolean => GUID.test(text);

function clockFindings(path: readonly (string | number)[], time: string): Finding[] {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return [];
  return Number(m[1]) > 23 || Number(m[2]) > 59
    ? [{ path: [...path, 'time'], message: `'time' '${time}' is not a time of day; use HH:MM from 00:00 to 23:59` }]
    : [];
}

function scheduleFindings(path: readonly (string | number)[], schedule: Schedule, today: string): Finding[] {
  const found: Finding[] = [];
  if (schedule.every === 'hours' && (schedule.interval < 1 || schedule.interval > 23)) {
    found.push({ path: [...path, 'interval'], message: `an hourly schedule runs every 1 to 23 hours (Graph refuses ${schedule.interval}); for a day or more write { every: 'days', interval: ${Math.max(1, Math.round(schedule.interval / 24))}, time: '01:00' }` });
  }
  if (schedule.every === 'days' && schedule.interval < 1) {
    found.push({ path: [...path, 'interval'], message: `a daily schedule runs every 1 or more days; got ${schedule.interval}` });
  }
  if (schedule.every === 'days' || schedule.every === 'once') found.push(...clockFindings(path, schedule.time));
  if (schedule.every === 'once') {
    const date = new Date(`${schedule.date}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== schedule.date) {
      found.push({ path: [...path, 'date'], message: `'date' '${schedule.date}' is not a calendar day; use YYYY-MM-DD` });
    } else if (schedule.date < today) {
      found.push({ path: [...path, 'date'], message: `a run-once schedule on ${schedule.date} is in the past, so no device would run it; give a later date or a recurring schedule` });
    }
  }
  return found;
}

export interface DeploymentCheckOptions {
  /** `YYYY-MM-DD`, for run-once dates in the past (default: today, UTC). */
  readonly today?: string;
}

export async function checkDeployment(loaded: LoadedDeployment, catalog: Catalog, options: DeploymentCheckOptions = {}): Promise<DeploymentCheck> {
  if (loaded.value === undefined) return { deployment: undefined, diagnostics: loaded.diagnostics, notes: [] };
  const schema = validateDeployment(loaded.value);
  const locate = (found: readonly Finding[]): Promise<Diagnostic[]> =>
    locateFindings(found.map((f) => ({ ...f, file: loaded.file, exportName: loaded.exportName })));
  if (schema.length > 0) return { deployment: undefined, diagnostics: sortDiagnostics(await locate(schema)), notes: [] };

  const deployment = loaded.value as unknown as Deployment;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const found: Finding[] = [];
  const notes: Finding[] = [];
  const intune = new Map(catalog.remediations
    .filter((r) => !r.remediation.targets || r.remediation.targets.includes('intune'))
    .map((r) => [r.remediation.id, r.remediation] as const));
  const seen = new Map<string, number>();
  const tags = (path: readonly (string | number)[], list: readonly string[] | undefined): void => {
    list?.forEach((tag, i) => {
      if (!/^\d+$/.test(tag)) found.push({ path: [...path, i], message: `scope tag '${tag}' is not a scope tag id; Intune's ids are numbers ('0' is Default; Tenant administration > Roles > Scope tags shows each id)` });
    });
  };
  tags(['scopeTags'], deployment.scopeTags);
  deployment.packages.forEach((entry, index) => {
    const at = ['packages', index] as const;
    const earlier = seen.get(entry.package);
    if (earlier !== undefined) found.push({ path: [...at, 'package'], message: `package '${entry.package}' is already deployed by packages[${earlier}]; name each package once and give it several assignments` });
    else seen.set(entry.package, index);
    const remediation = intune.get(entry.package);
    if (!remediation) {
      const guess = suggest(entry.package, [...intune.keys()]);
      const other = catalog.remediations.some((r) => r.remediation.id === entry.package);
      found.push({
        path: [...at, 'package'],
        message: other
          ? `package '${entry.package}' is not built for Intune (its descriptor's targets leave out 'intune'); add 'intune' to its targets or deploy it another way`
          : `package '${entry.package}' is not in the catalog${guess ? `; did you mean '${guess}'?` : ''} (known: ${[...intune.keys()].join(', ')})`,
      });
    }
    tags([...at, 'scopeTags'], entry.scopeTags);
    const groups = new Map<string, number>();
    (entry.assign ?? []).forEach((assignment, a) => {
      const path = [...at, 'assign', a] as const;
      found.push(...scheduleFindings([...path, 'schedule'], assignment.schedule, today));
      const filter = assignment.filter;
      if (filter && (filter.id === undefined) === (filter.name === undefined)) {
        found.push({ path: [...path, 'filter'], message: filter.id === undefined
          ? `a filter needs its id or its name: add name: '<display name>' (Tenant administration > Filters) or id: '<guid>'`
          : `a filter is named by its id or by its name, not both; keep one` });
      }
      if (entry.detectOnly === true && assignment.runRemediation === true) {
        found.push({ path: [...path, 'runRemediation'], message: `package '${entry.package}' is detectOnly, so no assignment may run its remediation; remove runRemediation or detectOnly` });
      }
      const key = assignment.group.toLowerCase();
      const first = groups.get(key);
      if (first !== undefined) found.push({ path: [...path, 'group'], message: `group '${assignment.group}' is already assigned by assign[${first}]; Intune keeps one assignment per group: merge them` });
      else groups.set(key, a);
      if (remediation?.context === 'user' && assignment.group === 'allDevices') {
        notes.push({ path: [...path, 'group'], message: `package '${entry.package}' runs as the signed-in user but is assigned to all devices: it runs for whoever is signed in on each device, and not at all where no one is (allowed; a user group targets people instead)` });
      }
    });
    (entry.exclude ?? []).forEach((group, e) => {
      if ((BUILT_IN_TARGETS as readonly string[]).includes(group)) found.push({ path: [...at, 'exclude', e], message: `'${group}' cannot be excluded; exclude a group by name or id` });
      if (groups.has(group.toLowerCase())) found.push({ path: [...at, 'exclude', e], message: `group '${group}' is both assigned and excluded; Intune lets the exclusion win, so remove one of them` });
    });
  });
  return {
    deployment,
    diagnostics: sortDiagnostics(await locate(found)),
    notes: sortDiagnostics(await locate(notes)),
  };
}
