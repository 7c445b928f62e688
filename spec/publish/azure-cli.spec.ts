/**
 * Sign-in through a real Azure CLI (Debian's azure-cli, installed on first use: spec/support/azure-cli.ts): az is
 * given a cloud whose Entra and Resource Manager are the local server of spec/support/local-graph.ts, signed in
 * there by the spec's own set-up (`az login --service-principal`: the app's secret is in that az's argv, the
 * spec's doing, never remgen's), and remgen's `--auth azure-cli` (@azure/identity's AzureCliCredential) runs
 * `az account get-access-token`, whose token Graph then gets. Before the login, az says it is not signed in and
 * remgen says what to run. remgen's output never holds the app's secret or a token.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAzureCli, LocalAzureCli } from '../support/azure-cli.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';
import { BIN, REPO, scratchProject } from '../support/temp-catalog.ts';

describe('remgen publish: sign-in through the real Azure CLI (az against the local Entra)', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  const project = scratchProject(join(REPO, 'remediations'));
  let az: LocalAzureCli;

  const run = (args: string[], secrets: string[] = []) => runPublish(graph, project, 'spec', ['--auth', 'azure-cli', ...args], az.env, [graph.clientSecret, ...secrets]);
  const tokenRequests = () => graph.log.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

  before(async function () {
    // A fresh machine installs azure-cli first (about 2 minutes, 70 packages).
    this.timeout(1_300_000);
    ensureAzureCli((line) => process.stderr.write(`${line}\n`));
    await graph.start();
    await graph.startDiscoveryProxy();
    az = new LocalAzureCli(graph);
    await az.registerCloud();
    graph.addGroup('Pilot devices');
    mkdirSync(join(project.root, 'deployments'));
    writeFileSync(join(project.root, 'deployments', 'spec.ts'), `import { defineDeployment } from 'remgen';
export default defineDeployment({
  id: 'spec',
  tenant: '${graph.tenant}',
  allowDevelopmentCertificate: true,
  customCloud: { graphEndpoint: '${graph.base}', authorityHost: '${graph.base}' },
  packages: [{ package: 'tls', assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }] }],
});
`);
    const built = spawnSync(process.execPath, [BIN, 'build', '--catalog', project.catalog, '--out', project.out], { cwd: project.root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(async () => {
    await graph.stop();
    az?.dispose();
    project.dispose();
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

  it('signed in, a second publish: az\'s cached token, everything unchanged, no write', async () => {
    const result = await run([]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /unchanged/);
    assert.deepEqual(graph.writes(), []);
  });
});
