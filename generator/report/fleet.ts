/**
 * What the fleet answered: device run states (the portal's export, the export job's CSV, or Graph's
 * `deviceRunStates` as JSON; docs/reference/graph-intune.md 3) read one device at a time and counted per
 * package in remgen's own words, from the summary lines the scripts wrote (generator/report/summary.ts).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { csvRecords } from './csv.ts';
import { parseSummary, type ParseOptions, type ParsedSummary, type RemgenSummary } from './summary.ts';
import { csvEntry } from './zip.ts';

/** One device's last run of one package, whatever the source. */
export interface DeviceRun {
  /** The package, when the source knows it (the live read asks per package); else the lines name it. */
  readonly packageId?: string;
  readonly device: string;
  readonly user: string;
  readonly osVersion: string;
  readonly policyId: string;
  readonly preOutput: string;
  readonly postOutput: string;
  /** stderr of detection before and after, and of the remediation (Intune's error columns). */
  readonly errors: readonly string[];
  readonly detectionStatus: string;
  readonly remediationStatus: string;
}

/** The device states a report counts, in the order it shows them. */
export const DEVICE_STATES = ['without issues', 'remediated', 'recurred', 'failed', 'with issues', 'script error', 'pending', 'not applicable', 'not remgen output'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** A column's name as compared: lower case, letters and digits only (`Pre-remediation detection output` = `preremediationdetectionoutput`). */
const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The columns a device run is read from, each by the names the export job (Graph's report columns) and the
 * portal's export use. The portal's exact headers are not documented; these are matched loosely (squashed).
 */
const COLUMNS: Record<Exclude<keyof DeviceRun, 'errors' | 'packageId'> | 'preError' | 'postError' | 'remediationError', readonly string[]> = {
  device: ['DeviceName', 'Device name', 'Device'],
  user: ['UPN', 'UserPrincipalName', 'User principal name', 'UserName', 'User name', 'UserEmail'],
  osVersion: ['OSVersion', 'OS version', 'OperatingSystemVersion'],
  policyId: ['PolicyId', 'Policy id', 'ScriptPolicyId'],
  preOutput: ['PreRemediationDetectionScriptOutput', 'Pre-remediation detection output', 'Pre remediation detection output'],
  postOutput: ['PostRemediationDetectionScriptOutput', 'Post-remediation detection output', 'Post remediation detection output'],
  preError: ['PreRemediationDetectionScriptError', 'Pre-remediation detection error'],
  postError: ['PostRemediationDetectionScriptError', 'Post-remediation detection error'],
  remediationError: ['RemediationScriptErrorDetails', 'RemediationScriptError', 'Remediation error'],
  detectionStatus: ['DetectionStatus', 'Detection status', 'DetectionScriptStatus', 'detectionState'],
  remediationStatus: ['RemediationStatus', 'Remediation status', 'RemediationScriptStatus', 'remediationState'],
};

/** Maps a header row to the columns above; throws naming what is missing when no output column is there. */
export function columnsOf(header: readonly string[], file: string): (record: readonly string[]) => DeviceRun {
  const at = new Map(header.map((h, i) => [squash(h), i]));
  const index = (names: readonly string[]): number | undefined => names.map((n) => at.get(squash(n))).find((i) => i !== undefined);
  const of = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, index(names)])) as Record<keyof typeof COLUMNS, number | undefined>;
  if (of.preOutput === undefined) {
    throw new Error(`${file}: no pre-remediation detection output column (looked for ${COLUMNS.preOutput.join(', ')}); export the remediation's device status from the portal or the DeviceRunStatesByProactiveRemediation report`);
  }
  const cell = (record: readonly string[], i: number | undefined): string => (i === undefined ? '' : (record[i] ?? '').trim());
  return (record) => ({
    device: cell(record, of.device),
    user: cell(record, of.user),
    osVersion: cell(record, of.osVersion),
    policyId: cell(record, of.policyId),
    preOutput: cell(record, of.preOutput),
    postOutput: cell(record, of.postOutput),
    errors: [cell(record, of.preError), cell(record, of.remediationError), cell(record, of.postError)].filter(Boolean),
    detectionStatus: cell(record, of.detectionStatus),
    remediationStatus: cell(record, of.remediationStatus),
  });
}

