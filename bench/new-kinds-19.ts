/**
 * The generated detection's own time in the engine for each kind issue 19 part 2 added (branch vocab-b: the
 * health probes, certificate + certificateRemove, restartNotice, networkReset), on a healthy simulated device:
 * the median of 15 warm runs minus the median of 15 runs of the no-op harness (a script that only exits) on the
 * same device, the two interleaved.
 * Run: npx tsx bench/new-kinds-19.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEngine } from '../generator/engine/index.ts';
import { simulate } from '../generator/engine/simulate.ts';
import type { DeviceProfileProps } from '../generator/model/profile.ts';
import { defineRemediation } from '../generator/descriptor/remediation.ts';
import { certificate, certificateRemove, deviceUptime, driveFreeSpace, endpoints, networkReset, pendingRestart, restartNotice, type Step } from '../generator/steps/index.ts';
import { intuneScripts } from '../spec/support/engine.ts';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const CLOCK = '2026-03-10T12:00:00Z';
const GB = 1073741824;
const certs = Array.from({ length: 30 }, (_, i) => ({ subject: `CN=cert-${i}`, thumbprint: (i.toString(16).padStart(2, '0')).repeat(20), notAfter: '2027-01-01T00:00:00Z', templateOid: i === 0 ? '1.3.6.1.4.1.311.21.8.1.2' : '' }));
const MS_CATALOG = ['MSAFD Tcpip [TCP/IP]', 'MSAFD Tcpip [UDP/IP]', 'MSAFD Tcpip [RAW/IP]'].flatMap((d, i) => [
  'Winsock Catalog Provider Entry', '-'.repeat(54), `Description: ${d}`, 'Provider ID: {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}', 'Provider Path: %SystemRoot%\\system32\\mswsock.dll', `Catalog Entry ID: ${1001 + i}`, '']);
const cases: { kind: string; context: 'system' | 'user'; steps: Step[]; device: DeviceProfileProps }[] = [
  { kind: 'deviceUptime', context: 'system', steps: [deviceUptime({ id: 'u', maxDays: 14 })], device: { name: 'h', description: 'healthy', clock: CLOCK, lastBootTime: '2026-03-08T07:00:00Z' } },
  { kind: 'driveFreeSpace (5 folders, not measured when healthy)', context: 'system', steps: [driveFreeSpace({ id: 'f', minFreeGB: 10, largestOf: ['%SystemRoot%\\Temp', '%SystemRoot%\\SoftwareDistribution\\Download', 'C:\\A', 'C:\\B', 'C:\\C'] })], device: { name: 'h', description: 'healthy', drives: [{ name: 'C:', totalBytes: 256 * GB, freeBytes: 80 * GB }] } },
  { kind: 'pendingRestart (3 records)', context: 'system', steps: [pendingRestart({ id: 'p' })], device: { name: 'h', description: 'healthy' } },
  {
    kind: 'certificate + certificateRemove (30 certificates)', context: 'system',
    steps: [certificate({ id: 'c', template: '1.3.6.1.4.1.311.21.8.1.2', expiresWithinDays: 30 }), certificateRemove({ id: 'r', template: '1.3.6.1.4.1.311.21.8.1.2', gate: { probes: ['c'] }, cooldown: 'P1D' })],
    device: { name: 'h', description: 'healthy', clock: CLOCK, certificates: certs },
  },
  {
    kind: 'restartNotice (gated by deviceUptime, user)', context: 'user',
    steps: [deviceUptime({ id: 'u', maxDays: 14 }), restartNotice({ id: 'n', noticeTitle: 'Restart', text: 'Please restart.', gate: { probes: ['u'] }, cooldown: 'P1D' })],
    device: { name: 'h', description: 'healthy', clock: CLOCK, lastBootTime: '2026-03-08T07:00:00Z' },
  },
  {
    kind: 'networkReset (gated by endpoints)', context: 'system',
    steps: [endpoints({ id: 'e', endpoints: [{ host: 'login.microsoftonline.com', port: 443 }] }), networkReset({ id: 'n', gate: { probes: ['e'] }, cooldown: 'P7D' })],
    device: {
      name: 'h', description: 'healthy', endpoints: [{ hostName: 'login.microsoftonline.com', reachable: true }],
      commands: [{ filePath: 'netsh.exe', argumentList: ['winsock', 'show', 'catalog'], exitCode: 0, output: MS_CATALOG }, { filePath: 'netsh.exe', argumentList: ['winhttp', 'show', 'proxy'], exitCode: 0, output: ['', 'Current WinHTTP proxy settings:', '', '    Direct access (no proxy server).', ''] }],
    },
  },
];

const engine = getEngine();
const noop = join(mkdtempSync(join(tmpdir(), 'remgen-bench-')), 'noop.ps1');
writeFileSync(noop, 'exit 0\r\n');
// The engine's first runs pay for JIT and the harness's first parse: warm it up before the first case.
for (let i = 0; i < 10; i++) await simulate(engine, noop, cases[0]!.device);
for (const c of cases) {
  const { detect } = await intuneScripts(defineRemediation({ id: 'bench-kind', displayName: 'bench', description: 'bench', publisher: 'bench', context: c.context, steps: c.steps }));
  // Interleaved (no-op, detection, no-op, ...) so that load from other processes falls on both alike.
  await simulate(engine, noop, c.device);
  const run = await simulate(engine, detect, c.device);
  if (run.exitCode !== 0) throw new Error(`${c.kind}: not compliant on the healthy device: ${run.output.join(' ')}`);
  const baseMs: number[] = [];
  const ownMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    baseMs.push((await simulate(engine, noop, c.device)).ms);
    ownMs.push((await simulate(engine, detect, c.device)).ms);
  }
  const base = median(baseMs);
  const own = median(ownMs);
  console.log(`${c.kind}: detect.ps1 ${own} ms, no-op harness ${base} ms, own ${(own - base).toFixed(1)} ms`);
}
process.exit(0);
