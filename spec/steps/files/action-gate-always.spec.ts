/** gate: 'always': an action with no probe, due whenever its cooldown has passed, remembered on the device. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { pathCleanupRoom, pathCleanup } from '../../../generator/steps/files/path-cleanup.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const MB = 1048576;
const NOW = '2026-03-02T08:00:00Z';
const CACHE = '%LOCALAPPDATA%\\Contoso\\Cache';

describe("actions gated 'always' (no probe), in the engine", function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'always-room',
    displayName: 'always',
    description: 'A cache cleared once every 4 hours, whatever else is true.',
    publisher: 'spec',
    context: 'user',
    steps: [pathCleanup({ id: 'clear-cache', folders: [CACHE], trigger: 'always', gate: 'always', cooldown: 'PT4H' })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const profile: DeviceProfileProps = { name: 'cache', description: 'spec', clock: NOW, fileSystem: [{ path: `${CACHE}\\a.bin`, length: 3 * MB }, { path: `${CACHE}\\b.bin`, length: MB }] };

  it('explains the gate in words', () => {
    assert.match(pathCleanupRoom.explain(remediation.steps[0] as never).detects, /whenever its cooldown has passed \(no probe: the action is the point\)/);
  });

  it('never run: detection says due; remediation runs it, remembers the run, and is compliant; detection inside the cooldown passes; after it, due again', async () => {
    const device = new Device(profile);
    const first = await device.run(scripts.detect);
    assert.equal(first.exitCode, 1);
    assert.match(stripBuild(first.output[0]), /^NON-COMPLIANT always-room: 1 of 1 checks failed: clear-cache \(is due \(2 file\(s\), 4\.0 MB\), want run once per cooldown\)$/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(stripBuild(fix.output[0]), /^REMEDIATED always-room: fixed 1 of 1 checks \(clear-cache\); all passed now; 1 action\(s\) taken: clear-cache$/);
    assert.ok(fix.state.registry.some((e) => e.path === 'HKCU\\SOFTWARE\\remgen\\always-room' && e.name === 'clear-cache.LastRunUtc' && e.value === '2026-03-02T08:00:00.0000000Z'));
    assert.doesNotMatch(JSON.stringify(fix.state.carried), /a\.bin/, 'the files are gone');
    const inside = await device.run(scripts.detect);
    assert.equal(inside.exitCode, 0, inside.output.join('\n'));
    assert.equal(stripBuild(inside.output[0]), 'COMPLIANT always-room: all 1 checks passed');
    device.symptomsBack('2026-03-02T11:59:00Z');
    const stillInside = await device.run(scripts.remediate);
    assert.match(stripBuild(stillInside.output[0]), /^COMPLIANT always-room: nothing to change/);
    assert.ok(!stillInside.calls.some((c) => c.Seam === 'Remove-RgFileItem'), 'nothing deleted inside the cooldown');
    device.symptomsBack('2026-03-02T12:01:00Z');
    const after = await device.run(scripts.detect);
    assert.equal(after.exitCode, 1);
    assert.match(after.output[0]!, /clear-cache \(is due/);
  });

  it('-WhatIf runs nothing and remembers nothing', async () => {
    const run = await new Device(profile).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.equal(run.exitCode, 1);
    assert.ok(!run.calls.some((c) => c.Seam === 'Remove-RgFileItem' || (c.Seam === 'Write-RgRegistryData' && String(c.Arguments.Name).endsWith('.LastRunUtc'))));
  });

  it('a set half that fails is not remembered: the next run tries again', async () => {
    const device = new Device({ ...profile, faults: { throws: { Get_RgFolderFiles: 'The device is not ready.' } } });
    const run = await device.run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(stripBuild(run.output[0]), /^FAILED always-room: 1 of 1 checks still failed: clear-cache \(error: The device is not ready\.\)$/);
    assert.ok(!run.state.registry.some((e) => e.name === 'clear-cache.LastRunUtc'));
  });
});
