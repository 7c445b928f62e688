/**
 * The live source of `remgen report <deployment>`: for each package the deployment publishes (found as publish
 * finds it, by the `[remgen:<deployment>/<package>]` marker ending the script's description), Intune's run
 * summary, the remediation history (the trend) and the device run states, read through publish's Graph session
 * (its retry handler answers 429/503/504 with Retry-After or back-off). docs/reference/graph-intune.md 3.
 *
 * The device runs come one of two ways, chosen per package by its size in the run summary:
 * - `deviceRunStates`, paged by `@odata.nextLink`, with the managed device's name, user and OS version;
 * - the export job (`DeviceRunStatesByProactiveRemediation`): created, polled until completed, its zip
 *   downloaded (without the Graph token: the URL carries its own signature) and read as it unzips.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describeGraphError } from '../publish/errors.ts';
import type { ExportJob, GraphSession } from '../publish/graph.ts';
import { fromGraph, readCsvRuns, trendOf, type DeviceRun, type TrendPoint } from './fleet.ts';
import { csvEntry } from './zip.ts';

/**
 * Above this many devices (the run summary's counts added up) a package is read through the export job.
 * Below it the paged list is a handful of requests that answer at once; the export job costs a create, its
 * polls and a download whatever the size, and Intune takes from seconds to minutes to build it. The paged
 * list grows by one request per page (the page size is Graph's and not documented): at 5,000 devices and
 * pages of 100 it is 50 requests, 2.5% of the 2,000 requests per 20 s Intune allows one app
 * (docs/reference/graph-intune.md 5), and it grows without bound after that; the export job does not.
 */
export const EXPORT_THRESHOLD = 5000;

export const EXPORT_REPORT = 'DeviceRunStatesByProactiveRemediation';

/** The export job's columns remgen reads (fleet.ts maps them by name). */
export const EXPORT_COLUMNS = [
  'PolicyId', 'DeviceId', 'DeviceName', 'OSVersion', 'UPN', 'UserName', 'ModifiedTime',
  'PreRemediationDetectionScriptOutput', 'PreRemediationDetectionScriptError', 'RemediationScriptErrorDetails',
  'PostRemediationDetectionScriptOutput', 'PostRemediationDetectionScriptError', 'DetectionStatus', 'RemediationStatus',
] as const;

export type Via = 'auto' | 'states' | 'export';

export interface LivePackage {
  readonly package: string;
  /** The script's id in Intune; absent when the deployment's package is not published. */
  readonly scriptId?: string;
}

export interface LivePackageInfo {
  readonly scriptId: string;
  readonly intune: Record<string, unknown>;
  readonly trend: TrendPoint[];
  /** How the device runs were read, and why. */
  readonly via: 'states' | 'export';
  readonly estimate: number;
}

export interface LiveOptions {
  readonly via: Via;
  readonly threshold?: number;
  /** The first wait between polls of an export job; it doubles up to 10 times this, at most 30 s. */
  readonly pollMs?: number;
  /** How long an export job may take before the report gives up on it. */
  readonly timeoutMs?: number;
  readonly progress?: (line: string) => void;
}

export class LiveError extends Error {}

