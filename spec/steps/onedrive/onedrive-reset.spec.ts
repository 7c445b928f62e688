/**
 * oneDriveReset: an action (user context) gated by the oneDriveAccount probe: the user's OneDrive processes
 * ended, `OneDrive.exe /reset`, a bounded wait for OneDrive to come back, a start when it does not
 * (docs/reference/intune-configmgr.md 3.4); verified by reading the processes again; at most once per
 * cooldown (at least a day: a reset syncs every library again).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps, RegistryEntry } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { oneDriveAccount } from '../../../generator/steps/onedrive/onedrive-account.ts';
import { oneDriveReset, oneDriveResetRoom } from '../../../generator/steps/onedrive/onedrive-reset.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { PER_MACHINE_X86, PER_USER, reset, running, signedIn, start, TENANT, USER_ONEDRIVE } from './onedrive-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

const STORE = 'HKCU\\SOFTWARE\\remgen\\onedrive-reset-room';
const NOW = '2026-12-01T08:00:00Z';

describe('step room: oneDriveReset (action)', () => {
  const step = oneDriveReset({ id: 'reset-onedrive', gate: { probes: ['onedrive-signed-in'] }, cooldown: 'P7D' });
  const issues = (s: Parameters<typeof oneDriveReset>[0]): string[] => {
    const found: string[] = [];
    oneDriveResetRoom.check(oneDriveReset(s), (path, message) => found.push(`${path.join('.')}: ${message}`));
    return found;
  };

  it('user context; the locations and a 120 s restart wait as data; the set runtime ends and starts processes', () => {
    assert.equal(oneDriveResetRoom.category, 'action');
    assert.equal(oneDriveResetRoom.contextOf(step), 'user');
    assert.deepEqual(oneDriveResetRoom.toData(step), {
      Locations: [PER_USER, '%ProgramFiles%\\Microsoft OneDrive\\OneDrive.exe', '%ProgramFiles(x86)%\\Microsoft OneDrive\\OneDrive.exe'],
      RestartWaitSeconds: 120,
    });
    assert.deepEqual(oneDriveResetRoom.runtime, ['onedrive.ps1', 'process.ps1']);
    assert.deepEqual(oneDriveResetRoom.setRuntime, ['process-write.ps1']);
    assert.match(oneDriveResetRoom.explain(step).changes, /runs OneDrive\.exe \/reset \(at most once per 7 days; local files are kept, every library syncs again\), waits up to 120 s/);
    assert.deepEqual(issues(step), []);
    assert.deepEqual(issues({ ...step, cooldown: 'P1D', restartWaitSeconds: 600 }), []);
  });

  it('a cooldown under a day is refused with the reason (a reset resyncs every library)', () => {
    assert.deepEqual(issues({ ...step, cooldown: 'PT12H' }), [
      "cooldown: cooldown 'PT12H' is shorter than a day (P1D): a OneDrive reset makes OneDrive sync every library again, which is slow on large libraries and metered links (reference 3.4); use 'P1D' or longer, e.g. 'P7D'",
    ]);
  });

  it('restartWaitSeconds must be a whole number from 5 to 600', () => {
    const message = (v: number) => `restartWaitSeconds: restartWaitSeconds ${v} is out of range: use a whole number from 5 to 600 (remediations run one after another, so a longer wait delays every other one on the device)`;
    assert.deepEqual(issues({ ...step, restartWaitSeconds: 0 }), [message(0)]);
    assert.deepEqual(issues({ ...step, restartWaitSeconds: 601 }), [message(601)]);
    assert.deepEqual(issues({ ...step, restartWaitSeconds: 7.5 }), [message(7.5)]);
  });
});

describe('step room: oneDriveReset, in the engine (gate, stop, /reset, restart, cooldown)', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'onedrive-reset-room',
    displayName: 'oneDriveReset room',
    description: 'The OneDrive sign-in probe and the reset it gates.',
    publisher: 'spec',
    context: 'user',
    steps: [
      oneDriveAccount({ id: 'onedrive-signed-in', tenantId: TENANT }),
      oneDriveReset({ id: 'reset-onedrive', gate: { probes: ['onedrive-signed-in'] }, cooldown: 'P7D' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  /** A device where OneDrive (per user) runs but never signed in; /reset brings it back after 30 s. */
  const broken = (more: Partial<DeviceProfileProps> = {}): Device => new Device({
    name: 'onedrive-broken', description: 'spec', clock: NOW,
    files: [PER_USER], processes: [running()], programs: [reset(PER_USER, 30), start(PER_USER)], ...more,
  });
  const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
  const starts = (run: Simulation) => calls(run, 'Start-RgProcess').map((c) => (c.Arguments.ArgumentList as string[] | null ?? []).join(' '));
  const waited = (run: Simulation) => calls(run, 'Wait-RgSeconds').reduce((sum, c) => sum + Number(c.Arguments.Seconds), 0);
  const lastRun = (run: Simulation) => run.state.registry.find((e) => e.name === 'reset-onedrive.LastRunUtc');

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('a healthy account: not needed, nothing stopped or started, no cooldown', async () => {
    const device = broken({ registry: signedIn() });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(stripBuild(fix.output[0]), 'COMPLIANT onedrive-reset-room: nothing to change, all 2 checks passed');
    assert.deepEqual([...calls(fix, 'Stop-RgProcess'), ...calls(fix, 'Start-RgProcess')], []);
    assert.deepEqual(fix.state.processes, [running()]);
    assert.equal(lastRun(fix), undefined);
  });

  it('the symptom: detection names the missing account and the reset it would run', async () => {
    const run = await broken().run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /onedrive-signed-in \(is OneDrive installed at .*\\Microsoft\\OneDrive\\OneDrive\.exe, no work or school account signed in/);
    assert.match(run.output[0]!, /reset-onedrive \(is OneDrive installed at .*\\Microsoft\\OneDrive\\OneDrive\.exe, running \(process 5120\): a reset is possible, want no reset needed \(the gate passes\), or OneDrive not installed\)/);
    assert.deepEqual([...calls(run, 'Stop-RgProcess'), ...calls(run, 'Start-RgProcess')], [], 'detection changes nothing');
  });

  it('broken: OneDrive stopped, /reset run, back on its own after 30 s (no extra start); the silent sign-in completes: REMEDIATED', async () => {
    const device = broken({ programs: [reset(PER_USER, 30, signedIn()), start(PER_USER)] });
    const fix = await device.run(scripts.remediate);
    assert.deepEqual(calls(fix, 'Stop-RgProcess').map((c) => c.Arguments.Id), [5120]);
    assert.deepEqual(starts(fix), ['/reset'], 'no start by hand: it came back');
    assert.match(String(calls(fix, 'Start-RgProcess')[0]!.Arguments.FilePath), /[\\/]LocalAppData\\Microsoft\\OneDrive\\OneDrive\.exe$/);
    assert.equal(waited(fix), 30, 'looked every 5 s until it was back');
    assert.ok(calls(fix, 'Wait-RgSeconds').every((c) => c.Arguments.Seconds === 5));
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(stripBuild(fix.output[0]), /^REMEDIATED onedrive-reset-room: fixed 1 of 2 checks \(reset-onedrive\); all passed now; 1 action\(s\) taken: reset-onedrive$/);
    assert.deepEqual(fix.state.processes.map((p) => p.name), ['OneDrive']);
    assert.notEqual(fix.state.processes[0]!.id, 5120, 'a new OneDrive process');
    assert.equal(lastRun(fix)?.path, STORE);
    assert.match(String(lastRun(fix)?.value), /^2026-12-01T08:00:30/, 'the simulated clock moved with the wait');
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: stopped OneDrive process 5120 before the reset')), fix.log.join('\n'));
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: OneDrive restarted on its own after 30 s (process 7008)')), fix.log.join('\n'));
  });

  it('broken, back on its own, but the user has not signed in yet: the action ran and is verified, the account probe still fails', async () => {
    const fix = await broken().run(scripts.remediate);
    assert.deepEqual(starts(fix), ['/reset']);
    assert.equal(fix.exitCode, 1);
    assert.match(stripBuild(fix.output[0]), /^FAILED onedrive-reset-room: 1 of 2 checks still failed: onedrive-signed-in \(is OneDrive installed at .*, no work or school account signed in [^;]*; 1 action\(s\) taken: reset-onedrive$/);
    assert.ok(fix.log.some((l) => l.includes('reset done in this run; OneDrive running (process 7008)')), 'the reset itself is done: OneDrive runs again');
    assert.ok(lastRun(fix), 'the run is remembered: the cooldown holds the next runs off');
  });

  it('does not come back within 120 s: started by hand (same path, no /reset), verified running', async () => {
    const fix = await broken({ programs: [reset(PER_USER), start(PER_USER)] }).run(scripts.remediate);
    assert.deepEqual(starts(fix), ['/reset', '']);
    assert.equal(calls(fix, 'Start-RgProcess')[1]!.Arguments.FilePath, calls(fix, 'Start-RgProcess')[0]!.Arguments.FilePath);
    assert.equal(waited(fix), 120);
    assert.deepEqual(fix.state.processes.map((p) => p.name), ['OneDrive']);
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: OneDrive did not restart within 120 s of the reset; starting it') && l.includes('type="2"')), fix.log.join('\n'));
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: started ') && l.includes('OneDrive runs again')));
    assert.ok(lastRun(fix));
  });

  it('started by hand and still not running: FAILED with the reason, no cooldown', async () => {
    const fix = await broken({ programs: [reset(PER_USER), { filePath: PER_USER }] }).run(scripts.remediate);
    assert.deepEqual(starts(fix), ['/reset', '']);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /reset-onedrive \(error: OneDrive was reset but does not run again: started .*OneDrive\.exe \(process \d+\), and no OneDrive process runs 30 s later\)/);
    assert.equal(lastRun(fix), undefined);
  });

  it('a per-machine (x86) install is reset from its own path', async () => {
    const fix = await broken({ files: [PER_MACHINE_X86], processes: [running(PER_MACHINE_X86)], programs: [reset(PER_MACHINE_X86, 10)] }).run(scripts.remediate);
    assert.deepEqual(calls(fix, 'Start-RgProcess').map((c) => [c.Arguments.FilePath, ...(c.Arguments.ArgumentList as string[])]), [[PER_MACHINE_X86, '/reset']]);
    assert.equal(waited(fix), 10);
  });

  it('OneDrive not installed: the account probe passes and the reset is skipped with the reason; no process seam is called', async () => {
    const device = new Device({ name: 'no-onedrive', description: 'spec', clock: NOW });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: compliant (OneDrive is not installed: reset skipped)')), fix.log.join('\n'));
    assert.deepEqual(fix.calls.filter((c) => /Process|Wait-RgSeconds/.test(c.Seam)), []);
    assert.equal(lastRun(fix), undefined);
  });

  it('inside the cooldown (reset 2 days ago): not repeated, the end of the cooldown named', async () => {
    const ran: RegistryEntry = { path: STORE, name: 'reset-onedrive.LastRunUtc', kind: 'String', value: '2026-11-29T08:00:00.0000000Z' };
    const fix = await broken({ registry: [ran] }).run(scripts.remediate);
    assert.deepEqual([...calls(fix, 'Stop-RgProcess'), ...calls(fix, 'Start-RgProcess')], []);
    assert.match(fix.output[0]!, /reset-onedrive in cooldown until 2026-12-06 08:00 UTC$/);
    assert.deepEqual(fix.state.processes, [running()]);
  });

  it('a second run after a successful reset, the same day: nothing stopped or started again', async () => {
    const device = broken();
    const first = await device.run(scripts.remediate);
    assert.deepEqual(starts(first), ['/reset']);
    const second = await device.run(scripts.remediate);
    assert.deepEqual([...calls(second, 'Stop-RgProcess'), ...calls(second, 'Start-RgProcess')], []);
    assert.match(second.output[0]!, /reset-onedrive in cooldown until 2026-12-08 08:00 UTC$/);
    assert.deepEqual(second.state.processes, first.state.processes, 'the restarted OneDrive left running');
  });

  it('-WhatIf: lists the stop, the reset and the start; stops, starts and writes nothing; no cooldown', async () => {
    const run = await broken().run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([...calls(run, 'Stop-RgProcess'), ...calls(run, 'Start-RgProcess'), ...calls(run, 'Wait-RgSeconds'), ...calls(run, 'Write-RgRegistryData')], []);
    const whatIf = run.host.filter((l) => l.startsWith('What if: '));
    assert.equal(whatIf.length, 3, run.host.join('\n'));
    assert.match(whatIf[0]!, new RegExp(`"Stop" on target "OneDrive process 5120 \\(${USER_ONEDRIVE.replace(/\\/g, '\\\\')}\\)"`));
    const unreadable = await broken({ processes: [{ name: 'OneDrive', id: 5120 }] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.ok(unreadable.host.some((l) => l.endsWith('"Stop" on target "OneDrive process 5120".')), 'a path that could not be read is left out');
    assert.match(whatIf[1]!, /"Reset OneDrive \(\/reset: keeps local files, syncs every library again\)" on target ".*\\Microsoft\\OneDrive\\OneDrive\.exe"/);
    assert.match(whatIf[2]!, /"Start OneDrive \(when it has not restarted on its own within 120 s of the reset\)" on target ".*OneDrive\.exe"/);
    assert.equal(lastRun(run), undefined);
    assert.deepEqual(run.state.processes, [running()]);
    assert.match(run.output[0]!, /\(WhatIf: nothing was changed\)$/);
  });

  it('the stop fails (access denied): FAILED with the reason, no reset run, no cooldown', async () => {
    const fix = await broken({ faults: { throws: { 'Stop-RgProcess': 'Access is denied' } } }).run(scripts.remediate);
    assert.deepEqual(starts(fix), []);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /reset-onedrive \(error: Access is denied\)/);
    assert.equal(lastRun(fix), undefined);
    assert.ok(fix.log.some((l) => l.includes('reset-onedrive: could not be applied: Access is denied') && l.includes('type="3"')));
  });

  it('the reset cannot start (Start-RgProcess throws): FAILED with the reason, no cooldown', async () => {
    const fix = await broken({ programs: [{ ...reset(PER_USER, 30), startError: 'Access is denied' }] }).run(scripts.remediate);
    assert.deepEqual(calls(fix, 'Stop-RgProcess').map((c) => c.Arguments.Id), [5120]);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /reset-onedrive \(error: Access is denied\)/);
    assert.equal(lastRun(fix), undefined);
  });
});
