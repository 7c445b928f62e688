/**
 * What Graph is not documented (or known not) to answer as written, and how publish copes
 * (docs/reference/graph-intune.md 1, 2 and 4): `$expand=assignments` not honoured (the documented
 * `/assignments` list is read instead), `runRemediationScript` read back false after true ([TF] PR #1385), and
 * the licence and 200-package refusals, whose wording is unverified, recognised by status and by words.
 * The real CLI, client-secret credential and Graph client against the local Graph, over HTTPS.
 */
import { strict as assert } from 'node:assert';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';

describe('remgen publish: what Graph reads back, and refusals of unverified wording', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // Only the packages the deployments name: each publish builds the whole catalog in memory.
  let project: Project;

  const deploy = (packages: unknown[]): void => {
    writeDeployment(project, graph, { packages });
  };
  const TLS = (runRemediation?: boolean) => ({ package: 'tls', assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 4 }, ...(runRemediation === undefined ? {} : { runRemediation }) }] });
  const DNS = { package: 'dns', assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 6 } }] };
  const publish = (...args: string[]) => runPublish(graph, project, 'spec', args, { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: graph.clientSecret }, [graph.clientSecret]);
  const stored = (pkg: string) => [...graph.scripts.values()].find((s) => s.description.endsWith(`[remgen:spec/${pkg}]`));

  before(async () => {
    await graph.start();
    project = builtProject(['clock.ts', 'dns.ts', 'tls.ts']);
  });
  after(async () => {
    await graph.stop();
    project?.dispose();
  });

  it('runRemediationScript read back false after true: the next publish is unchanged (no write) and says what it cannot tell', async () => {
    graph.runRemediationReadsFalse = true;
    deploy([TLS()]);
    assert.equal((await publish()).status, 0);
    assert.equal(stored('tls')!.assignments[0]!.runRemediationScript, true, 'posted true');
    const again = await publish('--json');
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(graph.writes(), []);
    assert.match(again.stderr, /note: package 'tls': Graph reads runRemediationScript back as false for allDevices .*cannot tell whether it remediates now/);
    assert.equal((JSON.parse(again.stdout) as { plan: { notes: string[] } }).plan.notes.length, 1);
  });

  it('another change to the set still posts it whole, remediation on as the deployment says', async () => {
    deploy([{ ...TLS(), assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 2 } }] }]);
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    const posted = JSON.parse(graph.writes()[0]!.body) as { deviceHealthScriptAssignments: { runRemediationScript: boolean }[] };
    assert.deepEqual(posted.deviceHealthScriptAssignments.map((a) => a.runRemediationScript), [true]);
  });

  it('where Graph reads true back, a false is trusted: turning remediation off and on again is posted each time', async () => {
    graph.runRemediationReadsFalse = false;
    deploy([{ ...TLS(), assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 2 } }] }, DNS]);
    assert.equal((await publish()).status, 0);
    assert.equal((await publish()).status, 0);
    assert.deepEqual(graph.writes(), [], 'converged');
    deploy([{ ...TLS(false), assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 2 }, runRemediation: false }] }, DNS]);
    const off = await publish();
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stdout, /~ allDevices: every 2 h, detect and remediate -> every 2 h, detect only/);
    deploy([{ ...TLS(), assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 2 } }] }, DNS]);
    const on = await publish();
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /~ allDevices: every 2 h, detect only -> every 2 h, detect and remediate/);
    assert.equal(stored('tls')!.assignments[0]!.runRemediationScript, true);
  });

  it('$expand=assignments not honoured: the documented /assignments list is read instead, and the publish still converges', async () => {
    graph.ignoreExpand = true;
    try {
      const run = await publish('--json');
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(graph.writes(), [], 'the assignments were read, not taken for none');
      assert.equal(graph.graphRequests().filter((r) => r.path.endsWith('/assignments')).length, 2, 'one more read per package');
    } finally {
      graph.ignoreExpand = false;
    }
  });

  it('a 403 speaking of a licence is reported as the licence; one that does not names the permission, then the licence', async () => {
    deploy([TLS(), DNS, { package: 'clock', detectOnly: true }]);
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 403, body: { error: { code: 'Forbidden', message: '{"_version":3,"Message":"Tenant is not licensed for this feature - Operation ID (for customer support): 0000"}', innerError: { 'request-id': 'rid-lic' } } } });
    const licence = await publish();
    assert.equal(licence.status, 1);
    assert.match(licence.stderr, /create 'clock': the tenant has no licence for Remediations \(403: Tenant is not licensed for this feature .*\(request id rid-lic\); Remediations need Windows Enterprise E3\/E5/);
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 403, body: { error: { code: 'Forbidden', message: 'Forbidden', innerError: { 'request-id': 'rid-bare' } } } });
    const bare = await publish();
    assert.equal(bare.status, 1);
    assert.match(bare.stderr, /create 'clock': forbidden \(403 Forbidden: Forbidden\) \(request id rid-bare\); the app needs the Microsoft Graph application permission DeviceManagementScripts\.ReadWrite\.All.*; if all that is in place, check the licence: Remediations need Windows Enterprise/);
    assert.equal(stored('clock'), undefined);
  });

  it('a create refused for a limit (400 or 409, by its words or its code) is reported as the 200-package limit', async () => {
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 409, body: { error: { code: 'QuotaExceeded', message: 'Conflict', innerError: { 'request-id': 'rid-quota' } } } });
    const quota = await publish();
    assert.equal(quota.status, 1);
    assert.match(quota.stderr, /create 'clock': the tenant has reached Intune's limit of 200 Remediations packages \(409: Conflict\) \(request id rid-quota\); delete unused ones or prune/);
    graph.faults.push({ method: 'POST', path: /deviceHealthScripts$/, times: 1, status: 400, body: { error: { code: 'BadRequest', message: '{"_version":3,"Message":"Exceeded the maximum number of scripts - Operation ID (for customer support): 0000"}' } } });
    const words = await publish();
    assert.equal(words.status, 1);
    assert.match(words.stderr, /create 'clock': the tenant has reached Intune's limit of 200 Remediations packages \(400: Exceeded the maximum number of scripts/);
    const ok = await publish();
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(stored('clock'));
  });
});
