/**
 * remgen report <deployment> end to end: the real CLI in a child process, the real @azure/identity
 * ClientSecretCredential and microsoft-graph-client, against the local Graph of spec/support/local-graph.ts over
 * HTTPS (trusted only by the child). The run states' outputs are the lines the engine recorded for the bundled
 * device profiles (remediations/profiles/expected.json), not written by hand.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Expectations } from '../../generator/model/expectation.ts';
import { marker } from '../../generator/publish/desired.ts';
import type { FleetReport, PackageReport } from '../../generator/report/fleet.ts';
import { catalogProject, writeDeployment } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { BIN } from '../support/temp-catalog.ts';
import { recorded } from '../support/summary-line.ts';

interface Run { status: number; stdout: string; stderr: string }

// The engine's recorded lines as this build prints them (build ids put back: spec/support/summary-line.ts).
const expected: Expectations = await recorded();

/** One run state per bundled profile of the package (repeated `copies` times), as Graph gives them. */
export function runStatesOf(pkg: string, copies = 1): Record<string, unknown>[] {
  const states: Record<string, unknown>[] = [];
  for (let c = 0; c < copies; c += 1) {
    for (const [profile, cycle] of Object.entries(expected[pkg]!)) {
      const pre = cycle.summaries[0]!;
      const post = cycle.summaries.length > 1 ? cycle.summaries.at(-1)! : '';
      const i = states.length;
      states.push({
        id: `${pkg}-${i}`,
        detectionState: cycle.detect === 0 ? 'success' : 'fail',
        remediationState: post === '' ? 'skipped' : post.startsWith('COMPLIANT ') ? 'success' : 'remediationFailed',
        lastStateUpdateDateTime: '2026-12-01T08:00:00Z',
        preRemediationDetectionScriptOutput: pre,
        preRemediationDetectionScriptError: null,
        remediationScriptError: null,
        postRemediationDetectionScriptOutput: post || null,
        postRemediationDetectionScriptError: null,
        managedDevice: { id: `dev-${pkg}-${i}`, deviceName: `PC-${profile}-${c}`.slice(0, 60), userPrincipalName: `user${i}@contoso.com`, osVersion: i % 2 ? '10.0.19045.5131' : '10.0.22631.4460', serialNumber: 'not asked for' },
      });
    }
  }
  return states;
}

const HISTORY = [
  { date: '2026-11-28T00:00:00Z', remediatedDeviceCount: 9, noIssueDeviceCount: 40, detectFailedDeviceCount: 3 },
  { date: '2026-11-29T00:00:00Z', remediatedDeviceCount: 6, noIssueDeviceCount: 48, detectFailedDeviceCount: 2 },
  { date: '2026-11-30T00:00:00Z', remediatedDeviceCount: 2, noIssueDeviceCount: 55, detectFailedDeviceCount: 0 },
];

