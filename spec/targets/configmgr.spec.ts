import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFiles, formatFinding } from '../../generator/lint/index.ts';
import { checkOutputBytes } from '../../generator/render/gate.ts';
import { PROGRAM_EXIT_CODES } from '../../generator/targets/configmgr.ts';
import type { DeviceProfile } from '../../generator/model/profile.ts';
import type { Catalog } from '../../generator/check/catalog.ts';
import { defineRemediation, registryValue } from '../../generator/descriptor/index.ts';
import type { Remediation } from '../../generator/descriptor/remediation.ts';
import { synthesize } from '../../generator/synthesize.ts';
import { ensureOsslsigncode, osslVerify } from '../sign/support/tools.ts';
import { assertSummaryLine, bundledProfile, Device, engine } from '../support/engine.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';
import { stripBuild } from '../support/summary-line.ts';

const FAKE_SITE = fileURLToPath(new URL('./configmgr-fake-site.ps1', import.meta.url));
const SCHANNEL_CLIENT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';

/**
 * The ConfigMgr package of the bundled tls descriptor, built by the real CLI on its defaults (signed with
 * the development certificate) in a scratch project whose copy of tls.ts names the configmgr target too.
 */
export function configMgrProject(): { project: ReturnType<typeof scratchProject>; dir: string; caFile: string } {
  const project = scratchProject(join(REPO, 'remediations'));
  const descriptor = join(project.catalog, 'tls.ts');
  const text = readFileSync(descriptor, 'utf8');
  assert.ok(text.includes("  context: 'system',\n"));
  writeFileSync(descriptor, text.replace("  context: 'system',\n", `  context: 'system',\n  targets: ['intune', 'configmgr'],\n`));
  const run = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const caFile = join(project.root, 'dev.pem');
  execFileSync('openssl', ['x509', '-inform', 'der', '-in', join(project.root, '.remgen', 'dev-signing.cer'), '-out', caFile]);
  return { project, dir: join(project.out, 'configmgr', 'tls'), caFile };
}

/**
 * The ConfigMgr files of a one-off remediation (the sibling of intuneScripts in spec/support/engine.ts),
 * synthesized in memory by the real pipeline, unsigned, written to a temp folder under their own names.
 */
export async function configMgrScripts(remediation: Remediation): Promise<{ dir: string; files: Map<string, string> }> {
  const catalog: Catalog = { remediations: [{ remediation, file: join(REPO, 'remediations', `${remediation.id}.ts`) }], bundles: [] };
  const synthesis = await synthesize(catalog, { catalogRoot: join(REPO, 'remediations'), generatorVersion: '0.0.0-spec' });
  const dir = mkdtempSync(join(tmpdir(), 'remgen-configmgr-'));
  const files = new Map<string, string>();
  for (const [path, bytes] of synthesis.files) {
    const prefix = `configmgr/${remediation.id}/`;
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length);
    writeFileSync(join(dir, name), bytes);
    files.set(name, join(dir, name));
  }
  return { dir, files };
}

interface ImportRun {
  ExitCode: number;
  Output: string[];
  Errors: string[];
  Calls: { Cmdlet: string; Parameters: Record<string, unknown> }[];
}
interface FakeSite {
  /** What the PowerShell host showed: -WhatIf's "What if:" lines. */
  Host: string[];
  Runs: ImportRun[];
  Items: { Name: string; CI_ID: number; Revision: number; Settings: Record<string, unknown>[] }[];
  Baselines: { Name: string; Members: string[]; SDMPackageXML: string }[];
}

const list = <T>(value: unknown): T[] => (value === null || value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T]);

