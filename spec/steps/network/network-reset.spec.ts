/**
 * The networkReset room (action, system, opt-in): netsh winsock reset (and int ip reset) gated by a probe, at most
 * once per cooldown of at least 7 days, refusing while third-party Winsock providers are installed unless allowed.
 * The catalog is read by tokens no language changes: fixtures in English and in German (labels as German Windows
 * translates them; the fixture is ours, written from the English layout, not captured from a German device).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { NativeCommand } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { endpoints } from '../../../generator/steps/network/endpoints.ts';
import { networkReset, networkResetRoom } from '../../../generator/steps/network/network-reset.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
/** The netsh calls of this room (the endpoints probe's `winhttp show proxy` left out). */
const netsh = (run: Simulation): string[] =>
  run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand' && String(c.Arguments.FilePath).endsWith('netsh.exe'))
    .map((c) => (c.Arguments.ArgumentList as string[]).join(' ')).filter((a) => !a.startsWith('winhttp'));

interface Provider { readonly description: string; readonly id: string; readonly path: string; readonly nameSpace?: boolean }
const LABELS = {
  en: { entry: 'Winsock Catalog Provider Entry', ns: 'Name Space Provider Entry', type: 'Entry Type:', base: 'Base Service Provider', layered: 'Layered Chain Entry', description: 'Description:', id: 'Provider ID:', path: 'Provider Path:', catalog: 'Catalog Entry ID:' },
  de: { entry: 'Winsock-Katalog-Anbietereintrag', ns: 'Namespace-Anbietereintrag', type: 'Eintragstyp:', base: 'Basisdienstanbieter', layered: 'Mehrschichtiger Ketteneintrag', description: 'Beschreibung:', id: 'Anbieter-ID:', path: 'Anbieterpfad:', catalog: 'Katalogeintrags-ID:' },
} as const;
function catalog(language: keyof typeof LABELS, providers: readonly Provider[]): string[] {
  const l = LABELS[language];
  const lines: string[] = [''];
  providers.forEach((p, index) => {
    lines.push(p.nameSpace ? l.ns : l.entry, '-'.repeat(54));
    if (!p.nameSpace) lines.push(`${l.type} ${p.path.includes('system32\\mswsock') ? l.base : l.layered}`);
    lines.push(`${l.description} ${p.description}`, `${l.id} ${p.id}`, `${l.path} ${p.path}`);
    if (!p.nameSpace) lines.push(`${l.catalog} ${1001 + index}`);
    lines.push('');
  });
  return lines;
}
const MICROSOFT: Provider[] = [
  { description: 'Hyper-V RAW', id: '{1234ABCD-1234-ABCD-1234-ABCD1234ABCD}', path: '%SystemRoot%\\system32\\mswsock.dll' },
  { description: 'MSAFD Tcpip [TCP/IP]', id: '{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}', path: '%SystemRoot%\\system32\\mswsock.dll' },
  { description: 'MSAFD Tcpip [UDP/IP]', id: '{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}', path: '%SystemRoot%\\system32\\mswsock.dll' },
  { description: 'Network Location Awareness Legacy (NLAv1) Namespace', id: '{6642243A-3BA8-4AA6-BAA5-2E0BD71FDD83}', path: '%SystemRoot%\\system32\\NLAapi.dll', nameSpace: true },
  { description: 'E-mail Naming Shim Provider', id: '{964ACBA2-B2BC-40EB-8C6A-A6DB40161CAE}', path: '%SystemRoot%\\system32\\wshqos.dll', nameSpace: true },
];
const VPN: Provider = { description: 'Contoso VPN Layered Provider [TCP/IP]', id: '{0B8C3AE1-5D1E-4C71-9E1D-2B7A8C9D0E1F}', path: 'C:\\Program Files\\Contoso VPN\\cvpnlsp.dll' };
const BONJOUR: Provider = { description: 'Bonjour Namespace Provider', id: '{B600E6E9-553B-4A19-8696-335E5C896153}', path: '%SystemRoot%\\system32\\mdnsNSP.dll', nameSpace: true };
const show = (output: string[], after?: string[]): NativeCommand => ({ filePath: 'netsh.exe', argumentList: ['winsock', 'show', 'catalog'], exitCode: 0, output, ...(after ? { then: [{ exitCode: 0, output: after }] } : {}) });
const reset = (exitCode = 0): NativeCommand => ({ filePath: 'netsh.exe', argumentList: ['winsock', 'reset'], exitCode, output: ['', 'Sucessfully reset the Winsock Catalog.', 'You must restart the computer in order to complete the reset.', ''] });
const ipReset: NativeCommand = { filePath: 'netsh.exe', argumentList: ['int', 'ip', 'reset'], exitCode: 0, output: ['Resetting Interface, OK!', 'Restart the computer to complete this action.'] };
const broken = { hostName: 'login.microsoftonline.com', port: 443, reachable: false, error: 'An operation on a socket could not be performed because the system lacked sufficient buffer space' };

