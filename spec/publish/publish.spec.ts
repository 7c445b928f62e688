/**
 * remgen publish end to end: the real CLI in a child process, the real @azure/identity ClientSecretCredential
 * and microsoft-graph-client, against the local Graph of spec/support/local-graph.ts over HTTPS (its
 * certificate trusted only by the child, through NODE_EXTRA_CA_CERTS). The specs run in order on one tenant.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { BIN } from '../support/temp-catalog.ts';
import { readBuildId } from '../../generator/script/build-id.ts';

interface Run { status: number; stdout: string; stderr: string }

describe('remgen publish against a local Graph', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // The packages the deployments name (a user-context one among them), built and signed with a development
  // certificate as `remgen build` does; no more, since each publish builds the whole catalog again in memory.
  let project: Project;
  let pilot = '';

  const deploy = (packages: unknown[], allowDev = true): void => {
    writeDeployment(project, graph, { clientId: true, allowDevelopmentCertificate: allowDev, packages });
  };
  const daily = (time: string) => ({ every: 'days', interval: 1, time });
  const TLS = { package: 'tls', assign: [{ group: 'Pilot devices', schedule: daily('01:00') }], exclude: ['Kiosks'] };
  const USER = { package: 'tls-inspection-user', assign: [{ group: 'allUsers', schedule: { every: 'hours', interval: 8 }, runRemediation: false }] };
  const CLOCK = { package: 'clock', detectOnly: true, assign: [{ group: 'allDevices', schedule: { every: 'days', interval: 2, time: '03:30', utc: true } }] };

  let secretSent: string | undefined;
  const publish = (...args: string[]): Promise<Run> => new Promise((done, fail) => {
    graph.clearLog();
    const child = spawn(process.execPath, [BIN, 'publish', 'spec', '--catalog', project.catalog, '--out', project.out, ...args], {
      cwd: project.root,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: graph.caFile, AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: secretSent ?? graph.clientSecret, REMGEN_GRAPH_RETRY_DELAY: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => { child.kill(); fail(new Error(`publish did not end in 90 s\n${stderr}`)); }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Secrets and tokens never reach the output.
      for (const secret of [graph.clientSecret, ...graph.tokens]) assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'a secret or token was printed');
      done({ status: code ?? -1, stdout, stderr });
    });
  });
  const outBytes = (pkg: string, name: string): Buffer => readFileSync(join(project.out, 'intune', pkg, name));
  const ours = () => [...graph.scripts.values()].filter((s) => s.description.includes('[remgen:spec/'));
  const byPackage = (pkg: string) => ours().find((s) => s.description.endsWith(`[remgen:spec/${pkg}]`));
  const sha = (b64: string): string => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
  const shaOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

  before(async () => {
    await graph.start();
    graph.pageSize = 2;
    pilot = graph.addGroup('Pilot devices');
    graph.addGroup('Kiosks');
    // Someone else's scripts: listed, never touched (and they make the list page).
    for (const name of ['Contoso BitLocker check', 'Contoso printer fix', 'Contoso VPN']) {
      const id = `aaaaaaaa-0000-4000-8000-00000000000${graph.scripts.size}`;
      graph.scripts.set(id, { id, displayName: name, description: 'by hand', detectionScriptContent: 'AA==', remediationScriptContent: '', assignments: [], runAsAccount: 'system' });
    }
    project = builtProject(['clock.ts', 'dns.ts', 'tls.ts', 'tls-inspection.ts', 'tls-inspection-user.ts']);
  });
  after(async () => {
    await graph.stop();
    project?.dispose();
  });

  it('--what-if on an empty tenant: the plan, reads only', async () => {
    deploy([TLS, USER]);
    const run = await publish('--what-if');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /create +tls 'OneDrive 0x8004de40: TLS 1\.2 on the device'/);
    // the build id the devices' lines will carry, as the build recorded it
    const built = readBuildId(outBytes('tls', 'detect.ps1'));
    assert.match(built ?? '', /^[0-9a-f]{7}$/);
    assert.match(run.stdout, new RegExp(`create +tls [^\n]*\n +build ${built}\n`));
    assert.match(run.stdout, /\+ group 'Pilot devices' \([0-9a-f-]+\): every 1 day\(s\) at 01:00 device time, detect and remediate/);
    assert.match(run.stdout, /\+ exclude 'Kiosks'/);
    assert.match(run.stdout, /what-if: nothing was sent but reads/);
    assert.deepEqual(graph.writes(), []);
    assert.equal(ours().length, 0);
  });

  it('first publish creates each script (201) with the signed bytes and context, and posts each assignment set', async () => {
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(graph.writes().map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '{id}')}`), [
      'POST /beta/deviceManagement/deviceHealthScripts', 'POST /beta/deviceManagement/deviceHealthScripts/{id}/assign',
      'POST /beta/deviceManagement/deviceHealthScripts', 'POST /beta/deviceManagement/deviceHealthScripts/{id}/assign',
    ]);
    const tls = byPackage('tls')!;
    assert.equal(sha(tls.detectionScriptContent), shaOf(outBytes('tls', 'detect.ps1')));
    assert.equal(sha(tls.remediationScriptContent), shaOf(outBytes('tls', 'remediate.ps1')));
    assert.equal(tls.runAsAccount, 'system');
    assert.equal(tls.runAs32Bit, false);
    assert.equal(tls.enforceSignatureCheck, true);
    assert.deepEqual(tls.roleScopeTagIds, ['0']);
    assert.equal(byPackage('tls-inspection-user')!.runAsAccount, 'user');
    const targets = tls.assignments.map((a) => (a.target as { '@odata.type': string; groupId: string }));
    assert.deepEqual(targets.map((t) => t['@odata.type']).sort(), ['#microsoft.graph.exclusionGroupAssignmentTarget', '#microsoft.graph.groupAssignmentTarget']);
    assert.ok(targets.some((t) => t.groupId === pilot));
    // The list was paged (6 scripts, 3 a page) and read once; reads: group names, list pages, nothing per new package.
    assert.equal(graph.graphRequests().filter((r) => r.method === 'GET' && r.path === '/beta/deviceManagement/deviceHealthScripts').length, 2);
  });

  it('a second publish right after says unchanged and sends no write', async () => {
    const run = await publish('--json');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(graph.writes(), []);
    const json = JSON.parse(run.stdout) as { plan: { packages: { action: string }[] }; requests: { reads: number; writes: number } };
    assert.deepEqual(json.plan.packages.map((p) => p.action), ['unchanged', 'unchanged']);
    assert.equal(json.requests.writes, 0);
    // The goal: at most 2 + 2 per package, beyond the list's extra pages (this Graph pages by 2).
    const pages = Math.ceil(graph.scripts.size / graph.pageSize);
    assert.ok(json.requests.reads <= 2 + 2 * 2 + (pages - 1), `reads ${json.requests.reads}`);
    assert.equal(graph.graphRequests().filter((r) => r.path === '/beta/groups').length, 1, 'group names are resolved in one request');
    assert.match(run.stderr, /nothing to do: no write was sent/);
  });

  it('a script changed in the tenant is PATCHed back, that field only', async () => {
    const tls = byPackage('tls')!;
    tls.detectionScriptContent = Buffer.from('Write-Output "edited in the portal"').toString('base64');
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /update +tls .*: detectionScriptContent\n/);
    assert.match(run.stdout, new RegExp(`detectionScriptContent\n +build \\(none: not remgen's or before build ids\\) -> ${readBuildId(outBytes('tls', 'detect.ps1'))}\n`));
    const writes = graph.writes();
    assert.deepEqual(writes.map((r) => r.method), ['PATCH']);
    assert.deepEqual(Object.keys(JSON.parse(writes[0]!.body) as object), ['detectionScriptContent']);
    assert.equal(sha(byPackage('tls')!.detectionScriptContent), shaOf(outBytes('tls', 'detect.ps1')));
  });

  it('a changed schedule posts the whole set again and shows the change', async () => {
    deploy([{ ...TLS, assign: [{ group: 'Pilot devices', schedule: daily('02:15') }] }, USER]);
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /~ group 'Pilot devices' .*: every 1 day\(s\) at 01:00 device time, detect and remediate -> every 1 day\(s\) at 02:15 device time/);
    const writes = graph.writes();
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path.endsWith('/assign')}`), ['POST true']);
    assert.equal((JSON.parse(writes[0]!.body) as { deviceHealthScriptAssignments: unknown[] }).deviceHealthScriptAssignments.length, 2, 'the full set, exclusion included');
    assert.equal((await publish()).status, 0);
    assert.deepEqual(graph.writes(), []);
  });

  it('a group name must match exactly one group: none or several is an error naming the candidates, before any write', async () => {
    const a = graph.addGroup('Twins');
    const b = graph.addGroup('Twins');
    deploy([TLS, USER, { package: 'dns', assign: [{ group: 'Twins', schedule: daily('01:00') }, { group: 'Nobody', schedule: daily('01:00') }] }]);
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`2 groups are named 'Twins' \\(${a}, ${b}\\); give the object id`));
    assert.match(run.stderr, /no group is named 'Nobody'/);
    assert.deepEqual(graph.writes(), []);
  });

  it('a script of the same name that remgen does not own is never overwritten', async () => {
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    graph.scripts.set(id, { id, displayName: 'Clock sync', description: 'made by hand', detectionScriptContent: 'AA==', remediationScriptContent: '', assignments: [] });
    const clockName = JSON.parse(readFileSync(join(project.out, 'intune', 'clock', 'deviceHealthScript.json'), 'utf8')) as { displayName: string };
    graph.scripts.get(id)!.displayName = clockName.displayName;
    deploy([TLS, USER, CLOCK]);
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`package 'clock': a Remediation named '.*' already exists \\(id ${id}\\) and is not remgen's; remgen never overwrites it`));
    assert.deepEqual(graph.writes(), []);
    graph.scripts.delete(id);
  });

  it('Intune\'s 200-package limit is reported before any write', async () => {
    const fillers: string[] = [];
    for (let i = graph.scripts.size; i < 200; i += 1) {
      const id = `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`;
      fillers.push(id);
      graph.scripts.set(id, { id, displayName: `Filler ${i}`, description: 'by hand', detectionScriptContent: 'AA==', remediationScriptContent: '', assignments: [] });
    }
    graph.pageSize = 100;
    try {
      deploy([TLS, USER, CLOCK]);
      const run = await publish();
      assert.equal(run.status, 1);
      assert.match(run.stderr, /the tenant holds 200 Remediations and this publish would create 1: Intune allows 200 per tenant/);
      assert.deepEqual(graph.writes(), []);
    } finally {
      for (const id of fillers) graph.scripts.delete(id);
      graph.pageSize = 2;
    }
  });

  it('--prune deletes only marked scripts the deployment no longer names, after showing them', async () => {
    deploy([{ ...TLS, assign: [{ group: 'Pilot devices', schedule: daily('02:15') }] }]);
    const shown = await publish();
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /not named tls-inspection-user .*--prune deletes it/);
    assert.deepEqual(graph.writes(), []);
    const unconfirmed = await publish('--prune');
    assert.equal(unconfirmed.status, 1);
    assert.match(unconfirmed.stderr, /--prune would delete 1 script \(listed above\); add --yes to confirm in a pipeline; nothing was written/);
    assert.deepEqual(graph.writes(), []);
    const count = graph.scripts.size;
    const run = await publish('--prune', '--yes');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(graph.writes().map((r) => r.method), ['DELETE']);
    assert.equal(graph.scripts.size, count - 1);
    assert.equal(byPackage('tls-inspection-user'), undefined);
    assert.equal([...graph.scripts.values()].filter((s) => s.description === 'by hand').length, 3);
  });

  it('throttled: 429 with Retry-After and without is retried, and the publish goes on', async () => {
    deploy([TLS, USER]);
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 429, headers: { 'Retry-After': '1' } });
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 429 });
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    const creates = graph.writes().filter((r) => r.path.endsWith('deviceHealthScripts'));
    assert.deepEqual(creates.map((r) => r.status), [429, 429, 201]);
    assert.ok(byPackage('tls-inspection-user'));
  });

  it('a 429 storm longer than the retries: said plainly, what was done listed, and the next run finishes', async () => {
    deploy([TLS, USER, CLOCK]);
    // The first attempt and all six retries are throttled (Retry-After: 0 keeps the test short).
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 7, status: 429, headers: { 'Retry-After': '0' } });
    const run = await publish();
    assert.equal(run.status, 1);
    assert.equal(graph.writes().length, 7, 'one request and six retries, then it stops');
    assert.match(run.stderr, /create 'clock': Graph is still throttling after the retries \(429: .*\); Intune allows 200 writes per 20 s per app; wait a minute and run publish again/);
    assert.match(run.stderr, /done before the failure: nothing/);
    const again = await publish();
    assert.equal(again.status, 0, again.stderr);
    assert.ok(byPackage('clock'));
    deploy([TLS, USER]);
    assert.equal((await publish('--prune', '--yes')).status, 0);
  });

  it('forbidden: the 403 names the permission, Intune\'s nested message unwrapped, with the request id', async () => {
    graph.faults.push({
      method: 'GET', path: /deviceHealthScripts$/, times: 1, status: 403,
      body: { error: { code: 'Forbidden', message: '{"_version":3,"Message":"Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementScripts.ReadWrite.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000","CustomApiErrorPhrase":""}', innerError: { date: '2026-12-03T07:00:00', 'request-id': 'rid-403-check', 'client-request-id': 'c' } } },
    });
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /list Remediations: forbidden \(403 Forbidden: Application is not authorized to perform this operation\. Application must have one of the following scopes/);
    assert.match(run.stderr, /\(request id rid-403-check\)/);
    assert.match(run.stderr, /needs the Microsoft Graph application permission DeviceManagementScripts\.ReadWrite\.All/);
    assert.match(run.stderr, /Grant admin consent/);
    assert.ok(!run.stderr.includes('"_version"'));
    assert.deepEqual(graph.writes(), []);
  });

  it('interrupted half-way: says what was done and not, and the next run converges', async () => {
    deploy([TLS, USER, CLOCK, { package: 'dns', assign: [{ group: pilot, schedule: { every: 'once', date: '2099-01-01', time: '06:00' } }] }]);
    // The first new package's assign fails with a validation error; nothing after it is sent.
    graph.faults.push({ method: 'POST', path: /\/assign$/, times: 1, status: 400, body: { error: { code: 'BadRequest', message: '{"_version":3,"Message":"Assignment is not valid - Operation ID (for customer support): 1111"}', innerError: { 'request-id': 'rid-400' } } } });
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /assign 'clock' \(1 target\): Graph answered 400 BadRequest: Assignment is not valid .*\(request id rid-400\)/);
    assert.match(run.stderr, /done before the failure: create 'clock'\n/);
    assert.match(run.stderr, /not done: assign 'clock' \(1 target\); create 'dns'; assign 'dns' \(1 target\)/);
    assert.match(run.stderr, /run the same publish again/);
    const again = await publish();
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /unchanged clock .*\n +\+ allDevices: every 2 day\(s\) at 03:30 UTC, detect only/);
    assert.deepEqual(graph.writes().map((r) => `${r.method} ${r.path.endsWith('/assign') ? 'assign' : 'script'}`), ['POST assign', 'POST script', 'POST assign']);
    assert.equal((await publish()).status, 0);
    assert.deepEqual(graph.writes(), []);
    assert.equal(ours().length, 4);
  });

  it('a wrong client secret: the token endpoint refuses, nothing reaches Graph, the secret is not shown', async () => {
    const right = graph.clientSecret;
    secretSent = 'a-wrong-secret-9f2e';
    try {
      const run = await publish();
      assert.equal(run.status, 1);
      assert.match(run.stderr, /cannot sign in to tenant 'contoso-test\.onmicrosoft\.com'/);
      assert.deepEqual(graph.graphRequests(), []);
      assert.match(run.stderr, /AADSTS7000215: Invalid client secret provided/);
      assert.ok(!run.stderr.includes(right) && !run.stderr.includes(secretSent));
    } finally {
      secretSent = undefined;
    }
  });

  it('refuses a development-certificate build unless the deployment allows it, and a stale out/; nothing is sent', async () => {
    deploy([TLS], false);
    const dev = await publish();
    assert.equal(dev.status, 1);
    assert.match(dev.stderr, /signed with remgen's development certificate .* devices do not trust.*remgen build --pfx.*allowDevelopmentCertificate: true/);
    assert.deepEqual(graph.log, []);
    deploy([TLS]);
    const path = join(project.out, 'intune', 'tls', 'detect.ps1');
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes, Buffer.from('\r\n# edited after the build\r\n')]));
    try {
      const stale = await publish();
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /stale +out\/intune\/tls\/detect\.ps1/);
      assert.match(stale.stderr, /is not what the descriptors build .*run 'remgen build'/);
      assert.deepEqual(graph.log, []);
    } finally {
      writeFileSync(path, bytes);
    }
  });
});
