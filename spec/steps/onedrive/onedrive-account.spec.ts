/**
 * oneDriveAccount: a probe (user context) of OneDrive's work or school sign-in, the 0x8004de40 symptom
 * (docs/reference/intune-configmgr.md 3.0, 3.4): OneDrive.exe in its three locations, then Business1's
 * UserEmail and ConfiguredTenantId under HKCU. Not installed passes: the error cannot occur.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { oneDriveAccount, oneDriveAccountRoom } from '../../../generator/steps/onedrive/onedrive-account.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { BUSINESS1, PER_MACHINE, PER_MACHINE_X86, PER_USER, signedIn, TENANT } from './onedrive-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

describe('step room: oneDriveAccount (probe)', () => {
  it('user context; the three documented locations and the Business1 key as data; no tenant by default', () => {
    const step = oneDriveAccount({ id: 'onedrive-signed-in' });
    assert.equal(oneDriveAccountRoom.category, 'probe');
    assert.equal(oneDriveAccountRoom.contextOf(step), 'user');
    assert.deepEqual(oneDriveAccountRoom.toData(step), {
      Locations: [PER_USER, '%ProgramFiles%\\Microsoft OneDrive\\OneDrive.exe', '%ProgramFiles(x86)%\\Microsoft OneDrive\\OneDrive.exe'],
      SubKey: 'Software\\Microsoft\\OneDrive\\Accounts\\Business1',
      TenantId: '',
    });
    assert.equal(oneDriveAccountRoom.title(step), 'OneDrive work or school account signed in');
    assert.equal(oneDriveAccountRoom.title(oneDriveAccount({ id: 'a', tenantId: TENANT })), `OneDrive work or school account signed in to tenant ${TENANT}`);
    assert.match(oneDriveAccountRoom.explain(step).detects, /its work or school account is signed in: HKCU.*Business1 has a UserEmail \(none means the sign-in never completed\); OneDrive not installed passes/);
  });

  it('tenantId must be a GUID (upper case accepted); a domain name is refused with the reason', () => {
    const found: string[] = [];
    const issue = (path: readonly (string | number)[], message: string) => found.push(`${path.join('.')}: ${message}`);
    oneDriveAccountRoom.check(oneDriveAccount({ id: 'a', tenantId: TENANT.toUpperCase() }), issue);
    assert.deepEqual(found, []);
    oneDriveAccountRoom.check(oneDriveAccount({ id: 'a', tenantId: 'contoso.com' }), issue);
    oneDriveAccountRoom.check(oneDriveAccount({ id: 'a', tenantId: '{8a6c1f2e-1b2c-4d3e-9f00-1234567890ab}' }), issue);
    assert.deepEqual(found, [
      "tenantId: tenantId \"contoso.com\" is not a GUID: write the tenant's ID as 8-4-4-4-12 hexadecimal digits, e.g. '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab' (a domain name such as contoso.com is not what OneDrive records)",
      "tenantId: tenantId \"{8a6c1f2e-1b2c-4d3e-9f00-1234567890ab}\" is not a GUID: write the tenant's ID as 8-4-4-4-12 hexadecimal digits, e.g. '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab' (a domain name such as contoso.com is not what OneDrive records)",
    ]);
  });
});

describe('step room: oneDriveAccount, in the engine (simulated devices)', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'onedrive-account-room',
    displayName: 'oneDriveAccount room',
    description: 'The OneDrive sign-in probe, any tenant and one tenant.',
    publisher: 'spec',
    context: 'user',
    steps: [oneDriveAccount({ id: 'signed-in' }), oneDriveAccount({ id: 'signed-in-to-contoso', tenantId: TENANT.toUpperCase() })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const detect = (profile: Partial<DeviceProfileProps>) => new Device({ name: 'onedrive', description: 'spec', ...profile }).run(scripts.detect);

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('OneDrive not installed: compliant, nothing to check, and the account key is not even read', async () => {
    const run = await detect({});
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT onedrive-account-room: all 2 checks passed');
    const looked = run.calls.filter((c) => c.Seam === 'Test-RgFile').map((c) => String(c.Arguments.Path));
    assert.equal(looked.length, 6, 'three locations, for each of the two steps');
    assert.match(looked[0]!, /[\\/]LocalAppData\\Microsoft\\OneDrive\\OneDrive\.exe$/, 'the per-run %LOCALAPPDATA%, expanded by the script');
    assert.deepEqual(looked.slice(1, 3), [PER_MACHINE, PER_MACHINE_X86]);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Get-RgRegistryData' && String(c.Arguments.SubKey).includes('OneDrive')), []);
    assert.ok(run.log.some((l) => l.includes('signed-in: compliant (OneDrive is not installed: nothing to check)')), run.log.join('\n'));
  });

  it('per-user install with Business1 signed in to the tenant: compliant, the e-mail address never printed nor logged', async () => {
    const run = await detect({ files: [PER_USER], registry: signedIn() });
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.ok(run.log.some((l) => l.includes(`signed-in-to-contoso: compliant (Business1 signed in (UserEmail set) to tenant ${TENANT})`)), run.log.join('\n'));
    assert.equal([...run.output, ...run.log].filter((l) => l.includes('adele.vance')).length, 0);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Get-RgRegistryData' && c.Arguments.SubKey === 'Software\\Microsoft\\OneDrive\\Accounts\\Business1').map((c) => c.Arguments.Name),
      ['UserEmail', 'ConfiguredTenantId', 'UserEmail', 'ConfiguredTenantId']);
  });

  it('per-machine install (Program Files), no account configured: the symptom, with the path and the key', async () => {
    const run = await detect({ files: [PER_MACHINE] });
    assert.equal(run.exitCode, 1);
    assert.equal(stripBuild(run.output[0]), 'NON-COMPLIANT onedrive-account-room: 2 of 2 checks failed: ' +
      `signed-in (is OneDrive installed at ${PER_MACHINE}, no work or school account signed in (${BUSINESS1} does not exist): the sign-in never completed, want a OneDrive work or school account (Business1) signed in); ` +
      `signed-in-to-contoso (is OneDrive installed at ${PER_MACHINE}, no work or school account signed in (${BUSINESS1} does not exist): the sign-in never completed, want a OneDrive work or school account (Business1) signed in to tenant ${TENANT.toUpperCase()})`);
  });

  it('per-machine x86 install, Business1 key present but without UserEmail (sign-in started, never completed): the symptom', async () => {
    const run = await detect({ files: [PER_MACHINE_X86], keys: [BUSINESS1] });
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, new RegExp(`signed-in \\(is OneDrive installed at ${PER_MACHINE_X86.replace(/[\\()]/g, '\\$&')}, no work or school account signed in \\(${BUSINESS1.replace(/\\/g, '\\\\')} has no UserEmail\\)`));
  });

  it('x86 only on 64-bit Windows: a 32-bit Windows has no %ProgramFiles(x86)%, so that location is skipped', async () => {
    const run = await detect({ files: [PER_MACHINE_X86], platform: { is64BitOperatingSystem: false, is64BitProcess: false } });
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(run.calls.filter((c) => c.Seam === 'Test-RgFile').length, 4, JSON.stringify(run.calls.filter((c) => c.Seam === 'Test-RgFile')));
  });

  it('signed in to another tenant: the tenant probe fails naming the tenant found, the any-tenant probe passes', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const run = await detect({ files: [PER_USER], registry: signedIn(other) });
    assert.equal(run.exitCode, 1);
    assert.equal(stripBuild(run.output[0]), `NON-COMPLIANT onedrive-account-room: 1 of 2 checks failed: signed-in-to-contoso (is Business1 signed in (UserEmail set) to tenant ${other}, want a OneDrive work or school account (Business1) signed in to tenant ${TENANT.toUpperCase()})`);
  });

  it('signed in but no ConfiguredTenantId: the tenant is unknown, not assumed', async () => {
    const run = await detect({ files: [PER_USER], registry: signedIn().filter((e) => e.name !== 'ConfiguredTenantId') });
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /signed-in-to-contoso \(is Business1 signed in \(UserEmail set\), tenant unknown \(no ConfiguredTenantId\), want/);
  });

  it('the account key cannot be read (access denied): an error with the key named, not "not signed in"', async () => {
    const run = await detect({ files: [PER_USER], registry: signedIn(), faults: { accessDenied: [{ key: 'HKCU\\Software\\Microsoft\\OneDrive', access: 'Read' }] } });
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, new RegExp(`signed-in \\(error: could not read ${BUSINESS1.replace(/\\/g, '\\\\')}: Requested registry access is not allowed\\.\\)`));
    assert.deepEqual(run.errors, [], 'nothing on stderr');
  });
});
