/**
 * Assignment filters by display name: resolved through the local Graph's `deviceManagement/assignmentFilters`
 * (listed once, paged, only when a name is used), exactly one Windows device filter, else an error naming
 * the candidates, before any write. The real CLI, client-secret credential and Graph client, over HTTPS.
 */
import { strict as assert } from 'node:assert';
import { builtProject, writeDeployment, type Project } from '../support/graph-project.ts';
import { LocalGraph } from '../support/local-graph.ts';
import { runPublish } from '../support/publish-run.ts';

describe('remgen publish: assignment filters by name', function () {
  this.timeout(120_000);
  const graph = new LocalGraph();
  // Only the package the deployment names: each publish builds the whole catalog in memory.
  let project: Project;
  let win11 = '';

  const deploy = (filter: Record<string, string>): void => {
    writeDeployment(project, graph, { packages: [{ package: 'tls', assign: [{ group: 'allDevices', schedule: { every: 'hours', interval: 4 }, filter }] }] });
  };
  const publish = (...args: string[]) => runPublish(graph, project, 'spec', args, { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: graph.clientSecret }, [graph.clientSecret]);
  const filterLists = () => graph.graphRequests().filter((r) => r.path === '/beta/deviceManagement/assignmentFilters');
  const tlsTarget = () => [...graph.scripts.values()].find((s) => s.description.endsWith('[remgen:spec/tls]'))?.assignments[0]?.target as Record<string, string> | undefined;

  before(async () => {
    await graph.start();
    graph.pageSize = 2;
    graph.addFilter('Windows 10 devices');
    win11 = graph.addFilter('Windows 11 devices');
    graph.addFilter('iPads', 'iOS');
    graph.addFilter('Managed Edge', 'windows10AndLater', 'apps');
    graph.addFilter('Twin filter');
    graph.addFilter('Twin filter');
    project = builtProject(['tls.ts']);
  });
  after(async () => {
    await graph.stop();
    project?.dispose();
  });

  it('a name resolves to its id (the list read once, all its pages); the assignment carries the id and mode; the plan shows the name', async () => {
    deploy({ name: 'Windows 11 devices', mode: 'include' });
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    assert.equal(filterLists().length, Math.ceil(graph.filters.length / graph.pageSize), 'every page once');
    assert.match(run.stdout, new RegExp(`\\+ allDevices: every 4 h, detect and remediate, filter include 'Windows 11 devices' \\(${win11}\\)`));
    const target = tlsTarget()!;
    assert.equal(target.deviceAndAppManagementAssignmentFilterId, win11);
    assert.equal(target.deviceAndAppManagementAssignmentFilterType, 'include');
  });

  it('run again: unchanged, no write; by id instead of name: also unchanged, and the filters are not listed', async () => {
    const again = await publish();
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(graph.writes(), []);
    deploy({ id: win11, mode: 'include' });
    const byId = await publish();
    assert.equal(byId.status, 0, byId.stderr);
    assert.deepEqual(graph.writes(), []);
    assert.deepEqual(filterLists(), []);
  });

  it('the mode changed: the set is posted again, shown as a change', async () => {
    deploy({ name: 'Windows 11 devices', mode: 'exclude' });
    const run = await publish();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /~ allDevices: .*filter include 'Windows 11 devices' .* -> .*filter exclude 'Windows 11 devices'/);
    assert.deepEqual(graph.writes().map((r) => r.path.endsWith('/assign')), [true]);
    assert.equal(tlsTarget()!.deviceAndAppManagementAssignmentFilterType, 'exclude');
  });

  it('no such name: an error naming the Windows device filters there are, with a guess; nothing written', async () => {
    deploy({ name: 'Windows 11 device', mode: 'include' });
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no assignment filter is named 'Windows 11 device'; did you mean 'Windows 11 devices'\? \(this tenant's Windows device filters: 'Windows 10 devices', 'Windows 11 devices', 'Twin filter', 'Twin filter'; Tenant administration > Filters\)/);
    assert.deepEqual(graph.writes(), []);
  });

  it('two filters of the name: an error naming both ids; nothing written', async () => {
    deploy({ name: 'Twin filter', mode: 'include' });
    const run = await publish();
    assert.equal(run.status, 1);
    const twins = graph.filters.filter((f) => f.displayName === 'Twin filter').map((f) => f.id);
    assert.match(run.stderr, new RegExp(`2 assignment filters are named 'Twin filter' \\(${twins[0]} for windows10AndLater; ${twins[1]} for windows10AndLater\\); give the id of the one you mean`));
    assert.deepEqual(graph.writes(), []);
  });

  it('a filter for another platform, or for apps: refused by name; nothing written', async () => {
    deploy({ name: 'iPads', mode: 'include' });
    const ios = await publish();
    assert.equal(ios.status, 1);
    assert.match(ios.stderr, /assignment filter 'iPads' \([0-9a-f-]+\) is for iOS devices; Remediations run on Windows/);
    deploy({ name: 'Managed Edge', mode: 'include' });
    const apps = await publish();
    assert.equal(apps.status, 1);
    assert.match(apps.stderr, /assignment filter 'Managed Edge' \([0-9a-f-]+\) filters managed apps; Remediations need a device filter/);
    assert.deepEqual(graph.writes(), []);
  });

  it('forbidden to read filters: names DeviceManagementConfiguration.Read.All; nothing written', async () => {
    deploy({ name: 'Windows 11 devices', mode: 'include' });
    graph.faults.push({ method: 'GET', path: /assignmentFilters$/, times: 1, status: 403, body: { error: { code: 'Forbidden', message: '{"_version":3,"Message":"Application is not authorized to perform this operation - Operation ID (for customer support): 0000"}', innerError: { 'request-id': 'rid-filters' } } } });
    const run = await publish();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /resolve assignment filter 'Windows 11 devices': forbidden \(403 Forbidden: Application is not authorized .*\(request id rid-filters\); the app needs the Microsoft Graph application permission DeviceManagementConfiguration\.Read\.All, granted/);
    assert.deepEqual(graph.writes(), []);
  });
});
