import type { DeviceHealthScriptAssignment, DeviceHealthScriptRunOnceSchedule, DeviceHealthScriptTimeSchedule, GroupAssignmentTarget } from '@microsoft/microsoft-graph-types-beta';
import type { DesiredAssignment } from './desired.ts';

/**
 * Assignments in one comparable form, from the deployment (groups resolved to ids) and from what Graph
 * reads back (docs/reference/graph-intune.md 2: no filter reads back as the zero GUID with `none`, a time as
 * `01:00:00.0000000`). `assign` replaces the whole set, so publish posts `body` of every desired one.
 */

const ALL_DEVICES = '#microsoft.graph.allDevicesAssignmentTarget';
const ALL_USERS = '#microsoft.graph.allLicensedUsersAssignmentTarget';
const GROUP = '#microsoft.graph.groupAssignmentTarget';
const EXCLUDE = '#microsoft.graph.exclusionGroupAssignmentTarget';
const NO_FILTER = '00000000-0000-0000-0000-000000000000';

export interface ComparableAssignment {
  /** Which target: `group:<id>`, `exclude:<id>`, `allDevices`, `allUsers`. */
  readonly key: string;
  /** Everything that matters, as one string. */
  readonly value: string;
  /** The same without the run flag, and the flag (null for an exclusion). */
  readonly sansRun: string;
  readonly run: boolean | null;
  /** For the plan: what an admin reads. */
  readonly words: string;
  readonly body: DeviceHealthScriptAssignment;
}

type Wire = Record<string, unknown>;
/** A wire value as text: strings as they are, anything else empty. */
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);

function scheduleWords(s: Wire | null | undefined): string {
  if (!s) return '';
  const type = text(s['@odata.type'], '');
  const clock = `${text(s.time).slice(0, 5)} ${s.useUtc === true ? 'UTC' : 'device time'}`;
  if (type.endsWith('HourlySchedule')) return `every ${String(s.interval)} h`;
  if (type.endsWith('DailySchedule')) return `every ${String(s.interval)} day(s) at ${clock}`;
  if (type.endsWith('RunOnceSchedule')) return `once on ${String(s.date)} at ${clock}`;
  return type;
}

/** Filter ids to the names an admin knows them by, for the plan's words. */
export type FilterNames = ReadonlyMap<string, string>;

function canonical(a: Wire & DeviceHealthScriptAssignment, filterNames?: FilterNames): ComparableAssignment {
  const target = (a.target ?? {}) as Wire;
  const type = text(target['@odata.type'], '');
  const groupId = text(target.groupId, '').toLowerCase();
  const key = type === ALL_DEVICES ? 'allDevices' : type === ALL_USERS ? 'allUsers' : type === EXCLUDE ? `exclude:${groupId}` : `group:${groupId}`;
  const filterId = text(target.deviceAndAppManagementAssignmentFilterId, NO_FILTER).toLowerCase();
  const filterType = text(target.deviceAndAppManagementAssignmentFilterType, 'none');
  const filter = filterId === NO_FILTER || filterType === 'none' ? null : { id: filterId, type: filterType };
  const s = (a.runSchedule ?? null) as Wire | null;
  const schedule = type === EXCLUDE || !s ? null : {
    type: text(s['@odata.type'], ''),
    interval: s.interval ?? null,
    ...('time' in s ? { time: text(s.time).slice(0, 5), useUtc: s.useUtc === true } : {}),
    ...('date' in s ? { date: text(s.date).slice(0, 10) } : {}),
  };
  const run = type === EXCLUDE ? null : a.runRemediationScript === true;
  const value = JSON.stringify({ key, filter, run, schedule });
  const sansRun = JSON.stringify({ key, filter, schedule });
  const words = type === EXCLUDE
    ? 'excluded'
    : `${scheduleWords(s)}, ${run ? 'detect and remediate' : 'detect only'}${filter ? `, filter ${filter.type} ${filterNames?.has(filter.id) ? `'${filterNames.get(filter.id)}' (${filter.id})` : filter.id}` : ''}`;
  return { key, value, sansRun, run, words, body: a };
}

/** What Graph holds now. */
export const fromGraph = (a: DeviceHealthScriptAssignment, filterNames?: FilterNames): ComparableAssignment => canonical(a as unknown as Wire, filterNames);

/**
 * The deployment's assignment, its group resolved (`undefined` id for the built-in targets) and its filter's
 * id (given, or resolved from its name).
 */
export function fromDesired(a: DesiredAssignment, groupId: string | undefined, filterId?: string, filterNames?: FilterNames): ComparableAssignment {
  const filter = a.filter && filterId
    ? { deviceAndAppManagementAssignmentFilterId: filterId.toLowerCase(), deviceAndAppManagementAssignmentFilterType: a.filter.mode }
    : { deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' as const };
  const odataType = a.kind === 'exclude' ? EXCLUDE : a.group === 'allDevices' ? ALL_DEVICES : a.group === 'allUsers' ? ALL_USERS : GROUP;
  const target = { '@odata.type': odataType, ...(groupId ? { groupId: groupId.toLowerCase() } : {}), ...(a.kind === 'exclude' ? {} : filter) } as unknown as GroupAssignmentTarget;
  if (a.kind === 'exclude') return canonical({ target, runRemediationScript: false, runSchedule: null }, filterNames);
  const s = a.schedule!;
  const time = (t: string): string => `${t}:00`;
  const runSchedule = s.every === 'hours'
    ? { '@odata.type': '#microsoft.graph.deviceHealthScriptHourlySchedule', interval: s.interval }
    : s.every === 'days'
      ? { '@odata.type': '#microsoft.graph.deviceHealthScriptDailySchedule', interval: s.interval, time: time(s.time), useUtc: s.utc === true } satisfies DeviceHealthScriptTimeSchedule & { '@odata.type': string }
      : { '@odata.type': '#microsoft.graph.deviceHealthScriptRunOnceSchedule', interval: 1, date: s.date, time: time(s.time), useUtc: s.utc === true } satisfies DeviceHealthScriptRunOnceSchedule & { '@odata.type': string };
  return canonical({ target, runRemediationScript: a.runRemediation === true, runSchedule }, filterNames);
}
