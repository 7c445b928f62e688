import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { loadAndCheck } from '../../build.ts';
import type { Catalog } from '../../check/catalog.ts';
import type { CloudName } from '../../descriptor/deployment.ts';
import type { AuthMethod } from '../../publish/auth.ts';
import { aggregate, DEVICE_STATES, linesInWords, readDeviceRuns, type DeviceRun, type FleetReport, type PackageReport, type SourceExtras } from '../../report/fleet.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';

export interface ReportArgs {
  readonly deployment?: string;
  readonly from?: string;
  readonly via: 'auto' | 'states' | 'export';
  readonly cloud?: CloudName;
  readonly auth?: AuthMethod;
  readonly exportTimeout: number;
  readonly html?: string;
  readonly catalog: string;
  readonly top: number;
  readonly devices?: string;
  readonly json: boolean;
  readonly csv: boolean;
}

const n = (value: number): string => value.toLocaleString('en-US');
const csvCell = (value: string | number): string => (/[",\r\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));

/** The build id the catalog gives each package's Intune scripts now (script/build-id.ts): rendered in memory, unsigned, as `remgen build` would. */
async function catalogBuilds(catalog: Catalog, catalogRoot: string, ids: readonly string[]): Promise<Map<string, string>> {
  const known = new Set(catalog.remediations.map((r) => r.remediation.id));
  const wanted = ids.filter((id) => known.has(id));
  if (wanted.length === 0) return new Map();
  const { synthesize } = await import('../../synthesize.ts');
  // Without the expectations: the Pester suites they make are not part of the id.
  const synthesis = await synthesize({ ...catalog, expectations: undefined }, { catalogRoot, ids: wanted, targets: ['intune'] });
  return new Map(synthesis.packages.flatMap((p) => (synthesis.builds.has(p.dir) ? [[p.remediation.id, synthesis.builds.get(p.dir)!] as const] : [])));
}

function showPackage(p: PackageReport, devicesFor: string | undefined, top: number): void {
  print(`${p.packageId}: ${plural(p.devices, 'device')}`);
  print(`  ${DEVICE_STATES.filter((s) => p.states[s] > 0).map((s) => `${s} ${n(p.states[s])}`).join(' | ')}`);
  if (p.steps.length > 0) {
    const shown = p.steps.slice(0, top);
    const width = Math.max(...shown.map((s) => s.step.length));
    print('  failing steps (devices before -> after remediation), most common values:');
    for (const s of shown) {
      print(`    ${s.step.padEnd(width)}  ${n(s.before).padStart(6)} -> ${n(s.after).padEnd(6)}`);
      for (const v of s.values.slice(0, 3)) print(`      ${v.value.length > 150 ? `${v.value.slice(0, 147)}...` : v.value}: ${plural(v.devices, 'device')}`);
    }
    if (p.steps.length > top) print(`    ... and ${plural(p.steps.length - top, 'more step')} (--top ${p.steps.length} shows them all; --json has everything)`);
  }
  if (p.actions.length > 0) print(`  actions run: ${p.actions.map((a) => `${a.step} on ${plural(a.devices, 'device')}`).join(', ')}`);
  if (p.cooldowns.length > 0) print(`  skipped for cooldown: ${p.cooldowns.map((a) => `${a.step} on ${plural(a.devices, 'device')}`).join(', ')}`);
  if (p.errors.length > 0) {
    print('  most common errors:');
    for (const e of p.errors) print(`    ${e.message}: ${plural(e.devices, 'device')}`);
  }
  if (p.failuresByOs.length > 0) print(`  not without issues, by OS version: ${p.failuresByOs.map((o) => `${o.osVersion} ${n(o.devices)}`).join(', ')}`);
  if (p.trend && p.trend.length > 0) {
    const a = p.trend[0]!;
    const b = p.trend.at(-1)!;
    print(`  trend ${a.date} -> ${b.date} (${plural(p.trend.length, 'day')}): without issues ${n(a.noIssue)} -> ${n(b.noIssue)}, remediated ${n(a.remediated)} -> ${n(b.remediated)}, detection failed ${n(a.detectFailed)} -> ${n(b.detectFailed)}`);
  }
  const words = linesInWords(p);
  if (words) print(`  lines: ${words}`);
  if (devicesFor) {
    const s = p.steps.find((x) => x.step === devicesFor);
    if (s) print(`  devices failing ${devicesFor}: ${s.devices.join(', ') || 'none'}`);
  }
  print();
}

/** A deployment's packages read live from Graph: sign in as publish does, find each script by its marker. */
async function liveRuns(args: ReportArgs, catalog: Catalog | undefined): Promise<{ runs: AsyncIterable<DeviceRun>; packages: string[]; info: Map<string, import('../../report/live.ts').LivePackageInfo>; source: string; notes: string[] } | string> {
  const { deploymentFile, loadDeployment } = await import('../../load/deployment.ts');
  const { checkDeployment } = await import('../../check/deployment.ts');
  const { formatDiagnostic } = await import('../../diagnostic.ts');
  const { endpointsOf } = await import('../../publish/cloud.ts');
  const { AuthSetupError, chooseMethod, credentialFor, signInHint } = await import('../../publish/auth.ts');
  const { openSession } = await import('../../publish/graph.ts');
  const { readMarker } = await import('../../publish/desired.ts');
  const { describeGraphError } = await import('../../publish/errors.ts');
  const { readLive } = await import('../../report/live.ts');
  if (!catalog) return `reading a deployment needs its catalog (--catalog ${args.catalog}) to check it against`;
  const file = deploymentFile(args.deployment!);
  // A run-once date that has passed is an error for publish, not for reading back what the devices said.
  const checked = await checkDeployment(await loadDeployment(file), catalog, { today: '0000-01-01' });
  if (checked.diagnostics.length > 0 || !checked.deployment) {
    for (const d of checked.diagnostics) printError(formatDiagnostic(d));
    return `${plural(checked.diagnostics.length, 'error')} in ${relative(process.cwd(), file)}; nothing was sent`;
  }
  const deployment = checked.deployment;
  const endpoints = endpointsOf(deployment, args.cloud);
  let method: ReturnType<typeof chooseMethod> | undefined;
  let credential;
  try {
    // As publish: device code only at a terminal; in a pipeline without a credential, say what to set.
    method = chooseMethod(args.auth, process.env, process.stderr.isTTY === true);
    credential = await credentialFor(method, { tenant: deployment.tenant, clientId: deployment.clientId, authorityHost: endpoints.authorityHost, custom: endpoints.custom, env: process.env, prompt: printError });
    await credential.getToken(`${new URL(endpoints.graphEndpoint).origin}/.default`);
  } catch (error) {
    if (error instanceof AuthSetupError) return `${error.message}; nothing was sent`;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const hint = method ? `; ${signInHint(method, message, deployment.tenant).replace('then publish again', 'then report again')}` : '';
    return `cannot sign in to tenant '${deployment.tenant}' at ${endpoints.authorityHost} (${method ?? 'no method'}): ${message}${hint}; nothing was sent to Graph`;
  }
  const delay = Number(process.env.REMGEN_GRAPH_RETRY_DELAY);
  const session = await openSession({ graphEndpoint: endpoints.graphEndpoint, credential, ...(Number.isFinite(delay) && process.env.REMGEN_GRAPH_RETRY_DELAY ? { retryDelaySeconds: delay } : {}) });
  let listed;
  try {
    listed = await session.listScripts();
  } catch (error) {
    return describeGraphError(error, 'list Remediations');
  }
  const ids = new Map<string, string>();
  for (const script of listed) {
    const mark = readMarker(script.description);
    if (mark?.deployment === deployment.id && script.id && !ids.has(mark.package)) ids.set(mark.package, script.id);
  }
  const names = deployment.packages.map((p) => p.package);
  const notes = names.filter((p) => !ids.has(p)).map((p) => `${p} is not published in ${deployment.tenant} (no script carries [remgen:${deployment.id}/${p}]); run remgen publish ${deployment.id}`);
  const info = new Map<string, import('../../report/live.ts').LivePackageInfo>();
  const poll = Number(process.env.REMGEN_REPORT_POLL_MS);
  const runs = readLive(session, names.map((p) => ({ package: p, ...(ids.has(p) ? { scriptId: ids.get(p)! } : {}) })), info, {
    via: args.via,
    timeoutMs: args.exportTimeout * 1000,
    ...(Number.isFinite(poll) && process.env.REMGEN_REPORT_POLL_MS ? { pollMs: poll } : {}),
    progress: printError,
  });
  return { runs, packages: names.filter((p) => ids.has(p)), info, source: `tenant ${deployment.tenant} (deployment ${deployment.id}, ${endpoints.graphEndpoint})`, notes };
}

/** `remgen report`: the handler, loaded only when this command runs. */
export async function runReport(args: ReportArgs): Promise<number> {
  if (args.json && args.csv) {
    printError('remgen report: --json and --csv are two formats of the same report; choose one');
    return EXIT.usage;
  }
  if ((args.from === undefined) === (args.deployment === undefined)) {
    printError('remgen report: name a deployment to read live from Graph (remgen report <deployment>), or a file with --from; one of the two');
    return EXIT.usage;
  }
  if (args.from !== undefined && !existsSync(args.from)) {
    printError(`remgen report: ${args.from} does not exist; export the remediation's device status from the portal, or pass the export job's zip, or Graph deviceRunStates as .json`);
    return EXIT.usage;
  }
  if (!Number.isInteger(args.top) || args.top < 1) {
    printError(`remgen report: --top must be a whole number of at least 1; got ${args.top}`);
    return EXIT.usage;
  }
  if (args.html !== undefined && !existsSync(dirname(resolve(args.html)))) {
    printError(`remgen report: --html ${args.html}: the folder ${dirname(resolve(args.html))} does not exist; create it or write the page elsewhere`);
    return EXIT.usage;
  }
  if (!(args.exportTimeout > 0)) {
    printError(`remgen report: --export-timeout is in seconds, more than 0; got ${args.exportTimeout}`);
    return EXIT.usage;
  }
  // Live from Graph: its libraries before the catalog's TypeScript registers tsx (preloadGraphLibraries).
  if (args.deployment !== undefined) await (await import('../../publish/graph.ts')).preloadGraphLibraries();
  // The catalog's step ids split findings exactly; without a catalog the report still reads the lines.
  let steps: Map<string, string[]> | undefined;
  let catalog: Catalog | undefined;
  if (existsSync(args.catalog)) {
    const loaded = await loadAndCheck(args.catalog);
    if (loaded.diagnostics.length === 0) {
      catalog = loaded.catalog;
      steps = new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation.steps.map((s) => s.id)]));
    } else printError(`remgen report: ${args.catalog} has ${plural(loaded.diagnostics.length, 'error')}; reading the lines without its step ids`);
  }
  let report: FleetReport;
  let source: string;
  try {
    const checked = catalog;
    const builds = checked ? (ids: readonly string[]) => catalogBuilds(checked, resolve(args.catalog), ids) : undefined;
    const common = { ...(steps ? { steps } : {}), ...(builds ? { builds } : {}), top: args.top, ...(args.devices ? { devicesFor: args.devices } : {}) };
    if (args.from !== undefined) {
      const extras: SourceExtras = {};
      const read = await aggregate(readDeviceRuns(args.from, extras), common);
      // A JSON dump's history and run summary belong to the one package its runs name.
      const only = read.packages.length === 1 ? read.packages[0]! : undefined;
      report = only && (extras.history || extras.runSummary) ? { ...read, packages: [{ ...only, ...(extras.runSummary ? { intune: extras.runSummary } : {}), ...(extras.history ? { trend: extras.history } : {}) }] } : read;
      source = args.from;
    } else {
      const live = await liveRuns(args, catalog);
      if (typeof live === 'string') {
        printError(`remgen report: ${live}`);
        return EXIT.failed;
      }
      for (const note of live.notes) printError(`remgen report: note: ${note}`);
      const read = await aggregate(live.runs, { ...common, packages: live.packages });
      report = { ...read, packages: read.packages.map((p) => {
        const i = live.info.get(p.packageId);
        return i ? { ...p, intune: i.intune, trend: i.trend } : p;
      }) };
      source = live.source;
    }
  } catch (error) {
    printError(`remgen report: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
  if (args.html) {
    const { renderHtml } = await import('../../report/html.ts');
    try {
      await writeFile(args.html, renderHtml(report, { source, top: args.top }));
    } catch (error) {
      printError(`remgen report: cannot write ${args.html}: ${error instanceof Error ? error.message : String(error)}`);
      return EXIT.failed;
    }
    printError(`remgen report: wrote ${args.html}`);
  }
  if (args.json) {
    printJson(report);
    return EXIT.ok;
  }
  if (args.csv) {
    print(['package', 'step', 'devices', 'failing before', 'failing after', 'most common value', 'devices with it'].join(','));
    for (const p of report.packages) {
      for (const s of p.steps) print([p.packageId, s.step, p.devices, s.before, s.after, s.values[0]?.value ?? '', s.values[0]?.devices ?? 0].map(csvCell).join(','));
    }
    return EXIT.ok;
  }
  print(`remgen report: ${plural(report.devices, 'device run')} from ${source}, ${plural(report.packages.length, 'package')}${report.unattributed ? `; ${n(report.unattributed)} with no remgen output (empty or another tool's)` : ''}`);
  print();
  for (const p of report.packages) showPackage(p, args.devices, args.top);
  return EXIT.ok;
}
