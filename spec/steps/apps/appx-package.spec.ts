/**
 * appxPackage: a setting on an AppX package (installed for the user or every user, provisioned for new
 * profiles, present or absent), on simulated devices whose packages the profile lists.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { appxPackage, appxPackageRoom, type AppxPackageProps } from '../../../generator/steps/apps/appx-package.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const problems = (props: Partial<AppxPackageProps>): string[] => {
  const found: string[] = [];
  appxPackageRoom.check(appxPackage({ id: 'a', state: 'absent', ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const carried = (run: Simulation) => (run.state.carried.AppxPackages ?? []) as { Name: string; CurrentUser: boolean; OtherUsers: boolean; Provisioned: boolean }[];

describe('step room: appxPackage (rules)', () => {
  it('a setting; context from the scope; the step table', () => {
    assert.equal(appxPackageRoom.category, 'setting');
    assert.equal(appxPackageRoom.contextOf(appxPackage({ id: 'a', name: 'Microsoft.BingNews', state: 'absent' })), 'user');
    const step = appxPackage({ id: 'a', familyName: 'Microsoft.BingWeather_8wekyb3d8bbwe', scope: 'allUsers', provisioned: true, state: 'absent' });
    assert.equal(appxPackageRoom.contextOf(step), 'system');
    assert.deepEqual(appxPackageRoom.toData(step), { Name: 'Microsoft.BingWeather', FamilyName: 'Microsoft.BingWeather_8wekyb3d8bbwe', AllUsers: true, Provisioned: true, Want: 'Absent' });
  });

  it('check(): a wildcard matching everything or every Microsoft package, a package Windows needs, neither or both names, provisioning a present one', () => {
    assert.match(problems({ name: '*' })[0]!, /matches every package/);
    assert.match(problems({ name: 'Microsoft.*' })[0]!, /matches every package \(or every Microsoft one\)/);
    assert.match(problems({ name: 'Microsoft.VCLibs*' })[0]!, /matches Microsoft\.VCLibs\.140\.00, a package Windows needs/);
    assert.match(problems({ name: 'Microsoft.WindowsStore' })[0]!, /a package Windows needs/);
    assert.match(problems({})[0]!, /needs exactly one of name and familyName/);
    assert.match(problems({ familyName: 'Microsoft.BingWeather' })[0]!, /is not a family name/);
    assert.match(problems({ name: 'Contoso.App', state: 'present', provisioned: true })[0]!, /does not install or provision packages/);
    assert.deepEqual(problems({ name: 'Microsoft.Xbox*' }), []);
    assert.deepEqual(problems({ name: 'Microsoft.WindowsStore', state: 'present' }), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(appxPackageRoom.explain(appxPackage({ id: 'a', name: 'Microsoft.BingNews', scope: 'allUsers', provisioned: true, state: 'absent' })), {
      detects: 'the AppX package Microsoft.BingNews is not installed for any user on the device and not provisioned for new profiles',
      changes: 'removes it for every user (Remove-AppxPackage -AllUsers) and removes its provisioning (Remove-AppxProvisionedPackage -Online)',
    });
  });
});

describe('step room: appxPackage, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'appx-room', displayName: 'appxPackage room', description: 'No consumer news and Xbox apps for anyone.', publisher: 'spec', context: 'system',
    steps: [
      appxPackage({ id: 'no-news', name: 'Microsoft.BingNews', scope: 'allUsers', provisioned: true, state: 'absent' }),
      appxPackage({ id: 'no-xbox', name: 'Microsoft.Xbox*', scope: 'allUsers', state: 'absent' }),
      appxPackage({ id: 'store-there', name: 'Microsoft.WindowsStore', scope: 'allUsers', state: 'present' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const store = { name: 'Microsoft.WindowsStore', version: '22310.1401.5.0' };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (the AppX cmdlets only in seams, allowlisted with their builds)', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('compliant: only the Store; nothing removed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', appxPackages: [store] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.deepEqual([...calls(fix, 'Remove-RgAppxPackage'), ...calls(fix, 'Remove-RgAppxProvisionedPackage')], []);
  });

  it('non-compliant: news for another user and provisioned, two Xbox apps; provisioning removed first, then for every user; a second run changes nothing', async () => {
    const device = new Device({ name: 'consumer', description: 'spec', appxPackages: [
      store, { name: 'Microsoft.BingNews', version: '4.55.0.0', currentUser: false, otherUsers: true, provisioned: true },
      { name: 'Microsoft.XboxApp', version: '48.104.0.0' }, { name: 'Microsoft.XboxGamingOverlay', version: '7.124.0.0', otherUsers: true },
    ] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /no-news \(is installed: Microsoft\.BingNews_4\.55\.0\.0_x64__8wekyb3d8bbwe; provisioned: Microsoft\.BingNews_4\.55\.0\.0_neutral_~_8wekyb3d8bbwe, want not installed, not provisioned\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(fix.calls.filter((c) => c.Seam.startsWith('Remove-RgAppx')).map((c) => `${c.Seam} ${String(c.Arguments.PackageFullName ?? c.Arguments.PackageName).split('_')[0]} ${c.Arguments.AllUsers === true ? 'true' : ''}`), [
      'Remove-RgAppxProvisionedPackage Microsoft.BingNews ', 'Remove-RgAppxPackage Microsoft.BingNews true', 'Remove-RgAppxPackage Microsoft.XboxApp true', 'Remove-RgAppxPackage Microsoft.XboxGamingOverlay true',
    ]);
    assert.ok(carried(fix).filter((p) => p.Name !== 'Microsoft.WindowsStore').every((p) => !p.CurrentUser && !p.OtherUsers && !p.Provisioned));
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual(calls(again, 'Remove-RgAppxPackage'), []);
  });

  it('present but missing: reported, never installed', async () => {
    const fix = await new Device({ name: 'no-store', description: 'spec', appxPackages: [] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /store-there.*remgen does not install packages/);
  });

  it('a removal refused (access denied): the others still removed, the failure named', async () => {
    const fix = await new Device({ name: 'refused', description: 'spec', appxPackages: [store, { name: 'Microsoft.XboxApp', removeError: 'Access is denied.' }, { name: 'Microsoft.XboxIdentityProvider' }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.equal(calls(fix, 'Remove-RgAppxPackage').length, 2);
    assert.match(fix.output[0]!, /no-xbox.*could not remove Microsoft\.XboxApp_1\.0\.0\.0_x64__8wekyb3d8bbwe: Access is denied\./);
  });

  it('a seam that throws: an error in the summary, no stderr', async () => {
    const run = await new Device({ name: 'throws', description: 'spec', appxPackages: [store], faults: { throws: { 'Get-RgAppxProvisionedPackage': 'The service cannot be started, either because it is disabled.' } } }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /no-news.*The service cannot be started/);
    assert.deepEqual(run.errors, []);
  });

  it('-WhatIf: nothing removed', async () => {
    const run = await new Device({ name: 'xbox', description: 'spec', appxPackages: [store, { name: 'Microsoft.XboxApp' }] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Remove-RgAppxPackage'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Microsoft.XboxApp')), run.host.join('\n'));
  });
});

describe('step room: appxPackage for the current user, in the engine', function () {
  this.timeout(180_000);
  it('only the user\'s packages are read and removed, without -AllUsers', async () => {
    const { remediate } = await intuneScripts(defineRemediation({
      id: 'appx-user', displayName: 'appx user', description: 'No Solitaire for me.', publisher: 'spec', context: 'user',
      steps: [appxPackage({ id: 'no-solitaire', familyName: 'Microsoft.MicrosoftSolitaireCollection_8wekyb3d8bbwe', state: 'absent' })],
    }));
    const fix = await new Device({ name: 'solitaire', description: 'spec', appxPackages: [{ name: 'Microsoft.MicrosoftSolitaireCollection', otherUsers: true }] }).run(remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Remove-RgAppxPackage').map((c) => c.Arguments.AllUsers), [undefined]);
    assert.deepEqual(carried(fix).map((p) => [p.CurrentUser, p.OtherUsers]), [[false, true]]);
  });
});
