/**
 * cipherSuites: a setting (system): the Azure Front Door TLS 1.2 suites enabled and first in the order
 * (docs/reference/intune-configmgr.md 3.0), through the seams Get-RgTlsCipherSuite and
 * Enable-RgTlsCipherSuite; a Group Policy order is tested instead and never written around.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { DeviceProfileProps, RegistryEntry } from '../../../generator/model/profile.ts';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';
import { AZURE_FRONT_DOOR_SUITES, cipherSuites, cipherSuitesRoom } from '../../../generator/steps/tls/cipher-suites.ts';
import { schannelProtocol } from '../../../generator/steps/tls/schannel-protocol.ts';
import { psString } from '../../../generator/render/escape.ts';
import { Device, engine, intuneScripts, scriptFile } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof cipherSuitesRoom.check>[0]): string[] => {
  const found: string[] = [];
  cipherSuitesRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const [E256, E128, D256, D128] = AZURE_FRONT_DOOR_SUITES as [string, string, string, string];
const AFD = [E256, E128, D256, D128];
const OTHERS = ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_CBC_SHA'];
const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
const WANTED = `${AFD.join(', ')} enabled and first in the cipher suite order, in this order`;

describe('step room: cipherSuites (setting, system)', () => {
  it('the factory tags the step; the Azure Front Door suites by default; the row is restart-required; system context', () => {
    const step = cipherSuites({ id: 'afd' });
    assert.equal(step.kind, 'cipherSuites');
    assert.deepEqual(cipherSuitesRoom.toData(step), {
      Suites: AFD,
      PolicySubKey: 'SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002',
      PolicyName: 'Functions',
      Wanted: WANTED,
      RestartRequired: true,
    });
    assert.deepEqual(AFD, ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']);
    assert.equal(cipherSuitesRoom.contextOf(step), 'system');
    assert.equal(cipherSuitesRoom.category, 'setting');
    assert.deepEqual([cipherSuitesRoom.runtime, cipherSuitesRoom.setRuntime], [['registry.ps1', 'tls.ps1'], ['tls-write.ps1']]);
    assert.equal(cipherSuitesRoom.title(step), 'Azure Front Door TLS 1.2 cipher suites first in the order');
    assert.equal(cipherSuitesRoom.toData(cipherSuites({ id: 'one', suites: [E256] })).Wanted, `${E256} enabled and first in the cipher suite order`);
  });

  it('accepts a list of suite names; refuses an empty list, names that are no TLS_ suite, and duplicates, saying what to write', () => {
    assert.deepEqual(issues(cipherSuites({ id: 'c' })), []);
    assert.deepEqual(issues(cipherSuites({ id: 'c', suites: [E256, 'TLS_AES_256_GCM_SHA384'] })), []);
    assert.deepEqual(issues(cipherSuites({ id: 'c', suites: [] })), [
      'suites: suites is empty: list at least one cipher suite, such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, or leave suites out for the Azure Front Door TLS 1.2 suites',
    ]);
    assert.deepEqual(issues(cipherSuites({ id: 'c', suites: [E256, 'ECDHE-RSA-AES256-GCM-SHA384', 'tls_ecdhe_rsa_with_aes_128_gcm_sha256', E256] })), [
      'suites.1: suites[1] "ECDHE-RSA-AES256-GCM-SHA384" is not a TLS cipher suite name: write it as Get-TlsCipherSuite lists it, such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (TLS_, then capitals, digits and _)',
      'suites.2: suites[2] "tls_ecdhe_rsa_with_aes_128_gcm_sha256" is not a TLS cipher suite name: write it as Get-TlsCipherSuite lists it, such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (TLS_, then capitals, digits and _)',
      `suites.3: suites[3] ${E256} is listed twice (first as suites[0]): a suite has one place in the order`,
    ]);
  });

  it('explains itself: the order, the policy that overrides it, what it changes', () => {
    const { detects, changes } = cipherSuitesRoom.explain(cipherSuites({ id: 'c' }));
    assert.equal(detects, `Get-TlsCipherSuite lists ${WANTED}; a Group Policy SSL Cipher Suite Order (${POLICY_KEY} Functions) overrides the local order and is tested instead`);
    assert.match(changes, /^enables each suite at its position with Enable-TlsCipherSuite -Position \(0 first\)/);
    assert.match(changes, /when the Group Policy order applies, or before Windows 10 \(no TLS module\), changes nothing and fails saying why$/);
  });

  it('the TLS cmdlets are reached only inside the two seams', () => {
    const code = (file: string) => readFileSync(join(TEMPLATE_ROOT, 'steps', file), 'utf8').replace(/<#[\s\S]*?#>/g, '').replace(/#.*$/gm, '');
    const halves = code(cipherSuitesRoom.script) + code(cipherSuitesRoom.setScript!);
    assert.doesNotMatch(halves, /(Get|Enable)-TlsCipherSuite\s+-/);
    assert.match(halves, /Get-RgTlsCipherSuite/);
    assert.match(halves, /Enable-RgTlsCipherSuite -Name \$move\.Name -Position \$move\.Position/);
    assert.match(readFileSync(join(TEMPLATE_ROOT, 'runtime', 'tls.ps1'), 'utf8'), /^function Get-RgTlsCipherSuite \{/);
    assert.match(readFileSync(join(TEMPLATE_ROOT, 'runtime', 'tls-write.ps1'), 'utf8'), /^function Enable-RgTlsCipherSuite \{/);
  });
});

describe('step room: cipherSuites, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'cipher-room',
    displayName: 'cipherSuites room',
    description: 'The Azure Front Door suites first.',
    publisher: 'spec',
    context: 'system',
    steps: [cipherSuites({ id: 'afd-suites' })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  const device = (order: string[], more: Partial<DeviceProfileProps> = {}) =>
    new Device({ name: 'ciphers', description: 'spec', cipherSuites: { order }, ...more });
  const enables = (run: { calls: readonly { Seam: string; Arguments: unknown }[] }) =>
    run.calls.filter((c) => c.Seam === 'Enable-RgTlsCipherSuite').map((c) => c.Arguments as { Name: string; Position: number }).map((a) => `${a.Name}@${a.Position}`);
  const policy = (value: string): RegistryEntry => ({ path: POLICY_KEY, name: 'Functions', kind: 'String', value });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (TLS cmdlets only in the seams)', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy order (the four first, in order, others after): compliant; the remediation changes nothing', async () => {
    const d = device([...AFD, ...OTHERS]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.equal(stripBuild(detect.output[0]), 'COMPLIANT cipher-room: all 1 settings compliant');
    assert.ok(detect.log.some((l) => l.includes(`afd-suites: compliant (first 4 of 8: ${AFD.join(', ')})`)), detect.log.join('\n'));
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(enables(fix), []);
  });

  it('suites present but not first: not compliant, with where they are; the remediation moves them to 0..3 and the order then starts with them', async () => {
    const d = device([...OTHERS.slice(0, 2), ...AFD, ...OTHERS.slice(2)]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), `NON-COMPLIANT cipher-room: 1 of 1 settings wrong: afd-suites (is first 4 of 8: ${[...OTHERS.slice(0, 2), E256, E128].join(', ')} (the wanted suites are at positions 3, 4, 5, 6), want ${WANTED})`);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(stripBuild(fix.output[0]), 'REMEDIATED cipher-room: fixed 1 of 1 settings (afd-suites); all compliant now; restart required to take effect');
    assert.deepEqual(enables(fix), [`${E256}@0`, `${E128}@1`, `${D256}@2`, `${D128}@3`]);
    assert.deepEqual(fix.state.cipherSuites.order, [...AFD, ...OTHERS]);
    assert.deepEqual(fix.errors, []);
    assert.equal((await d.run(scripts.detect)).exitCode, 0);
  });

  it('one suite missing: not compliant naming it; the remediation enables it at its place and keeps the rest in order', async () => {
    const d = device([E256, E128, D256, ...OTHERS]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, new RegExp(`afd-suites \\(is not enabled: ${D128}; first 4 of 7: `));
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(enables(fix), [`${D128}@3`]);
    assert.deepEqual(fix.state.cipherSuites.order, [...AFD, ...OTHERS]);
  });

  it('wrong order among the four: not compliant; the remediation puts them in order (only the ones out of place)', async () => {
    const d = device([E128, E256, D128, D256, ...OTHERS]);
    assert.equal((await d.run(scripts.detect)).exitCode, 1);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(enables(fix), [`${E256}@0`, `${D256}@2`]);
    assert.deepEqual(fix.state.cipherSuites.order, [...AFD, ...OTHERS]);
  });

  it('a Group Policy order without the suites first: not compliant, naming the policy; the remediation writes nothing locally and fails telling the admin to change the GPO', async () => {
    const d = device([...OTHERS, ...AFD], { registry: [policy(`${OTHERS.join(',')},${AFD.join(',')}`)] });
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /afd-suites \(is Group Policy SSL Cipher Suite Order \(HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\\Functions\) overrides the local order: first 4 of 8: TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .* \(the wanted suites are at positions 5, 6, 7, 8\); change the Group Policy setting SSL Cipher Suite Order, not by this script, want /);
    assert.equal(detect.calls.some((c) => c.Seam === 'Get-RgTlsCipherSuite'), false, 'the local order does not apply');
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(enables(fix), []);
    assert.deepEqual(fix.state.cipherSuites.order, [...OTHERS, ...AFD]);
    assert.match(stripBuild(fix.output[0]), /^FAILED cipher-room: 1 of 1 settings still wrong: afd-suites \(error: Group Policy SSL Cipher Suite Order \(HKLM\\.*\\Functions\) overrides the local order and does not start with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, .*; the local order was left unchanged: change the Group Policy setting SSL Cipher Suite Order\)$/);
    assert.deepEqual(fix.errors, []);
  });

  it('a Group Policy order with the suites first (spaces after the commas): compliant, whatever the local order', async () => {
    const d = device(OTHERS, { registry: [policy(`${AFD.join(', ')}, ${OTHERS[0]}`)] });
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.ok(detect.log.some((l) => l.includes('overrides the local order: first 4 of 5: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')), detect.log.join('\n'));
  });

  it('a policy value of another kind: a policy order that cannot be read, not compliant', async () => {
    const d = device([...AFD], { registry: [{ path: POLICY_KEY, name: 'Functions', kind: 'DWord', value: 1 }] });
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /overrides the local order: a DWord value, not a list of suites; change the Group Policy setting/);
  });

  it('Get-TlsCipherSuite not available (before Windows 10): not compliant with that reason; the remediation writes nothing and fails saying so', async () => {
    const d = new Device({ name: 'win81', description: 'spec', cipherSuites: { available: false, order: [] } });
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), `NON-COMPLIANT cipher-room: 1 of 1 settings wrong: afd-suites (is Get-TlsCipherSuite is not available on this Windows (needs Windows 10), want ${WANTED})`);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(enables(fix), []);
    assert.equal(stripBuild(fix.output[0]), 'FAILED cipher-room: 1 of 1 settings still wrong: afd-suites (error: Get-TlsCipherSuite is not available on this Windows (needs Windows 10); nothing was changed)');
  });

  it('Enable-TlsCipherSuite failing: the remediation fails with its message, never stderr', async () => {
    const d = new Device({ name: 'ciphers', description: 'spec', cipherSuites: { order: OTHERS, enableError: 'The parameter is incorrect.' } });
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /afd-suites \(error: The parameter is incorrect\.\)/);
    assert.deepEqual(fix.errors, []);
  });

  it('-WhatIf: says which suites it would enable where, enables none', async () => {
    const d = device([...OTHERS, ...AFD]);
    const run = await d.run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(enables(run), []);
    assert.deepEqual(run.state.cipherSuites.order, [...OTHERS, ...AFD]);
    assert.ok(run.host.some((l) => l.includes('What if:') && l.includes('TLS cipher suite order (local)') && l.includes(`Enable ${E256} at position 0, ${E128} at position 1`)), run.host.join('\n'));
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /\(WhatIf: nothing was changed\)$/);
  });
});

describe('the Intune remediation summary: a restart after restart-required changes', function () {
  this.timeout(180_000);
  const both = defineRemediation({
    id: 'tls-rung',
    displayName: 'SCHANNEL and cipher suites',
    description: 'TLS 1.2 client on, the Azure Front Door suites first.',
    publisher: 'spec',
    context: 'system',
    steps: [schannelProtocol({ id: 'tls12-client', protocol: 'TLS 1.2', state: 'enabled' }), cipherSuites({ id: 'afd-suites' })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(both); });

  it('both fixed: REMEDIATED, restart required to take effect; the device shows both changes', async () => {
    const d = new Device({ name: 'both', description: 'spec', cipherSuites: { order: [...OTHERS, ...AFD] } });
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(stripBuild(fix.output[0]), 'REMEDIATED tls-rung: fixed 2 of 2 settings (tls12-client, afd-suites); all compliant now; restart required to take effect');
    assert.deepEqual(fix.state.cipherSuites.order, [...AFD, ...OTHERS]);
  });

  it('SCHANNEL fixed but the cipher order held by a GPO: FAILED, and the summary still recommends the restart the SCHANNEL change needs', async () => {
    const d = new Device({ name: 'gpo', description: 'spec', cipherSuites: { order: AFD }, registry: [{ path: POLICY_KEY, name: 'Functions', kind: 'String', value: OTHERS.join(',') }] });
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(stripBuild(fix.output[0]), /^FAILED tls-rung: 1 of 2 settings still wrong: afd-suites \(error: Group Policy SSL Cipher Suite Order .*; restart recommended for the changes made \(tls12-client\)$/);
    const run = await new Device({ name: 'gpo', description: 'spec', cipherSuites: { order: AFD }, registry: [{ path: POLICY_KEY, name: 'Functions', kind: 'String', value: OTHERS.join(',') }] })
      .run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.doesNotMatch(run.output[0]!, /restart/, 'under -WhatIf nothing changed, nothing needs a restart');
  });
});

describe('engine: the real Get-RgTlsCipherSuite seam, where there is no TLS module', function () {
  this.timeout(120_000);
  it('answers Available false with the reason (the engine host, like Windows before 10, has no Get-TlsCipherSuite), never throws', async () => {
    const script = [
      'Set-StrictMode -Version 3.0',
      "$ErrorActionPreference = 'Stop'",
      `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'tls.ps1'))}`,
      '$r = Get-RgTlsCipherSuite',
      '[string]$r.Available',
      '[string]$r.Names.Count',
      '$r.Error',
      'exit 0',
      '',
    ].join('\r\n');
    const result = await engine().run({ file: scriptFile(script) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    assert.deepEqual(result.output, ['False', '0', 'Get-TlsCipherSuite is not available on this Windows (needs Windows 10)']);
  });
});
