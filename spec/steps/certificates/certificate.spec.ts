/**
 * The certificate rooms: certificate (probe: matching certificates expiring within N days) and certificateRemove
 * (action: the expired ones removed, verified by reading the store again), on simulated stores; and the template
 * extension decoder, on DER bytes made here.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { getEngine } from '../../../generator/engine/index.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { StoreCertificate } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';
import { certificate, certificateRoom } from '../../../generator/steps/certificates/certificate.ts';
import { certificateRemove, certificateRemoveRoom } from '../../../generator/steps/certificates/certificate-remove.ts';
import { Device, intuneScripts, scriptFile } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const CLOCK = '2026-03-10T12:00:00Z';
const TEMPLATE_OID = '1.3.6.1.4.1.311.21.8.16187728.6410758.1.2';
const cert = (name: string, thumb: string, notAfter: string, more: Partial<StoreCertificate> = {}): StoreCertificate => ({
  subject: `CN=${name}`, thumbprint: thumb.repeat(40 / thumb.length), notAfter, templateName: 'Contoso Workstation', templateOid: TEMPLATE_OID, ...more,
});
const carriedThumbs = (run: Simulation): string[] => ((run.state.carried.Certificates ?? []) as { Thumbprint: string }[]).map((c) => c.Thumbprint.slice(0, 4));

describe('step rooms: certificate, certificateRemove (rules)', () => {
  it('categories, contexts, the step table', () => {
    assert.equal(certificateRoom.category, 'probe');
    assert.equal(certificateRemoveRoom.category, 'action');
    const probe = certificate({ id: 'c', template: TEMPLATE_OID, expiresWithinDays: 30 });
    assert.equal(certificateRoom.contextOf(probe), 'any');
    assert.equal(certificateRoom.contextOf(certificate({ id: 'c', subject: 'CN=x*', storeLocation: 'currentUser', expiresWithinDays: 30 })), 'user');
    assert.deepEqual(certificateRoom.toData(probe), {
      StoreLocation: 'LocalMachine', StoreName: 'My', Subject: '', Issuer: '', TemplateOid: TEMPLATE_OID, TemplateName: '', Thumbprint: '', ExpiresWithinDays: 30, IfNone: 'Compliant',
    });
    const remove = certificateRemove({ id: 'r', template: 'Contoso Workstation', thumbprint: 'ab cd\u200e'.padEnd(10, '0') + '0'.repeat(32), gate: { probes: ['c'] }, cooldown: 'P1D' });
    assert.equal(certificateRemoveRoom.contextOf(remove), 'system');
    assert.equal(certificateRemoveRoom.toData(remove).TemplateName, 'Contoso Workstation');
  });

  it('check(): matching everything, a wildcard-only subject, a bad thumbprint or template, a trust store without a thumbprint, days out of range', () => {
    assert.deepEqual(issues((i) => certificateRoom.check(certificate({ id: 'c', subject: '*', expiresWithinDays: -1 }), i)), [
      "subject: subject \"*\" matches every certificate: write part of the name, e.g. 'CN=*.contoso.com'",
      'expiresWithinDays: expiresWithinDays -1 must be a whole number of days from 0 (already expired) to 3650',
    ]);
    assert.deepEqual(issues((i) => certificateRoom.check(certificate({ id: 'c', expiresWithinDays: 30 }), i)), [
      ': the certificate step "c" matches every certificate of the store: give subject, issuer, template or thumbprint',
    ]);
    assert.deepEqual(issues((i) => certificateRoom.check(certificate({ id: 'c', thumbprint: '12AB', template: 'Web*', expiresWithinDays: 30 }), i)), [
      "thumbprint: thumbprint \"12AB\" is not a SHA-1 thumbprint: 40 hex digits, as the certificate's Details tab shows",
      'template: template "Web*" is not a template: write its OID or its name, without wildcards',
    ]);
    assert.deepEqual(issues((i) => certificateRemoveRoom.check(certificateRemove({ id: 'r', storeName: 'Root', issuer: 'CN=Old Root*', gate: { probes: ['c'] }, cooldown: 'P1D' }), i)), [
      'storeName: removing from the Root store needs a thumbprint: an expired root or intermediate may still anchor signatures timestamped while it was valid; name the one certificate to remove',
    ]);
    assert.deepEqual(issues((i) => certificateRemoveRoom.check(certificateRemove({ id: 'r', storeName: 'Root', thumbprint: 'A'.repeat(40), gate: { probes: ['c'] }, cooldown: 'P1D' }), i)), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(certificateRoom.explain(certificate({ id: 'c', issuer: 'CN=Contoso*', template: 'Contoso Workstation', expiresWithinDays: 30 })), {
      detects: 'none of the certificates in LocalMachine\\My with issuer CN=Contoso*, template Contoso Workstation expires within 30 days (one already expired fails too); a device without such a certificate passes',
      changes: 'nothing: a probe only reads and reports',
    });
    assert.deepEqual(certificateRemoveRoom.explain(certificateRemove({ id: 'r', subject: 'CN=VPN*', storeLocation: 'currentUser', gate: { probes: ['c'] }, cooldown: 'P7D' })), {
      detects: 'expired certificates in CurrentUser\\My with subject CN=VPN*, while c reports the symptom',
      changes: 'removes each of them that has already expired, never one still valid (at most once per 7 days), then reads the store again to verify',
    });
  });
});

/** DER of an OID, written here independently of the decoder under test. */
function derOid(oid: string): number[] {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const body = [40 * a! + b!];
  for (const arc of rest) {
    const bytes = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
    body.push(...bytes);
  }
  return [0x06, body.length, ...body];
}

