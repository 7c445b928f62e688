/**
 * Sign-in through a real Azure CLI (Debian's azure-cli, installed on first use: spec/support/azure-cli.ts): az is
 * given a cloud whose Entra and Resource Manager are the local server of spec/support/local-graph.ts, signed in
 * there by the spec's own set-up (`az login --service-principal`: the app's secret is in that az's argv, the
 * spec's doing, never remgen's), and remgen's `--auth azure-cli` (@azure/identity's AzureCliCredential) runs
 * `az account get-access-token`, whose token Graph then gets; `remgen report` signs in the same way. Before the
 * login, az says it is not signed in and remgen says what to run. remgen's output never holds the app's secret
 * or a token.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { ensureAzureCli, LocalAzureCli } from '../support/azure-cli.ts';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';
import { BIN } from '../support/temp-catalog.ts';

describe('remgen publish and report: sign-in through the real Azure CLI (az against the local Entra)', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // Only the package the deployment names: each publish builds the whole catalog in memory.
  let project: Project;
  let az: LocalAzureCli;

  const run = (args: string[], secrets: string[] = []) => runPublish(graph, project, 'spec', ['--auth', 'azure-cli', ...args], az.env, [graph.clientSecret, ...secrets]);
  const tokenRequests = () => graph.log.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

  before(async function () {
    // A fresh machine installs azure-cli first (about 2 minutes, 70 packages).
    this.timeout(1_900_000);
    ensureAzureCli((line) => process.stderr.write(`${line}\n`));
    await graph.start();
    await graph.startDiscoveryProxy();
    az = new LocalAzureCli(graph);
    await az.registerCloud();
    graph.addGroup('Pilot devices');
    project = builtProject(['tls.ts']);
    writeDeployment(project, graph, { packages: [{ package: 'tls', assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }] }] });
  });
  after(async () => {
    await graph.stop();
    az?.dispose();
    project?.dispose();
  });

  it('az not signed in: the credential says to run az login, remgen with which tenant; nothing reaches Graph', async () => {
    const result = await run([]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot sign in to tenant 'contoso-test\.onmicrosoft\.com' .*\(azure-cli\): .*az login/);
    assert.match(result.stderr, /run 'az login --tenant contoso-test\.onmicrosoft\.com' \(for a national or private cloud, 'az cloud set' first\), then publish again; nothing was sent to Graph/);
    assert.deepEqual(graph.graphRequests(), []);
    assert.deepEqual(tokenRequests(), [], 'az asked Entra for nothing: it has no account');
  });

  it('signed in (az login --service-principal against the local Entra): publish takes az\'s token to Graph', async () => {
    const login = await az.run(['login', '--service-principal', '-u', graph.clientId, '-p', graph.clientSecret, '--tenant', graph.tenant, '--allow-no-subscriptions', '--output', 'json']);
    assert.equal(login.status, 0, login.stderr);
    const accounts = JSON.parse(login.stdout) as { tenantId: string; cloudName: string; user: { type: string } }[];
    assert.deepEqual(accounts.map((a) => [a.tenantId, a.cloudName, a.user.type]), [[graph.tenantId, az.cloud, 'servicePrincipal']], 'the domain resolved to the tenant id through the v1 document');
    assert.ok(graph.tunnelled.some((t) => t.target === 'login.microsoftonline.com:443' && t.allowed), 'MSAL for Python asked instance discovery, through the proxy');
    const grantsBefore = graph.grants.length;

    const result = await run(['--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { ok: boolean }).ok, true);
    // The token remgen sent Graph is one the local Entra issued to az (MSAL for Python) for the Graph resource.
    const issued = tokenRequests().filter((r) => r.status === 200);
    assert.ok(issued.length >= 1, 'az asked the local Entra for a token');
    for (const r of issued) assert.match(r.clientSku ?? '', /^MSAL\.Python$/, 'the token request came from az, not from node');
    const form = new URLSearchParams(issued.at(-1)!.body);
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('scope'), `${graph.base}/.default`, 'AzureCliCredential asks for the Graph resource');
    assert.deepEqual(graph.grants.slice(grantsBefore), issued.map(() => 'client_secret'));
    assert.equal(graph.writes().length, 2, 'create and assign');
    const bearer = new Set(graph.graphRequests().map((r) => /^Bearer (.+)$/.exec(r.authorization ?? '')?.[1]));
    assert.equal(bearer.size, 1, 'one token for every Graph request (kept, not asked of az each time)');
    assert.ok(graph.tokens.has([...bearer][0]!), 'a token the local Entra issued');
    assert.ok([...graph.scripts.values()].some((s) => s.description.endsWith('[remgen:spec/tls]')));
  });

  it('report --auth azure-cli: the same sign-in reads the published package\'s results', async () => {
    const script = [...graph.scripts.values()].find((s) => s.description.endsWith('[remgen:spec/tls]'))!;
    graph.reports.set(script.id, { summary: { noIssueDetectedDeviceCount: 3, issueDetectedDeviceCount: 1, issueRemediatedDeviceCount: 1 }, history: { lastModifiedDateTime: '2026-12-01T00:00:00Z', historyData: [] }, states: [] });
    graph.clearLog();
    const result = await new Promise<{ status: number; stdout: string; stderr: string }>((done, fail) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AZURE_|IDENTITY_|MSI_|IMDS_)/.test(k)));
      const child = spawn(process.execPath, [BIN, 'report', 'spec', '--json', '--auth', 'azure-cli', '--catalog', project.catalog], { cwd: project.root, env: { ...base, NODE_EXTRA_CA_CERTS: graph.caFile, REMGEN_GRAPH_RETRY_DELAY: '0', NO_COLOR: '1', ...az.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      const timer = setTimeout(() => { child.kill(); fail(new Error(`report did not end in 60 s\n${stderr}`)); }, 60_000);
      child.on('close', (code) => { clearTimeout(timer); done({ status: code ?? -1, stdout, stderr }); });
    });
    assert.equal(result.status, 0, result.stderr);
    for (const secret of [graph.clientSecret, ...graph.tokens]) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'a secret or token was printed');
    const fleet = JSON.parse(result.stdout) as { packages: { packageId: string }[] };
    assert.deepEqual(fleet.packages.map((p) => p.packageId), ['tls']);
    assert.ok(graph.graphRequests().some((r) => r.path === `/beta/deviceManagement/deviceHealthScripts/${script.id}/runSummary`), 'the run summary was read');
    assert.ok(graph.graphRequests().every((r) => graph.tokens.has(/^Bearer (.+)$/.exec(r.authorization ?? '')?.[1] ?? '')), 'with az\'s token');
  });

  it('signed in, a second publish: az\'s cached token, everything unchanged, no write', async () => {
    const result = await run([]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /unchanged/);
    assert.deepEqual(graph.writes(), []);
  });
});
