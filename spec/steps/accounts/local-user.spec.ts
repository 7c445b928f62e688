/**
 * The localUser room (setting): a local account present or absent, enabled or disabled, by name or RID, on
 * simulated devices whose local users the profile lists. Never creates an account, never writes a password.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { LocalUser } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { localUser, localUserRoom } from '../../../generator/steps/accounts/local-user.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (step: Parameters<typeof localUserRoom.check>[0]): string[] => {
  const found: string[] = [];
  localUserRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const changes = (run: Simulation) => run.calls.filter((c) => /^(Set-RgLocalUserEnabled|Remove-RgLocalUser)$/.test(c.Seam)).map((c) => `${c.Seam} ${String(c.Arguments.Sid).split('-').at(-1)}`);
const users = (run: Simulation) => (run.state.carried.LocalUsers ?? []) as { Name: string; Sid: string; Enabled: boolean }[];

describe('step room: localUser (rules)', () => {
  it('category, context, the step table', () => {
    assert.equal(localUserRoom.category, 'setting');
    const step = localUser({ id: 'u', rid: 500, enabled: false });
    assert.equal(localUserRoom.contextOf(step), 'system');
    assert.deepEqual(localUserRoom.toData(step), { UserName: '', Rid: 500, Want: 'Present', Enabled: 'Disabled' });
    assert.deepEqual(localUserRoom.toData(localUser({ id: 'u', name: 'olduser', state: 'absent' })), { UserName: 'olduser', Rid: 0, Want: 'Absent', Enabled: '' });
  });

  it('check(): name and rid, a domain name, a low RID, deleting a built-in account, enabling Guest, enabled with absent', () => {
    assert.deepEqual(issues(localUser({ id: 'u', name: 'x', rid: 500 })), [': the localUser step "u" needs exactly one of name and rid (500 is the built-in Administrator)']);
    assert.match(issues(localUser({ id: 'u', name: 'CONTOSO\\bob' }))[0]!, /^name: name "CONTOSO\\\\bob" is not a local user name/);
    assert.match(issues(localUser({ id: 'u', rid: 42 }))[0]!, /^rid: rid 42 is not a local account's RID/);
    assert.deepEqual(issues(localUser({ id: 'u', rid: 500, state: 'absent' })), ['state: the built-in Administrator (RID 500) is built into Windows and cannot be deleted: use enabled: false instead']);
    assert.deepEqual(issues(localUser({ id: 'u', name: 'kiosk', state: 'absent', enabled: false })), ["enabled: an absent account is neither enabled nor disabled: leave enabled out with state 'absent'"]);
    assert.deepEqual(issues(localUser({ id: 'u', rid: 501, enabled: false })), []);
    assert.deepEqual(issues(localUser({ id: 'u', rid: 501, enabled: true })), ["enabled: Guest (RID 501) is meant to stay disabled (Guest signs in without a password; DefaultAccount and WDAGUtilityAccount are Windows' own): use enabled: false, or leave enabled out"]);
    assert.deepEqual(issues(localUser({ id: 'u', rid: 500, enabled: true })), []);
  });

  it('explain() in plain words; the room has no password anywhere', () => {
    assert.deepEqual(localUserRoom.explain(localUser({ id: 'u', rid: 500, enabled: false })), {
      detects: 'the built-in Administrator (RID 500) exists and is disabled (a device without it fails: remgen never creates accounts)',
      changes: 'disables the account (Disable-LocalUser); never sets a password',
    });
    for (const file of ['templates/steps/accounts/local-user-set.ps1', 'templates/runtime/accounts-write.ps1']) {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /-Password|SecureString|New-LocalUser|SetPassword/i, file);
    }
  });
});

describe('step room: localUser (setting), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'local-user-room', displayName: 'localUser room', description: 'Built-in Administrator off, Guest off, the old kiosk account gone.', publisher: 'spec', context: 'system',
    steps: [
      localUser({ id: 'admin-off', rid: 500, enabled: false }),
      localUser({ id: 'guest-off', rid: 501, enabled: false }),
      localUser({ id: 'no-kiosk', name: 'kiosk', state: 'absent' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  // A renamed built-in Administrator: found by its RID, whatever it is called.
  const healthy: LocalUser[] = [{ name: 'Admin-Contoso', rid: 500, enabled: false }, { name: 'Invité', rid: 501, enabled: false }, { name: 'support', rid: 1001 }];
  const broken: LocalUser[] = [{ name: 'Admin-Contoso', rid: 500 }, { name: 'Invité', rid: 501, enabled: false }, { name: 'Kiosk', rid: 1002 }];

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant (a renamed Administrator and a French Guest found by RID): nothing changed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', localUsers: healthy });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.deepEqual(changes(await device.run(scripts.remediate)), []);
  });

  it('non-compliant: the Administrator disabled, the kiosk account deleted (name case-insensitive); a second run changes nothing', async () => {
    const device = new Device({ name: 'wrong', description: 'spec', localUsers: broken }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /2 of 3 settings wrong: admin-off \(is Admin-Contoso Enabled, want Disabled\); no-kiosk \(is Kiosk Enabled, want Absent\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(changes(fix), ['Set-RgLocalUserEnabled 500', 'Remove-RgLocalUser 1002']);
    assert.deepEqual(users(fix).map((u) => `${u.Name}=${String(u.Enabled)}`), ['Admin-Contoso=false', 'Invité=false']);
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual(changes(again), []);
  });

  it('a missing account that must be present is reported, never created', async () => {
    const run = await new Device({ name: 'no-guest', description: 'spec', localUsers: [healthy[0]!] }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /guest-off.*does not exist; remgen does not create accounts/);
  });

  it('faults: access denied deleting, a throwing read; no stderr', async () => {
    const denied = await new Device({ name: 'denied', description: 'spec', localUsers: [healthy[0]!, healthy[1]!, { name: 'kiosk', writeError: 'Access is denied.' }] }).run(scripts.remediate);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /no-kiosk.*Access is denied\./);
    assert.deepEqual(denied.errors, []);
    const throws = await new Device({ name: 'throws', description: 'spec', localUsers: healthy, faults: { throws: { 'Get-RgLocalUser': 'The RPC server is unavailable.' } } }).run(scripts.detect);
    assert.equal(throws.exitCode, 1);
    assert.match(throws.output[0]!, /admin-off \(error: The RPC server is unavailable\.\)/);
  });

  it('-WhatIf: says what it would change, changes nothing', async () => {
    const run = await new Device({ name: 'wrong', description: 'spec', localUsers: broken }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(changes(run), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('local user Kiosk') && l.includes('Delete')), run.host.join('\n'));
  });
});