/** Runs the import script once per parameter set on one fake ConfigMgr site (spec/targets/configmgr-fake-site.ps1). */
async function importOnFakeSite(importScript: string, runs: Record<string, unknown>[]): Promise<FakeSite> {
  const result = await engine().run({ file: FAKE_SITE, parameters: { ImportScript: importScript, Runs: runs } });
  assert.equal(result.errors.length, 0, result.errors.map((e) => e.message).join('; '));
  const site = result.objects.at(-1) as FakeSite;
  return {
    Host: [...result.host],
    Runs: list<ImportRun>(site.Runs).map((r) => ({ ...r, Output: list(r.Output), Errors: list(r.Errors), Calls: list(r.Calls) })),
    Items: list<FakeSite['Items'][number]>(site.Items).map((i) => ({ ...i, Settings: list(i.Settings) })),
    Baselines: list<FakeSite['Baselines'][number]>(site.Baselines).map((b) => ({ ...b, Members: list(b.Members) })),
  };
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('ConfigMgr target: configmgr/<id>/ on simulated devices', function () {
  this.timeout(300_000);
  let built: ReturnType<typeof configMgrProject>;
  let discovery: string;
  let remediation: string;
  let program: string;
  let importScript: string;
  let healthy: DeviceProfile;
  let off: DeviceProfile;
  let denied: DeviceProfile;
  let partly: DeviceProfile;
  let host32: DeviceProfile;

  before(async () => {
    built = configMgrProject();
    discovery = join(built.dir, 'discovery.ps1');
    remediation = join(built.dir, 'remediation.ps1');
    program = join(built.dir, 'Invoke-Tls.ps1');
    importScript = join(built.dir, 'Import-Tls.ps1');
    healthy = await bundledProfile('tls-healthy');
    off = await bundledProfile('tls-off');
    denied = await bundledProfile('tls-access-denied');
    partly = await bundledProfile('tls-partly');
    host32 = await bundledProfile('tls-32bit-host');
  });
  after(() => built.project.dispose());

  it('writes discovery.ps1, remediation.ps1, Invoke-Tls.ps1, Import-Tls.ps1 and README.md, each through the output gate; the four scripts signed and verified by osslsigncode', async () => {
    assert.deepEqual(readdirSync(built.dir).sort(), ['Import-Tls.ps1', 'Invoke-Tls.ps1', 'README.md', 'discovery.ps1', 'remediation.ps1']);
    for (const name of readdirSync(built.dir)) {
      const bytes = readFileSync(join(built.dir, name));
      assert.doesNotThrow(() => checkOutputBytes(name, bytes), name);
    }
    await ensureOsslsigncode();
    for (const name of ['discovery.ps1', 'remediation.ps1', 'Invoke-Tls.ps1', 'Import-Tls.ps1']) {
      const result = await osslVerify(join(built.dir, name), built.caFile);
      assert.ok(result.ok, `${name}: ${result.output}`);
    }
    const manifest = JSON.parse(readFileSync(join(built.project.out, 'manifest.json'), 'utf8')) as { files: { path: string; signed: boolean }[] };
    assert.deepEqual(manifest.files.filter((f) => f.signed && f.path.startsWith('configmgr/tls/')).map((f) => f.path).sort(),
      ['configmgr/tls/Import-Tls.ps1', 'configmgr/tls/Invoke-Tls.ps1', 'configmgr/tls/discovery.ps1', 'configmgr/tls/remediation.ps1']);
  });

  it('every script passes every lint rule (the import script through its ConfigMgr exception only)', async () => {
    const files = ['discovery.ps1', 'remediation.ps1', 'Invoke-Tls.ps1', 'Import-Tls.ps1'].map((n) => join(built.dir, n));
    const findings = await lintFiles(files);
    assert.equal(findings.length, 0, findings.map(formatFinding).join('\n'));
  });

  it('the ConfigMgr exception is the import script\'s alone: the same text as detect.ps1 is held to the allowlist and Core-only rules, and an unlisted parameter is still a finding', async () => {
    const text = readFileSync(importScript, 'latin1');
    const dir = join(built.project.root, 'lint-exception');
    execFileSync('mkdir', ['-p', dir]);
    const asDevice = join(dir, 'detect.ps1');
    writeFileSync(asDevice, text, 'latin1');
    const rules = new Set((await lintFiles([asDevice])).map((f) => f.rule));
    assert.ok(rules.has('allowlisted-commands') && rules.has('core-only-outside-seams'), [...rules].join(', '));
    const extra = join(dir, 'Import-Tls.ps1');
    writeFileSync(extra, text.replace('New-CMBaseline -Name $BaselineName', 'New-CMBaseline -AllowComanagedClients -Name $BaselineName'), 'latin1');
    const findings = await lintFiles([extra]);
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message.split(' (')[0]}`), ['allowlisted-commands: -AllowComanagedClients is not an allowlisted parameter of New-CMBaseline']);
  });

  describe('discovery.ps1: one value, exit 0, whatever happens', () => {
    const cases: [string, () => DeviceProfile, string][] = [
      ['healthy', () => healthy, 'Compliant'],
      ['TLS off', () => off, 'NonCompliant'],
      ['partly broken', () => partly, 'NonCompliant'],
      ['a registry seam that throws', () => ({ ...healthy, faults: { throws: { 'Get-RgRegistryData': 'RPC server unavailable' } } }), 'NonCompliant'],
      ['a platform seam that throws (the main loop fails before any step)', () => ({ ...healthy, faults: { throws: { 'Get-RgPlatform': 'WMI broken' } } }), 'NonCompliant'],
      ['a 32-bit host, TLS off (relaunched in 64-bit PowerShell)', () => host32, 'NonCompliant'],
      ['a 32-bit host whose 64-bit PowerShell is missing', () => ({ ...host32, files: [] }), 'NonCompliant'],
    ];
    for (const [what, profile, value] of cases) {
      it(`${what}: prints exactly '${value}', exits 0, no stderr`, async () => {
        const run = await new Device(profile()).run(discovery);
        assert.deepEqual(run.output, [value]);
        assert.equal(run.exitCode, 0);
        assert.deepEqual(run.errors, []);
        assert.deepEqual(run.harnessErrors, []);
      });
    }

    it('puts the findings and the errors in the log, not in the output', async () => {
      const broken = await new Device(off).run(discovery);
      assert.ok(broken.log.some((l) => /NON-COMPLIANT tls@[0-9a-f]{7}: \d+ of \d+ settings wrong: schannel-tls12-client-enabled/.test(l)), broken.log.join('\n'));
      const failing = await new Device({ ...healthy, faults: { throws: { 'Get-RgPlatform': 'WMI broken' } } }).run(discovery);
      assert.ok(failing.log.some((l) => l.includes('Discovery did not finish') && l.includes('WMI broken')), failing.log.join('\n'));
    });

    it('never changes the device and carries no set half', async () => {
      const run = await new Device(off).run(discovery);
      assert.ok(!run.calls.some((c) => c.Seam === 'Write-RgRegistryData'));
      assert.doesNotMatch(readFileSync(discovery, 'latin1'), /function Set-Rg|function Write-RgRegistryData|function Invoke-RgRepair/);
    });
  });

  describe('remediation.ps1: the repair, then discovery again', () => {
    it('TLS off: remediation exits 0 with REMEDIATED (restart noted), then discovery says Compliant', async () => {
      const device = new Device(off);
      assert.deepEqual((await device.run(discovery)).output, ['NonCompliant']);
      const fix = await device.run(remediation);
      assert.equal(fix.exitCode, 0);
      assert.match(stripBuild(assertSummaryLine(fix)), /^REMEDIATED tls: fixed \d+ of \d+ settings .*restart required to take effect$/);
      assert.deepEqual(fix.errors, []);
      assert.deepEqual((await device.run(discovery)).output, ['Compliant']);
    });

    it('access denied on a key: exit 1, FAILED naming the step, discovery still NonCompliant', async () => {
      const device = new Device(denied);
      const fix = await device.run(remediation);
      assert.equal(fix.exitCode, 1);
      assert.match(stripBuild(assertSummaryLine(fix)), /^FAILED tls: \d+ of \d+ settings still wrong: netfx4-strong-crypto-64 \(error: Access to the registry key .* is denied\.\)/);
      assert.deepEqual((await device.run(discovery)).output, ['NonCompliant']);
    });
  });

  describe(`Invoke-Tls.ps1 (program mode): ${PROGRAM_EXIT_CODES.map((e) => e.code).join(', ')}`, () => {
    it('healthy: 0, nothing changed', async () => {
      const run = await new Device(healthy).run(program);
      assert.equal(run.exitCode, 0);
      assert.match(stripBuild(assertSummaryLine(run)), /^COMPLIANT tls: nothing to change/);
      assert.ok(!run.calls.some((c) => c.Seam === 'Write-RgRegistryData'));
    });

    it('TLS off: 3010 (the SCHANNEL steps need a restart), and a second run is 0', async () => {
      const device = new Device(off);
      const first = await device.run(program);
      assert.equal(first.exitCode, 3010, first.output.join('\n'));
      assert.match(assertSummaryLine(first), /restart required/);
      const second = await device.run(program);
      assert.equal(second.exitCode, 0);
    });

    it('fixed without a restart: 0 (only a non-SCHANNEL step was wrong)', async () => {
      const winHttpOff = { ...healthy, registry: healthy.registry!.filter((e) => e.name !== 'DefaultSecureProtocols') } as DeviceProfile;
      const run = await new Device(winHttpOff).run(program);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.match(stripBuild(assertSummaryLine(run)), /^REMEDIATED tls: fixed 2 of /);
    });

    it('access denied: 3, a step could not be applied', async () => {
      const run = await new Device(denied).run(program);
      assert.equal(run.exitCode, 3, run.output.join('\n'));
      assert.match(stripBuild(assertSummaryLine(run)), /^FAILED tls: /);
    });

    it('a key that cannot be read: 4, a step could not be tested', async () => {
      const unreadable = { ...off, faults: { accessDenied: [{ key: SCHANNEL_CLIENT, access: 'Read' as const }] } };
      const run = await new Device(unreadable).run(program);
      assert.equal(run.exitCode, 4, run.output.join('\n'));
    });

    it('-WhatIf on TLS off: 2 (still not compliant), and the device is unchanged', async () => {
      const run = await new Device(off).run(program, { parameters: { WhatIf: true } });
      assert.equal(run.exitCode, 2, run.output.join('\n'));
      assert.match(assertSummaryLine(run), /WhatIf: nothing was changed/);
      assert.ok(!run.calls.some((c) => c.Seam === 'Write-RgRegistryData'));
    });

    it('the script itself failing: 1', async () => {
      const run = await new Device({ ...off, faults: { throws: { 'Get-RgPlatform': 'WMI broken' } } }).run(program);
      assert.equal(run.exitCode, 1);
      assert.match(stripBuild(assertSummaryLine(run)), /^ERROR tls: WMI broken/);
    });

    it('documents every exit code in its help and in the README', () => {
      const help = readFileSync(program, 'latin1');
      const readme = readFileSync(join(built.dir, 'README.md'), 'latin1');
      for (const { code, meaning } of PROGRAM_EXIT_CODES) {
        assert.match(help, new RegExp(`\\b${code} `), `help: ${code}`);
        assert.ok(readme.includes(`| ${code} | ${meaning} |`), `README: ${code}`);
      }
    });
  });

  describe('Import-Tls.ps1 on a fake ConfigMgr site (the ConfigMgr cmdlets are stand-ins)', () => {
    it('first run: creates the CI (Windows OS), adds the script setting from the signed files with the expected rule, creates the baseline and adds the CI', async () => {
      const site = await importOnFakeSite(importScript, [{ SiteCode: 'XYZ' }]);
      const [run] = site.Runs;
      assert.equal(run!.ExitCode, 0, run!.Errors.join('; '));
      assert.deepEqual(run!.Errors, []);
      assert.deepEqual(run!.Output, [
        'ConfigurationItem|OneDrive 0x8004de40: TLS 1.2 on the device|Created',
        'Setting|remgen tls|Added',
        'Baseline|OneDrive 0x8004de40: TLS 1.2 on the device (baseline)|Created',
        'Baseline|OneDrive 0x8004de40: TLS 1.2 on the device (baseline)|Added OneDrive 0x8004de40: TLS 1.2 on the device',
      ]);
      const cmdlets = run!.Calls.map((c) => c.Cmdlet);
      assert.deepEqual(cmdlets, ['Push-Location', 'Get-CMConfigurationItem', 'New-CMConfigurationItem', 'Get-CMComplianceSetting', 'Add-CMComplianceSettingScript',
        'Get-CMBaseline', 'New-CMBaseline', 'Set-CMBaseline', 'Pop-Location']);
      assert.deepEqual(run!.Calls[0]!.Parameters, { Path: 'XYZ:' });
      assert.equal(run!.Calls[2]!.Parameters.CreationType, 'WindowsOS');
      const add = run!.Calls[4]!.Parameters;
      assert.equal(add.DataType, 'String');
      assert.equal(add.ExpectedValue, 'Compliant');
      assert.equal(add.ExpressionOperator, 'IsEquals');
      assert.equal(add.DiscoveryScriptLanguage, 'PowerShell');
      assert.equal(add.RemediationScriptLanguage, 'PowerShell');
      assert.equal(add.Remediate, true);
      assert.equal(add.Is64Bit, true);
      assert.equal(add.IsPerUser, false, 'system context: not per user');
      assert.equal(add.ValueRule, true);
      assert.equal(add.RuleName, 'remgen tls is Compliant');
      assert.equal(add.NoncomplianceSeverity, 'Warning');
      assert.equal(add.DiscoveryScriptFile, discovery);
      assert.equal(add.RemediationScriptFile, remediation);
      // The fake reads the files as the cmdlet does: the bytes ConfigMgr stores are the signed files, which verify.
      const setting = site.Items[0]!.Settings[0] as { DiscoverySha256: string; RemediationSha256: string };
      assert.equal(setting.DiscoverySha256, sha256(discovery));
      assert.equal(setting.RemediationSha256, sha256(remediation));
      assert.ok(readFileSync(discovery, 'latin1').includes('# SIG # Begin signature block'));
      for (const file of [discovery, remediation]) assert.ok((await osslVerify(file, built.caFile)).ok, file);
      assert.deepEqual(run!.Calls[7]!.Parameters, { AddOSConfigurationItem: String(site.Items[0]!.CI_ID), InputObject: 'object:OneDrive 0x8004de40: TLS 1.2 on the device (baseline)' });
      assert.deepEqual(site.Baselines.map((b) => [b.Name, b.Members]), [['OneDrive 0x8004de40: TLS 1.2 on the device (baseline)', ['OneDrive 0x8004de40: TLS 1.2 on the device']]]);
    });

    it('second run: finds everything by name, updates the CI and the setting scripts, creates nothing, does not add the CI twice', async () => {
      const site = await importOnFakeSite(importScript, [{ SiteCode: 'XYZ' }, { SiteCode: 'XYZ' }]);
      const second = site.Runs[1]!;
      assert.equal(second.ExitCode, 0, second.Errors.join('; '));
      const cmdlets = second.Calls.map((c) => c.Cmdlet);
      assert.deepEqual(cmdlets, ['Push-Location', 'Get-CMConfigurationItem', 'Set-CMConfigurationItem', 'Get-CMComplianceSetting', 'Set-CMComplianceSettingScript',
        'Get-CMBaseline', 'Pop-Location']);
      assert.ok(!cmdlets.some((c) => c.startsWith('New-') || c.startsWith('Add-')));
      const set = second.Calls[4]!.Parameters;
      assert.equal(set.DiscoveryScriptFile, discovery);
      assert.equal(set.RemediationScriptFile, remediation);
      assert.equal(set.Is64Bit, true);
      assert.equal(set.IsPerUser, false);
      assert.deepEqual(second.Output.at(-1), 'Baseline|OneDrive 0x8004de40: TLS 1.2 on the device (baseline)|Contains OneDrive 0x8004de40: TLS 1.2 on the device');
      assert.equal(site.Items.length, 1);
      assert.equal(site.Baselines.length, 1);
      assert.deepEqual(site.Baselines[0]!.Members, ['OneDrive 0x8004de40: TLS 1.2 on the device']);
    });

    it('-WhatIf: only lookups, nothing created or updated, on an empty site and on an imported one', async () => {
      const site = await importOnFakeSite(importScript, [{ SiteCode: 'XYZ', WhatIf: true }, { SiteCode: 'XYZ' }, { SiteCode: 'XYZ', WhatIf: true }]);
      const [empty, , imported] = site.Runs;
      for (const run of [empty!, imported!]) {
        assert.equal(run.ExitCode, 0, run.Errors.join('; '));
        const changing = run.Calls.map((c) => c.Cmdlet).filter((c) => !/^(Get-CM|Push-Location|Pop-Location)/.test(c));
        assert.deepEqual(changing, []);
        assert.ok(run.Output.every((line) => line.endsWith('|Skipped') || line.includes('|Contains ')), run.Output.join('\n'));
      }
      assert.ok(site.Host.some((l) => l.startsWith('What if:') && l.includes('configuration item OneDrive 0x8004de40: TLS 1.2 on the device') && l.includes('Create (Windows OS)')), site.Host.join('\n'));
      assert.ok(site.Host.some((l) => l.startsWith('What if:') && l.includes('Update the scripts from ')), site.Host.join('\n'));
      assert.equal(site.Items.length, 1);
      assert.equal(site.Items[0]!.Revision, 2, 'created, then the setting added, by the one real run only');
    });

    it('user context: the setting runs with the logged-on user\'s credentials (-IsPerUser), and the README says so', async () => {
      const user = defineRemediation({
        id: 'proxy-user',
        displayName: 'Per-user proxy bypass',
        description: 'Sets a per-user value.',
        publisher: 'spec',
        context: 'user',
        targets: ['configmgr'],
        steps: [registryValue({ id: 'bypass', path: 'HKCU:\\Software\\Contoso\\Proxy', name: 'Bypass', type: 'DWord', value: 1 })],
      });
      const { files } = await configMgrScripts(user);
      assert.deepEqual([...files.keys()].sort(), ['Import-ProxyUser.ps1', 'Invoke-ProxyUser.ps1', 'README.md', 'discovery.ps1', 'remediation.ps1']);
      const site = await importOnFakeSite(files.get('Import-ProxyUser.ps1')!, [{ SiteCode: 'XYZ' }, { SiteCode: 'XYZ' }]);
      const add = site.Runs[0]!.Calls.find((c) => c.Cmdlet === 'Add-CMComplianceSettingScript')!.Parameters;
      assert.equal(add.IsPerUser, true);
      assert.equal(add.Is64Bit, true);
      const set = site.Runs[1]!.Calls.find((c) => c.Cmdlet === 'Set-CMComplianceSettingScript')!.Parameters;
      assert.equal(set.IsPerUser, true);
      assert.match(readFileSync(files.get('README.md')!, 'latin1'), /runs with the logged-on user's credentials/);
      assert.deepEqual((await new Device({ name: 'empty', description: 'nothing set' }).run(files.get('discovery.ps1')!)).output, ['NonCompliant']);
    });

    it('the README says how to import (with -WhatIf first), deploy and run program mode, and which certificate signed the scripts', () => {
      const readme = readFileSync(join(built.dir, 'README.md'), 'latin1');
      assert.ok(readme.includes('.\\Import-Tls.ps1 -SiteCode XYZ -WhatIf'), 'import with -WhatIf');
      assert.ok(readme.indexOf('-SiteCode XYZ -WhatIf') < readme.indexOf('-SiteCode XYZ           #'), '-WhatIf first');
      assert.match(readme, /ConfigurationManager module/);
      assert.match(readme, /Remediate noncompliant rules when supported/);
      assert.match(readme, /powershell\.exe -NoProfile -ExecutionPolicy Bypass -File Invoke-Tls\.ps1/);
      assert.match(readme, /signed with the remgen DEVELOPMENT certificate `CN=remgen development code signing/);
      assert.match(readme, /0x87D00327/);
    });

    it('a missing script next to it: exit 1 with the reason, nothing called', async () => {
      const dir = join(built.project.root, 'lonely');
      execFileSync('mkdir', ['-p', dir]);
      const lonely = join(dir, 'Import-Tls.ps1');
      writeFileSync(lonely, readFileSync(importScript));
      const site = await importOnFakeSite(lonely, [{ SiteCode: 'XYZ' }]);
      assert.equal(site.Runs[0]!.ExitCode, 1);
      assert.match(site.Runs[0]!.Errors.join('\n'), /discovery\.ps1 is missing next to this script/);
      assert.deepEqual(site.Runs[0]!.Calls, []);
    });
  });
});
