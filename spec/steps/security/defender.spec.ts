/**
 * The Defender rooms: defender (setting: typed preferences, each read again after it is set; tamper protection),
 * defenderStatus (probe: real-time protection, signature age) and defenderSignatureUpdate (action, gated by the
 * probe), on simulated devices whose Defender the profile describes.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { DefenderState } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { defender, defenderRoom } from '../../../generator/steps/security/defender.ts';
import { defenderStatus, defenderStatusRoom } from '../../../generator/steps/security/defender-status.ts';
import { defenderSignatureUpdate, defenderSignatureUpdateRoom } from '../../../generator/steps/security/defender-signature-update.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = <S,>(room: { check(step: S, issue: (path: readonly (string | number)[], message: string) => void): void }, step: S): string[] => {
  const found: string[] = [];
  room.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const sets = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Set-RgMpPreference').map((c) => `${String(c.Arguments.Name)}=${String(c.Arguments.Value)}`);
const updates = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Update-RgMpSignature').length;
const prefs = (run: Simulation) => ((run.state.carried.Defender ?? []) as { Preferences: Record<string, number> }[])[0]?.Preferences;

describe('step rooms: defender, defenderStatus, defenderSignatureUpdate (rules)', () => {
  it('categories, contexts, the step tables', () => {
    assert.deepEqual([defenderRoom.category, defenderStatusRoom.category, defenderSignatureUpdateRoom.category], ['setting', 'probe', 'action']);
    const step = defender({ id: 'd', realTimeMonitoring: true, puaProtection: 'enabled', cloudProtection: 'advanced', networkProtection: 'audit' });
    assert.equal(defenderRoom.contextOf(step), 'system');
    assert.deepEqual(defenderRoom.toData(step), { Preferences: [
      { Name: 'DisableRealtimeMonitoring', Value: 0, Label: 'real-time protection', Words: 'on' },
      { Name: 'PUAProtection', Value: 1, Label: 'PUA protection', Words: 'on' },
      { Name: 'MAPSReporting', Value: 2, Label: 'cloud protection (MAPS)', Words: 'advanced' },
      { Name: 'EnableNetworkProtection', Value: 2, Label: 'network protection', Words: 'audit only' },
    ], IfNotActive: 'NonCompliant' });
    assert.deepEqual(defenderRoom.toData(defender({ id: 'd', behaviorMonitoring: false, cloudBlockLevel: 'highPlus', sampleSubmission: 'never' })).Preferences, [
      { Name: 'DisableBehaviorMonitoring', Value: 1, Label: 'behaviour monitoring', Words: 'off' },
      { Name: 'CloudBlockLevel', Value: 4, Label: 'cloud block level', Words: 'high plus' },
      { Name: 'SubmitSamplesConsent', Value: 2, Label: 'sample submission', Words: 'never send' },
    ]);
    assert.deepEqual(defenderStatusRoom.toData(defenderStatus({ id: 's' })), { RealTimeProtection: true, MaxSignatureAgeDays: -1, IfNotActive: 'NonCompliant' });
    assert.equal(defenderRoom.toData(defender({ id: 'd', puaProtection: 'audit', ifNotActive: 'notApplicable' })).IfNotActive, 'NotApplicable');
    assert.deepEqual(defenderSignatureUpdateRoom.toData(defenderSignatureUpdate({ id: 'u', gate: { probes: ['s'] }, cooldown: 'PT12H', updateSource: 'mmpc' })), { UpdateSource: 'MMPC' });
  });

  it('check(): nothing to set, real-time off, a block level or block at first sight without cloud protection, an age out of range, a probe that checks nothing', () => {
    assert.match(issues(defenderRoom, defender({ id: 'd' }))[0]!, /says nothing to set/);
    assert.match(issues(defenderRoom, defender({ id: 'd', realTimeMonitoring: false as unknown as true }))[0]!, /^realTimeMonitoring: remgen does not turn real-time protection off/);
    assert.deepEqual(issues(defenderRoom, defender({ id: 'd', cloudProtection: 'disabled', cloudBlockLevel: 'high', blockAtFirstSeen: true })), [
      "cloudBlockLevel: cloudBlockLevel 'high' needs cloud protection: set cloudProtection 'basic' or 'advanced', or leave cloudBlockLevel out",
      "blockAtFirstSeen: block at first sight works through cloud protection: set cloudProtection 'basic' or 'advanced', or leave blockAtFirstSeen out",
    ]);
    assert.match(issues(defenderStatusRoom, defenderStatus({ id: 's', maxSignatureAgeDays: 1.5 }))[0]!, /^maxSignatureAgeDays: maxSignatureAgeDays 1.5 must be a whole number of days/);
    assert.match(issues(defenderStatusRoom, defenderStatus({ id: 's', realTimeProtection: false }))[0]!, /checks nothing/);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(defenderRoom.explain(defender({ id: 'd', realTimeMonitoring: true, puaProtection: 'enabled' })), {
      detects: 'Microsoft Defender Antivirus has real-time protection on, PUA protection on (as Get-MpPreference reads them)',
      changes: 'sets each one that differs (Set-MpPreference) and reads it again: one that did not change is reported as held by tamper protection or a policy, never retried around it',
    });
    assert.equal(defenderStatusRoom.explain(defenderStatus({ id: 's', maxSignatureAgeDays: 3 })).detects,
      'Microsoft Defender Antivirus has real-time protection on, signatures at most 3 day(s) old (Get-MpComputerStatus; the running mode and tamper protection are reported too)');
    assert.equal(defenderSignatureUpdateRoom.explain(defenderSignatureUpdate({ id: 'u', gate: { probes: ['defender-current'] }, cooldown: 'PT12H' })).changes,
      'runs Update-MpSignature (at most once per 12 hours), then reads the signature date again and tests the gate again to verify');
  });
});

describe('step rooms: Defender, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'defender-room', displayName: 'Defender rooms', description: 'Real-time and PUA protection on, cloud protection advanced; signatures fresh.', publisher: 'spec', context: 'system',
    steps: [
      defender({ id: 'defender-prefs', realTimeMonitoring: true, puaProtection: 'enabled', cloudProtection: 'advanced' }),
      defenderStatus({ id: 'defender-current', maxSignatureAgeDays: 3 }),
      defenderSignatureUpdate({ id: 'update-signatures', gate: { probes: ['defender-current'] }, cooldown: 'PT12H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthy: DefenderState = { preferences: { PUAProtection: 1 }, signatureAgeDays: 0, tamperProtected: true };
  const broken: DefenderState = { preferences: { DisableRealtimeMonitoring: true, PUAProtection: 0, MAPSReporting: 0 }, signatureAgeDays: 9 };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy: nothing set, no update', async () => {
    const device = new Device({ name: 'ok', description: 'spec', defender: healthy });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.match(stripBuild(detect.output[0]), /^COMPLIANT defender-room: all 3 checks passed/);
    const fix = await device.run(scripts.remediate);
    assert.deepEqual([sets(fix), updates(fix)], [[], 0]);
  });

  it('broken: preferences set and read again, signatures updated (gate tested again); a second run changes nothing', async () => {
    const device = new Device({ name: 'wrong', description: 'spec', defender: broken }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /defender-prefs \(is real-time protection off, PUA protection off, cloud protection \(MAPS\) off, want real-time protection on, PUA protection on, cloud protection \(MAPS\) advanced\); defender-current \(is real-time off, signatures 9 day\(s\) old \(2025-12-23\), want real-time on, signatures at most 3 day\(s\) old\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n') + fix.log.join('\n'));
    assert.deepEqual(sets(fix), ['DisableRealtimeMonitoring=0', 'PUAProtection=1', 'MAPSReporting=2']);
    assert.equal(updates(fix), 1);
    assert.match(fix.output[0]!, /^REMEDIATED .*update-signatures/);
    assert.deepEqual(prefs(fix), { ...prefs(fix), DisableRealtimeMonitoring: 0, PUAProtection: 1, MAPSReporting: 2 });
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual([sets(again), updates(again)], [[], 0]);
  });

  it('tamper protection: Set-MpPreference returns but real-time stays off: "tamper protection may be on"; PUA still set', async () => {
    const fix = await new Device({ name: 'tamper', description: 'spec', defender: { ...broken, tamperProtected: true, signatureAgeDays: 0 } }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(sets(fix), ['DisableRealtimeMonitoring=0', 'PUAProtection=1', 'MAPSReporting=2']);
    assert.match(fix.output[0]!, /defender-prefs.*Set-MpPreference did not take: real-time protection still off, cloud protection \(MAPS\) still off; tamper protection may be on \(Get-MpComputerStatus says IsTamperProtected True\)/);
    const policy = await new Device({ name: 'policy', description: 'spec', defender: { ...broken, heldByPolicy: ['PUAProtection'], signatureAgeDays: 0 } }).run(scripts.remediate);
    assert.match(policy.output[0]!, /PUA protection still off; tamper protection is off, so a policy sets it/);
    const old = await new Device({ name: 'old-platform', description: 'spec', defender: { ...broken, heldByPolicy: ['PUAProtection'], reportsTamperProtection: false, signatureAgeDays: 0 } }).run(scripts.remediate);
    assert.match(old.output[0]!, /PUA protection still off; tamper protection may be on, or a policy sets it/);
  });

  it('an update that does not move the signature date fails (not recorded, so the next run tries again); one that works but leaves the gate failing is not repeated inside the cooldown', async () => {
    const device = new Device({ name: 'offline', description: 'spec', defender: { ...healthy, signatureAgeDays: 9, updateTakes: false } }, { continues: true });
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /update-signatures.*the signatures are still 9 day\(s\) old: the update source may be unreachable/);
    const again = await device.run(scripts.remediate);
    assert.equal(updates(again), 1);
    // Real-time off: the update works, the gate still fails (nothing here turns real-time on), the cooldown holds.
    const rtOff = new Device({ name: 'rt-off', description: 'spec', defender: { preferences: { PUAProtection: 1, DisableRealtimeMonitoring: true }, heldByPolicy: ['DisableRealtimeMonitoring'], signatureAgeDays: 9 } }, { continues: true });
    const one = await rtOff.run(scripts.remediate);
    assert.equal(one.exitCode, 1);
    assert.equal(updates(one), 1);
    const two = await rtOff.run(scripts.remediate);
    assert.equal(updates(two), 0);
    assert.match(two.output[0]!, /update-signatures in cooldown until/);
  });

  it('another antivirus: Defender not running (the Mp cmdlets fail with HRESULT 0x800106BA) or passive (its protections still read on) fails, and nothing is set or updated', async () => {
    const none = new Device({ name: 'third-party-av', description: 'spec' });
    const detect = await none.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /defender-prefs \(is Defender not running \(another antivirus\?\), want real-time protection on, PUA protection on, cloud protection \(MAPS\) advanced\); defender-current \(is Defender not running \(another antivirus\?\), want real-time on/);
    const fix = await none.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /defender-prefs.*Microsoft Defender Antivirus is not running \(HRESULT 0x800106BA/);
    assert.deepEqual([sets(fix), updates(fix)], [[], 0]);
    assert.deepEqual(fix.errors, []);
    const passive = await new Device({ name: 'passive', description: 'spec', defender: { ...healthy, runningMode: 'Passive Mode' } }).run(scripts.detect);
    assert.equal(passive.exitCode, 1);
    assert.match(passive.output[0]!, /defender-current \(is real-time on, signatures 0 day\(s\) old \(2026-01-01\), running mode Passive Mode, tamper protection on, want real-time on/);
  });

  it('ifNotActive notApplicable: a device with another antivirus passes, and nothing is asked of Defender', async () => {
    const mixed = defineRemediation({ ...remediation, id: 'defender-mixed-fleet', steps: [
      defender({ id: 'defender-prefs', realTimeMonitoring: true, puaProtection: 'enabled', ifNotActive: 'notApplicable' }),
      defenderStatus({ id: 'defender-current', maxSignatureAgeDays: 3, ifNotActive: 'notApplicable' }),
      defenderSignatureUpdate({ id: 'update-signatures', gate: { probes: ['defender-current'] }, cooldown: 'PT12H' }),
    ] });
    const s = await intuneScripts(mixed);
    for (const device of [{ name: 'third-party-av', description: 'spec' }, { name: 'passive', description: 'spec', defender: { ...broken, runningMode: 'SxS Passive Mode' } }]) {
      const run = await new Device(device).run(s.remediate);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.match(run.output[0]!, /^COMPLIANT defender-mixed-fleet/);
      assert.deepEqual([sets(run), updates(run)], [[], 0]);
    }
    const active = await new Device({ name: 'wrong', description: 'spec', defender: broken }).run(s.detect);
    assert.equal(active.exitCode, 1, 'an active Defender is still checked');
  });

  it('faults: access denied reading and setting, an update error; no stderr', async () => {
    const unreadable = await new Device({ name: 'unreadable', description: 'spec', defender: { ...healthy, readError: 'Access is denied.' } }).run(scripts.detect);
    assert.equal(unreadable.exitCode, 1);
    assert.match(unreadable.output[0]!, /defender-prefs \(error: Access is denied\.\)/);
    const denied = await new Device({ name: 'denied', description: 'spec', defender: { ...broken, setError: 'Access is denied.', signatureAgeDays: 0 } }).run(scripts.remediate);
    assert.match(denied.output[0]!, /defender-prefs.*Access is denied\./);
    const update = await new Device({ name: 'no-update', description: 'spec', defender: { ...healthy, signatureAgeDays: 9, updateError: '0x80072ee7' } }).run(scripts.remediate);
    assert.match(update.output[0]!, /update-signatures.*0x80072ee7/);
    assert.deepEqual(update.errors, []);
  });

  it('-WhatIf: says what it would change, changes nothing, no cooldown recorded', async () => {
    const run = await new Device({ name: 'wrong', description: 'spec', defender: broken }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([sets(run), updates(run)], [[], 0]);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Defender PUA protection') && l.includes('Set on (is off)')), run.host.join('\n'));
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Defender signatures')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'update-signatures.LastRunUtc'), undefined);
  });
});
