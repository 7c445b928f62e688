/**
 * The device-health probes: deviceUptime (last boot through Get-RgLastBootTime), driveFreeSpace (Get-RgDriveSpace,
 * the biggest of given folders named when short) and pendingRestart (the three registry records Windows keeps),
 * on simulated devices.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { deviceUptime, deviceUptimeRoom } from '../../../generator/steps/health/device-uptime.ts';
import { driveFreeSpace, driveFreeSpaceRoom } from '../../../generator/steps/health/drive-free-space.ts';
import { pendingRestart, pendingRestartRoom } from '../../../generator/steps/health/pending-restart.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const GB = 1073741824;
const CLOCK = '2026-03-10T12:00:00Z';
const CBS = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';
const WU = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired';
const SESSION_MANAGER = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager';
const lintClean = async (scripts: { detect: string; remediate: string }): Promise<void> => {
  const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
  assert.deepEqual(findings.map(formatFinding), []);
};
const seamCalls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);

describe('step rooms: deviceUptime, driveFreeSpace, pendingRestart (rules)', () => {
  it('categories, contexts, the step table', () => {
    assert.equal(deviceUptimeRoom.category, 'probe');
    assert.equal(driveFreeSpaceRoom.category, 'probe');
    assert.equal(pendingRestartRoom.category, 'probe');
    assert.equal(deviceUptimeRoom.contextOf(deviceUptime({ id: 'u', maxDays: 14 })), 'any');
    assert.deepEqual(deviceUptimeRoom.toData(deviceUptime({ id: 'u', maxDays: 14 })), { MaxDays: 14 });
    assert.deepEqual(driveFreeSpaceRoom.toData(driveFreeSpace({ id: 'f', minFreeGB: 10 })), { Drive: 'C:', MinFreeBytes: 10 * GB, MinFreePercent: 0, LargestOf: [], Report: 3 });
    assert.equal(driveFreeSpaceRoom.contextOf(driveFreeSpace({ id: 'f', minFreeGB: 10, largestOf: ['%SystemRoot%\\Temp'] })), 'any');
    assert.equal(driveFreeSpaceRoom.contextOf(driveFreeSpace({ id: 'f', minFreeGB: 10, largestOf: ['%LOCALAPPDATA%\\Temp'] })), 'user');
    assert.deepEqual(pendingRestartRoom.toData(pendingRestart({ id: 'p' })), { Sources: ['ComponentServicing', 'WindowsUpdate', 'FileRenames'] });
    assert.deepEqual(pendingRestartRoom.toData(pendingRestart({ id: 'p', sources: ['windowsUpdate'] })), { Sources: ['WindowsUpdate'] });
  });

  it('check(): days out of range, no threshold, a bad drive and folder, unknown or repeated sources', () => {
    assert.deepEqual(issues((i) => deviceUptimeRoom.check(deviceUptime({ id: 'u', maxDays: 0 }), i)), ['maxDays: maxDays 0 must be a whole number of days from 1 to 365']);
    assert.deepEqual(issues((i) => deviceUptimeRoom.check(deviceUptime({ id: 'u', maxDays: 1.5 }), i)), ['maxDays: maxDays 1.5 must be a whole number of days from 1 to 365']);
    assert.deepEqual(issues((i) => deviceUptimeRoom.check(deviceUptime({ id: 'u', maxDays: 365 }), i)), []);
    assert.deepEqual(issues((i) => driveFreeSpaceRoom.check(driveFreeSpace({ id: 'f', drive: 'C', largestOf: ['Temp'] }), i)), [
      ': the driveFreeSpace step "f" says no least free space: give minFreeGB, minFreePercent or both',
      "drive: drive \"C\" is not a drive: write its letter and a colon, e.g. 'C:'",
      'largestOf.0: folder "Temp" is not an absolute path: start it with a drive (C:\\...) or an environment variable (%SystemRoot%\\...)',
    ]);
    assert.deepEqual(issues((i) => driveFreeSpaceRoom.check(driveFreeSpace({ id: 'f', minFreePercent: 100 }), i)), ['minFreePercent: minFreePercent 100 must be a whole percent from 1 to 99']);
    assert.deepEqual(issues((i) => pendingRestartRoom.check(pendingRestart({ id: 'p', sources: ['windowsUpdate', 'windowsUpdate', 'nope' as never] }), i)), [
      'sources.2: source "nope" is not one of componentServicing, windowsUpdate, fileRenames',
      'sources: sources names a record twice',
    ]);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(deviceUptimeRoom.explain(deviceUptime({ id: 'u', maxDays: 14 })), {
      detects: 'Windows has run at most 14 days since it last started (a shut down with Fast Startup on does not count as a start; a restart does)',
      changes: 'nothing: a probe only reads and reports',
    });
    assert.equal(driveFreeSpaceRoom.explain(driveFreeSpace({ id: 'f', minFreeGB: 10, minFreePercent: 5, largestOf: ['C:\\A', 'C:\\B'], report: 2 })).detects,
      'drive C: has at least 10 GB and 5% free; when it has less, the finding names the 2 biggest of C:\\A, C:\\B');
    assert.equal(pendingRestartRoom.explain(pendingRestart({ id: 'p' })).detects, 'Windows does not wait for a restart (read from component servicing, Windows Update, pending file renames)');
  });
});

describe('step rooms: deviceUptime, driveFreeSpace, pendingRestart, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'health-rooms', displayName: 'health rooms', description: 'Restarted lately, room on C:, no restart pending.', publisher: 'spec', context: 'system',
    steps: [
      deviceUptime({ id: 'up-14', maxDays: 14 }),
      driveFreeSpace({ id: 'c-10gb', minFreeGB: 10, minFreePercent: 5, largestOf: ['%SystemRoot%\\SoftwareDistribution\\Download', '%SystemRoot%\\Temp', 'C:\\Windows\\Logs\\CBS', 'C:\\Missing'], report: 2 }),
      pendingRestart({ id: 'no-restart' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthy = { name: 'ok', description: 'spec', clock: CLOCK, lastBootTime: '2026-03-03T08:00:00Z', drives: [{ name: 'C:', totalBytes: 256 * GB, freeBytes: 80 * GB }] };
  const full = {
    ...healthy,
    drives: [{ name: 'C:', totalBytes: 128 * GB, freeBytes: 6 * GB }],
    fileSystem: [
      { path: 'C:\\WINDOWS\\SoftwareDistribution\\Download\\a.cab', length: 3 * GB },
      { path: 'C:\\WINDOWS\\SoftwareDistribution\\Download\\sub\\b.cab', length: GB },
      { path: 'C:\\WINDOWS\\Temp\\x.tmp', length: 512 * 1048576 },
      { path: 'C:\\Windows\\Logs\\CBS\\CBS.log', length: 2 * GB },
    ],
  };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => { await lintClean(scripts); });

  it('healthy: all three pass, no folder is measured, the remediation changes nothing', async () => {
    const device = new Device(healthy, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.match(stripBuild(detect.output[0]), /^COMPLIANT health-rooms: all 3 checks passed/);
    assert.deepEqual(seamCalls(detect, 'Get-RgFolderFiles'), []);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(fix.actions, []);
  });

  it('boundaries: exactly 14 days up passes, a minute more fails; exactly 10 GB free passes', async () => {
    const at = await new Device({ ...healthy, lastBootTime: '2026-02-24T12:00:00Z', drives: [{ name: 'C:', totalBytes: 100 * GB, freeBytes: 10 * GB }] }).run(scripts.detect);
    assert.equal(at.exitCode, 0, at.output.join('\n'));
    const over = await new Device({ ...healthy, lastBootTime: '2026-02-24T11:59:00Z' }).run(scripts.detect);
    assert.equal(over.exitCode, 1);
    assert.match(over.output[0]!, /1 of 3 checks failed: up-14 \(is up 14\.0 days \(started 2026-02-24 11:59 UTC\), want up at most 14 days\)/);
    const under = await new Device({ ...healthy, drives: [{ name: 'C:', totalBytes: 100 * GB, freeBytes: 10 * GB - 1 }] }).run(scripts.detect);
    assert.match(under.output[0]!, /c-10gb \(is 10\.0 GB free of 100\.0 GB \(10%\), want at least 10\.0 GB and 5% free\)/);
  });

  it('short of space: the two biggest folders named, biggest first (a missing one skipped)', async () => {
    const detect = await new Device(full).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /c-10gb \(is 6\.0 GB free of 128\.0 GB \(5%\); largest: %SystemRoot%\\SoftwareDistribution\\Download 4\.0 GB, C:\\Windows\\Logs\\CBS 2\.0 GB, want at least 10\.0 GB and 5% free\)/);
  });

  it('percent: enough GB but under 5% of a big drive fails', async () => {
    const detect = await new Device({ ...healthy, drives: [{ name: 'C:', totalBytes: 2048 * GB, freeBytes: 50 * GB }] }).run(scripts.detect);
    assert.match(detect.output[0]!, /c-10gb \(is 50\.0 GB free of 2048\.0 GB \(2%\)/);
  });

  it('each restart record on its own, and all three (file renames counted in pairs, a delete counted too)', async () => {
    const cbs = await new Device({ ...healthy, keys: [CBS] }).run(scripts.detect);
    assert.match(cbs.output[0]!, /no-restart \(is restart pending: component servicing \(RebootPending\), want no restart pending\)/);
    const wu = await new Device({ ...healthy, keys: [WU] }).run(scripts.detect);
    assert.match(wu.output[0]!, /no-restart \(is restart pending: Windows Update \(RebootRequired\)/);
    const renames = ['\\??\\C:\\Program Files\\Contoso\\agent.dll.new', '!\\??\\C:\\Program Files\\Contoso\\agent.dll', '\\??\\C:\\Windows\\Temp\\old.tmp', ''];
    const all = await new Device({ ...healthy, keys: [CBS, WU], registry: [{ path: SESSION_MANAGER, name: 'PendingFileRenameOperations', kind: 'MultiString', value: renames }] }).run(scripts.detect);
    assert.match(all.output[0]!, /no-restart \(is restart pending: component servicing \(RebootPending\), Windows Update \(RebootRequired\), file renames \(2\), want no restart pending\)/);
  });

  it('an empty PendingFileRenameOperations and a sibling key are not a pending restart', async () => {
    const detect = await new Device({ ...healthy, keys: ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages'],
      registry: [{ path: SESSION_MANAGER, name: 'PendingFileRenameOperations', kind: 'MultiString', value: [] }] }).run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
  });

  it('faults: WMI that throws, a drive that is missing or denied, a denied registry key: each named, the others still tested, no stderr', async () => {
    const wmi = await new Device({ ...healthy, faults: { throws: { 'Get-RgLastBootTime': 'Invalid class "Win32_OperatingSystem"' } } }).run(scripts.detect);
    assert.equal(wmi.exitCode, 1);
    assert.match(wmi.output[0]!, /up-14 \(error: Invalid class "Win32_OperatingSystem"\)/);
    assert.doesNotMatch(wmi.output[0]!, /c-10gb|no-restart/);
    assert.deepEqual(wmi.errors, []);
    const nodrive = await new Device({ ...healthy, drives: [] }).run(scripts.detect);
    assert.match(nodrive.output[0]!, /c-10gb \(is no drive C:/);
    const denied = await new Device({ ...healthy, drives: [{ name: 'C:', totalBytes: 1, freeBytes: 1, readError: 'Access is denied.' }],
      faults: { accessDenied: [{ key: SESSION_MANAGER, access: 'Read' }] } }).run(scripts.detect);
    assert.match(denied.output[0]!, /c-10gb \(error: Access is denied\.\)/);
    assert.match(denied.output[0]!, /no-restart \(error: Requested registry access is not allowed\.\)/);
  });

  it('a folder that cannot be measured is left out (logged), the others still named', async () => {
    const detect = await new Device({ ...full, fileSystem: [...full.fileSystem, { path: 'C:\\WINDOWS\\Temp', folder: true, readError: 'Access is denied.' }] }).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /largest: %SystemRoot%\\SoftwareDistribution\\Download 4\.0 GB, C:\\Windows\\Logs\\CBS 2\.0 GB/);
  });

  it('-WhatIf and a second run: a probe never changes anything', async () => {
    const device = new Device({ ...full, keys: [WU] }, { continues: true });
    const what = await device.run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(what.actions, []);
    const first = await device.run(scripts.remediate);
    assert.equal(first.exitCode, 1);
    assert.deepEqual(first.actions, []);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(again.actions, []);
  });
});