describe('remgen report <deployment>: live from a local Graph', function () {
  this.timeout(180_000);
  const graph = new LocalGraph();
  const project = catalogProject();
  const ids: Record<string, string> = {};

  const seed = (pkg: string, states: Record<string, unknown>[], summary: Record<string, number>): void => {
    const id = `cccccccc-0000-4000-8000-${String(Object.keys(ids).length).padStart(12, '0')}`;
    ids[pkg] = id;
    graph.scripts.set(id, { id, displayName: pkg, description: `Published by remgen. ${marker('fleet', pkg)}`, detectionScriptContent: 'AA==', remediationScriptContent: 'AA==', assignments: [], runAsAccount: 'system' });
    graph.reports.set(id, { summary, history: { lastModifiedDateTime: '2026-12-01T00:00:00Z', historyData: HISTORY }, states });
  };

  const report = (args: string[], env: Record<string, string> = {}): Promise<Run> => new Promise((done, fail) => {
    graph.clearLog();
    const child = spawn(process.execPath, [BIN, 'report', ...args, '--catalog', project.catalog], {
      cwd: project.root,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: graph.caFile, AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: graph.clientSecret, REMGEN_GRAPH_RETRY_DELAY: '0', REMGEN_REPORT_POLL_MS: '20', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => { child.kill(); fail(new Error(`report did not end in 90 s\n${stderr}`)); }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const secret of [graph.clientSecret, ...graph.tokens]) assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'a secret or token was printed');
      done({ status: code ?? -1, stdout, stderr });
    });
  });
  const parse = (run: Run): FleetReport => {
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as FleetReport;
  };
  const pkgOf = (r: FleetReport, id: string): PackageReport => r.packages.find((p) => p.packageId === id)!;
  const get = (path: RegExp) => graph.graphRequests().filter((r) => r.method === 'GET' && path.test(r.path));

  const SMALL = { noIssueDetectedDeviceCount: 5, issueDetectedDeviceCount: 9, detectionScriptErrorDeviceCount: 0, issueRemediatedDeviceCount: 6, issueRemediatedCumulativeDeviceCount: 30 };
  const LARGE = { noIssueDetectedDeviceCount: 4200, issueDetectedDeviceCount: 1900, issueRemediatedDeviceCount: 1500 };

  before(async () => {
    await graph.start();
    graph.statesPageSize = 4;
    // Someone else's script and one of another deployment: never read.
    graph.scripts.set('dddddddd-0000-4000-8000-000000000001', { id: 'dddddddd-0000-4000-8000-000000000001', displayName: 'Contoso VPN', description: 'by hand', detectionScriptContent: 'AA==', remediationScriptContent: '', assignments: [], runAsAccount: 'system' });
    seed('clock', runStatesOf('clock'), SMALL);
    seed('onedrive-0x8004de40-device', runStatesOf('onedrive-0x8004de40-device'), SMALL);
    writeDeployment(project, graph, {
      id: 'fleet',
      clientId: true,
      allowDevelopmentCertificate: null,
      packages: [
        { package: 'clock', assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 8 } }] },
        { package: 'onedrive-0x8004de40-device', assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 8 } }] },
        { package: 'dns', assign: [{ group: 'allDevices', schedule: { every: 'once', date: '2026-01-05', time: '09:00' } }] },
      ],
    });
  });
  after(async () => {
    await graph.stop();
    project.dispose();
  });

  it('in a pipeline with no credential set and no terminal: says what to set, sends nothing, prints no device code', async () => {
    const before = graph.graphRequests().length;
    const run = await report(['fleet', '--json'], { AZURE_CLIENT_ID: '', AZURE_CLIENT_SECRET: '' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /no credential in the environment and no terminal to sign in at: in a pipeline set AZURE_CLIENT_ID/);
    assert.match(run.stderr, /nothing was sent/);
    assert.doesNotMatch(run.stderr, /devicelogin|enter the code/i);
    assert.equal(graph.graphRequests().length, before, 'no Graph request');
  });

  it('small packages: run summary, history and every device run state page by page, with device name, user and OS version', async () => {
    const run = await report(['fleet', '--json', '--devices', 'clock-in-sync']);
    const r = parse(run);
    const clock = pkgOf(r, 'clock');
    const states = graph.reports.get(ids.clock!)!.states;
    assert.equal(clock.devices, states.length);
    // the device states, counted from the engine's lines independently of the report's code
    const pre = states.map((s) => s.preRemediationDetectionScriptOutput as string);
    const post = states.map((s) => (s.postRemediationDetectionScriptOutput as string | null) ?? '');
    assert.equal(clock.states['without issues'], pre.filter((l) => l.startsWith('COMPLIANT ')).length);
    assert.equal(clock.states.remediated, pre.filter((l, i) => !l.startsWith('COMPLIANT ') && !l.startsWith('ERROR ') && post[i]!.startsWith('COMPLIANT ')).length);
    assert.ok(clock.states.remediated > 0);
    assert.equal(clock.intune!.issueRemediatedDeviceCount, 6, 'Intune\'s own counts ride along');
    assert.deepEqual(clock.trend!.map((t) => [t.date, t.noIssue, t.remediated, t.detectFailed]), HISTORY.map((h) => [h.date.slice(0, 10), h.noIssueDeviceCount, h.remediatedDeviceCount, h.detectFailedDeviceCount]));
    // device names (from the expanded managedDevice) for the devices failing a step
    const failing = clock.steps.find((s) => s.step === 'clock-in-sync')!;
    const names = states.filter((s) => String(s.preRemediationDetectionScriptOutput).includes('clock-in-sync (is ')).map((s) => (s.managedDevice as { deviceName: string }).deviceName);
    assert.ok(names.length > 0);
    assert.deepEqual([...failing.devices].sort(), [...names].sort());
    assert.ok(clock.failuresByOs.every((o) => ['10.0.19045.5131', '10.0.22631.4460'].includes(o.osVersion)));
    // paged: ceil(n / 4) requests per package, each with the expand; no export job
    const pages = get(new RegExp(`${ids.clock}/deviceRunStates$`));
    assert.equal(pages.length, Math.ceil(states.length / 4));
    assert.equal(graph.exportJobs.size, 0);
    assert.ok(!graph.log.some((r) => r.path.includes('dddddddd')), 'someone else\'s script is never read');
    assert.match(run.stderr, /dns is not published/, 'and its run-once date in the past does not stop the report');
    assert.ok(graph.log.length < 60, `${graph.log.length} requests`);
  });

  it('prints the terminal report with the trend', async () => {
    const html = join(project.root, 'fleet.html');
    const run = await report(['fleet', '--html', html]);
    assert.equal(run.status, 0, run.stderr);
    // the page carries the live trend (its drawing is checked in Chromium by html.spec.ts)
    const page = readFileSync(html, 'utf8');
    const clock = page.slice(page.indexOf('data-package="clock"'), page.indexOf('</section>', page.indexOf('data-package="clock"')));
    assert.deepEqual([...clock.matchAll(/data-series="noIssue">.*?<\/g>/g)].flatMap((m) => [...m[0].matchAll(/data-value="(\d+)"/g)].map((v) => Number(v[1]))), [40, 48, 55]);
    assert.match(run.stdout, /from tenant contoso-test\.onmicrosoft\.com \(deployment fleet/);
    assert.match(run.stdout, /^clock: \d+ devices/m);
    assert.match(run.stdout, /trend 2026-11-28 -> 2026-11-30 \(3 days\): without issues 40 -> 55, remediated 9 -> 2, detection failed 3 -> 0/);
  });

  it('a large package goes through the export job (created, polled, zip downloaded without the token) and reads the same as page by page', async () => {
    const byStates = pkgOf(parse(await report(['fleet', '--json', '--via', 'states'])), 'onedrive-0x8004de40-device');
    graph.reports.get(ids['onedrive-0x8004de40-device']!)!.summary = LARGE;
    graph.exportPolls = 3;
    try {
      const run = await report(['fleet', '--json']);
      const byExport = pkgOf(parse(run), 'onedrive-0x8004de40-device');
      assert.match(run.stderr, /about 7,600 devices, read through the DeviceRunStatesByProactiveRemediation export job/);
      const posts = graph.graphRequests().filter((r) => r.method === 'POST' && r.path === '/beta/deviceManagement/reports/exportJobs');
      assert.equal(posts.length, 1, 'one job, for the large package only');
      const body = JSON.parse(posts[0]!.body) as { reportName: string; filter: string; format: string };
      assert.equal(body.reportName, 'DeviceRunStatesByProactiveRemediation');
      assert.equal(body.filter, `PolicyId eq '${ids['onedrive-0x8004de40-device']}'`);
      assert.equal(get(/exportJobs\(/).length, 3, 'polled until completed');
      assert.equal(graph.downloads, 1);
      assert.equal(graph.refusedDownloads, 0, 'the download was sent without the bearer token');
      assert.equal(get(new RegExp(`${ids['onedrive-0x8004de40-device']}/deviceRunStates$`)).length, 0);
      const { intune: _a, ...fromExport } = byExport;
      const { intune: _b, ...fromStates } = byStates;
      assert.deepEqual(fromExport, fromStates, 'both ways read the same report');
      assert.ok(fromStates.lines.cut > 0, 'the everything-broken line is cut at 2,048 and counted so, both ways');
    } finally {
      graph.reports.get(ids['onedrive-0x8004de40-device']!)!.summary = SMALL;
      graph.exportPolls = 2;
    }
  });

  it('an export job that refuses the column list is asked once more for every column', async () => {
    graph.faults.push({ method: 'POST', path: /reports\/exportJobs$/, times: 1, status: 400, body: { error: { code: 'BadRequest', message: 'Invalid select columns: UserName' } } });
    const run = await report(['fleet', '--json', '--via', 'export']);
    const clock = pkgOf(parse(run), 'clock');
    assert.equal(clock.devices, graph.reports.get(ids.clock!)!.states.length);
    assert.match(run.stderr, /refused the column list .*Invalid select columns: UserName.*; asking for every column/);
    const posts = graph.graphRequests().filter((r) => r.method === 'POST' && r.path.endsWith('/exportJobs')).map((r) => JSON.parse(r.body) as { select?: string[] });
    assert.equal(posts.length, 3, 'clock twice (with the list, then without), the other package once');
    assert.ok(posts[0]!.select && !posts[1]!.select);
  });

  it('an export job that fails, or does not finish in time, is said plainly', async () => {
    graph.failNextExport = true;
    const failed = await report(['fleet', '--via', 'export']);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /export job for 'clock' \(DeviceRunStatesByProactiveRemediation_[0-9a-f-]+\) failed in Intune; .*--via states/);
    graph.exportPolls = 1000;
    try {
      const slow = await report(['fleet', '--via', 'export', '--export-timeout', '0.3']);
      assert.equal(slow.status, 1);
      assert.match(slow.stderr, /has not completed after 0\.3 s \(status inProgress\)/);
      assert.ok(graph.log.length < 40, `${graph.log.length} requests`);
    } finally {
      graph.exportPolls = 2;
    }
  });

  it('throttling (429 with and without Retry-After) is retried as publish does, and the report finishes', async () => {
    graph.faults.push({ method: 'GET', path: new RegExp(`${ids.clock}/deviceRunStates$`), times: 2, status: 429, headers: { 'Retry-After': '0' } });
    graph.faults.push({ method: 'GET', path: /runSummary$/, times: 1, status: 429 });
    const r = parse(await report(['fleet', '--json']));
    assert.equal(pkgOf(r, 'clock').devices, graph.reports.get(ids.clock!)!.states.length);
    assert.ok(graph.log.filter((x) => x.status === 429).length === 3);
  });

  it('a 403 says which permission is missing; wrong credentials fail at sign-in with nothing sent to Graph', async () => {
    graph.faults.push({ method: 'GET', path: /getRemediationHistory$/, times: 1, status: 403, body: { error: { code: 'Forbidden', message: 'Application is not authorized to perform this operation.' } } });
    const forbidden = await report(['fleet']);
    assert.equal(forbidden.status, 1);
    assert.match(forbidden.stderr, /read the remediation history of 'clock': forbidden \(403 Forbidden/);
    const bad = await report(['fleet'], { AZURE_CLIENT_SECRET: 'wrong' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /cannot sign in to tenant/);
    assert.deepEqual(graph.graphRequests(), []);
  });

  it('a deployment and --from together, or neither, is a usage error', async () => {
    const both = await report(['fleet', '--from', 'x.csv']);
    assert.equal(both.status, 3);
    const neither = await report([]);
    assert.equal(neither.status, 3);
    assert.match(neither.stderr, /name a deployment .* or a file with --from/);
  });
});