/** The run summary's device counts added up: an upper bound of the devices that ran the package. */
export function devicesIn(summary: Record<string, unknown>): number {
  const keys = ['noIssueDetectedDeviceCount', 'issueDetectedDeviceCount', 'detectionScriptErrorDeviceCount', 'detectionScriptPendingDeviceCount',
    'detectionScriptNotApplicableDeviceCount', 'issueRemediatedDeviceCount', 'remediationSkippedDeviceCount', 'issueReoccurredDeviceCount', 'remediationScriptErrorDeviceCount'];
  return keys.reduce((n, k) => n + (typeof summary[k] === 'number' ? (summary[k]) : 0), 0);
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** GET a download URL to a file: no Authorization header, retried on 429/503/504 (Retry-After honoured) a few times. */
async function download(url: string, file: string, tries = 4): Promise<void> {
  if (!/^https:\/\//i.test(url)) throw new LiveError(`the export job's download is not an https URL (${new URL(url).protocol}); remgen downloads only over https`);
  for (let attempt = 1; ; attempt += 1) {
    const response = await new Promise<import('node:http').IncomingMessage>((done, fail) => get(url, { headers: { accept: 'application/zip, application/octet-stream' } }, done).on('error', fail));
    const status = response.statusCode ?? 0;
    if (status === 200) {
      await pipeline(response, createWriteStream(file));
      return;
    }
    response.resume();
    if ([429, 503, 504].includes(status) && attempt < tries) {
      const after = Number(response.headers['retry-after']);
      await sleep(Number.isFinite(after) && after >= 0 ? Math.min(after, 60) * 1000 : 2 ** attempt * 250);
      continue;
    }
    throw new LiveError(`the export job's download answered ${status}${status === 403 || status === 404 ? ' (the link expires: run the report again for a new one)' : ''}`);
  }
}

/** Creates the export job for one script, polls it, downloads its zip into `dir`; returns the zip's path. */
async function exportJob(session: GraphSession, pkg: string, scriptId: string, dir: string, options: LiveOptions): Promise<string> {
  const first = options.pollMs ?? 2000;
  const timeout = options.timeoutMs ?? 600_000;
  let job: ExportJob;
  const body = { reportName: EXPORT_REPORT, filter: `PolicyId eq '${scriptId}'`, format: 'csv' };
  try {
    job = await session.createExportJob({ ...body, select: [...EXPORT_COLUMNS] });
  } catch (error) {
    // Which columns the report accepts in `select` is not verified (docs/reference/graph-intune.md 3): on a 400
    // ask once more for all of them; fleet.ts picks its columns by name either way.
    if ((error as { statusCode?: number }).statusCode !== 400) throw new LiveError(describeGraphError(error, `create the ${EXPORT_REPORT} export job for '${pkg}'`));
    options.progress?.(`  ${pkg}: the export job refused the column list (${describeGraphError(error, 'create')}); asking for every column`);
    try {
      job = await session.createExportJob(body);
    } catch (again) {
      throw new LiveError(describeGraphError(again, `create the ${EXPORT_REPORT} export job for '${pkg}'`));
    }
  }
  const started = Date.now();
  let wait = first;
  while (job.status !== 'completed') {
    if (job.status === 'failed') throw new LiveError(`the ${EXPORT_REPORT} export job for '${pkg}' (${job.id}) failed in Intune; run the report again, or read the run states page by page with --via states`);
    if (Date.now() - started > timeout) throw new LiveError(`the ${EXPORT_REPORT} export job for '${pkg}' (${job.id}) has not completed after ${timeout < 10_000 ? (timeout / 1000).toFixed(1) : Math.round(timeout / 1000)} s (status ${job.status}); run the report again later, raise --export-timeout, or use --via states`);
    await sleep(wait);
    wait = Math.min(wait * 2, first * 10, 30_000);
    try {
      job = await session.getExportJob(job.id);
    } catch (error) {
      throw new LiveError(describeGraphError(error, `read the export job for '${pkg}'`));
    }
    options.progress?.(`  ${pkg}: export job ${job.status}`);
  }
  if (!job.url) throw new LiveError(`the export job for '${pkg}' (${job.id}) completed without a download url`);
  const file = join(dir, `${pkg}.zip`);
  await download(job.url, file);
  return file;
}

/**
 * The device runs of every package, one package after the other, each run tagged with its package; `info`
 * receives each package's run summary, trend and how its runs were read before its runs come.
 */
export async function* readLive(session: GraphSession, packages: readonly LivePackage[], info: Map<string, LivePackageInfo>, options: LiveOptions): AsyncGenerator<DeviceRun> {
  const dir = await mkdtemp(join(tmpdir(), 'remgen-report-'));
  try {
    for (const p of packages) {
      if (!p.scriptId) continue;
      const id = p.scriptId;
      const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
        try {
          return await call();
        } catch (error) {
          throw new LiveError(describeGraphError(error, `read the ${what} of '${p.package}'`));
        }
      };
      const intune = await read('run summary', () => session.runSummary(id));
      const trend = trendOf(await read('remediation history', () => session.remediationHistory(id)));
      const estimate = devicesIn(intune);
      const via = options.via === 'auto' ? (estimate > (options.threshold ?? EXPORT_THRESHOLD) ? 'export' : 'states') : options.via;
      info.set(p.package, { scriptId: id, intune, trend, via, estimate });
      options.progress?.(`  ${p.package}: about ${estimate.toLocaleString('en-US')} devices, read ${via === 'export' ? `through the ${EXPORT_REPORT} export job` : 'page by page (deviceRunStates)'}`);
      if (via === 'states') {
        const pages = session.deviceRunStates(id);
        for (;;) {
          let page: IteratorResult<Record<string, unknown>[]>;
          try {
            page = await pages.next();
          } catch (error) {
            throw new LiveError(describeGraphError(error, `read the device run states of '${p.package}'`));
          }
          if (page.done) break;
          for (const state of page.value) yield fromGraph(state, p.package);
        }
      } else {
        const zip = await exportJob(session, p.package, id, dir, options);
        yield* readCsvRuns((await csvEntry(zip)) as AsyncIterable<Buffer>, `the export of '${p.package}'`, p.package);
        await rm(zip, { force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
