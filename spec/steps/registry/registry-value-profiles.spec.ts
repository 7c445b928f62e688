/** registryValue on HKCU in every user's profile from SYSTEM: loaded hives through HKU\<SID>, unloaded ones loaded and unloaded. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { registryValue, registryValueRoom } from '../../../generator/steps/registry/registry-value.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof registryValueRoom.check>[0]): string[] => {
  const found: string[] = [];
  registryValueRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const ALICE = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const BOB = 'S-1-5-21-1004336348-1177238915-682003330-1002';
const CAROL = 'S-1-12-1-3154721938-1316433417-2831734923-1180396212';
const KEY = 'Software\\Policies\\Contoso\\Agent';

const users: DeviceProfileProps = {
  name: 'three-users',
  description: 'alice signed in (value 1), bob signed out (no value), carol signed out with a hive held by another process; the Default profile without it',
  userProfiles: [
    { sid: ALICE, path: 'C:\\Users\\alice', loaded: true, registry: [{ path: KEY, name: 'Telemetry', kind: 'DWord', value: 1 }] },
    { sid: BOB, path: 'C:\\Users\\bob' },
    { sid: CAROL, path: 'C:\\Users\\carol', loadError: 'ERROR: The process cannot access the file because it is being used by another process.' },
  ],
  defaultUser: {},
};

describe('step room: registryValue in every user profile (HKCU from SYSTEM)', function () {
  this.timeout(120_000);

  it('runs as SYSTEM; only for HKCU; the Default profile only with every profile', () => {
    const step = registryValue({ id: 'v', path: `HKCU:\\${KEY}`, name: 'Telemetry', type: 'DWord', value: 0, profiles: 'all', defaultProfile: true });
    assert.equal(registryValueRoom.contextOf(step), 'system');
    assert.deepEqual(issues(step), []);
    assert.deepEqual(issues({ ...step, path: 'HKLM:\\SOFTWARE\\X' }), ["profiles: profiles 'all' applies to HKCU values (a user's hive); this step has none: remove profiles"]);
    assert.deepEqual(issues({ ...step, profiles: undefined }), ["defaultProfile: defaultProfile needs profiles: 'all' (or 'allSignedOut'): the Default profile is reached from SYSTEM, with the others"]);
    assert.match(registryValueRoom.explain(step).detects, /in every user profile on the device and the Default profile \(new users\), from SYSTEM$/);
  });

  const remediation = defineRemediation({
    id: 'every-profile',
    displayName: 'every profile',
    description: 'A policy value in every user profile and the Default profile.',
    publisher: 'spec',
    context: 'system',
    steps: [registryValue({ id: 'telemetry-off', path: `HKCU:\\${KEY}`, name: 'Telemetry', type: 'DWord', value: 0, profiles: 'all', defaultProfile: true })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('detection counts profiles: each wrong one with what is there, the skipped one with why; nothing changed', async () => {
    const run = await new Device(users).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(stripBuild(run.output[0]), "NON-COMPLIANT every-profile: 1 of 1 settings wrong: telemetry-off (is 4 profile(s): 3 wrong (alice DWord 1 (0x1), bob missing (no key), Default missing (no key)), 0 as wanted, 1 skipped: carol (reg load of C:\\Users\\carol\\NTUSER.DAT failed (exit 1): ERROR: The process cannot access the file because it is being used by another process.), want DWord 0 (0x0) in every profile)");
    assert.deepEqual(run.actions, []);
    const mounts = run.calls.filter((c) => c.Seam === 'Mount-RgUserHive' || c.Seam === 'Dismount-RgUserHive').map((c) => `${c.Seam} ${String(c.Arguments.Name)}`);
    assert.deepEqual(mounts, [`Mount-RgUserHive remgen_${BOB}`, `Dismount-RgUserHive remgen_${BOB}`, `Mount-RgUserHive remgen_${CAROL}`, 'Mount-RgUserHive remgen_Default', 'Dismount-RgUserHive remgen_Default'], 'every hive loaded is unloaded again; one that failed to load is not unloaded');
  });

  it('remediation writes the signed-in user\'s hive through HKU\\<SID>, bob\'s and the Default hive loaded and unloaded again; compliant with carol skipped; a second run changes nothing', async () => {
    const device = new Device(users, { continues: true });
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(stripBuild(fix.output[0]), /^REMEDIATED every-profile: fixed 1 of 1 settings \(telemetry-off\); all compliant now$/);
    assert.ok(fix.state.registry.some((e) => e.path === `HKU\\${ALICE}\\${KEY}` && e.name === 'Telemetry' && e.value === 0));
    assert.ok(!fix.state.keys.some((k) => k.startsWith('HKU\\remgen_')), 'no hive left loaded');
    const hives = JSON.stringify(fix.state.carried.UserHives);
    assert.match(hives, /bob\\\\NTUSER\.DAT","Registry":\[\{"Path":"Software\\\\Policies\\\\Contoso\\\\Agent","Name":"Telemetry","Kind":"DWord","Value":0\}\]/);
    assert.match(hives, /Default\\\\NTUSER\.DAT","Registry":\[\{"Path":"Software\\\\Policies\\\\Contoso\\\\Agent","Name":"Telemetry","Kind":"DWord","Value":0\}\]/);
    const again = await device.run(scripts.detect);
    assert.equal(again.exitCode, 0, again.output.join('\n'));
    assert.match(stripBuild(again.output[0]), /^COMPLIANT every-profile: all 1 settings compliant$/);
    const third = await device.run(scripts.remediate);
    assert.ok(!third.calls.some((c) => c.Seam === 'Write-RgRegistryData' && c.Arguments.Name === 'Telemetry'), 'nothing written again');
  });

  it('a hive that cannot be unloaded is an error, not a success', async () => {
    const stuck: DeviceProfileProps = { ...users, userProfiles: [{ sid: BOB, path: 'C:\\Users\\bob', unloadError: 'ERROR: Access is denied.' }] };
    const run = await new Device(stuck).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /telemetry-off \(error: reg unload of HKU\\remgen_S-1-5-21-1004336348-1177238915-682003330-1002 failed \(exit 1\): ERROR: Access is denied\.\)/);
  });

  it('-WhatIf loads hives to read them but writes nothing', async () => {
    const run = await new Device(users).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.ok(!run.calls.some((c) => c.Seam === 'Write-RgRegistryData' && c.Arguments.Name === 'Telemetry'));
    assert.equal(run.host.filter((l) => /What if: Performing the operation "Set to DWord 0 \(0x0\)"/.test(l)).length, 3, run.host.join('\n'));
  });
});
