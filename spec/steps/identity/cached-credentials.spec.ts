/**
 * cachedCredentials: the first action room. It also proves the action runtime: the gate (an action runs
 * only when its probes report the symptom), the cooldown remembered on the device, and verification by
 * listing again instead of trusting cmdkey's exit code.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { NativeCommand, RegistryEntry } from '../../../generator/model/profile.ts';
import { cachedCredentials, cachedCredentialsRoom } from '../../../generator/steps/identity/cached-credentials.ts';
import { windowsVersion } from '../../../generator/steps/system/windows-version.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

/** `cmdkey /list` as an English Windows prints it. */
const ENGLISH = [
  '',
  'Currently stored credentials:',
  '',
  '    Target: LegacyGeneric:target=OneDrive Cached Credential Business - Business1',
  '    Type: Generic ',
  '    User: 0123456789abcdef',
  '    Local machine persistence',
  '',
  '    Target: LegacyGeneric:target=MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001',
  '    Type: Generic ',
  '    User: MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001',
  '    Local machine persistence',
  '',
  '    Target: MicrosoftAccount:target=SSO_POP_Device',
  '    Type: Generic ',
  '    User: 02abcdef',
  '    Saved for this logon only',
  '',
];
/** The same store on a German Windows: the labels are translated, the `target=` token is not. */
const GERMAN = [
  '',
  'Derzeit gespeicherte Anmeldeinformationen:',
  '',
  '    Ziel: LegacyGeneric:target=OneDrive Cached Credential Business - Business1',
  '    Typ: Generisch ',
  '    Benutzer: 0123456789abcdef',
  '    Lokale Computerpersistenz',
  '',
  '    Ziel: MicrosoftAccount:target=SSO_POP_Device',
  '    Typ: Generisch ',
  '    Benutzer: 02abcdef',
  '    Nur f\u00fcr diese Anmeldung gespeichert',
  '',
];
const AFTER = ['', 'Currently stored credentials:', '', '    Target: MicrosoftAccount:target=SSO_POP_Device', '    Type: Generic ', '    User: 02abcdef', ''];

const list = (first: readonly string[], ...then: (readonly string[])[]): NativeCommand => ({
  filePath: 'cmdkey.exe', argumentList: ['/list'], exitCode: 0, output: first, then: then.map((output) => ({ exitCode: 0, output })),
});
const deleted = (target: string): NativeCommand => ({ filePath: 'cmdkey.exe', argumentList: [`/delete:${target}`], exitCode: 0, output: ['', 'Credential deleted successfully.'] });
const ONEDRIVE = 'OneDrive Cached Credential Business - Business1';
const OFFICE = 'MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001';
const CURRENT = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
/** The gate here is a build probe, so a profile switches the symptom on (old build) or off. */
const build = (number: string): RegistryEntry => ({ path: CURRENT, name: 'CurrentBuildNumber', kind: 'String', value: number });

describe('step room: cachedCredentials (action)', () => {
  it('defaults to the OneDrive and Office ADAL entries; refuses a pattern that matches everything', () => {
    const step = cachedCredentials({ id: 'clear', gate: { probes: ['p'] }, cooldown: 'P1D' });
    assert.deepEqual(cachedCredentialsRoom.toData(step), { Patterns: ['OneDrive Cached Credential*', 'MicrosoftOffice1?_Data:ADAL:*'] });
    assert.equal(cachedCredentialsRoom.contextOf(step), 'user');
    const found: string[] = [];
    cachedCredentialsRoom.check(cachedCredentials({ ...step, patterns: ['*'] }), (path, message) => found.push(`${path.join('.')}: ${message}`));
    assert.deepEqual(found, ["patterns.0: pattern \"*\" would match every cached credential; name the targets, e.g. 'OneDrive Cached Credential*'"]);
  });
});