describe('step room: networkReset (rules)', () => {
  it('category, context, the step table (a restart required)', () => {
    assert.equal(networkResetRoom.category, 'action');
    const step = networkReset({ id: 'n', gate: { probes: ['p'] }, cooldown: 'P7D' });
    assert.equal(networkResetRoom.contextOf(step), 'system');
    assert.deepEqual(networkResetRoom.toData(step), { IpReset: false, AllowThirdPartyProviders: false, RestartRequired: true });
  });

  it('check(): a cooldown under 7 days is refused, 7 days passes', () => {
    assert.deepEqual(issues((i) => networkResetRoom.check(networkReset({ id: 'n', gate: { probes: ['p'] }, cooldown: 'P6DT23H' }), i)), [
      "cooldown: cooldown \"P6DT23H\" is under 7 days: a network reset drops every connection and needs a restart; use 'P7D' or more",
    ]);
    assert.deepEqual(issues((i) => networkResetRoom.check(networkReset({ id: 'n', gate: { probes: ['p'] }, cooldown: 'P7D' }), i)), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(networkResetRoom.explain(networkReset({ id: 'n', ipReset: true, gate: { probes: ['m365'] }, cooldown: 'P14D' })), {
      detects: 'the network stack needs a reset, while m365 reports the symptom',
      changes: 'runs netsh winsock reset and netsh int ip reset (a static address or DNS setting may be lost) at most once per 14 days, but refuses while a VPN or security product has its own Winsock providers; the device must restart to finish it',
    });
  });
});

describe('step room: networkReset gated by endpoints, in the engine', function () {
  this.timeout(180_000);
  const make = (more: Partial<Parameters<typeof networkReset>[0]> = {}) => defineRemediation({
    id: 'network-reset-room', displayName: 'network reset', description: 'Reset Winsock when sign-in cannot connect.', publisher: 'spec', context: 'system',
    steps: [endpoints({ id: 'm365', endpoints: [{ host: 'login.microsoftonline.com', port: 443 }] }), networkReset({ id: 'winsock-reset', gate: { probes: ['m365'] }, cooldown: 'P7D', ...more })],
  });
  let scripts: { detect: string; remediate: string };
  let allowing: { detect: string; remediate: string };
  before(async () => {
    scripts = await intuneScripts(make({ ipReset: true }));
    allowing = await intuneScripts(make({ allowThirdPartyProviders: true }));
  });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy (sign-in reachable): no reset, the catalog not even needed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', endpoints: [{ hostName: 'login.microsoftonline.com', reachable: true }], commands: [show(catalog('en', MICROSOFT))] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.ok(!netsh(fix).includes('winsock reset'));
  });

  for (const language of ['en', 'de'] as const) {
    it(`the symptom, Microsoft providers only (${language}): winsock reset and int ip reset, a restart noted; the cooldown holds the next one back`, async () => {
      const device = new Device({ name: `reset-${language}`, description: 'spec', endpoints: [broken], commands: [show(catalog(language, MICROSOFT)), reset(), ipReset] }, { continues: true });
      const detect = await device.run(scripts.detect);
      assert.match(detect.output[0]!, /winsock-reset \(is Winsock catalog: 5 entries, Microsoft providers only, want reset while the gate reports the symptom\)/);
      const fix = await device.run(scripts.remediate);
      assert.deepEqual(netsh(fix).filter((a) => a !== 'winsock show catalog'), ['winsock reset', 'int ip reset']);
      assert.match(fix.output[0]!, /1 action\(s\) taken: winsock-reset/);
      assert.match(fix.output[0]!, /restart/i);
      const again = await device.run(scripts.remediate);
      assert.ok(!netsh(again).includes('winsock reset'));
      assert.match(again.output[0]!, /winsock-reset in cooldown until/);
    });
  }

  it('third-party providers (a VPN LSP outside System32, Bonjour inside it), German: refused, naming both; nothing reset', async () => {
    const fix = await new Device({ name: 'vpn', description: 'spec', endpoints: [broken], commands: [show(catalog('de', [...MICROSOFT, VPN, BONJOUR])), reset(), ipReset] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(netsh(fix).filter((a) => a !== 'winsock show catalog'), []);
    assert.match(fix.output[0]!, /winsock-reset \(error: refused: third-party Winsock providers are installed \(C:\\Program Files\\Contoso VPN\\cvpnlsp\.dll, %SystemRoot%\\system32\\mdnsNSP\.dll\); a reset removes them/);
  });

  it('third-party providers allowed: reset, and verified gone by reading the catalog again; one that stays is an error', async () => {
    const gone = await new Device({ name: 'vpn-allowed', description: 'spec', endpoints: [broken], commands: [show(catalog('en', [...MICROSOFT, VPN]), catalog('en', MICROSOFT)), reset()] }).run(allowing.remediate);
    assert.deepEqual(netsh(gone), ['winsock show catalog', 'winsock show catalog', 'winsock reset', 'winsock show catalog', 'winsock show catalog']);
    assert.ok(!/error/.test(gone.output[0]!), gone.output[0]);
    const stays = await new Device({ name: 'vpn-stays', description: 'spec', endpoints: [broken], commands: [show(catalog('en', [...MICROSOFT, VPN])), reset()] }).run(allowing.remediate);
    assert.match(stays.output[0]!, /winsock-reset \(error: still in the Winsock catalog after the reset: C:\\Program Files\\Contoso VPN\\cvpnlsp\.dll\)/);
  });

  it('a catalog that cannot be read, a reset that fails, a seam that throws: refused or named, no stderr', async () => {
    const unreadable = await new Device({ name: 'denied', description: 'spec', endpoints: [broken], commands: [{ filePath: 'netsh.exe', argumentList: ['winsock', 'show', 'catalog'], exitCode: 1, output: ['The requested operation requires elevation (Run as administrator).'] }, reset()] }).run(scripts.remediate);
    assert.match(unreadable.output[0]!, /winsock-reset \(error: refused: the Winsock catalog could not be read before the reset \(netsh winsock show catalog exit code 1\)\)/);
    assert.ok(!netsh(unreadable).includes('winsock reset'));
    const empty = await new Device({ name: 'empty', description: 'spec', endpoints: [broken], commands: [show(['', 'Something unexpected.', '']), reset()] }).run(scripts.remediate);
    assert.match(empty.output[0]!, /listed no provider path/);
    const failed = await new Device({ name: 'failed', description: 'spec', endpoints: [broken], commands: [show(catalog('en', MICROSOFT)), reset(5), ipReset] }).run(scripts.remediate);
    assert.match(failed.output[0]!, /winsock-reset \(error: netsh winsock reset failed \(exit code 5\)\)/);
    assert.ok(!netsh(failed).includes('int ip reset'));
    const throws = await new Device({ name: 'throws', description: 'spec', endpoints: [broken], faults: { throws: { 'Invoke-RgNativeCommand': 'Access is denied.' } } }).run(scripts.remediate);
    assert.match(throws.output[0]!, /winsock-reset \(error: Access is denied\.\)/);
    assert.deepEqual(throws.errors, []);
  });

  it('-WhatIf: says what it would run, runs no reset, records no run', async () => {
    const run = await new Device({ name: 'whatif', description: 'spec', endpoints: [broken], commands: [show(catalog('en', MICROSOFT)), reset(), ipReset] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.ok(!netsh(run).includes('winsock reset'));
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Run netsh winsock reset and netsh int ip reset (a restart completes it)')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'winsock-reset.LastRunUtc'), undefined);
  });
});