describe('ConvertFrom-RgTemplateExtension (runtime/certificate.ps1), in the engine', function () {
  this.timeout(120_000);
  it('decodes a V2 template OID from DER (multi-byte arcs, long-form length), takes the name token from any language, a V1 name (bare BMPString, or a UTF8String in a SEQUENCE), and truncated bytes as nothing', async () => {
    const oid = derOid(TEMPLATE_OID);
    const v2 = [0x30, oid.length + 6, ...oid, 0x02, 0x01, 0x64, 0x02, 0x01, 0x05];
    const v2long = [0x30, 0x81, oid.length + 3, ...oid, 0x02, 0x01, 0x64];
    const name = Buffer.from('WebServer', 'utf16le').swap16();
    const v1 = [0x1e, name.length, ...name];
    const utf8 = [0x0c, 7, ...Buffer.from('Machine', 'utf8')];
    const runtime = readFileSync(join(TEMPLATE_ROOT, 'runtime', 'certificate.ps1'), 'utf8');
    const text = `${runtime}
$a = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.21.7' -RawData ([byte[]]@(${v2.join(',')})) -Formatted 'Template=Contoso Workstation(${TEMPLATE_OID}), Major Version Number=100, Minor Version Number=5'
$b = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.21.7' -RawData ([byte[]]@(${v2long.join(',')})) -Formatted 'Vorlage=Contoso Workstation(${TEMPLATE_OID}), Hauptversionsnummer=100'
$c = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.20.2' -RawData ([byte[]]@(${v1.join(',')}))
$d = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.21.7' -RawData ([byte[]]@(4, 1, 0))
$e = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.20.2' -RawData ([byte[]]@(${[0x30, utf8.length, ...utf8].join(',')}))
$f = ConvertFrom-RgTemplateExtension -Oid '1.3.6.1.4.1.311.20.2' -RawData ([byte[]]@(0x1e, 40, 0))
$a.Oid + '|' + $a.Name
$b.Oid + '|' + $b.Name
$c.Oid + '|' + $c.Name
$d.Oid + '|' + $d.Name
$e.Oid + '|' + $e.Name
$f.Oid + '|' + $f.Name
`;
    const run = await getEngine().run({ file: scriptFile(text, 'template.ps1') });
    assert.deepEqual(run.errors, []);
    assert.deepEqual(run.output, [`${TEMPLATE_OID}|Contoso Workstation`, `${TEMPLATE_OID}|Contoso Workstation`, '|WebServer', '|', '|Machine', '|']);
  });
});

