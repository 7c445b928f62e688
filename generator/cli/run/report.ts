import { existsSync } from 'node:fs';
import { loadAndCheck } from '../../build.ts';
import { aggregate, DEVICE_STATES, readDeviceRuns, type FleetReport, type PackageReport } from '../../report/fleet.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';

export interface ReportArgs {
  readonly from: string;
  readonly catalog: string;
  readonly top: number;
  readonly devices?: string;
  readonly json: boolean;
  readonly csv: boolean;
}

const n = (value: number): string => value.toLocaleString('en-US');
const csvCell = (value: string | number): string => (/[",\r\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));

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
  const { cut, unrecognised, foreign } = p.lines;
  if (cut + unrecognised + foreign > 0) print(`  lines: ${cut} cut at 2,048 characters, ${unrecognised} in another remgen shape (another version?), ${foreign} not remgen's`);
  if (devicesFor) {
    const s = p.steps.find((x) => x.step === devicesFor);
    if (s) print(`  devices failing ${devicesFor}: ${s.devices.join(', ') || 'none'}`);
  }
  print();
}

/** `remgen report`: the handler, loaded only when this command runs. */
export async function runReport(args: ReportArgs): Promise<number> {
  if (args.json && args.csv) {
    printError('remgen report: --json and --csv are two formats of the same report; choose one');
    return EXIT.usage;
  }
  if (!existsSync(args.from)) {
    printError(`remgen report: ${args.from} does not exist; export the remediation's device status from the portal, or pass Graph deviceRunStates as .json`);
    return EXIT.usage;
  }
  if (!Number.isInteger(args.top) || args.top < 1) {
    printError(`remgen report: --top must be a whole number of at least 1; got ${args.top}`);
    return EXIT.usage;
  }
  // The catalog's step ids split findings exactly; without a catalog the report still reads the lines.
  let steps: Map<string, string[]> | undefined;
  if (existsSync(args.catalog)) {
    const { catalog, diagnostics } = await loadAndCheck(args.catalog);
    if (diagnostics.length === 0) steps = new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation.steps.map((s) => s.id)]));
    else printError(`remgen report: ${args.catalog} has ${plural(diagnostics.length, 'error')}; reading the lines without its step ids`);
  }
  let report: FleetReport;
  try {
    report = await aggregate(readDeviceRuns(args.from), { ...(steps ? { steps } : {}), top: args.top, ...(args.devices ? { devicesFor: args.devices } : {}) });
  } catch (error) {
    printError(`remgen report: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
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
  print(`remgen report: ${plural(report.devices, 'device run')} from ${args.from}, ${plural(report.packages.length, 'package')}${report.unattributed ? `; ${n(report.unattributed)} with no remgen output (empty or another tool's)` : ''}`);
  print();
  for (const p of report.packages) showPackage(p, args.devices, args.top);
  return EXIT.ok;
}
