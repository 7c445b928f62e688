/**
 * The installed-app rooms: installedApp (probe: an Add/Remove Programs entry, present or absent, at a
 * version compared as a version) and appUninstall (action: msiexec /x by product code or the quiet
 * uninstall string, exit codes 0 and 3010, verified by reading the uninstall keys again), on simulated
 * devices whose uninstall entries the profile writes (both registry views and HKCU) with their uninstallers.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { InstalledApp } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { splitCommandLine } from '../../../generator/engine/profile.ts';
import { installedApp, installedAppRoom } from '../../../generator/steps/apps/installed-app.ts';
import { appUninstall, appUninstallRoom } from '../../../generator/steps/apps/app-uninstall.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const uninstalls = (run: Simulation) => calls(run, 'Invoke-RgNativeCommand').map((c) => `${String(c.Arguments.FilePath)} ${(c.Arguments.ArgumentList as string[]).join(' ')}`);

const CODE_OLD = '{6F3A1B2C-0D4E-4F5A-8B9C-1D2E3F4A5B6C}';
const CODE_NEW = '{9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D}';
/** A 32-bit MSI build of the agent below 5.2 and the current 64-bit one, 7-Zip (NSIS, quiet string) and a user-scope app. */
const agent = (version: string, more: Partial<InstalledApp> = {}): InstalledApp => ({ displayName: 'Contoso Agent', displayVersion: version, publisher: 'Contoso Ltd.', key: CODE_OLD, scope: 'machine32', ...more });
const AGENT_NEW = agent('5.10.1', { key: CODE_NEW, scope: 'machine64' });
const ZIP: InstalledApp = { displayName: '7-Zip 19.00 (x64)', displayVersion: '19.00', publisher: 'Igor Pavlov', key: '7-Zip', quietUninstallString: '"C:\\Program Files\\7-Zip\\Uninstall.exe" /S', uninstallString: '"C:\\Program Files\\7-Zip\\Uninstall.exe"' };
const NOTES: InstalledApp = { displayName: 'Fabrikam Notes', displayVersion: '2.3', key: 'FabrikamNotes', scope: 'user', uninstallString: '"C:\\Users\\ada\\AppData\\Local\\Fabrikam\\unins000.exe"' };

