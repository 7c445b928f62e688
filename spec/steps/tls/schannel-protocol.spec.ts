/**
 * schannelProtocol: a setting (system) of one SCHANNEL protocol key's Enabled and DisabledByDefault
 * (docs/reference/intune-configmgr.md 3.3); TLS 1.3 only from Windows build 20348.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { DeviceProfileProps, RegistryEntry } from '../../../generator/model/profile.ts';
import { schannelProtocol, schannelProtocolRoom } from '../../../generator/steps/tls/schannel-protocol.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof schannelProtocolRoom.check>[0]): string[] => {
  const found: string[] = [];
  schannelProtocolRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const PROTOCOLS = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';
const TLS12 = `${PROTOCOLS}\\TLS 1.2\\Client`;
const TLS13 = `${PROTOCOLS}\\TLS 1.3\\Client`;
const TLS10 = `${PROTOCOLS}\\TLS 1.0\\Client`;
const CURRENT_VERSION = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

describe('step room: schannelProtocol (setting, system)', () => {
  it('the factory tags the step; role defaults to Client; the table row is restart-required; TLS 1.3 carries build 20348', () => {
    const step = schannelProtocol({ id: 'tls12', protocol: 'TLS 1.2', state: 'enabled' });
    assert.equal(step.kind, 'schannelProtocol');
    assert.deepEqual(schannelProtocolRoom.toData(step), {
      SubKey: 'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client',
      Protocol: 'TLS 1.2', Role: 'Client', State: 'enabled',
      Wanted: 'TLS 1.2 Client enabled (Enabled 1 and DisabledByDefault 0)', MinimumBuild: 0, RestartRequired: true,
    });
    const tls13 = schannelProtocolRoom.toData(schannelProtocol({ id: 'tls13', protocol: 'TLS 1.3', role: 'Server', state: 'enabled' }));
    assert.equal(tls13.MinimumBuild, 20348);
    assert.equal(tls13.SubKey, 'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Server');
    assert.equal(schannelProtocolRoom.toData(schannelProtocol({ id: 'tls10', protocol: 'TLS 1.0', state: 'disabled' })).Wanted, 'TLS 1.0 Client disabled (Enabled 0 and DisabledByDefault 1)');
    assert.equal(schannelProtocolRoom.contextOf(step), 'system');
    assert.equal(schannelProtocolRoom.category, 'setting');
    assert.deepEqual(schannelProtocolRoom.runtime, ['registry.ps1', 'windows.ps1']);
    assert.equal(schannelProtocolRoom.title(step), 'SCHANNEL TLS 1.2 Client enabled');
  });

  it('accepts every protocol disabled and TLS enabled; refuses enabling SSL 3.0 and unknown protocols, roles and states, saying what to use', () => {
    for (const protocol of ['SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const) {
      assert.deepEqual(issues(schannelProtocol({ id: 's', protocol, state: 'disabled' })), []);
    }
    assert.deepEqual(issues(schannelProtocol({ id: 's', protocol: 'TLS 1.1', role: 'Server', state: 'enabled' })), []);
    assert.deepEqual(issues(schannelProtocol({ id: 's', protocol: 'SSL 3.0', state: 'enabled' })), ['state: SSL 3.0 is broken (POODLE) and is not enabled by remgen: use state disabled, or leave SSL 3.0 out']);
    // As a JavaScript catalog file (no type checking) could write them:
    const loose = { id: 's', protocol: 'TLS 1.4', role: 'client', state: 'on' } as unknown as Parameters<typeof schannelProtocol>[0];
    assert.deepEqual(issues(schannelProtocol(loose)), [
      'protocol: protocol "TLS 1.4" is not an SCHANNEL protocol: use one of SSL 3.0, TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3',
      'role: role "client" is not an SCHANNEL role: use Client or Server',
      'state: state "on" is not a protocol state: use enabled or disabled',
    ]);
  });

  it('explains itself: the key, the values, the OS default, TLS 1.3 builds, the restart', () => {
    assert.deepEqual(schannelProtocolRoom.explain(schannelProtocol({ id: 's', protocol: 'TLS 1.3', state: 'enabled' })), {
      detects: `${TLS13} has Enabled 1 and DisabledByDefault 0 (absent values, the OS default, count as not set); on Windows builds before 20348 TLS 1.3 does not exist and the step is not applicable (compliant, nothing written)`,
      changes: `writes Enabled 1 and DisabledByDefault 0 under ${TLS13}; takes effect after a restart`,
    });
  });
});

describe('step room: schannelProtocol, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'schannel-room',
    displayName: 'schannelProtocol room',
    description: 'TLS 1.2 client enabled.',
    publisher: 'spec',
    context: 'system',
    steps: [schannelProtocol({ id: 'tls12-client', protocol: 'TLS 1.2', state: 'enabled' })],
  });
  const tls13 = defineRemediation({
    id: 'schannel-tls13',
    displayName: 'schannelProtocol room, TLS 1.3',
    description: 'TLS 1.3 client enabled where the OS has it.',
    publisher: 'spec',
    context: 'system',
    steps: [schannelProtocol({ id: 'tls13-client', protocol: 'TLS 1.3', state: 'enabled' })],
  });
  const tls10off = defineRemediation({
    id: 'schannel-tls10-off',
    displayName: 'schannelProtocol room, TLS 1.0 off',
    description: 'TLS 1.0 client disabled (opt-in).',
    publisher: 'spec',
    context: 'system',
    steps: [schannelProtocol({ id: 'tls10-client-off', protocol: 'TLS 1.0', state: 'disabled' })],
  });
  let scripts: { detect: string; remediate: string };
  let tls13Scripts: { detect: string; remediate: string };
  let tls10Scripts: { detect: string; remediate: string };
  before(async () => {
    scripts = await intuneScripts(remediation);
    tls13Scripts = await intuneScripts(tls13);
    tls10Scripts = await intuneScripts(tls10off);
  });

  const dword = (path: string, name: string, value: number): RegistryEntry => ({ path, name, kind: 'DWord', value });
  const build = (number: number): RegistryEntry[] => [
    { path: CURRENT_VERSION, name: 'CurrentBuildNumber', kind: 'String', value: String(number) },
    dword(CURRENT_VERSION, 'UBR', 1000),
  ];
  const device = (registry: RegistryEntry[], more: Partial<DeviceProfileProps> = {}) =>
    new Device({ name: 'schannel', description: 'spec', registry: [...build(19045), ...registry], ...more });
  const valueOf = (run: { state: { registry: readonly RegistryEntry[] } }, path: string, name: string) =>
    run.state.registry.find((e) => e.path.toLowerCase() === path.toLowerCase() && e.name === name)?.value;
  const writes = (run: { calls: readonly { Seam: string }[] }) => run.calls.filter((c) => c.Seam === 'Write-RgRegistryData');

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate, tls13Scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('absent keys (the OS default): not set, not compliant; the remediation writes both values, says a restart is required, and detection then passes', async () => {
    const d = device([]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), 'NON-COMPLIANT schannel-room: 1 of 1 settings wrong: tls12-client (is Enabled not set and DisabledByDefault not set (no key: the OS default applies), want TLS 1.2 Client enabled (Enabled 1 and DisabledByDefault 0))');
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(stripBuild(fix.output[0]), 'REMEDIATED schannel-room: fixed 1 of 1 settings (tls12-client); all compliant now; restart required to take effect');
    assert.equal(valueOf(fix, TLS12, 'Enabled'), 1);
    assert.equal(valueOf(fix, TLS12, 'DisabledByDefault'), 0);
    assert.deepEqual(writes(fix).map((c) => (c as unknown as { Arguments: { Name: string; Kind: string; View: number } }).Arguments).map((a) => `${a.Name} ${a.Kind} ${a.View}`), ['Enabled DWord 64', 'DisabledByDefault DWord 64']);
    assert.ok(fix.log.some((l) => l.includes('tls12-client: set HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client Enabled 1 and DisabledByDefault 0 (was Enabled not set and DisabledByDefault not set (no key: the OS default applies)); takes effect after a restart')), fix.log.join('\n'));
    assert.deepEqual(fix.errors, []);
    assert.equal((await d.run(scripts.detect)).exitCode, 0);
  });

  it('enabled (Enabled 0xFFFFFFFF, DisabledByDefault 0): compliant; the remediation writes nothing', async () => {
    const d = device([dword(TLS12, 'Enabled', 0xffffffff), dword(TLS12, 'DisabledByDefault', 0)]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.equal(stripBuild(detect.output[0]), 'COMPLIANT schannel-room: all 1 settings compliant');
    assert.ok(detect.log.some((l) => l.includes('tls12-client: compliant (Enabled 4294967295 and DisabledByDefault 0)')), detect.log.join('\n'));
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.equal(stripBuild(fix.output[0]), 'COMPLIANT schannel-room: nothing to change, all 1 settings compliant');
    assert.deepEqual(writes(fix), []);
  });

  it('disabled by default (Enabled 1, DisabledByDefault 1): not compliant; fixed to DisabledByDefault 0', async () => {
    const d = device([dword(TLS12, 'Enabled', 1), dword(TLS12, 'DisabledByDefault', 1)]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /tls12-client \(is Enabled 1 and DisabledByDefault 1, want /);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(valueOf(fix, TLS12, 'DisabledByDefault'), 0);
    assert.equal(valueOf(fix, TLS12, 'Enabled'), 1);
  });

  it('disabled (Enabled 0, DisabledByDefault not set), and a value of the wrong kind: not compliant, each said as found; fixed', async () => {
    const d = device([dword(TLS12, 'Enabled', 0)]);
    const detect = await d.run(scripts.detect);
    assert.match(detect.output[0]!, /tls12-client \(is Enabled 0 and DisabledByDefault not set, want /);
    assert.equal((await d.run(scripts.remediate)).exitCode, 0);
    const wrongKind = device([{ path: TLS12, name: 'Enabled', kind: 'String', value: '1' }, dword(TLS12, 'DisabledByDefault', 0)]);
    assert.match((await wrongKind.run(scripts.detect)).output[0]!, /tls12-client \(is Enabled a String value and DisabledByDefault 0, want /);
    const fix = await wrongKind.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(valueOf(fix, TLS12, 'Enabled'), 1);
  });

  it('TLS 1.3 on build 19045: not applicable, compliant; the remediation reads the build and writes nothing', async () => {
    const d = device([]);
    const detect = await d.run(tls13Scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.ok(detect.log.some((l) => l.includes('tls13-client: compliant (not applicable: TLS 1.3 needs Windows build 20348 or later (device is 19045))')), detect.log.join('\n'));
    const fix = await d.run(tls13Scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.equal(stripBuild(fix.output[0]), 'COMPLIANT schannel-tls13: nothing to change, all 1 settings compliant');
    assert.deepEqual(writes(fix), []);
    assert.ok(fix.calls.some((c) => c.Seam === 'Get-RgRegistryData' && (c.Arguments as { Name: string }).Name === 'CurrentBuildNumber'));
    assert.equal(fix.state.registry.some((e) => e.path.toLowerCase().startsWith(TLS13.toLowerCase())), false);
  });

  it('TLS 1.3 on build 22631 (Windows 11): applies; absent keys are written, and detection passes afterwards', async () => {
    const d = new Device({ name: 'win11', description: 'spec', registry: build(22631) });
    const detect = await d.run(tls13Scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /tls13-client \(is Enabled not set and DisabledByDefault not set \(no key: the OS default applies\), want TLS 1\.3 Client enabled/);
    const fix = await d.run(tls13Scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(valueOf(fix, TLS13, 'Enabled'), 1);
    assert.equal(valueOf(fix, TLS13, 'DisabledByDefault'), 0);
    assert.equal((await d.run(tls13Scripts.detect)).exitCode, 0);
  });

  it('TLS 1.3 with no CurrentBuildNumber: not compliant (cannot tell); the remediation writes nothing and fails saying why', async () => {
    const d = new Device({ name: 'nobuild', description: 'spec' });
    const detect = await d.run(tls13Scripts.detect);
    assert.equal(detect.exitCode, 1);
    const fix = await d.run(tls13Scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(writes(fix), []);
    assert.equal(stripBuild(fix.output[0]), 'FAILED schannel-tls13: 1 of 1 settings still wrong: tls13-client (error: an unknown Windows build (no CurrentBuildNumber): cannot tell whether TLS 1.3 is supported (it needs Windows build 20348 or later); nothing was written)');
  });

  it('disabling TLS 1.0 (opt-in, state disabled): enabled keys are turned off (Enabled 0, DisabledByDefault 1)', async () => {
    const d = device([dword(TLS10, 'Enabled', 1), dword(TLS10, 'DisabledByDefault', 0)]);
    const detect = await d.run(tls10Scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /tls10-client-off \(is Enabled 1 and DisabledByDefault 0, want TLS 1\.0 Client disabled \(Enabled 0 and DisabledByDefault 1\)\)/);
    const fix = await d.run(tls10Scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(valueOf(fix, TLS10, 'Enabled'), 0);
    assert.equal(valueOf(fix, TLS10, 'DisabledByDefault'), 1);
    assert.match(fix.output[0]!, /restart required to take effect$/);
    assert.equal((await d.run(tls10Scripts.detect)).exitCode, 0);
  });

  it('-WhatIf: says what it would set, writes nothing', async () => {
    const d = device([]);
    const run = await d.run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(writes(run), []);
    assert.equal(valueOf(run, TLS12, 'Enabled'), undefined);
    assert.ok(run.host.some((l) => l.includes('What if:') && l.includes('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client') && l.includes('Set Enabled to 1 and DisabledByDefault to 0')), run.host.join('\n'));
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /\(WhatIf: nothing was changed\)$/);
    assert.doesNotMatch(run.output[0]!, /restart/);
  });

  it('access denied on the SCHANNEL key: the remediation fails naming the step and the reason, no stderr, nothing written', async () => {
    const d = device([], { faults: { accessDenied: [{ key: `${PROTOCOLS}\\TLS 1.2`, access: 'Write' }] } });
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.equal(stripBuild(fix.output[0]), "FAILED schannel-room: 1 of 1 settings still wrong: tls12-client (error: Access to the registry key 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client' is denied.)");
    assert.deepEqual(fix.errors, []);
    assert.equal(valueOf(fix, TLS12, 'Enabled'), undefined);
    assert.ok(fix.log.some((l) => /type="3"/.test(l) && l.includes('tls12-client: could not be applied')));
  });
});