/** Graph's `deviceHealthScriptDeviceState` (with `managedDevice` expanded) as a device run. */
export function fromGraph(state: Record<string, unknown>, packageId?: string): DeviceRun {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const device = (state.managedDevice ?? {}) as Record<string, unknown>;
  return {
    ...(packageId ? { packageId } : {}),
    device: text(device.deviceName),
    user: text(device.userPrincipalName),
    osVersion: text(device.osVersion),
    policyId: text(state.policyId),
    preOutput: text(state.preRemediationDetectionScriptOutput),
    postOutput: text(state.postRemediationDetectionScriptOutput),
    errors: [state.preRemediationDetectionScriptError, state.remediationScriptError, state.postRemediationDetectionScriptError].map(text).filter(Boolean),
    detectionStatus: text(state.detectionState),
    remediationStatus: text(state.remediationState),
  };
}

/** One day of Graph's `getRemediationHistory` (docs/reference/graph-intune.md 3). */
export interface TrendPoint {
  readonly date: string;
  readonly remediated: number;
  readonly noIssue: number;
  readonly detectFailed: number;
}

/** Graph's `historyData` as trend points, oldest first; entries without a date are left out. */
export function trendOf(history: { readonly historyData?: readonly Record<string, unknown>[] } | undefined): TrendPoint[] {
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return (history?.historyData ?? [])
    .filter((d) => typeof d.date === 'string' && d.date !== '')
    .map((d) => ({ date: String(d.date).slice(0, 10), remediated: count(d.remediatedDeviceCount), noIssue: count(d.noIssueDeviceCount), detectFailed: count(d.detectFailedDeviceCount) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** What a file holds besides the device runs: the history (trend), when the source has one. */
export interface SourceExtras {
  /** A JSON dump's `history` (Graph's getRemediationHistory answer), for the one package its runs name. */
  history?: TrendPoint[];
  runSummary?: Record<string, unknown>;
}

/**
 * The device runs of a file: `.json` (an array, Graph's `{ value: [...] }` of run states, optionally with
 * `history` and `runSummary` beside `value` as Graph answers them), `.zip` (the export job's download: the
 * CSV inside), else CSV. `extras` receives the history and run summary of a JSON dump.
 */
export async function* readDeviceRuns(file: string, extras?: SourceExtras): AsyncGenerator<DeviceRun> {
  if (/\.json$/i.test(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)}); pass Graph's deviceRunStates answer, or a CSV export`, { cause: error });
    }
    const dump = (Array.isArray(parsed) ? {} : parsed ?? {}) as { value?: unknown; history?: unknown; runSummary?: unknown };
    const list = Array.isArray(parsed) ? parsed : dump.value;
    if (!Array.isArray(list)) throw new Error(`${file}: a JSON dump is an array of device run states or Graph's { "value": [...] }`);
    if (extras && dump.history && typeof dump.history === 'object') extras.history = trendOf(dump.history);
    if (extras && dump.runSummary && typeof dump.runSummary === 'object') extras.runSummary = dump.runSummary as Record<string, unknown>;
    for (const item of list) yield fromGraph(item as Record<string, unknown>);
    return;
  }
  const input = /\.zip$/i.test(file) ? await csvEntry(file) : createReadStream(file);
  yield* readCsvRuns(input as AsyncIterable<Buffer>, file);
}

/** Device runs of a CSV stream (the portal's export or the export job's CSV), the header row mapped first. */
export async function* readCsvRuns(input: AsyncIterable<string | Buffer>, file: string, packageId?: string): AsyncGenerator<DeviceRun> {
  let map: ((record: readonly string[]) => DeviceRun) | undefined;
  for await (const record of csvRecords(input)) {
    if (!map) {
      map = columnsOf(record, file);
      continue;
    }
    const run = map(record);
    yield packageId ? { ...run, packageId } : run;
  }
  if (!map) throw new Error(`${file}: the file is empty`);
}

/** How a status column's words read (Graph's runState / remediationState, or the portal's words). */
const says = (status: string, ...words: string[]): boolean => words.some((w) => squash(status).includes(w));

/** The device's state from its lines first (remgen's own words), then from Intune's status columns. */
export function deviceState(run: DeviceRun, pre: ParsedSummary, post: ParsedSummary): DeviceState {
  if (says(run.detectionStatus, 'notapplicable')) return 'not applicable';
  if (says(run.remediationStatus, 'reoccur', 'recur')) return 'recurred';
  if (pre.kind === 'remgen') {
    if (pre.state === 'ERROR') return 'script error';
    if (pre.state === 'COMPLIANT' || pre.state === 'REMEDIATED') return 'without issues';
    if (post.kind === 'remgen') return post.state === 'COMPLIANT' ? 'remediated' : post.state === 'ERROR' ? 'script error' : 'failed';
    if (says(run.remediationStatus, 'scripterror', 'remediationfailed', 'fail') || run.errors.length > 0) return 'script error';
    return 'with issues';
  }
  if (pre.kind === 'empty') {
    if (says(run.detectionStatus, 'scripterror', 'error') || run.errors.length > 0) return 'script error';
    return 'pending';
  }
  return 'not remgen output';
}

/** A step's failures on the fleet: before and after remediation, the most common values, the devices. */
export interface StepReport {
  readonly step: string;
  readonly before: number;
  readonly after: number;
  /** `is X, want Y` (or `error: M`) with how many devices reported it before remediation, most first. */
  readonly values: readonly { readonly value: string; readonly devices: number }[];
  readonly devices: readonly string[];
}

export interface PackageReport {
  readonly packageId: string;
  readonly devices: number;
  readonly states: Readonly<Record<DeviceState, number>>;
  readonly steps: readonly StepReport[];
  readonly actions: readonly { readonly step: string; readonly devices: number }[];
  readonly cooldowns: readonly { readonly step: string; readonly devices: number }[];
  readonly errors: readonly { readonly message: string; readonly devices: number }[];
  /** Devices not without issues, by OS version. */
  readonly failuresByOs: readonly { readonly osVersion: string; readonly devices: number }[];
  /**
   * Lines cut at 2,048 characters, lines in another remgen shape, output that is not remgen's, lines of a
   * remgen version before build ids (no `@<build>`), and remgen lines of another build of the package than
   * the catalog's: their build id differs from the one the catalog builds to (exact), or, for a line without
   * id, `guessedOtherBuild` of them count a different number of steps than the catalog's package has or name
   * a step it lacks (a guess: a changed threshold or value goes unseen). `otherBuild` counts both kinds.
   */
  readonly lines: { readonly cut: number; readonly unrecognised: number; readonly foreign: number; readonly otherBuild: number; readonly olderVersion: number; readonly guessedOtherBuild: number };
  /**
   * The build ids the lines carry, most lines first, and the one the catalog builds the package to (its
   * Intune scripts as `remgen build` writes them now), when a catalog was read.
   */
  readonly builds: { readonly catalog?: string; readonly seen: readonly { readonly build: string; readonly lines: number }[] };
  /** Intune's own counts (`runSummary`), when the source is Graph. */
  readonly intune?: Readonly<Record<string, unknown>>;
  /** The trend over the remediation history, oldest day first, when the source has it. */
  readonly trend?: readonly TrendPoint[];
}

export interface FleetReport {
  readonly devices: number;
  readonly packages: readonly PackageReport[];
  /**
   * Devices whose output names no package (empty, foreign) and whose policy id no other device's lines tie to
   * a package (an export job's file is one policy: its empty and failed rows go to that policy's package).
   */
  readonly unattributed: number;
}

class Counter {
  private readonly counts = new Map<string, number>();
  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  merge(other: Counter): void {
    for (const [key, count] of other.counts) this.add(key, count);
  }
  top(n: number): { key: string; count: number }[] {
    return [...this.counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, n);
  }
}

interface Accumulator {
  devices: number;
  states: Record<DeviceState, number>;
  steps: Map<string, { before: number; after: number; values: Counter; devices: string[] }>;
  actions: Counter;
  cooldowns: Counter;
  errors: Counter;
  os: Counter;
  lines: { cut: number; unrecognised: number; foreign: number; otherBuild: number; olderVersion: number; guessedOtherBuild: number };
  builds: Counter;
}

export interface AggregateOptions extends ParseOptions {
  /** How many of each "most common" list to keep. */
  readonly top?: number;
  readonly devicesFor?: string;
  /** Packages to report even when no run names them. */
  readonly packages?: readonly string[];
  /**
   * The build id the catalog gives each of these packages (those it has an Intune package for), asked once
   * after the runs are counted: a line whose id differs counts as another build.
   */
  readonly builds?: (packageIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;
}

/** Counts device runs into per-package reports; `top` bounds every "most common" list. */
export async function aggregate(runs: AsyncIterable<DeviceRun> | Iterable<DeviceRun>, options: AggregateOptions = {}): Promise<FleetReport> {
  const top = options.top ?? 5;
  const packages = new Map<string, Accumulator>();
  // Runs that name no package, by policy id, until a run with lines ties that policy to a package.
  const byPolicy = new Map<string, Accumulator>();
  const policyPackage = new Map<string, string>();
  let devices = 0;
  let unattributed = 0;
  const accumulator = (id: string, into = packages): Accumulator => {
    let a = into.get(id);
    if (!a) {
      a = {
        devices: 0,
        states: Object.fromEntries(DEVICE_STATES.map((s) => [s, 0])) as Record<DeviceState, number>,
        steps: new Map(),
        actions: new Counter(),
        cooldowns: new Counter(),
        errors: new Counter(),
        os: new Counter(),
        lines: { cut: 0, unrecognised: 0, foreign: 0, otherBuild: 0, olderVersion: 0, guessedOtherBuild: 0 },
        builds: new Counter(),
      };
      into.set(id, a);
    }
    return a;
  };
  const step = (a: Accumulator, id: string) => {
    let s = a.steps.get(id);
    if (!s) {
      s = { before: 0, after: 0, values: new Counter(), devices: [] };
      a.steps.set(id, s);
    }
    return s;
  };
  // A fleet repeats its lines (every healthy device says the same): each distinct line is parsed once,
  // the cache emptied when it grows past a bound so memory stays flat on any export.
  const parsed = new Map<string, ParsedSummary>();
  const parse = (line: string): ParsedSummary => {
    let result = parsed.get(line);
    if (!result) {
      if (parsed.size >= 20_000) parsed.clear();
      result = parseSummary(line, options);
      parsed.set(line, result);
    }
    return result;
  };
  /** A line without build id that looks like another build than the catalog's (see PackageReport.lines); without a catalog none does. */
  const guessedOtherBuild = (line: RemgenSummary): boolean => {
    const known = options.steps?.get(line.packageId);
    if (!known) return false;
    if (line.total !== undefined && line.total !== known.length) return true;
    return [...line.fixed, ...line.actions, ...line.restartSteps, ...line.cooldowns.map((c) => c.step)].some((s) => !known.includes(s));
  };
  for (const id of options.packages ?? []) accumulator(id);
  for await (const run of runs) {
    devices += 1;
    const pre = parse(run.preOutput);
    const post = parse(run.postOutput);
    const packageId = run.packageId ?? (pre.kind === 'remgen' || pre.kind === 'unrecognised' ? pre.packageId : post.kind === 'remgen' || post.kind === 'unrecognised' ? post.packageId : undefined);
    if (!packageId && !run.policyId) {
      unattributed += 1;
      continue;
    }
    if (packageId && run.policyId && !policyPackage.has(run.policyId)) policyPackage.set(run.policyId, packageId);
    const a = packageId ? accumulator(packageId) : accumulator(run.policyId, byPolicy);
    a.devices += 1;
    const state = deviceState(run, pre, post);
    a.states[state] += 1;
    if (state !== 'without issues' && state !== 'not applicable') a.os.add(run.osVersion || 'unknown');
    for (const line of [pre, post]) {
      if (line.kind === 'unrecognised') a.lines.unrecognised += 1;
      else if (line.kind === 'foreign') a.lines.foreign += 1;
      else if (line.kind === 'remgen') {
        if (line.truncated) a.lines.cut += 1;
        // A line with a build id is compared with the catalog's id once all are counted (below).
        if (line.build !== undefined) a.builds.add(line.build);
        else {
          a.lines.olderVersion += 1;
          if (guessedOtherBuild(line)) a.lines.guessedOtherBuild += 1;
        }
      }
    }
    // The errors that came back: Intune's error columns, an ERROR line's message, and the errors a step's test
    // or set threw (`<step> (error: M)`), each counted once per device.
    const errors = new Set(run.errors.map((message) => message.split(/\r?\n/)[0]!.slice(0, 200)));
    for (const line of [pre, post]) {
      if (line.kind !== 'remgen') continue;
      if (line.state === 'ERROR' && line.message) errors.add(line.message.slice(0, 200));
      for (const f of line.findings) if (f.error !== undefined && !f.partial) errors.add(`${f.step}: ${f.error}`.slice(0, 200));
    }
    for (const message of errors) a.errors.add(message);
    if (pre.kind === 'remgen') {
      for (const f of pre.findings) {
        const s = step(a, f.step);
        s.before += 1;
        s.values.add(f.error !== undefined ? `error: ${f.error}` : `is ${f.actual ?? ''}${f.expected !== undefined ? `, want ${f.expected}` : ''}${f.partial ? ' (cut)' : ''}`);
        if (options.devicesFor === f.step) s.devices.push(run.device || '(unnamed)');
      }
    }
    for (const line of [pre, post].filter((l): l is RemgenSummary => l.kind === 'remgen')) {
      for (const act of line.actions) a.actions.add(act);
      for (const c of line.cooldowns) a.cooldowns.add(c.step);
    }
    if (post.kind === 'remgen') for (const f of post.findings) step(a, f.step).after += 1;
  }
  for (const [policy, held] of byPolicy) {
    const pkg = policyPackage.get(policy);
    if (!pkg) {
      unattributed += held.devices;
      continue;
    }
    const a = accumulator(pkg);
    a.devices += held.devices;
    for (const state of DEVICE_STATES) a.states[state] += held.states[state];
    a.errors.merge(held.errors);
    a.os.merge(held.os);
    a.lines.foreign += held.lines.foreign;
    a.lines.unrecognised += held.lines.unrecognised;
  }
  // The catalog's build ids, asked for the packages the lines named only (rendering them costs a build).
  const catalogBuilds = options.builds ? await options.builds([...packages.keys()].sort()) : new Map<string, string>();
  const reports = [...packages].sort(([x], [y]) => (x < y ? -1 : 1)).map(([packageId, a]): PackageReport => {
    const catalog = catalogBuilds.get(packageId);
    const seen = a.builds.top(Number.MAX_SAFE_INTEGER).map((v) => ({ build: v.key, lines: v.count }));
    const exact = catalog === undefined ? 0 : seen.filter((v) => v.build !== catalog).reduce((sum, v) => sum + v.lines, 0);
    return {
      packageId,
      devices: a.devices,
      states: a.states,
      steps: [...a.steps]
        .map(([id, s]) => ({ step: id, before: s.before, after: s.after, values: s.values.top(top).map((v) => ({ value: v.key, devices: v.count })), devices: s.devices }))
        .sort((x, y) => y.before - x.before || y.after - x.after || (x.step < y.step ? -1 : 1)),
      actions: a.actions.top(50).map((v) => ({ step: v.key, devices: v.count })),
      cooldowns: a.cooldowns.top(50).map((v) => ({ step: v.key, devices: v.count })),
      errors: a.errors.top(top).map((v) => ({ message: v.key, devices: v.count })),
      failuresByOs: a.os.top(top).map((v) => ({ osVersion: v.key, devices: v.count })),
      lines: { ...a.lines, otherBuild: exact + a.lines.guessedOtherBuild },
      builds: { ...(catalog !== undefined ? { catalog } : {}), seen },
    };
  });
  return { devices, packages: reports, unattributed };
}

/**
 * What a package's lines were besides this build's, in words: cut, another build (by id, and guessed for lines
 * without one), an older remgen, another shape, not remgen's. Empty when every line is this build's and whole.
 */
export function linesInWords(p: PackageReport): string {
  const { cut, unrecognised, foreign, olderVersion, guessedOtherBuild } = p.lines;
  const n = (value: number): string => value.toLocaleString('en-US');
  const catalog = p.builds.catalog;
  const others = catalog === undefined ? [] : p.builds.seen.filter((b) => b.build !== catalog);
  const exact = others.reduce((sum, b) => sum + b.lines, 0);
  const parts: string[] = [];
  if (cut > 0) parts.push(`${n(cut)} cut at 2,048 characters`);
  if (exact > 0) {
    const ids = others.length === 1 ? `id ${others[0]!.build}` : `ids ${others.map((b) => `${b.build} (${n(b.lines)})`).join(', ')}`;
    parts.push(`${n(exact)} of another build (${ids}, catalog has ${catalog}), deployed before the catalog last changed or built from another one`);
  }
  if (catalog === undefined && p.builds.seen.length > 1) {
    parts.push(`${p.builds.seen.length} builds among them (ids ${p.builds.seen.map((b) => `${b.build} (${n(b.lines)})`).join(', ')}; with the catalog the report says which is not its own)`);
  }
  if (olderVersion > 0) {
    parts.push(`${n(olderVersion)} from an older remgen version (no build id${guessedOtherBuild > 0 ? `; ${n(guessedOtherBuild)} of them of another build: their step count or steps differ from the catalog's` : ''})`);
  }
  if (unrecognised > 0) parts.push(`${n(unrecognised)} in another remgen shape (another version?)`);
  if (foreign > 0) parts.push(`${n(foreign)} not remgen's`);
  return parts.join('; ');
}
