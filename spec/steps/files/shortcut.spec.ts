/**
 * shortcut: a .lnk on every user's desktop (system) or the user's own (user), present with its target,
 * arguments, working folder, icon and description, or absent; read and written through the WScript.Shell seams
 * (Get-RgShortcut, Set-RgShortcut; the folder from Get-RgSpecialFolder), on simulated devices whose desktop
 * holds shortcuts (stale target, extra arguments, access denied, a redirected desktop).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { shortcut, shortcutRoom, type ShortcutProps } from '../../../generator/steps/files/shortcut.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const PORTAL = '%ProgramFiles%\\Contoso\\Portal\\Portal.exe';
const PORTAL_PATH = 'C:\\Program Files\\Contoso\\Portal\\Portal.exe';
const LINK = 'C:\\Users\\Public\\Desktop\\Contoso Portal.lnk';
const OLD_LINK = 'C:\\Users\\Public\\Desktop\\Contoso Portal (old).lnk';
const problems = (props: Partial<ShortcutProps>): string[] => {
  const found: string[] = [];
  shortcutRoom.check(shortcut({ id: 's', name: 'Contoso Portal', target: PORTAL, ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const link = (run: Simulation, path: string) =>
  ((run.state.carried.FileSystem ?? []) as { Path: string; Shortcut?: Record<string, string> }[]).find((f) => f.Path.toLowerCase() === path.toLowerCase());

describe('step room: shortcut (rules)', () => {
  it('a setting; context from the desktop; the step table; explain()', () => {
    assert.equal(shortcutRoom.category, 'setting');
    const step = shortcut({ id: 's', name: 'Contoso Portal', target: PORTAL, arguments: '--profile work', icon: PORTAL, description: 'Contoso self-service portal' });
    assert.equal(shortcutRoom.contextOf(step), 'system');
    assert.equal(shortcutRoom.contextOf({ ...step, desktop: 'user' }), 'user');
    assert.deepEqual(shortcutRoom.toData(step), {
      Folder: 'CommonDesktopDirectory', Name: 'Contoso Portal', Want: 'Present', TargetPath: PORTAL, Arguments: '--profile work', WorkingDirectory: '', IconLocation: `${PORTAL},0`, Description: 'Contoso self-service portal',
    });
    assert.deepEqual(shortcutRoom.explain(step), {
      detects: `shortcut Contoso Portal on every user's desktop (%PUBLIC%\\Desktop) opens ${PORTAL} --profile work (icon ${PORTAL},0, description "Contoso self-service portal")`,
      changes: "creates Contoso Portal.lnk on every user's desktop (%PUBLIC%\\Desktop), or corrects the one there (WScript.Shell's CreateShortcut and Save), with these properties; properties not given are left as they are",
    });
  });

  it('check(): a target that is not absolute, arguments in the target, a user folder on every desktop, a bad name, absent with a target', () => {
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ target: 'Portal.exe' }), ['target: target "Portal.exe" is not an absolute path: start it with a drive (C:\\), a share (\\\\server\\share\\) or a variable (%ProgramFiles%\\)']);
    assert.match(problems({ target: '"C:\\Program Files\\Contoso\\Portal.exe" --work' })[0]!, /is not an absolute path.*\(arguments go in arguments, not in the target\)/);
    assert.match(problems({ target: '%LOCALAPPDATA%\\Contoso\\Portal.exe' })[0]!, /uses a user's folder variable on every user's desktop/);
    assert.deepEqual(problems({ target: '%LOCALAPPDATA%\\Contoso\\Portal.exe', desktop: 'user' }), []);
    assert.match(problems({ icon: 'portal.ico,2' })[0]!, /^icon: icon "portal.ico,2" is not an absolute path/);
    assert.match(problems({ workingDirectory: '.\\' })[0]!, /^workingDirectory: /);
    assert.match(problems({ name: 'Contoso\\Portal' })[0]!, /^name: name "Contoso\\\\Portal" is not a file name/);
    assert.match(problems({ name: 'Contoso Portal.lnk' })[0]!, /ends in \.lnk: write it without, e\.g\. "Contoso Portal"/);
    assert.match(problems({ target: undefined })[0]!, /^target: a present shortcut needs a target/);
    assert.match(problems({ state: 'absent' })[0]!, /^state: state absent with target/);
    assert.deepEqual(problems({ state: 'absent', target: undefined }), []);
  });
});

describe('step room: shortcut on every user\'s desktop, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'shortcut-room', displayName: 'shortcut room', description: 'The portal shortcut on every desktop; the old one gone.', publisher: 'spec', context: 'system',
    steps: [
      shortcut({ id: 'portal', name: 'Contoso Portal', target: PORTAL, arguments: '--profile work', icon: PORTAL, description: 'Contoso self-service portal' }),
      shortcut({ id: 'old-portal-gone', name: 'Contoso Portal (old)', state: 'absent' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const good = { targetPath: PORTAL_PATH, arguments: '--profile work', iconLocation: `${PORTAL_PATH},0`, description: 'Contoso self-service portal', workingDirectory: 'C:\\Program Files\\Contoso\\Portal' };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('healthy: compliant, nothing written (a working folder the step does not give is not compared)', async () => {
    const device = new Device({ name: 'ok', description: 'spec', fileSystem: [{ path: LINK, shortcut: good }] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.deepEqual([...calls(fix, 'Set-RgShortcut'), ...calls(fix, 'Remove-RgFileItem')], []);
  });

  it('missing: created at %PUBLIC%\\Desktop with every property; the old one deleted; a second run changes nothing', async () => {
    const device = new Device({ name: 'missing', description: 'spec', fileSystem: [{ path: OLD_LINK, shortcut: { targetPath: 'C:\\Program Files\\Contoso\\Old\\Portal.exe' } }] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /portal \(is absent \(C:\\Users\\Public\\Desktop\\Contoso Portal\.lnk\), want C:\\Program Files\\Contoso\\Portal\\Portal\.exe --profile work\)/);
    assert.match(detect.output[0]!, /old-portal-gone \(is present \(.*to C:\\Program Files\\Contoso\\Old\\Portal\.exe\), want absent\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, `${fix.output.join('\n')}\n${fix.log.join('\n')}`);
    assert.deepEqual(calls(fix, 'Set-RgShortcut')[0]!.Arguments, {
      Path: LINK, TargetPath: PORTAL_PATH, Arguments: '--profile work', WorkingDirectory: '', IconLocation: `${PORTAL_PATH},0`, Description: 'Contoso self-service portal',
    });
    assert.equal(link(fix, OLD_LINK), undefined);
    assert.equal((await device.run(scripts.detect)).exitCode, 0);
    const again = await device.run(scripts.remediate);
    assert.deepEqual([...calls(again, 'Set-RgShortcut'), ...calls(again, 'Remove-RgFileItem')], []);
  });

  it('partly wrong: a stale target and extra arguments corrected in place, the working folder kept', async () => {
    const device = new Device({ name: 'stale', description: 'spec', fileSystem: [{ path: LINK, shortcut: { ...good, targetPath: 'C:\\Program Files (x86)\\Contoso\\Portal.exe', arguments: '--profile work --debug' } }] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.match(detect.output[0]!, /portal \(is TargetPath C:\\Program Files \(x86\)\\Contoso\\Portal\.exe; Arguments --profile work --debug, want TargetPath C:\\Program Files\\Contoso\\Portal\\Portal\.exe; Arguments --profile work\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(link(fix, LINK)!.Shortcut, { TargetPath: PORTAL_PATH, Arguments: '--profile work', WorkingDirectory: 'C:\\Program Files\\Contoso\\Portal', IconLocation: `${PORTAL_PATH},0`, Description: 'Contoso self-service portal' });
  });

  it('one property wrong (only the description): not compliant, naming it; corrected', async () => {
    const device = new Device({ name: 'one-off', description: 'spec', fileSystem: [{ path: LINK, shortcut: { ...good, description: 'Old portal' } }] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1, detect.output.join('\n'));
    assert.match(detect.output[0]!, /portal \(is Description Old portal, want Description Contoso self-service portal\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(link(fix, LINK)!.Shortcut?.Description, 'Contoso self-service portal');
  });

  it('access denied writing the desktop: FAILED with the message; a seam that throws: an error, no stderr', async () => {
    const denied = await new Device({ name: 'denied', description: 'spec', fileSystem: [{ path: LINK, shortcut: { targetPath: 'C:\\Old.exe' }, writeError: "Access to the path 'C:\\Users\\Public\\Desktop\\Contoso Portal.lnk' is denied." }] }).run(scripts.remediate);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /portal .*is denied/);
    const throws = await new Device({ name: 'throws', description: 'spec', faults: { throws: { 'Get-RgShortcut': 'Class not registered (Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG))' } } }).run(scripts.detect);
    assert.equal(throws.exitCode, 1);
    assert.match(throws.output[0]!, /Class not registered/);
    assert.deepEqual(throws.errors, []);
  });

  it('-WhatIf: nothing written, the What if line names the shortcut', async () => {
    const run = await new Device({ name: 'missing', description: 'spec' }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Set-RgShortcut'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Contoso Portal.lnk')), run.host.join('\n'));
  });
});

describe('step room: shortcut on the user\'s desktop, in the engine', function () {
  this.timeout(180_000);
  it('a desktop redirected to OneDrive: the shortcut goes where Windows says the desktop is', async () => {
    const remediation = defineRemediation({
      id: 'shortcut-user', displayName: 'shortcut user', description: 'Notes on the user desktop.', publisher: 'spec', context: 'user',
      steps: [shortcut({ id: 'notes', name: 'Contoso Notes', desktop: 'user', target: '%LOCALAPPDATA%\\Programs\\Contoso Notes\\Notes.exe' })],
    });
    const { remediate } = await intuneScripts(remediation);
    const fix = await new Device({ name: 'redirected', description: 'spec', specialFolders: { DesktopDirectory: 'C:\\Users\\ada\\OneDrive - Contoso\\Desktop' } }).run(remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    const set = calls(fix, 'Set-RgShortcut')[0]!.Arguments;
    assert.equal(set.Path, 'C:\\Users\\ada\\OneDrive - Contoso\\Desktop\\Contoso Notes.lnk');
    assert.match(String(set.TargetPath), /LocalAppData\\Programs\\Contoso Notes\\Notes\.exe$/);
    assert.deepEqual(calls(fix, 'Get-RgSpecialFolder').map((c) => c.Arguments.Name), ['DesktopDirectory', 'DesktopDirectory', 'DesktopDirectory']);
  });
});
