/**
 * Sign-in beyond the client secret, each over real HTTPS with the real @azure/identity credential in the CLI's
 * own child process, against the local Entra endpoints of spec/support/local-graph.ts: a client certificate
 * (the token endpoint verifies the client_assertion JWT's signature with the registered certificate and its
 * x5t/aud/iss/sub claims), device code (the devicecode endpoint, authorization_pending, then the token; the
 * message to the person on stderr; the default only at a terminal, given by script(1)), managed identity (App
 * Service's IDENTITY_ENDPOINT and IDENTITY_HEADER, and IMDS moved by AZURE_POD_IDENTITY_AUTHORITY_HOST, as
 * @azure/identity 4.13 finds them), and the Azure CLI where `az` is not on PATH (signing in through a
 * real `az`: spec/publish/azure-cli.spec.ts). No secret, key, password, device code or token reaches the output,
 * `--json` or argv, even with @azure/identity's verbose log on.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';
import { BIN } from '../support/temp-catalog.ts';

describe('remgen publish: sign-in by certificate, device code, managed identity, Azure CLI', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // Only the package the deployment names: each publish builds the whole catalog in memory.
  let project: Project;
  let keys = '';
  let file = '';
  const PASSWORD = 'pfx-password-never-shown-7e1a';
  const IDENTITY_HEADER = 'identity-header-never-shown-3b9c';
  let certPem = '';
  let keyBody = '';

  const run = (args: string[], env: Record<string, string>, secrets: string[] = []) => runPublish(graph, project, 'spec', args, env, secrets);
  const tokenRequests = () => graph.log.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

  before(async () => {
    await graph.start();
    graph.addGroup('Pilot devices');
    project = builtProject(['tls.ts']);
    keys = join(project.root, 'keys');
    mkdirSync(keys);
    file = writeDeployment(project, graph, { clientId: true, packages: [{ package: 'tls', assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }] }] });
    // The app's certificate: a PEM with the certificate and its key (plain, and with the key encrypted), and a stranger's.
    const openssl = (...args: string[]) => { const r = spawnSync('openssl', args, { encoding: 'utf8', env: { ...process.env, REMGEN_SPEC_PASS: PASSWORD } }); assert.equal(r.status, 0, r.stderr); };
    for (const name of ['app', 'stranger']) {
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(keys, `${name}.key`), '-out', join(keys, `${name}.crt`), '-days', '1', '-subj', `/CN=remgen ${name}`);
      writeFileSync(join(keys, `${name}.pem`), readFileSync(join(keys, `${name}.crt`), 'utf8') + readFileSync(join(keys, `${name}.key`), 'utf8'));
    }
    openssl('pkcs8', '-topk8', '-in', join(keys, 'app.key'), '-out', join(keys, 'app-encrypted.key'), '-passout', `env:REMGEN_SPEC_PASS`, '-v2', 'aes-256-cbc');
    certPem = readFileSync(join(keys, 'app.crt'), 'utf8');
    keyBody = readFileSync(join(keys, 'app.key'), 'utf8').split('\n')[3]!;
    writeFileSync(join(keys, 'app-encrypted.pem'), certPem + readFileSync(join(keys, 'app-encrypted.key'), 'utf8'));
    graph.clientCertificates.push(certPem);
  });
  after(async () => {
    await graph.stop();
    project?.dispose();
  });

  it('client certificate (chosen by AZURE_CLIENT_CERTIFICATE_PATH): a signed client_assertion with the right claims, one token, then the publish', async () => {
    const result = await run([], { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_CERTIFICATE_PATH: join(keys, 'app.pem') }, [keyBody]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(graph.grants, ['client_assertion'], 'one token, by assertion, cached for every Graph call');
    const sent = graph.assertions.at(-1)!;
    assert.ok(sent.accepted, sent.reason);
    assert.match(String(sent.header.alg), /^(RS|PS)256$/);
    assert.ok(sent.header.x5t ?? sent.header['x5t#S256'], 'the thumbprint header');
    assert.equal(sent.payload.aud, `${graph.base}/${graph.tenant}/oauth2/v2.0/token`);
    assert.equal(sent.payload.iss, graph.clientId);
    assert.equal(sent.payload.sub, graph.clientId);
    assert.ok(!tokenRequests()[0]!.body.includes('client_secret'));
    assert.equal(graph.writes().length, 2, 'create and assign');
    assert.ok([...graph.scripts.values()].some((s) => s.description.endsWith('[remgen:spec/tls]')));
  });

  it('client certificate with an encrypted key: the password from AZURE_CLIENT_CERTIFICATE_PASSWORD, never shown (verbose identity log, --json)', async () => {
    const result = await run(['--auth', 'client-certificate', '--json'], {
      AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_CERTIFICATE_PATH: join(keys, 'app-encrypted.pem'), AZURE_CLIENT_CERTIFICATE_PASSWORD: PASSWORD, AZURE_LOG_LEVEL: 'verbose',
    }, [PASSWORD, keyBody]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /azure:identity:info|ClientCertificateCredential/, 'the verbose log is on, so the check can fail');
    const json = JSON.parse(result.stdout) as { ok: boolean; plan: { packages: { action: string }[] } };
    assert.equal(json.ok, true);
    assert.deepEqual(json.plan.packages.map((p) => p.action), ['unchanged']);
    assert.deepEqual(graph.grants.slice(-1), ['client_assertion']);
    assert.ok(graph.assertions.at(-1)!.accepted);
  });

  it('a certificate the app does not have: the token endpoint refuses the assertion, nothing reaches Graph, what to check is said', async () => {
    const before = graph.grants.length;
    const result = await run(['--auth', 'client-certificate'], { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_CERTIFICATE_PATH: join(keys, 'stranger.pem') });
    assert.equal(result.status, 1);
    assert.match(graph.assertions.at(-1)!.reason, /no certificate registered on the app has the thumbprint/);
    assert.match(result.stderr, /cannot sign in to tenant 'contoso-test\.onmicrosoft\.com' .*\(client-certificate\): .*AADSTS700027/);
    assert.match(result.stderr, /uploaded to the app registration \(Certificates & secrets\); nothing was sent to Graph/);
    assert.deepEqual(graph.graphRequests(), []);
    assert.equal(graph.grants.length, before);
  });

  it('client secret with the verbose identity log on: neither the secret nor the token is shown', async () => {
    const result = await run(['--json'], { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: graph.clientSecret, AZURE_LOG_LEVEL: 'verbose' }, [graph.clientSecret]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /azure:identity:info/, 'the verbose log is on, so the check can fail');
    assert.deepEqual(graph.grants.slice(-1), ['client_secret']);
  });

  it('client certificate without its path: a usage error naming the variable, nothing sent', async () => {
    const result = await run(['--auth', 'client-certificate'], { AZURE_CLIENT_ID: graph.clientId });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--auth client-certificate needs a PEM certificate with its key in AZURE_CLIENT_CERTIFICATE_PATH; nothing was sent/);
    assert.deepEqual(graph.log, []);
  });

  it('no credential in the environment and no terminal: not a device code nobody would read, but what to set; nothing sent', async () => {
    const result = await run([], {});
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no credential in the environment and no terminal to sign in at: in a pipeline set AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH \(or AZURE_CLIENT_SECRET, or AZURE_FEDERATED_TOKEN_FILE; in GitHub Actions AZURE_CLIENT_ID with `permissions: id-token: write`\).*pass --auth device-code; nothing was sent/);
    assert.deepEqual(graph.log, []);
  });

  it('device code at a terminal (a pseudo-terminal from script(1)), the default with no secret in the environment', async () => {
    // util-linux script gives the CLI a terminal on stdin, stdout and stderr; its output is the terminal's.
    graph.devicePendingPolls = 1;
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AZURE_|IDENTITY_|MSI_|IMDS_)/.test(k)));
    graph.clearLog();
    const command = [process.execPath, BIN, 'publish', 'spec', '--catalog', project.catalog, '--out', project.out, '--what-if'].map((a) => `'${a}'`).join(' ');
    // Asynchronous: the local Graph answers from this process.
    const tty = await new Promise<{ status: number | null; stdout: string }>((done, fail) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: project.root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, NODE_EXTRA_CA_CERTS: graph.caFile, REMGEN_GRAPH_RETRY_DELAY: '0', NO_COLOR: '1' } });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { stdout += c.toString(); });
      const timer = setTimeout(() => { child.kill(); fail(new Error(`no end in 60 s\n${stdout}`)); }, 60_000);
      child.on('close', (status) => { clearTimeout(timer); done({ status, stdout }); });
    });
    assert.equal(tty.status, 0, tty.stdout);
    assert.match(tty.stdout, /To sign in, open .*\/devicelogin in a browser and enter the code [0-9A-F]{8}\./);
    assert.deepEqual(graph.grants.slice(-1), ['device_code']);
    for (const token of graph.tokens) assert.ok(!tty.stdout.includes(token), 'a token on the terminal');
  });

  it('device code by --auth without a terminal: the message on stderr, authorization_pending, then the token', async () => {
    graph.devicePendingPolls = 2;
    const result = await run(['--json', '--auth', 'device-code'], { AZURE_LOG_LEVEL: 'verbose' });
    assert.equal(result.status, 0, result.stderr);
    const asked = graph.log.filter((r) => r.path.endsWith('/oauth2/v2.0/devicecode'));
    assert.equal(asked.length, 1);
    assert.match(asked[0]!.body, new RegExp(`client_id=${graph.clientId}`));
    const polls = tokenRequests().filter((r) => /grant_type=(device_code|urn)/.test(r.body));
    assert.deepEqual(polls.map((r) => r.status), [400, 400, 200], 'pending twice, then signed in');
    assert.match(result.stderr, new RegExp(`To sign in, open ${graph.base.replaceAll('.', '\\.')}/devicelogin in a browser and enter the code [0-9A-F]{8}\\.`));
    assert.ok(!result.stdout.includes('devicelogin'), 'the prompt is not in the JSON on stdout');
    assert.equal((JSON.parse(result.stdout) as { ok: boolean }).ok, true);
    assert.deepEqual(graph.grants.slice(-1), ['device_code']);
    assert.deepEqual(graph.writes(), []);
  });

  it('device code without a client id: says where to put it, nothing sent', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ {2}clientId: .*\n/, ''));
    try {
      const result = await run(['--auth', 'device-code'], {});
      assert.equal(result.status, 1);
      assert.match(result.stderr, /--auth device-code needs the app registration's client id: clientId in the deployment or AZURE_CLIENT_ID; nothing was sent/);
      assert.deepEqual(graph.log, []);
    } finally {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/ {2}tenant: (.*)\n/, `  tenant: $1\n  clientId: '${graph.clientId}',\n`));
    }
  });

  it('managed identity through App Service\'s IDENTITY_ENDPOINT and IDENTITY_HEADER: the header sent, never shown', async () => {
    graph.identityHeader = IDENTITY_HEADER;
    const result = await run(['--auth', 'managed-identity', '--json'], { IDENTITY_ENDPOINT: `${graph.base}/msi/token`, IDENTITY_HEADER, AZURE_LOG_LEVEL: 'verbose' }, [IDENTITY_HEADER]);
    assert.equal(result.status, 0, result.stderr);
    const asked = graph.log.filter((r) => r.path === '/msi/token');
    assert.equal(asked.length, 1, 'one token, cached');
    assert.deepEqual(graph.grants.slice(-1), ['managed_identity']);
    assert.deepEqual(tokenRequests(), [], 'no Entra token endpoint');
    assert.equal((JSON.parse(result.stdout) as { ok: boolean }).ok, true);
    assert.ok(graph.graphRequests().length > 0);
    assert.deepEqual(graph.identityRequests.at(-1), { source: 'appService', clientId: null }, 'system-assigned: no client id, not the deployment\'s clientId');
  });

  it('managed identity through IMDS (its endpoint moved by AZURE_POD_IDENTITY_AUTHORITY_HOST), user-assigned by AZURE_CLIENT_ID', async () => {
    const userAssigned = '0e0e0e0e-1111-4222-8333-444444444444';
    const result = await run(['--auth', 'managed-identity'], { AZURE_POD_IDENTITY_AUTHORITY_HOST: graph.base, AZURE_CLIENT_ID: userAssigned });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(graph.identityRequests.at(-1), { source: 'imds', clientId: userAssigned });
    assert.equal(graph.log.filter((r) => r.path.startsWith('/metadata/identity/oauth2/token')).length, 1);
    assert.deepEqual(graph.grants.slice(-1), ['managed_identity']);
  });

  it('managed identity refused (a wrong IDENTITY_HEADER): said with what to check, nothing reaches Graph', async () => {
    graph.identityHeader = IDENTITY_HEADER;
    const wrong = 'wrong-identity-header-0d4f';
    const result = await run(['--auth', 'managed-identity'], { IDENTITY_ENDPOINT: `${graph.base}/msi/token`, IDENTITY_HEADER: wrong }, [wrong, IDENTITY_HEADER]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot sign in to tenant .*\(managed-identity\): .*managed identity works only on an Azure host that has one/);
    assert.deepEqual(graph.graphRequests(), []);
  });

  it('Azure CLI where az is not installed: names what to install and how to sign in, nothing sent', async () => {
    // PATH holds one folder with only node in it: az, installed here or not (spec/publish/azure-cli.spec.ts signs in with the real one), is not on it.
    const bin = join(project.root, 'node-only-bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = await run(['--auth', 'azure-cli'], { PATH: bin });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\(azure-cli\): Azure CLI could not be found/);
    assert.match(result.stderr, /runs the Azure CLI \('az'\), which is not installed or not on PATH: install it \(https:\/\/aka\.ms\/azure-cli\), run 'az login --tenant contoso-test\.onmicrosoft\.com', then publish again/);
    assert.deepEqual(graph.log, []);
  });
});
