/**
 * Workload identity federation (no secret in the pipeline), over real HTTPS with the real @azure/identity
 * credential in the CLI's own child process, against the local Entra of spec/support/local-graph.ts: a federated
 * token in AZURE_FEDERATED_TOKEN_FILE (WorkloadIdentityCredential), and a GitHub Actions job's OIDC token asked
 * from ACTIONS_ID_TOKEN_REQUEST_URL (ClientAssertionCredential). The token endpoint checks the client
 * credentials grant, the jwt-bearer assertion type and the token's iss/sub/aud against the app's federated
 * credentials; the specs check that the assertion sent is the token as the file or GitHub gave it. The
 * federated token and GitHub's request token are secrets: never in stdout, stderr, --json or argv.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseMethod } from '../../generator/publish/auth.ts';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';

describe('remgen publish: workload identity federation (a federated token file, GitHub Actions OIDC)', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // Only the package the deployment names: each publish builds the whole catalog in memory.
  let project: Project;
  let tokens = '';
  const GITHUB_REQUEST_TOKEN = 'github-request-token-never-shown-5d2a';
  const pipeline = { iss: 'https://pipeline.contoso.example', sub: 'system:serviceaccount:intune:remgen' };

  const run = (args: string[], env: Record<string, string>, secrets: string[] = []) => runPublish(graph, project, 'spec', args, env, secrets);
  const tokenRequests = () => graph.log.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
  const tokenFile = (name: string, content: string): string => {
    const file = join(tokens, name);
    writeFileSync(file, content);
    return file;
  };

  before(async () => {
    await graph.start();
    graph.addGroup('Pilot devices');
    graph.federatedCredentials.push({ issuer: pipeline.iss, subject: pipeline.sub, audience: 'api://AzureADTokenExchange' });
    graph.federatedCredentials.push({ issuer: graph.githubClaims.iss, subject: graph.githubClaims.sub, audience: 'api://AzureADTokenExchange' });
    graph.githubRequestToken = GITHUB_REQUEST_TOKEN;
    project = builtProject(['tls.ts']);
    tokens = join(project.root, 'tokens');
    mkdirSync(tokens);
    writeDeployment(project, graph, { clientId: true, packages: [{ package: 'tls', assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }] }] });
  });
  after(async () => {
    await graph.stop();
    project?.dispose();
  });

  it('chooses by the environment in @azure/identity\'s order: secret, certificate, token file, GitHub OIDC, then device code at a terminal', () => {
    const all = { AZURE_CLIENT_ID: 'x', AZURE_CLIENT_SECRET: 's', AZURE_CLIENT_CERTIFICATE_PATH: 'c.pem', AZURE_FEDERATED_TOKEN_FILE: 't', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://u' };
    assert.equal(chooseMethod(undefined, all, false), 'client-secret');
    assert.equal(chooseMethod(undefined, { ...all, AZURE_CLIENT_SECRET: '' }, false), 'client-certificate');
    assert.equal(chooseMethod(undefined, { ...all, AZURE_CLIENT_SECRET: '', AZURE_CLIENT_CERTIFICATE_PATH: '' }, false), 'workload-identity');
    assert.equal(chooseMethod(undefined, { AZURE_CLIENT_ID: 'x', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://u' }, false), 'workload-identity');
    // A job allowed an ID token but with no app named is not taken for one that wants it.
    assert.throws(() => chooseMethod(undefined, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://u' }, false), /no credential in the environment/);
    assert.equal(chooseMethod(undefined, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://u' }, true), 'device-code');
    assert.equal(chooseMethod('azure-cli', all, false), 'azure-cli', '--auth wins');
  });

  it('a federated token file (chosen by AZURE_FEDERATED_TOKEN_FILE): client credentials with the file\'s JWT as the jwt-bearer assertion, then the publish', async () => {
    const jwt = graph.mintFederatedToken(pipeline);
    const file = tokenFile('ok.jwt', `${jwt}\n`);
    const result = await run(['--json'], { AZURE_CLIENT_ID: graph.clientId, AZURE_TENANT_ID: graph.tenant, AZURE_FEDERATED_TOKEN_FILE: file, AZURE_LOG_LEVEL: 'verbose' }, [jwt]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /azure:identity:info/, 'the verbose log is on, so the absence check can fail');
    const sent = tokenRequests();
    assert.equal(sent.length, 1, 'one token, cached for every Graph call');
    const form = new URLSearchParams(sent[0]!.body);
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.equal(form.get('client_assertion'), jwt, 'the assertion is the file\'s token, as written (trimmed)');
    assert.equal(form.get('client_id'), graph.clientId);
    assert.ok(!form.has('client_secret'));
    assert.deepEqual(graph.grants, ['federated_assertion']);
    assert.equal(graph.writes().length, 2, 'create and assign');
    const token = /^Bearer (.+)$/.exec(graph.writes()[0]!.authorization ?? '')?.[1];
    assert.ok(token && graph.tokens.has(token), 'Graph got the token the federated sign-in issued');
    assert.equal((JSON.parse(result.stdout) as { ok: boolean }).ok, true);
  });

  it('a token whose subject has no federated credential: Entra\'s AADSTS70021 and what to check; nothing reaches Graph', async () => {
    const jwt = graph.mintFederatedToken({ ...pipeline, sub: 'system:serviceaccount:other:app' });
    const result = await run([], { AZURE_CLIENT_ID: graph.clientId, AZURE_FEDERATED_TOKEN_FILE: tokenFile('stranger.jwt', jwt) }, [jwt]);
    assert.equal(result.status, 1);
    assert.match(graph.federatedChecks.at(-1)!.reason, /AADSTS70021/);
    assert.match(result.stderr, /cannot sign in to tenant 'contoso-test\.onmicrosoft\.com' .*\(workload-identity\): .*AADSTS70021/);
    assert.match(result.stderr, /federated credential .*issuer, subject .*and audience \(api:\/\/AzureADTokenExchange\) must match the token's iss, sub and aud; nothing was sent to Graph/);
    assert.deepEqual(graph.graphRequests(), []);
  });

  it('an expired federated token: AADSTS700024, nothing reaches Graph', async () => {
    const jwt = graph.mintFederatedToken({ ...pipeline, exp: Math.floor(Date.now() / 1000) - 60 });
    const result = await run(['--auth', 'workload-identity'], { AZURE_CLIENT_ID: graph.clientId, AZURE_FEDERATED_TOKEN_FILE: tokenFile('expired.jwt', jwt) }, [jwt]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\(workload-identity\): .*AADSTS700024/);
    assert.deepEqual(graph.graphRequests(), []);
  });

  it('a token file that is missing, empty or not a JWT: a setup error naming AZURE_FEDERATED_TOKEN_FILE, nothing sent at all', async () => {
    const cases: [string, RegExp][] = [
      [join(tokens, 'absent.jwt'), /AZURE_FEDERATED_TOKEN_FILE names .*absent\.jwt, which cannot be read \(ENOENT\): point it at the file your platform writes the federated token to/],
      [tokenFile('empty.jwt', '\n'), /AZURE_FEDERATED_TOKEN_FILE names .*empty\.jwt, which is empty/],
      [tokenFile('text.jwt', 'not-a-token-but-a-secret-9f1e\n'), /AZURE_FEDERATED_TOKEN_FILE names .*text\.jwt, which does not hold a JWT/],
    ];
    for (const [file, message] of cases) {
      const result = await run([], { AZURE_CLIENT_ID: graph.clientId, AZURE_FEDERATED_TOKEN_FILE: file }, ['not-a-token-but-a-secret-9f1e']);
      assert.equal(result.status, 1, file);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /; nothing was sent/);
      assert.deepEqual(graph.log, [], `nothing sent for ${file}`);
    }
  });

  it('GitHub Actions OIDC (chosen by ACTIONS_ID_TOKEN_REQUEST_URL with AZURE_CLIENT_ID): the job\'s token for api://AzureADTokenExchange as the assertion', async () => {
    const before = graph.githubRequests.length;
    const result = await run([], {
      AZURE_CLIENT_ID: graph.clientId, ACTIONS_ID_TOKEN_REQUEST_URL: `${graph.base}/github/idtoken?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_REQUEST_TOKEN, AZURE_LOG_LEVEL: 'verbose',
    }, [GITHUB_REQUEST_TOKEN, ...graph.githubRequests.flatMap((r) => r.token ?? [])]);
    assert.equal(result.status, 0, result.stderr);
    const asked = graph.githubRequests.slice(before);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.audience, 'api://AzureADTokenExchange');
    const form = new URLSearchParams(tokenRequests()[0]!.body);
    assert.equal(form.get('client_assertion'), asked[0]!.token);
    assert.equal(form.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.deepEqual(graph.grants.slice(-1), ['federated_assertion']);
    // The token GitHub gave is a secret too: checked now that it is known.
    for (const secret of [asked[0]!.token!, GITHUB_REQUEST_TOKEN]) {
      assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'a GitHub token in the output');
    }
    assert.match(result.stdout, /unchanged/, 'the package published by the file case is found as it is');
  });

  it('GitHub refuses the request token (no id-token: write): says to grant it, nothing reaches Entra or Graph', async () => {
    const wrong = 'wrong-request-token-7c3b';
    const result = await run(['--auth', 'workload-identity'], { AZURE_CLIENT_ID: graph.clientId, ACTIONS_ID_TOKEN_REQUEST_URL: `${graph.base}/github/idtoken?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: wrong }, [wrong, GITHUB_REQUEST_TOKEN]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\(workload-identity\): .*the GitHub Actions ID token request was refused \(HTTP 401\)/);
    assert.match(result.stderr, /permissions: id-token: write/);
    assert.deepEqual(tokenRequests(), []);
    assert.deepEqual(graph.graphRequests(), []);
  });

  it('--auth workload-identity with no federated token configured: what to set, nothing sent', async () => {
    const result = await run(['--auth', 'workload-identity'], { AZURE_CLIENT_ID: graph.clientId });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--auth workload-identity needs the federated token: a file in AZURE_FEDERATED_TOKEN_FILE, or in GitHub Actions the job's OIDC token \(`permissions: id-token: write`.*; nothing was sent/);
    assert.deepEqual(graph.log, []);
  });
});
