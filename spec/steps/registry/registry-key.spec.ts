/** registryKey, and registryValue's state 'absent': the rules, then the generated scripts on simulated registries. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { registryKey, registryKeyRoom } from '../../../generator/steps/registry/registry-key.ts';
import { registryValue, registryValueRoom } from '../../../generator/steps/registry/registry-value.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issuesOf = <S>(room: { check(step: S, issue: (path: readonly (string | number)[], message: string) => void): void }, step: S): string[] => {
  const found: string[] = [];
  room.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const POLICY = 'HKLM:\\SOFTWARE\\Policies\\Contoso\\Agent';
const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Contoso\\Agent';

describe('step rooms: registryValue absent, registryKey', function () {
  this.timeout(120_000);

  describe('rules', () => {
    it("registryValue state 'absent' takes no type or value; present needs both", () => {
      assert.deepEqual(issuesOf(registryValueRoom, registryValue({ id: 'a', path: POLICY, name: 'Legacy', state: 'absent' })), []);
      assert.deepEqual(issuesOf(registryValueRoom, registryValue({ id: 'a', path: POLICY, name: 'Legacy', state: 'absent', type: 'DWord', value: 1 })), [
        "type: state 'absent' takes no type: a value that must not exist has no kind; remove type",
        "value: state 'absent' takes no value: a value that must not exist has no data; remove value",
      ]);
      assert.deepEqual(issuesOf(registryValueRoom, registryValue({ id: 'a', path: POLICY, name: 'Legacy' })), [
        ": a registry value that must be present needs type (e.g. 'DWord') and value; or set state: 'absent' to remove it",
      ]);
      assert.deepEqual(issuesOf(registryValueRoom, registryValue({ id: 'a', path: POLICY, name: 'Legacy', type: 'DWord' })), ['type: a registry value of type DWord needs value: the data it must hold']);
    });

    it('the absent value explains itself and keeps the step data of a present one unchanged', () => {
      const step = registryValue({ id: 'a', path: POLICY, name: 'Legacy', state: 'absent' });
      assert.equal(registryValueRoom.title(step), `${POLICY}\\Legacy is absent`);
      assert.deepEqual(registryValueRoom.explain(step), { detects: `${POLICY}\\Legacy (64-bit view) does not exist`, changes: 'deletes the value when it is there, keeping the key and its other values' });
      assert.deepEqual(registryValueRoom.toData(step), { Hive: 'HKLM', SubKey: 'SOFTWARE\\Policies\\Contoso\\Agent', Name: 'Legacy', View: 64, RestartRequired: false, Want: 'Absent', Type: '', Value: null });
      assert.ok(!('Want' in registryValueRoom.toData(registryValue({ id: 'p', path: POLICY, name: 'X', type: 'DWord', value: 1 }))));
    });

    it('registryKey: the path rules of every registry step, and no top-level key Windows needs deleted', () => {
      assert.deepEqual(issuesOf(registryKeyRoom, registryKey({ id: 'k', path: POLICY, state: 'absent' })), []);
      assert.deepEqual(issuesOf(registryKeyRoom, registryKey({ id: 'k', path: 'HKLM:\\SOFTWARE\\Policies', state: 'present' })), []);
      for (const path of ['HKLM:\\SOFTWARE', 'HKLM:\\SOFTWARE\\Policies', 'HKLM:\\SOFTWARE\\Microsoft\\Windows', 'HKCU:\\Software\\Microsoft', 'HKLM:\\SYSTEM\\CurrentControlSet']) {
        assert.equal(issuesOf(registryKeyRoom, registryKey({ id: 'k', path, state: 'absent' })).length, 1, path);
      }
      assert.match(issuesOf(registryKeyRoom, registryKey({ id: 'k', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\X', state: 'absent' }))[0]!, /must start with HKLM:\\ or HKCU:\\/);
      assert.equal(registryKeyRoom.contextOf(registryKey({ id: 'k', path: 'HKCU:\\Software\\Contoso', state: 'absent' })), 'user');
      assert.equal(registryKeyRoom.contextOf(registryKey({ id: 'k', path: POLICY, state: 'absent' })), 'system');
    });
  });

  describe('in the engine', () => {
    const remediation = defineRemediation({
      id: 'absent-room',
      displayName: 'absent values and keys',
      description: 'A policy value removed, a legacy key gone, a key that must exist.',
      publisher: 'spec',
      context: 'system',
      steps: [
        registryValue({ id: 'legacy-value', path: POLICY, name: 'LegacyMode', state: 'absent' }),
        registryKey({ id: 'legacy-key', path: 'HKLM:\\SOFTWARE\\Contoso\\Legacy', state: 'absent' }),
        registryKey({ id: 'agent-key', path: 'HKLM:\\SOFTWARE\\Contoso\\Agent', state: 'present', view: 32 }),
      ],
    });
    let scripts: { detect: string; remediate: string };
    before(async () => { scripts = await intuneScripts(remediation); });

    const broken: DeviceProfileProps = {
      name: 'broken',
      description: 'the policy value and the legacy key (with a subkey) are there; the agent key is not',
      registry: [
        { path: POLICY_KEY, name: 'LegacyMode', kind: 'DWord', value: 1 },
        { path: POLICY_KEY, name: 'Keep', kind: 'String', value: 'yes' },
        { path: 'HKLM\\SOFTWARE\\Contoso\\Legacy\\Sub', name: 'X', kind: 'DWord', value: 2 },
        { path: 'HKLM\\SOFTWARE\\Contoso\\Legacy2', name: 'Y', kind: 'DWord', value: 3 },
      ],
    };

    it('healthy (no value, no legacy key, the agent key in the 32-bit view): compliant, nothing written', async () => {
      const run = await new Device({ name: 'healthy', description: 'spec', keys: ['HKLM\\SOFTWARE\\WOW6432Node\\Contoso\\Agent', POLICY_KEY] }).run(scripts.remediate);
      assert.equal(stripBuild(run.output[0]), 'COMPLIANT absent-room: nothing to change, all 3 settings compliant');
      assert.deepEqual(run.calls.filter((c) => /^(Remove|New|Write)-/.test(c.Seam) && !/remgen/.test(JSON.stringify(c.Arguments))).map((c) => c.Seam), []);
    });

    it('broken: detection names each; remediation deletes the value (key and its other value kept), the key tree (not its sibling), creates the key; a second run changes nothing', async () => {
      const device = new Device(broken);
      const detect = await device.run(scripts.detect);
      assert.equal(detect.exitCode, 1);
      assert.match(detect.output[0]!, /legacy-value \(is DWord 1 \(0x1\), want absent\)/);
      assert.match(detect.output[0]!, /legacy-key \(is present \(1 subkey\(s\)\), want absent\)/);
      assert.match(detect.output[0]!, /agent-key \(is absent, want present\)/);
      const fix = await device.run(scripts.remediate);
      assert.equal(fix.exitCode, 0, fix.output.join('\n'));
      assert.match(stripBuild(fix.output[0]), /^REMEDIATED absent-room: fixed 3 of 3 settings/);
      const keys = fix.state.keys;
      assert.ok(!keys.some((k) => /Contoso\\Legacy(\\|$)/.test(k)), keys.join('\n'));
      assert.ok(keys.includes('HKLM\\SOFTWARE\\Contoso\\Legacy2'));
      assert.ok(keys.includes('HKLM\\SOFTWARE\\WOW6432Node\\Contoso\\Agent'));
      assert.deepEqual(fix.state.registry.filter((e) => e.path === POLICY_KEY).map((e) => e.name), ['Keep']);
      const again = await device.run(scripts.remediate);
      assert.equal(stripBuild(again.output[0]), 'COMPLIANT absent-room: nothing to change, all 3 settings compliant');
    });

    it('-WhatIf deletes nothing; access denied on the policy key fails that step only', async () => {
      const whatIf = await new Device(broken).run(scripts.remediate, { parameters: { WhatIf: true } });
      assert.equal(whatIf.exitCode, 1);
      assert.deepEqual(whatIf.calls.filter((c) => /^Remove-/.test(c.Seam)), []);
      const denied = await new Device({ ...broken, faults: { accessDenied: [{ key: POLICY_KEY, access: 'Write' }] } }).run(scripts.remediate);
      assert.equal(denied.exitCode, 1);
      assert.match(stripBuild(denied.output[0]), /^FAILED absent-room: 1 of 3 settings still wrong: legacy-value \(error: Access to the registry key 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Contoso\\Agent' is denied\.\)/);
    });
  });
});
