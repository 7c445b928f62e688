/**
 * The localGroupMember room (setting): members of a local group by SID, name or AzureAD\UPN, include or exactly,
 * on simulated devices whose groups hold what Entra-joined devices hold (role SIDs, orphaned SIDs), in English and
 * in French (the group names differ, the SIDs do not).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { SIMULATED_MACHINE_SID, type DeviceProfileProps, type LocalGroup } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { entraSid } from '../../../generator/steps/accounts/account-common.ts';
import { localGroupMember, localGroupMemberRoom } from '../../../generator/steps/accounts/local-group-member.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (step: Parameters<typeof localGroupMemberRoom.check>[0]): string[] => {
  const found: string[] = [];
  localGroupMemberRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const writes = (run: Simulation) => run.calls.filter((c) => /^(Add|Remove)-RgLocalGroupMember$/.test(c.Seam)).map((c) => `${c.Seam.startsWith('Add') ? '+' : '-'}${String(c.Arguments.Group)} ${String(c.Arguments.Member ?? c.Arguments.Sid)}`);
const membersOf = (run: Simulation, sid: string) => ((run.state.carried.LocalGroups ?? []) as { Sid: string; Members: { Sid: string }[] }[]).find((g) => g.Sid === sid)?.Members.map((m) => m.Sid).sort();

// What an Entra-joined device holds (docs/reference/windows-admin.md 2.3): two role SIDs, the joining user, plus an orphan.
const ADMIN = `${SIMULATED_MACHINE_SID}-500`;
const GLOBAL_ADMIN_ROLE = 'S-1-12-1-9004393-1283818314-846049430-1489853906';
const DEVICE_ADMIN_ROLE = 'S-1-12-1-1307019558-1095313948-1185333899-1455320757';
const JOINER = 'S-1-12-1-2095317891-1139386042-2566325150-3318526371';
const ORPHAN = 'S-1-5-21-2000478354-1960408961-1801674531-1234';
const DOMAIN_ADMINS = 'S-1-5-21-2000478354-1960408961-1801674531-512';
const HELPDESK_GROUP = entraSid('5e7c1b52-93a4-4f1e-a0d2-6b8c3f9e1a47');
const ALEX = 'S-1-12-1-1842391048-1277498031-1937615531-2911094533';

function device(language: 'en' | 'fr', admins: LocalGroup['members'], rdp: LocalGroup['members'] = []): DeviceProfileProps {
  return {
    name: `groups-${language}`, description: 'spec',
    localUsers: [{ name: language === 'fr' ? 'Administrateur' : 'Administrator', rid: 500, enabled: false }],
    localGroups: [
      { sid: 'S-1-5-32-544', name: language === 'fr' ? 'Administrateurs' : 'Administrators', members: admins },
      { sid: 'S-1-5-32-555', name: language === 'fr' ? 'Utilisateurs du Bureau à distance' : 'Remote Desktop Users', members: rdp },
    ],
    accounts: [{ name: 'AzureAD\\alex@contoso.com', sid: ALEX }, { name: 'CONTOSO\\Domain Admins', sid: DOMAIN_ADMINS }],
  };
}
const entraJoined = [{ sid: ADMIN }, { sid: GLOBAL_ADMIN_ROLE }, { sid: DEVICE_ADMIN_ROLE }, { sid: JOINER }, { sid: ORPHAN }, { sid: DOMAIN_ADMINS }];

describe('step room: localGroupMember (rules)', () => {
  it('entraSid: the object ID read as four little-endian numbers (the Entra-join role of docs/reference/windows-admin.md 2.3)', () => {
    assert.equal(entraSid('d86d3bd0-18c2-4355-b878-a270ec390eb9'), 'S-1-12-1-3631037392-1129650370-1889695928-3104717292');
    assert.throws(() => entraSid('not-a-guid'), /is not an Entra object ID/);
  });

  it('category, context, the step table', () => {
    assert.equal(localGroupMemberRoom.category, 'setting');
    const step = localGroupMember({ id: 'g', group: 's-1-5-32-544', members: [HELPDESK_GROUP], mode: 'exactly' });
    assert.equal(localGroupMemberRoom.contextOf(step), 'system');
    assert.deepEqual(localGroupMemberRoom.toData(step), { Group: 'S-1-5-32-544', Members: [HELPDESK_GROUP], Mode: 'Exactly', Remove: [] });
  });

  it('check(): a well-known group by its English name, a bad SID, a bad AzureAD member, a duplicate, a member also removed, nothing to do', () => {
    assert.deepEqual(issues(localGroupMember({ id: 'g', group: 'Administrators', members: ['kiosk'] })), ["group: group \"Administrators\" has another name on a device in another language: write its SID 'S-1-5-32-544' instead"]);
    assert.match(issues(localGroupMember({ id: 'g', group: 'S-1-5-x', members: ['kiosk'] }))[0]!, /^group: group "S-1-5-x" is not a SID/);
    assert.match(issues(localGroupMember({ id: 'g', group: 'S-1-5-32-544', members: ['AzureAD\\Helpdesk'] }))[0]!, /^members\.0: member "AzureAD\\\\Helpdesk": an Entra user is 'AzureAD\\' and the UPN/);
    assert.deepEqual(issues(localGroupMember({ id: 'g', group: 'S-1-5-32-544', members: ['kiosk', 'Kiosk'], remove: ['kiosk'] })), [
      'members.1: member "Kiosk" is listed twice',
      'remove.0: member "kiosk" is both in members and in remove: keep it in one of them',
    ]);
    assert.match(issues(localGroupMember({ id: 'g', group: 'S-1-5-32-555', members: [] }))[0]!, /says nothing to do/);
    assert.deepEqual(issues(localGroupMember({ id: 'g', group: 'S-1-5-32-544', members: [], mode: 'exactly' })), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(localGroupMemberRoom.explain(localGroupMember({ id: 'g', group: 'S-1-5-32-544', members: [HELPDESK_GROUP], mode: 'exactly' })), {
      detects: `the local group Administrators (S-1-5-32-544) holds exactly Entra object ${HELPDESK_GROUP}; the built-in Administrator and Domain Admins are kept unless listed to remove (members read by SID, so orphaned and Entra members do not stop the check)`,
      changes: 'adds the missing members and removes the ones that must not be there, then reads the group again',
    });
  });
});

describe('step room: localGroupMember (setting), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'local-group-room', displayName: 'localGroupMember room', description: 'Admins exactly the helpdesk group; Alex may use Remote Desktop.', publisher: 'spec', context: 'system',
    steps: [
      localGroupMember({ id: 'admins', group: 'S-1-5-32-544', members: [HELPDESK_GROUP], mode: 'exactly' }),
      localGroupMember({ id: 'rdp-alex', group: 'S-1-5-32-555', members: ['AzureAD\\alex@contoso.com'] }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant: the built-in Administrator and Domain Admins kept beside the helpdesk group; nothing changed', async () => {
    const ok = new Device(device('en', [{ sid: ADMIN }, { sid: HELPDESK_GROUP }, { sid: DOMAIN_ADMINS }], [{ sid: ALEX }]));
    const detect = await ok.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.deepEqual(writes(await ok.run(scripts.remediate)), []);
  });

  it('an Entra-joined device with an orphaned SID: read without failing, made exactly right by SID; Alex added by UPN; a second run changes nothing', async () => {
    const dev = new Device(device('en', entraJoined), { continues: true });
    const detect = await dev.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, new RegExp(`admins \\(is missing ${HELPDESK_GROUP}; also ${GLOBAL_ADMIN_ROLE}, ${DEVICE_ADMIN_ROLE}, ${JOINER}, ${ORPHAN}, want exactly ${HELPDESK_GROUP}\\); rdp-alex \\(is missing AzureAD\\\\alex@contoso.com, want includes AzureAD\\\\alex@contoso.com\\)`));
    const fix = await dev.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n') + fix.log.join('\n'));
    assert.deepEqual(writes(fix), [
      `+Administrators ${HELPDESK_GROUP}`, `-Administrators ${GLOBAL_ADMIN_ROLE}`, `-Administrators ${DEVICE_ADMIN_ROLE}`, `-Administrators ${JOINER}`, `-Administrators ${ORPHAN}`,
      `+Remote Desktop Users ${ALEX}`,
    ]);
    assert.deepEqual(membersOf(fix, 'S-1-5-32-544'), [ADMIN, DOMAIN_ADMINS, HELPDESK_GROUP].sort());
    const again = await dev.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual(writes(again), []);
  });

  it('remove: the built-in Administrator and Domain Admins go only when named; in include mode only the named ones go', async () => {
    const named = defineRemediation({ ...remediation, id: 'local-group-remove', steps: [
      localGroupMember({ id: 'admins', group: 'S-1-5-32-544', members: [HELPDESK_GROUP], mode: 'exactly', remove: [ADMIN, 'CONTOSO\\Domain Admins'] }),
      localGroupMember({ id: 'rdp', group: 'S-1-5-32-555', members: [], remove: [ORPHAN] }),
    ] });
    const s = await intuneScripts(named);
    const dev = new Device(device('en', [{ sid: ADMIN }, { sid: HELPDESK_GROUP }, { sid: DOMAIN_ADMINS }], [{ sid: ALEX }, { sid: ORPHAN }]), { continues: true });
    const fix = await dev.run(s.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(writes(fix), [`-Administrators ${ADMIN}`, `-Administrators ${DOMAIN_ADMINS}`, `-Remote Desktop Users ${ORPHAN}`]);
    assert.deepEqual(membersOf(fix, 'S-1-5-32-555'), [ALEX]);
    assert.deepEqual(writes(await dev.run(s.remediate)), []);
  });

  it('a French device: the groups found by SID under their French names (Administrateurs, Utilisateurs du Bureau a distance)', async () => {
    const dev = new Device(device('fr', [{ sid: ADMIN }, { sid: JOINER }]), { continues: true });
    const fix = await dev.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(writes(fix), [`+Administrateurs ${HELPDESK_GROUP}`, `-Administrateurs ${JOINER}`, `+Utilisateurs du Bureau \u00e0 distance ${ALEX}`]);
  });

  it('a name the device cannot resolve is tried by name and fails with what net.exe said; the group is not created', async () => {
    const unresolvable = defineRemediation({ ...remediation, id: 'local-group-unresolved', steps: [localGroupMember({ id: 'rdp-bob', group: 'S-1-5-32-555', members: ['AzureAD\\bob@contoso.com'] })] });
    const s = await intuneScripts(unresolvable);
    const detect = await new Device(device('en', [])).run(s.detect);
    assert.match(detect.output[0]!, /rdp-bob \(is missing AzureAD\\bob@contoso\.com \(no SID for this name on this device: write the SID\)/);
    const run = await new Device(device('en', [])).run(s.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /rdp-bob.*There is no such global user or group: AzureAD\\bob@contoso\.com/);
    const none = await new Device({ name: 'no-groups', description: 'spec' }).run(s.remediate);
    assert.match(none.output[0]!, /rdp-bob.*there is no local group S-1-5-32-555 on this device; remgen does not create groups/);
  });

  it('faults: access denied reading and writing; a throwing seam; no stderr', async () => {
    const profile = device('en', entraJoined);
    const denied = await new Device({ ...profile, localGroups: [{ ...profile.localGroups![0]!, readError: 'Access is denied.' }, profile.localGroups![1]!] }).run(scripts.detect);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /admins \(error: Access is denied\.\)/);
    const noWrite = await new Device({ ...profile, localGroups: [{ ...profile.localGroups![0]!, writeError: 'Access is denied.' }, profile.localGroups![1]!] }).run(scripts.remediate);
    assert.equal(noWrite.exitCode, 1);
    assert.match(noWrite.output[0]!, /admins.*Access is denied\./);
    assert.deepEqual(noWrite.errors, []);
    const throws = await new Device({ ...profile, faults: { throws: { 'Remove-RgLocalGroupMember': 'The network path was not found.' } } }).run(scripts.remediate);
    assert.equal(throws.exitCode, 1);
    assert.match(throws.output[0]!, /admins.*The network path was not found\./);
    assert.deepEqual(throws.errors, []);
  });

  it('-WhatIf: says what it would change, changes nothing', async () => {
    const run = await new Device(device('en', entraJoined)).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(writes(run), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('local group Administrators') && l.includes(`Remove ${ORPHAN} (${ORPHAN})`)), run.host.join('\n'));
  });
});