describe('step rooms: installedApp, appUninstall (rules)', () => {
  it('categories, contexts by scope, the step table', () => {
    assert.equal(installedAppRoom.category, 'probe');
    assert.equal(appUninstallRoom.category, 'action');
    const probe = installedApp({ id: 'a', displayName: 'Contoso Agent', state: 'present', minimumVersion: '5.2' });
    assert.equal(installedAppRoom.contextOf(probe), 'system');
    assert.equal(installedAppRoom.contextOf(installedApp({ ...probe, scope: 'user' })), 'user');
    assert.deepEqual(installedAppRoom.toData(probe), { DisplayName: 'Contoso Agent', Publisher: '', Scope: 'Machine', BelowVersion: '', Want: 'Present', MinimumVersion: '5.2', ExactVersion: '' });
    assert.deepEqual(appUninstallRoom.toData(appUninstall({ id: 'u', displayName: 'Contoso Agent', belowVersion: '5.2', gate: { probes: ['a'] }, cooldown: 'P1D' })), {
      DisplayName: 'Contoso Agent', Publisher: '', Scope: 'Machine', BelowVersion: '5.2', Method: 'Auto', SilentArguments: [], SuccessExitCodes: [0, 3010], TimeoutSeconds: 900,
    });
  });

  it('check(): a wildcard matching everything, an uninstall with no silent way, versions that are not versions', () => {
    assert.deepEqual(issues((i) => installedAppRoom.check(installedApp({ id: 'a', displayName: '*', publisher: '**', state: 'absent', belowVersion: '5.x' }), i)), [
      "displayName: display name \"*\" matches every installed app: name the app, e.g. 'Contoso Agent' or 'Contoso Agent*'",
      'publisher: publisher "**" matches every publisher: leave publisher out instead',
      "belowVersion: belowVersion \"5.x\" is not a version: write one to four numbers with dots, e.g. '23.1' or '10.0.19045.1'",
    ]);
    assert.deepEqual(issues((i) => installedAppRoom.check(installedApp({ id: 'a', displayName: 'x', state: 'absent', minimumVersion: '2' }), i)), [
      "minimumVersion: a version to reach means nothing for an app that should be absent: to find old versions use belowVersion with state 'absent'",
    ]);
    const base = { id: 'u', displayName: 'Fabrikam Notes', gate: { probes: ['a'] }, cooldown: 'P1D' } as const;
    assert.deepEqual(issues((i) => appUninstallRoom.check(appUninstall({ ...base, method: 'uninstallString' }), i)), [
      "silentArguments: an UninstallString on its own runs the vendor's interactive uninstaller, which waits for a click nobody gives: add the vendor's silentArguments (e.g. ['/S'] or ['/quiet']), or use method 'msi' or 'quietUninstallString'",
    ]);
    assert.deepEqual(issues((i) => appUninstallRoom.check(appUninstall({ ...base, silentArguments: ['/S'] }), i)), [
      "silentArguments: silentArguments are added to the UninstallString only: use method 'uninstallString' or leave them out",
    ]);
    assert.deepEqual(issues((i) => appUninstallRoom.check(appUninstall({ ...base, method: 'uninstallString', silentArguments: ['/VERYSILENT'] }), i)), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(appUninstallRoom.explain(appUninstall({ id: 'u', displayName: 'Contoso Agent', belowVersion: '5.2', gate: { probes: ['no-old-agent'] }, cooldown: 'P1D' })), {
      detects: 'the app \'Contoso Agent\' below version 5.2 (the machine uninstall entries, 64- and 32-bit) is installed, while no-old-agent reports the symptom',
      changes: 'uninstalls every matching app with msiexec /x with its product code (a Windows Installer product) or its QuietUninstallString (at most once per 1 day; exit codes 0, 3010 count as success, 3010 asks for a restart), then reads the uninstall keys again to verify',
    });
  });

  it('the profile splits a quoted uninstall string as the script does', () => {
    assert.deepEqual(splitCommandLine('"C:\\Program Files\\7-Zip\\Uninstall.exe" /S'), { filePath: 'C:\\Program Files\\7-Zip\\Uninstall.exe', argumentList: ['/S'] });
    assert.deepEqual(splitCommandLine('C:\\Program Files\\Foo\\unins000.exe /SILENT "/LOG=C:\\a b.txt"'), { filePath: 'C:\\Program Files\\Foo\\unins000.exe', argumentList: ['/SILENT', '/LOG=C:\\a b.txt'] });
  });
});

describe('step room: installedApp (probe), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'installed-app-room', displayName: 'installedApp room', description: 'Agent current, no 7-Zip 9.', publisher: 'spec', context: 'system',
    steps: [
      installedApp({ id: 'agent-current', displayName: 'Contoso Agent', publisher: 'Contoso*', state: 'present', minimumVersion: '5.2' }),
      installedApp({ id: 'no-old-zip', displayName: '7-Zip*', state: 'absent', belowVersion: '10' }),
    ],
  });
  let detect: string;
  before(async () => { ({ detect } = await intuneScripts(remediation)); });

  it('the detection passes the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([detect])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('compliant: 5.10.1 is above 5.2 as versions (not as strings), 7-Zip 19.00 is not below 10', async () => {
    const run = await new Device({ name: 'ok', description: 'spec', installedApps: [AGENT_NEW, ZIP, NOTES] }).run(detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    // Both views were read; HKCU was not (machine scope).
    assert.deepEqual(calls(run, 'Get-RgRegistrySubKeyNames').map((c) => `${String(c.Arguments.Hive)} ${String(c.Arguments.View)}`), ['HKLM 64', 'HKLM 32', 'HKLM 64', 'HKLM 32']);
  });

  it('non-compliant: only 5.1.9 in the 32-bit view; an old 7-Zip 9.20 present', async () => {
    const run = await new Device({ name: 'old', description: 'spec', installedApps: [agent('5.1.9'), { ...ZIP, displayName: '7-Zip 9.20', displayVersion: '9.20' }] }).run(detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /agent-current \(is installed: Contoso Agent 5\.1\.9 \(HKLM 32-bit\), want installed, version 5\.2 or later\); no-old-zip \(is installed: 7-Zip 9\.20 9\.20 \(HKLM 64-bit\), want not installed\)/);
  });

  it('not installed, and a publisher that does not match, are both "not installed"', async () => {
    const run = await new Device({ name: 'none', description: 'spec', installedApps: [agent('6.0', { publisher: 'Fabrikam' })] }).run(detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /agent-current \(is not installed, want installed, version 5\.2 or later\)/);
  });

  it('a 32-bit Windows has no WOW6432Node: one view read', async () => {
    const run = await new Device({ name: 'x86', description: 'spec', platform: { is64BitOperatingSystem: false, is64BitProcess: false }, installedApps: [AGENT_NEW, ZIP] }).run(detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.deepEqual(calls(run, 'Get-RgRegistrySubKeyNames').map((c) => String(c.Arguments.View)), ['64', '64']);
  });

  it('access denied on the uninstall key: the reason, not "not installed"', async () => {
    const run = await new Device({ name: 'denied', description: 'spec', installedApps: [AGENT_NEW], faults: { accessDenied: [{ key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall', access: 'Read' }] } }).run(detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /agent-current.*Requested registry access is not allowed\./);
  });

  it('a seam that throws: an error in the summary, no stderr', async () => {
    const run = await new Device({ name: 'throws', description: 'spec', installedApps: [AGENT_NEW], faults: { throws: { 'Get-RgRegistrySubKeyNames': 'The device is not ready.' } } }).run(detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /The device is not ready\./);
    assert.deepEqual(run.errors, []);
  });
});

describe('step room: appUninstall (action) gated by installedApp, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'app-uninstall-room', displayName: 'appUninstall room', description: 'Remove agents below 5.2 and 7-Zip below 20.', publisher: 'spec', context: 'system',
    steps: [
      installedApp({ id: 'no-old-agent', displayName: 'Contoso Agent', state: 'absent', belowVersion: '5.2' }),
      appUninstall({ id: 'remove-old-agent', displayName: 'Contoso Agent', belowVersion: '5.2', gate: { probes: ['no-old-agent'] }, cooldown: 'P1D' }),
      installedApp({ id: 'no-old-zip', displayName: '7-Zip*', state: 'absent', belowVersion: '20' }),
      appUninstall({ id: 'remove-old-zip', displayName: '7-Zip*', belowVersion: '20', gate: { probes: ['no-old-zip'] }, cooldown: 'P1D' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('healthy: only the current agent; nothing uninstalled', async () => {
    const run = await new Device({ name: 'ok', description: 'spec', installedApps: [AGENT_NEW] }).run(scripts.remediate);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.deepEqual(uninstalls(run), []);
  });

  it('old agent (MSI, 32-bit) and old 7-Zip (NSIS): msiexec /x {code} /qn /norestart and the quiet string, never cmd; the current agent kept; a second run changes nothing', async () => {
    const device = new Device({ name: 'old', description: 'spec', installedApps: [agent('5.1.9'), AGENT_NEW, ZIP] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(uninstalls(fix), [`C:\\WINDOWS\\System32\\msiexec.exe /x ${CODE_OLD} /qn /norestart`, 'C:\\Program Files\\7-Zip\\Uninstall.exe /S']);
    assert.match(fix.output[0]!, /^REMEDIATED .*2 action\(s\) taken: remove-old-agent, remove-old-zip/);
    assert.ok(fix.state.registry.some((e) => e.path.endsWith(CODE_NEW) && e.name === 'DisplayName'), 'the 5.10.1 agent stays');
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual(uninstalls(again), []);
  });

  it('exit code 3010: success that asks for a restart (logged), verified by the keys', async () => {
    const fix = await new Device({ name: '3010', description: 'spec', installedApps: [agent('5.0', { uninstall: { exitCode: 3010 } })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.ok(fix.log.some((l) => l.includes('exit code 3010: a restart completes it')), fix.log.join('\n'));
  });

  it('an uninstaller that exits 0 but leaves the app: FAILED by the keys read again', async () => {
    const fix = await new Device({ name: 'stays', description: 'spec', installedApps: [agent('5.0', { uninstall: { exitCode: 0, leavesApp: true } })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.equal(uninstalls(fix).length, 1);
    assert.match(fix.output[0]!, /remove-old-agent \(is installed: Contoso Agent 5\.0 \(HKLM 32-bit\), want not installed\)/);
  });

  it('an exit code outside 0 and 3010 (1603) is an error naming it', async () => {
    const fix = await new Device({ name: '1603', description: 'spec', installedApps: [agent('5.0', { uninstall: { exitCode: 1603, leavesApp: true } })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /remove-old-agent.*the uninstaller exited with 1603/);
  });

  it('no silent way (no product code, no QuietUninstallString): not run, the reason says what to do', async () => {
    const fix = await new Device({ name: 'interactive', description: 'spec', installedApps: [{ ...ZIP, quietUninstallString: undefined }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(uninstalls(fix), []);
    assert.match(fix.output[0]!, /no silent way to uninstall 7-Zip 19\.00 \(x64\) 19\.00 \(HKLM 64-bit\).*give method uninstallString/);
  });

  it('-WhatIf: nothing run, no cooldown recorded', async () => {
    const run = await new Device({ name: 'old', description: 'spec', installedApps: [agent('5.1.9')] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(uninstalls(run), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('msiexec.exe /x')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'remove-old-agent.LastRunUtc'), undefined);
  });
});

describe('step room: appUninstall for a user-scope app (UninstallString with silent arguments), in the engine', function () {
  this.timeout(180_000);
  it('HKCU read, the UninstallString plus the vendor\'s arguments run', async () => {
    const remediation = defineRemediation({
      id: 'app-uninstall-user', displayName: 'appUninstall user', description: 'Remove Fabrikam Notes.', publisher: 'spec', context: 'user',
      steps: [
        installedApp({ id: 'no-notes', displayName: 'Fabrikam Notes', scope: 'user', state: 'absent' }),
        appUninstall({ id: 'remove-notes', displayName: 'Fabrikam Notes', scope: 'user', method: 'uninstallString', silentArguments: ['/VERYSILENT', '/NORESTART'], gate: { probes: ['no-notes'] }, cooldown: 'P1D' }),
      ],
    });
    const { remediate } = await intuneScripts(remediation);
    const device = new Device({
      name: 'notes', description: 'spec', installedApps: [NOTES],
      commands: [{ filePath: 'unins000.exe', argumentList: ['/VERYSILENT', '/NORESTART'], exitCode: 0, effects: { removesKeys: ['HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\FabrikamNotes'] } }],
    });
    const fix = await device.run(remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(uninstalls(fix), ['C:\\Users\\ada\\AppData\\Local\\Fabrikam\\unins000.exe /VERYSILENT /NORESTART']);
    assert.ok(calls(fix, 'Get-RgRegistrySubKeyNames').every((c) => c.Arguments.Hive === 'HKCU'));
  });
});
