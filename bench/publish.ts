/**
 * Publish benchmark (issue 21's figures): the bundled catalog's Intune packages published to the local Graph of
 * spec/support/local-graph.ts through the real CLI (child process, ClientSecretCredential, graph client):
 * requests and wall time of a first publish and of an unchanged re-publish, then a first publish into a tenant
 * that throttles writes (a scaled-down Intune limit: 5 writes per 2 s), with and without Retry-After.
 * Run alone: `npx tsx bench/publish.ts`. Times are this machine's, against a local server: Graph's own
 * latency is not in them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalGraph } from '../spec/support/local-graph.ts';
import { BIN, REPO, scratchProject } from '../spec/support/temp-catalog.ts';

const project = scratchProject(join(REPO, 'remediations'));
const built = spawnSync(process.execPath, [BIN, 'build', '--catalog', project.catalog, '--out', project.out], { cwd: project.root, encoding: 'utf8' });
if (built.status !== 0) throw new Error(built.stderr);
const packages = readdirSync(join(project.out, 'intune')).sort();

async function tenant(): Promise<LocalGraph> {
  const graph = await new LocalGraph().start();
  graph.pageSize = 100;
  graph.addGroup('Pilot devices');
  graph.addGroup('Kiosks');
  mkdirSync(join(project.root, 'deployments'), { recursive: true });
  writeFileSync(join(project.root, 'deployments', 'bench.ts'), `import { defineDeployment } from 'remgen';
export default defineDeployment({
  id: 'bench', tenant: '${graph.tenant}', clientId: '${graph.clientId}', allowDevelopmentCertificate: true,
  customCloud: { graphEndpoint: '${graph.base}', authorityHost: '${graph.base}' },
  packages: ${JSON.stringify(packages.map((p) => ({ package: p, assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }], exclude: ['Kiosks'] })))},
});
`);
  return graph;
}

const CREDENTIAL_ENV = /^(AZURE_|IDENTITY_|MSI_|IMDS_)/;

function publish(graph: LocalGraph, env: Record<string, string> = { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_SECRET: graph.clientSecret }, args: string[] = []): Promise<{ status: number; ms: number; reads: number; writes: number; sign: number; stderr: string }> {
  graph.clearLog();
  const start = performance.now();
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CREDENTIAL_ENV.test(k)));
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'publish', 'bench', '--catalog', project.catalog, '--out', project.out, ...args], {
      cwd: project.root,
      env: { ...base, NODE_EXTRA_CA_CERTS: graph.caFile, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (code) => {
      const requests = graph.graphRequests();
      const sign = graph.log.filter((r) => !r.path.startsWith('/beta/')).length;
      done({ status: code ?? -1, ms: Math.round(performance.now() - start), reads: requests.filter((r) => r.method === 'GET').length, writes: requests.filter((r) => r.method !== 'GET').length, sign, stderr });
    });
  });
}

const line = (label: string, r: Awaited<ReturnType<typeof publish>>, extra = ''): void => {
  console.log(`${label.padEnd(44)} exit ${r.status}  ${String(r.sign).padStart(2)} sign-in  ${String(r.reads).padStart(3)} reads  ${String(r.writes).padStart(3)} writes  ${String(r.ms).padStart(6)} ms${extra}`);
  if (r.status !== 0) console.log(r.stderr);
};

console.log(`${packages.length} Intune packages; goal for a re-publish: reads only, at most ${2 + 2 * packages.length}`);
{
  const graph = await tenant();
  line('first publish', await publish(graph));
  line('unchanged re-publish', await publish(graph));
  await graph.stop();
}
for (const retryAfter of [true, false]) {
  const graph = await tenant();
  graph.writeLimit = { max: 5, windowMs: 2000, retryAfter };
  const r = await publish(graph);
  line(`first publish, 429 storm ${retryAfter ? 'with' : 'without'} Retry-After`, r, `  (${graph.throttled} answered 429; ${graph.scripts.size} scripts, ${[...graph.scripts.values()].filter((s) => s.assignments.length > 0).length} assigned)`);
  line('  then re-publish', await publish(graph));
  await graph.stop();
}
{
  // Sign-in by each method the local Entra holds, on an unchanged tenant: its requests (OpenID configuration,
  // token, device code polls at the answer's 1 s interval) and the whole run's wall time.
  const graph = await tenant();
  await publish(graph);
  const dir = join(project.root, 'keys');
  mkdirSync(dir, { recursive: true });
  spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=bench'], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
  writeFileSync(join(dir, 'app.pem'), cert + readFileSync(join(dir, 'k.pem'), 'utf8'));
  graph.clientCertificates.push(cert);
  graph.identityHeader = 'bench-identity-header';
  line('re-publish, client secret', await publish(graph));
  line('re-publish, client certificate', await publish(graph, { AZURE_CLIENT_ID: graph.clientId, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, 'app.pem') }));
  line('re-publish, device code (1 pending poll)', await publish(graph, {}, ['--auth', 'device-code']));
  line('re-publish, managed identity (App Service)', await publish(graph, { IDENTITY_ENDPOINT: `${graph.base}/msi/token`, IDENTITY_HEADER: 'bench-identity-header' }, ['--auth', 'managed-identity']));
  // One package's assignment names a filter: one more read (the filters' list), nothing else.
  graph.addFilter('Windows 11 devices');
  const file = join(project.root, 'deployments', 'bench.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/"schedule":\{"every":"days","interval":1,"time":"01:00"\}\}\]/, '"schedule":{"every":"days","interval":1,"time":"01:00"},"filter":{"name":"Windows 11 devices","mode":"include"}}]'));
  line('publish, first package filtered by name', await publish(graph));
  line('  then re-publish', await publish(graph));
  await graph.stop();
}
project.dispose();
