/**
 * The windowsFeature room (setting): optional features and capabilities enabled, disabled or not present, on
 * simulated devices whose features the profile lists (state, what a change answers, errors).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { WindowsFeature } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { windowsFeature, windowsFeatureRoom } from '../../../generator/steps/features/windows-feature.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof windowsFeatureRoom.check>[0]): string[] => {
  const found: string[] = [];
  windowsFeatureRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const sets = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Set-RgWindowsFeature').map((c) => `${String(c.Arguments.Name)}=${String(c.Arguments.State)}`);
const carried = (run: Simulation, name: string) => ((run.state.carried.WindowsFeatures ?? []) as { Name: string; State: string }[]).find((f) => f.Name === name)?.State;

describe('step room: windowsFeature (rules)', () => {
  it('category, context, the step table', () => {
    assert.equal(windowsFeatureRoom.category, 'setting');
    const step = windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled', source: '\\\\fs01\\media\\sxs', limitAccess: true });
    assert.equal(windowsFeatureRoom.contextOf(step), 'system');
    assert.deepEqual(windowsFeatureRoom.toData(step), { FeatureKind: 'OptionalFeature', Name: 'NetFx3', Want: 'Enabled', Source: '\\\\fs01\\media\\sxs', LimitAccess: true, IfMissing: 'NonCompliant' });
    assert.deepEqual(windowsFeatureRoom.toData(windowsFeature({ id: 'c', capability: 'OpenSSH.Client~~~~*', state: 'absent', ifMissing: 'notApplicable' })),
      { FeatureKind: 'Capability', Name: 'OpenSSH.Client~~~~*', Want: 'Absent', Source: '', LimitAccess: false, IfMissing: 'NotApplicable' });
  });

  it('check(): both or neither name, a wildcard feature, a capability without its version, a disabled capability, a source without enabling, limitAccess alone, a relative source', () => {
    assert.deepEqual(issues(windowsFeature({ id: 'f', feature: 'NetFx3', capability: 'x~~~~1', state: 'enabled' })), [': the windowsFeature step "f" needs exactly one of feature (Get-WindowsOptionalFeature) and capability (Get-WindowsCapability)']);
    assert.deepEqual(issues(windowsFeature({ id: 'f', state: 'enabled' })).length, 1);
    assert.deepEqual(issues(windowsFeature({ id: 'f', feature: 'NetFx*', state: 'enabled' })), ["feature: feature \"NetFx*\" has a wildcard: name one optional feature exactly, e.g. 'NetFx3'"]);
    assert.deepEqual(issues(windowsFeature({ id: 'f', feature: '.NET Framework 3.5', state: 'enabled' })).length, 1);
    assert.match(issues(windowsFeature({ id: 'f', capability: 'OpenSSH*', state: 'enabled' }))[0]!, /is not one capability: write its full name/);
    assert.deepEqual(issues(windowsFeature({ id: 'f', capability: 'OpenSSH.Client~~~~*', state: 'disabled' })), ["state: a capability is installed or not, never disabled: use state 'absent' (Remove-WindowsCapability) or 'enabled'"]);
    assert.match(issues(windowsFeature({ id: 'f', feature: 'SMB1Protocol', state: 'absent', source: 'D:\\sources\\sxs' }))[0]!, /^source: source and limitAccess say where the files come from when enabling/);
    assert.match(issues(windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled', limitAccess: true }))[0]!, /^limitAccess: limitAccess without a source/);
    assert.match(issues(windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled', source: 'sources\\sxs' }))[0]!, /^source: source "sources\\\\sxs" is not a folder/);
    assert.deepEqual(issues(windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled', source: 'D:\\sources\\sxs', limitAccess: true })), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(windowsFeatureRoom.explain(windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled' })), {
      detects: 'the Windows optional feature NetFx3 is enabled (a Windows that does not know it fails)',
      changes: 'enables it with the features it needs (Enable-WindowsOptionalFeature -All -NoRestart), its files from Windows Update if needed; never restarts the device, but says when Windows needs a restart to finish',
    });
    assert.match(windowsFeatureRoom.explain(windowsFeature({ id: 'c', capability: 'Microsoft.Windows.WordPad~~~~0.0.1.0', state: 'absent' })).changes, /^removes it \(Remove-WindowsCapability\)/);
  });
});

describe('step room: windowsFeature (setting), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'windows-feature-room', displayName: 'windowsFeature room', description: '.NET 3.5 on, SMB1 gone, no WordPad.', publisher: 'spec', context: 'system',
    steps: [
      windowsFeature({ id: 'netfx3', feature: 'NetFx3', state: 'enabled' }),
      windowsFeature({ id: 'no-smb1', feature: 'SMB1Protocol', state: 'absent', ifMissing: 'notApplicable' }),
      windowsFeature({ id: 'no-wordpad', capability: 'Microsoft.Windows.WordPad~~~~*', state: 'absent' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthy: WindowsFeature[] = [
    { name: 'NetFx3', state: 'Enabled' }, { name: 'SMB1Protocol', state: 'DisabledWithPayloadRemoved' },
    { name: 'Microsoft.Windows.WordPad~~~~0.0.1.0', kind: 'capability', state: 'NotPresent' }, { name: 'OpenSSH.Client~~~~0.0.1.0', kind: 'capability', state: 'Installed' },
  ];
  const broken: WindowsFeature[] = [
    { name: 'NetFx3', state: 'Disabled', restartNeeded: true }, { name: 'SMB1Protocol', state: 'Enabled' },
    { name: 'Microsoft.Windows.WordPad~~~~0.0.1.0', kind: 'capability', state: 'Installed' },
  ];

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant: nothing changed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', windowsFeatures: healthy });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.match(stripBuild(detect.output[0]), /^COMPLIANT windows-feature-room: all 3 settings compliant/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(sets(fix), []);
  });

  it('non-compliant: enabled, payload removed, capability removed; the restart Windows asks for is reported; a second run changes nothing', async () => {
    const device = new Device({ name: 'wrong', description: 'spec', windowsFeatures: broken }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /3 of 3 settings wrong: netfx3 \(is Disabled, want Enabled\); no-smb1 \(is Enabled, want Absent\); no-wordpad \(is Installed, want Absent\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n') + fix.log.join('\n'));
    assert.match(fix.output[0]!, /^REMEDIATED .*restart/i);
    assert.deepEqual(sets(fix), ['NetFx3=Enabled', 'SMB1Protocol=Absent', 'Microsoft.Windows.WordPad~~~~0.0.1.0=Absent']);
    assert.equal(carried(fix, 'NetFx3'), 'EnablePending');
    assert.ok(fix.log.some((l) => l.includes('netfx3: set the OptionalFeature NetFx3 Enabled (was Disabled); Windows finishes it at the next restart')), fix.log.join('\n'));
    const after = await device.run(scripts.detect);
    assert.equal(after.exitCode, 0, after.output.join('\n'));
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual(sets(again), []);
  });

  it('not applicable: SMB1 unknown passes (declared); NetFx3 unknown fails and is not installed', async () => {
    const device = new Device({ name: 'server-core', description: 'spec', windowsFeatures: [healthy[2]!] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /1 of 3 settings wrong: netfx3 \(is unknown to this Windows, want Enabled\)$/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /netfx3.*this Windows has no OptionalFeature named NetFx3/);
  });

  it('faults: the source files cannot be found; the list cannot be read (not elevated); no stderr', async () => {
    const noSource = await new Device({ name: 'no-source', description: 'spec', windowsFeatures: [{ name: 'NetFx3', state: 'Disabled', setError: 'The source files could not be found. Use the "Source" option to specify the location of the files that are required to restore the feature.' }, ...healthy.slice(1)] }).run(scripts.remediate);
    assert.equal(noSource.exitCode, 1);
    assert.match(noSource.output[0]!, /netfx3.*The source files could not be found/);
    assert.deepEqual(noSource.errors, []);
    const denied = await new Device({ name: 'denied', description: 'spec', windowsFeatures: healthy, faults: { throws: { 'Get-RgWindowsFeature': 'The requested operation requires elevation.' } } }).run(scripts.detect);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /netfx3 \(error: The requested operation requires elevation\.\)/);
    assert.deepEqual(denied.errors, []);
  });

  it('-WhatIf: says what it would change, changes nothing', async () => {
    const run = await new Device({ name: 'wrong', description: 'spec', windowsFeatures: broken }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(sets(run), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('OptionalFeature NetFx3') && l.includes('Set Enabled (is Disabled)')), run.host.join('\n'));
  });
});