describe('step rooms: certificate probe gating certificateRemove, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'certificate-rooms', displayName: 'certificate rooms', description: 'Workstation certificate valid; expired ones removed.', publisher: 'spec', context: 'system',
    steps: [
      certificate({ id: 'workstation-cert', template: TEMPLATE_OID, expiresWithinDays: 30 }),
      certificateRemove({ id: 'drop-expired', template: TEMPLATE_OID, gate: { probes: ['workstation-cert'] }, cooldown: 'P1D' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const valid = cert('PC-0142.contoso.com', 'A1', '2026-09-01T00:00:00Z');
  const expired = cert('PC-0142.contoso.com', 'B2', '2026-02-01T00:00:00Z');
  const soon = cert('PC-0142.contoso.com', 'C3', '2026-04-01T00:00:00Z');
  const other = cert('Contoso VPN', 'D4', '2025-01-01T00:00:00Z', { templateName: 'VPN', templateOid: '1.3.6.1.4.1.311.21.8.1.2' });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy: one valid certificate, another template expired; nothing removed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', clock: CLOCK, certificates: [valid, other] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Remove-RgCertificate'), []);
  });

  it('boundary: expiring in exactly 30 days fails, in 30 days and a minute passes', async () => {
    const at = await new Device({ name: 'at', description: 'spec', clock: CLOCK, certificates: [cert('X', 'E5', '2026-04-09T12:00:00Z')] }).run(scripts.detect);
    assert.match(at.output[0]!, /workstation-cert \(is CN=X \[E5E5E5E5\] expires 2026-04-09, want none expiring within 30 days\)/);
    const after = await new Device({ name: 'after', description: 'spec', clock: CLOCK, certificates: [cert('X', 'E5', '2026-04-09T12:01:00Z')] }).run(scripts.detect);
    assert.equal(after.exitCode, 0, after.output.join('\n'));
  });

  it('an expired certificate beside a valid one: reported, removed (only the expired), verified; a second run removes nothing', async () => {
    const device = new Device({ name: 'expired', description: 'spec', clock: CLOCK, certificates: [valid, expired, other] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /workstation-cert \(is CN=PC-0142\.contoso\.com \[B2B2B2B2\] expired 2026-02-01, want none expiring within 30 days\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Remove-RgCertificate').map((c) => String(c.Arguments.Thumbprint).slice(0, 4)), ['B2B2']);
    assert.deepEqual(carriedThumbs(fix), ['A1A1', 'D4D4']);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual(calls(again, 'Remove-RgCertificate'), []);
  });

  it('one expiring soon (not yet expired) is reported and never removed: the remediation fails, naming it', async () => {
    const fix = await new Device({ name: 'soon', description: 'spec', clock: CLOCK, certificates: [soon] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(calls(fix, 'Remove-RgCertificate'), []);
    assert.match(fix.output[0]!, /workstation-cert \(is CN=PC-0142\.contoso\.com \[C3C3C3C3\] expires 2026-04-01/);
  });

  it('boundary: a certificate whose NotAfter is this very moment is still valid (X.509 includes notAfter): reported, never removed', async () => {
    const now = cert('PC-0142.contoso.com', 'F6', CLOCK);
    // Alone: the probe reports it (expiring within 30 days), but the removal's own test finds nothing expired.
    const detect = await new Device({ name: 'at-now', description: 'spec', clock: CLOCK, certificates: [now] }).run(scripts.detect);
    assert.match(detect.output[0]!, /: 1 of 2 checks failed: workstation-cert \(is CN=PC-0142\.contoso\.com \[F6F6F6F6\] expires 2026-03-10, want none expiring within 30 days\)$/);
    const fix = await new Device({ name: 'at-now', description: 'spec', clock: CLOCK, certificates: [now] }).run(scripts.remediate);
    assert.deepEqual(calls(fix, 'Remove-RgCertificate'), []);
    assert.equal(fix.exitCode, 1, fix.output.join('\n'));
    // Beside an expired one: the removal runs and takes only the expired.
    const both = await new Device({ name: 'both', description: 'spec', clock: CLOCK, certificates: [expired, now] }).run(scripts.remediate);
    assert.deepEqual(calls(both, 'Remove-RgCertificate').map((c) => String(c.Arguments.Thumbprint).slice(0, 4)), ['B2B2']);
  });

  it('a removal that does not take (the store refilled) is caught by reading again; access denied is named', async () => {
    const stays = await new Device({ name: 'stays', description: 'spec', clock: CLOCK, certificates: [valid, { ...expired, stays: true }] }).run(scripts.remediate);
    assert.equal(stays.exitCode, 1);
    assert.match(stays.output[0]!, /drop-expired.*still in LocalMachine\\My after the removal: CN=PC-0142\.contoso\.com \[B2B2B2B2\]/);
    const denied = await new Device({ name: 'denied', description: 'spec', clock: CLOCK, certificates: [valid, { ...expired, removeError: 'Access is denied.' }] }).run(scripts.remediate);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /drop-expired.*Access is denied\./);
    assert.deepEqual(denied.errors, []);
  });

  it('a store that cannot be read and a seam that throws: errors named, no stderr', async () => {
    const unreadable = await new Device({ name: 'unreadable', description: 'spec', clock: CLOCK, certificates: [{ ...valid, readError: 'Keyset does not exist' }] }).run(scripts.detect);
    assert.equal(unreadable.exitCode, 1);
    assert.match(unreadable.output[0]!, /workstation-cert \(error: Keyset does not exist\)/);
    const throws = await new Device({ name: 'throws', description: 'spec', clock: CLOCK, faults: { throws: { 'Get-RgCertificate': 'The RPC server is unavailable.' } } }).run(scripts.detect);
    assert.match(throws.output[0]!, /workstation-cert \(error: The RPC server is unavailable\.\)/);
    assert.deepEqual(throws.errors, []);
  });

  it('-WhatIf: says which certificate it would remove, removes nothing, records no run', async () => {
    const run = await new Device({ name: 'expired', description: 'spec', clock: CLOCK, certificates: [valid, expired] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Remove-RgCertificate'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('certificate CN=PC-0142.contoso.com [B2B2B2B2] expired 2026-02-01 in LocalMachine\\My')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'drop-expired.LastRunUtc'), undefined);
  });
});

describe('step room: certificate, the user store and a template by name, in the engine', function () {
  this.timeout(180_000);
  it('a CurrentUser certificate matched by the template name Windows shows; no matching certificate fails when declared', async () => {
    const remediation = defineRemediation({
      id: 'user-cert', displayName: 'user cert', description: 'The user VPN certificate.', publisher: 'spec', context: 'user',
      steps: [certificate({ id: 'vpn-cert', storeLocation: 'currentUser', template: 'Contoso User VPN', issuer: 'CN=Contoso Issuing CA*', expiresWithinDays: 14, ifNone: 'nonCompliant' })],
    });
    const scripts = await intuneScripts(remediation);
    const vpn = cert('alice', 'F6', '2026-03-20T00:00:00Z', { location: 'CurrentUser', templateName: 'Contoso User VPN' });
    const soonRun = await new Device({ name: 'soon', description: 'spec', clock: CLOCK, certificates: [vpn, { ...vpn, location: 'LocalMachine', thumbprint: 'F7'.repeat(20) }] }).run(scripts.detect);
    assert.match(soonRun.output[0]!, /vpn-cert \(is CN=alice \[F6F6F6F6\] expires 2026-03-20, want none expiring within 14 days\)/);
    assert.deepEqual(calls(soonRun, 'Get-RgCertificate').map((c) => `${String(c.Arguments.Location)}\\${String(c.Arguments.StoreName)}`), ['CurrentUser\\My']);
    const none = await new Device({ name: 'none', description: 'spec', clock: CLOCK }).run(scripts.detect);
    assert.match(none.output[0]!, /vpn-cert \(is no matching certificate in CurrentUser\\My, want none expiring within 14 days\)/);
  });
});