describe('step room: cachedCredentials, in the engine (action gate, cooldown, verification)', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'credentials-room',
    displayName: 'cachedCredentials room',
    description: 'A gate probe and the action.',
    publisher: 'spec',
    context: 'user',
    steps: [
      windowsVersion({ id: 'symptom', minimumBuild: 22000 }),
      cachedCredentials({ id: 'clear-credentials', gate: { probes: ['symptom'] }, cooldown: 'P1D' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const deletes = (run: { calls: readonly { Seam: string; Arguments: Readonly<Record<string, unknown>> }[] }) =>
    run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand' && (c.Arguments.ArgumentList as string[])[0]!.startsWith('/delete:'))
      .map((c) => (c.Arguments.ArgumentList as string[])[0]);

  it('a healthy device (gate passes): not needed, nothing deleted, even though credentials are cached', async () => {
    const device = new Device({ name: 'ok', description: 'spec', registry: [build('22631')], commands: [list(ENGLISH)] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(deletes(fix), []);
  });

  it('the symptom present: detection names the matching entries (English cmdkey output)', async () => {
    const run = await new Device({ name: 'broken', description: 'spec', registry: [build('19045')], commands: [list(ENGLISH)] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, new RegExp(`clear-credentials \\(is 2 cached: ${ONEDRIVE}, ${OFFICE}, want no cached credential matching`));
  });

  it('a German Windows: the same entries are found by the untranslated target= token', async () => {
    const run = await new Device({ name: 'de', description: 'spec', registry: [build('19045')], commands: [list(GERMAN)] }).run(scripts.detect);
    assert.match(run.output[0]!, new RegExp(`clear-credentials \\(is 1 cached: ${ONEDRIVE},`));
  });

  it('the remediation deletes exactly the matching entries, verifies by listing again, remembers the run, and skips it inside the cooldown', async () => {
    const device = new Device({
      name: 'broken', description: 'spec', registry: [build('19045')], clock: '2026-12-01T08:00:00Z',
      commands: [list(ENGLISH, ENGLISH, AFTER), deleted(ONEDRIVE), deleted(OFFICE)],
    });
    const fix = await device.run(scripts.remediate);
    assert.deepEqual(deletes(fix), [`/delete:${ONEDRIVE}`, `/delete:${OFFICE}`]);
    assert.match(fix.output[0]!, /1 action\(s\) taken: clear-credentials/);
    // The build probe cannot be fixed, so the package still fails: an action fixes a cause, not every check.
    assert.equal(fix.exitCode, 1);
    const store = fix.state.registry.find((e) => e.name === 'clear-credentials.LastRunUtc');
    assert.equal(store?.path, 'HKCU\\SOFTWARE\\remgen\\credentials-room');
    assert.match(String(store?.value), /^2026-12-01T08:00:00/);
    assert.ok(fix.log.some((l) => l.includes('clear-credentials: running (2 cached:')));

    const again = await device.run(scripts.remediate);
    assert.deepEqual(deletes(again), [], 'inside the cooldown the action does not run again');
    assert.match(again.output[0]!, /clear-credentials in cooldown until 2026-12-02 08:00 UTC/);
  });

  it('after the cooldown it may run again', async () => {
    const lastRun: RegistryEntry = { path: 'HKCU\\SOFTWARE\\remgen\\credentials-room', name: 'clear-credentials.LastRunUtc', kind: 'String', value: '2026-11-29T08:00:00.0000000Z' };
    const run = await new Device({
      name: 'later', description: 'spec', registry: [build('19045'), lastRun], clock: '2026-12-01T08:00:00Z',
      commands: [list(ENGLISH, ENGLISH, AFTER), deleted(ONEDRIVE), deleted(OFFICE)],
    }).run(scripts.remediate);
    assert.equal(deletes(run).length, 2);
  });

  it('a delete that reports success but leaves the entry is not trusted: the step still fails', async () => {
    const run = await new Device({
      name: 'stubborn', description: 'spec', registry: [build('19045')],
      commands: [list(ENGLISH), deleted(ONEDRIVE), deleted(OFFICE)],
    }).run(scripts.remediate);
    assert.equal(deletes(run).length, 2);
    assert.match(stripBuild(run.output[0]), /^FAILED credentials-room: 2 of 2 checks still failed: .*clear-credentials \(is 2 cached/);
  });

  it('a last run more than a cooldown later than now (the clock was set back since) does not hold the action off: it runs, with a warning in the log', async () => {
    const future: RegistryEntry = { path: 'HKCU\\SOFTWARE\\remgen\\credentials-room', name: 'clear-credentials.LastRunUtc', kind: 'String', value: '2028-06-01T08:00:00.0000000Z' };
    const run = await new Device({
      name: 'clock set back', description: 'spec', registry: [build('19045'), future], clock: '2026-12-01T08:00:00Z',
      commands: [list(ENGLISH, ENGLISH, AFTER), deleted(ONEDRIVE), deleted(OFFICE)],
    }).run(scripts.remediate);
    assert.equal(deletes(run).length, 2);
    assert.ok(run.log.some((l) => l.includes('clear-credentials: the last run time 2028-06-01T08:00:00.0000000Z is more than a cooldown later than now; the clock was set back since')), run.log.join('\n'));
    assert.match(String(run.state.registry.find((e) => e.name === 'clear-credentials.LastRunUtc')?.value), /^2026-12-01T08:00:00/, 'the run is remembered at the right time');
  });

  it('a last run minutes later than now (a small step back of the clock) still counts: no second run inside the cooldown', async () => {
    const soon: RegistryEntry = { path: 'HKCU\\SOFTWARE\\remgen\\credentials-room', name: 'clear-credentials.LastRunUtc', kind: 'String', value: '2026-12-01T08:10:00.0000000Z' };
    const run = await new Device({
      name: 'clock a little back', description: 'spec', registry: [build('19045'), soon], clock: '2026-12-01T08:00:00Z',
      commands: [list(ENGLISH, ENGLISH, AFTER), deleted(ONEDRIVE), deleted(OFFICE)],
    }).run(scripts.remediate);
    assert.deepEqual(deletes(run), []);
    assert.match(run.output[0]!, /clear-credentials in cooldown until 2026-12-02 08:10 UTC/);
  });

  it('-WhatIf lists each deletion and deletes nothing, and does not start the cooldown', async () => {
    const run = await new Device({ name: 'broken', description: 'spec', registry: [build('19045')], commands: [list(ENGLISH)] })
      .run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(deletes(run), []);
    assert.equal(run.host.filter((l) => l.startsWith('What if: ') && l.includes('Credential Manager entry')).length, 2);
    assert.equal(run.state.registry.find((e) => e.name === 'clear-credentials.LastRunUtc'), undefined);
  });
});
