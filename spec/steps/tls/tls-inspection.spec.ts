/**
 * tlsInspection: a probe room (the chain each sign-in endpoint presents, judged by its root, through the route
 * this context takes). The real seam runs against local servers in tls-chain-seam.spec.ts; here the generated
 * scripts run on simulated devices: Microsoft's chains, an antivirus and an enterprise inspection root, an
 * explicit proxy that tunnels, one that answers 407, one that never answers, and SYSTEM's WinHTTP route read
 * from an English and a German netsh.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { MICROSOFT_TLS_ROOTS, tlsInspection, tlsInspectionRoom } from '../../../generator/steps/tls/tls-inspection.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import {
  ANTIVIRUS_ROOT, AUTH_PROXY, ENTERPRISE_ROOT, INSPECTED_HOSTS, MICROSOFT_CHAINS, NETSH_PROXY_DE, NETSH_PROXY_DE_BYPASS, NETSH_PROXY_EN, PROXY,
  SILENT_PROXY, TUNNELLING_PROXY, digicertG2Chain, inspectedChain, microsoftRsa2017Chain,
} from '../../../remediations/profiles/tls-inspection-data.ts';
import { NETSH_DIRECT } from '../../../remediations/profiles/device-data.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof tlsInspectionRoom.check>[0]): string[] => {
  const found: string[] = [];
  tlsInspectionRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

describe('step room: tlsInspection (probe)', () => {
  it('defaults to the sign-in and device registration endpoints on 443 and 5000 ms, with the reference\'s seven roots; a tenant adds its OneDrive host', () => {
    const step = tlsInspection({ id: 'no-inspection' });
    assert.equal(step.kind, 'tlsInspection');
    const data = tlsInspectionRoom.toData(step) as { Endpoints: unknown; TimeoutMilliseconds: number; Roots: { Name: string; Thumbprint: string }[] };
    assert.deepEqual(data.Endpoints, INSPECTED_HOSTS.map((host) => ({ Host: host, Port: 443 })));
    assert.equal(data.TimeoutMilliseconds, 5000);
    assert.equal(data.Roots.length, 7);
    // The two Microsoft 2017 roots, the way round the reference has them (a public script swaps them).
    assert.equal(data.Roots.find((r) => r.Name === 'Microsoft RSA Root Certificate Authority 2017')!.Thumbprint, '73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74');
    assert.equal(data.Roots.find((r) => r.Name === 'Microsoft ECC Root Certificate Authority 2017')!.Thumbprint, '999A64C37FF47D9FAB95F14769891460EEC4C3C5');
    assert.ok(MICROSOFT_TLS_ROOTS.every((r) => /^[0-9A-F]{40}$/.test(r.thumbprint)));
    assert.deepEqual((tlsInspectionRoom.toData(tlsInspection({ id: 'x', tenant: 'contoso' })) as { Endpoints: unknown[] }).Endpoints.at(-1), { Host: 'contoso-my.sharepoint.com', Port: 443 });
    assert.equal(tlsInspectionRoom.contextOf(step), 'any');
    assert.equal(tlsInspectionRoom.category, 'probe');
    assert.equal(tlsInspectionRoom.title(step), 'TLS to 3 sign-in endpoints is not intercepted');
    assert.match(tlsInspectionRoom.explain(step).detects, /never by intermediates/);
  });

  it('refuses hosts, ports, tenants and timeouts that are not ones, an empty list and duplicates', () => {
    assert.deepEqual(issues(tlsInspection({ id: 'x', tenant: 'contoso' })), []);
    assert.deepEqual(issues(tlsInspection({ id: 'x', endpoints: [] })), ['endpoints: endpoints is empty: leave it out for the sign-in and device registration endpoints, or name at least one']);
    assert.deepEqual(issues(tlsInspection({ id: 'x', endpoints: [{ host: 'https://login.microsoftonline.com/' }, { host: 'a.example', port: 70000 }], tenant: 'a.b', timeoutMilliseconds: 100 })), [
      'endpoints.0.host: "https://login.microsoftonline.com/" is not a host name: write a name such as login.microsoftonline.com (no scheme, path or port)',
      'endpoints.1.port: port 70000 is not a TCP port: use a whole number from 1 to 65535',
      'tenant: tenant "a.b" is not a SharePoint tenant name: write the part before .sharepoint.com, e.g. contoso',
      'timeoutMilliseconds: timeoutMilliseconds 100 is out of range: use a whole number from 500 to 30000',
    ]);
    assert.deepEqual(issues(tlsInspection({ id: 'x', endpoints: [{ host: 'contoso-my.sharepoint.com' }], tenant: 'Contoso' })), ['endpoints: contoso-my.sharepoint.com:443 is listed twice']);
  });
});

describe('step room: tlsInspection, in the engine', function () {
  this.timeout(180_000);
  const remediation = (context: 'user' | 'system') => defineRemediation({
    id: `tls-inspection-${context}`,
    displayName: 'tlsInspection room',
    description: 'Whether TLS to the sign-in endpoints is intercepted.',
    publisher: 'spec',
    context,
    steps: [tlsInspection({ id: 'no-inspection' })],
  });
  const device = (more: Partial<DeviceProfileProps>): Device => new Device({ name: 'tls', description: 'spec', commands: [NETSH_DIRECT], tlsChains: MICROSOFT_CHAINS, ...more });
  let user: { detect: string; remediate: string };
  let system: { detect: string; remediate: string };
  before(async () => { user = await intuneScripts(remediation('user')); system = await intuneScripts(remediation('system')); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (Add-Type with its C# callback, the .NET surface of the seam)', async () => {
    const findings = await lintFiles([user.detect, user.remediate, system.detect]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('Microsoft\'s chains (DigiCert Global Root G2, Microsoft RSA Root CA 2017), direct: compliant, each root named, one read per endpoint', async () => {
    const run = await device({}).run(user.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT tls-inspection-user: all 1 checks passed');
    const reads = run.calls.filter((c) => c.Seam === 'Get-RgTlsChain');
    assert.deepEqual(reads.map((c) => [c.Arguments.HostName, c.Arguments.Port, c.Arguments.Proxy, c.Arguments.TimeoutMilliseconds]), INSPECTED_HOSTS.map((h) => [h, 443, '', 5000]));
    assert.ok(run.log.some((l) => l.includes('no-inspection: compliant (all 3 chains end at Microsoft\'s CAs: login.microsoftonline.com (DigiCert Global Root G2), device.login.microsoftonline.com (DigiCert Global Root G2), enterpriseregistration.windows.net (Microsoft RSA Root Certificate Authority 2017); the user goes direct (WinINet))')), run.log.join('\n'));
    assert.deepEqual(run.errors, []);
  });

  it('an antivirus root the device trusts (policy errors None): non-compliant, the endpoint and the root named', async () => {
    const chains = [inspectedChain('login.microsoftonline.com', ANTIVIRUS_ROOT), digicertG2Chain('device.login.microsoftonline.com'), microsoftRsa2017Chain('enterpriseregistration.windows.net')];
    const run = await device({ tlsChains: chains }).run(user.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(stripBuild(run.output[0]), "NON-COMPLIANT tls-inspection-user: 1 of 1 checks failed: no-inspection (is login.microsoftonline.com intercepted: root CN=Norton Web/Mail Shield Root, O=Gen Digital Inc., C=US is not a Microsoft CA; the user goes direct (WinINet), want every endpoint presents a chain to one of Microsoft's 7 root CAs)");
  });

  it('judged by the root, never by an intermediate: a Microsoft intermediate under a foreign root fails, a new intermediate under G2 passes', async () => {
    const g2 = digicertG2Chain('login.microsoftonline.com');
    const foreign = { ...g2, chain: [...g2.chain!.slice(0, 2), ENTERPRISE_ROOT] };
    const rotated = { ...g2, chain: [g2.chain![0]!, { subject: 'CN=Microsoft TLS G2 RSA CA OCSP 02, O=Microsoft Corporation, C=US', issuer: g2.chain![2]!.subject, thumbprint: 'AAAABBBBCCCCDDDDEEEEFFFF0000111122223333' }, g2.chain![2]!] };
    const failing = await device({ tlsChains: [foreign, ...MICROSOFT_CHAINS.slice(1)] }).run(user.detect);
    assert.equal(failing.exitCode, 1);
    assert.match(failing.output[0]!, /login\.microsoftonline\.com intercepted: root CN=Contoso TLS Inspection Root, O=Contoso Ltd, C=US is not a Microsoft CA/);
    const passing = await device({ tlsChains: [rotated, ...MICROSOFT_CHAINS.slice(1)] }).run(user.detect);
    assert.equal(passing.exitCode, 0, passing.output.join('\n'));
  });

  it('the user through an explicit inspecting proxy (Internet Options): CONNECT through proxy.contoso.com:8080, the enterprise root named; a bypassed host goes direct', async () => {
    const chains = [...INSPECTED_HOSTS.map((h) => inspectedChain(h, ENTERPRISE_ROOT, PROXY)), ...MICROSOFT_CHAINS];
    const run = await device({ tlsChains: chains, proxies: [TUNNELLING_PROXY], webProxy: { proxy: PROXY, bypass: ['enterpriseregistration.windows.net'] } }).run(user.detect);
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Get-RgTlsChain').map((c) => c.Arguments.Proxy), [PROXY, PROXY, '']);
    assert.equal(stripBuild(run.output[0]), "NON-COMPLIANT tls-inspection-user: 1 of 1 checks failed: no-inspection (is login.microsoftonline.com via proxy.contoso.com:8080 intercepted: root CN=Contoso TLS Inspection Root, O=Contoso Ltd, C=US is not a Microsoft CA; device.login.microsoftonline.com via proxy.contoso.com:8080 intercepted: root CN=Contoso TLS Inspection Root, O=Contoso Ltd, C=US is not a Microsoft CA; the user through proxy.contoso.com:8080 (WinINet; enterpriseregistration.windows.net bypassed), want every endpoint presents a chain to one of Microsoft's 7 root CAs)");
  });

  it('a proxy that tunnels without inspecting: compliant, the route said', async () => {
    const run = await device({ proxies: [TUNNELLING_PROXY], webProxy: { proxy: PROXY } }).run(user.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.ok(run.log.some((l) => l.includes('no-inspection: the user through proxy.contoso.com:8080 (WinINet)')));
  });

  it('a proxy that answers 407: proxy authentication required, not a TLS finding', async () => {
    const run = await device({ proxies: [AUTH_PROXY], webProxy: { proxy: PROXY } }).run(user.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /is login\.microsoftonline\.com: the proxy proxy\.contoso\.com:8080 requires authentication \(407 Proxy Authentication Required\); the certificate was not read;/);
    assert.doesNotMatch(run.output[0]!, /intercepted|TLS answer/);
  });

  it('a proxy that never answers and an endpoint that never answers: not checked, with the reason', async () => {
    const silent = await device({ proxies: [SILENT_PROXY], webProxy: { proxy: PROXY } }).run(user.detect);
    assert.equal(silent.exitCode, 1);
    assert.match(silent.output[0]!, /login\.microsoftonline\.com: not checked via proxy\.contoso\.com:8080 \(the proxy proxy\.contoso\.com:8080 did not answer CONNECT within 5000 ms\)/);
    const slow = await device({ tlsChains: [{ hostName: 'login.microsoftonline.com', timesOut: true }, ...MICROSOFT_CHAINS.slice(1)] }).run(user.detect);
    assert.match(slow.output[0]!, /is login\.microsoftonline\.com: not checked \(no TLS answer within 5000 ms\); the user goes direct/);
  });

  it('SYSTEM takes the WinHTTP proxy, not Internet Options: read from an English and a German netsh, its bypass list applied', async () => {
    const chains = [...INSPECTED_HOSTS.map((h) => inspectedChain(h, ENTERPRISE_ROOT, PROXY)), ...MICROSOFT_CHAINS];
    for (const netsh of [NETSH_PROXY_EN, NETSH_PROXY_DE]) {
      const run = await device({ commands: [netsh], tlsChains: chains, proxies: [TUNNELLING_PROXY], webProxy: {} }).run(system.detect);
      assert.equal(run.exitCode, 1);
      assert.deepEqual(run.calls.filter((c) => c.Seam === 'Get-RgSystemWebProxy'), [], 'SYSTEM never reads Internet Options for its route');
      assert.match(run.output[0]!, /enterpriseregistration\.windows\.net via proxy\.contoso\.com:8080 intercepted: root CN=Contoso TLS Inspection Root/);
      assert.match(run.output[0]!, /; SYSTEM through proxy\.contoso\.com:8080 \(WinHTTP\), want/);
    }
    const bypass = await device({ commands: [NETSH_PROXY_DE_BYPASS], tlsChains: chains, proxies: [TUNNELLING_PROXY] }).run(system.detect);
    assert.deepEqual(bypass.calls.filter((c) => c.Seam === 'Get-RgTlsChain').map((c) => c.Arguments.Proxy), [PROXY, PROXY, '']);
    assert.match(bypass.output[0]!, /SYSTEM through proxy\.contoso\.com:8080 \(WinHTTP; enterpriseregistration\.windows\.net bypassed\)/);
    const direct = await device({ webProxy: { proxy: PROXY } }).run(system.detect);
    assert.equal(direct.exitCode, 0, 'SYSTEM goes direct while the user has a proxy');
    assert.ok(direct.log.some((l) => l.includes('no-inspection: SYSTEM goes direct (WinHTTP)')));
  });

  it('a seam that throws: the check fails with the reason, one summary line; the remediation changes nothing', async () => {
    const run = await device({ faults: { throws: { 'Get-RgTlsChain': 'schannel broke' } } }).run(user.remediate);
    assert.equal(run.exitCode, 1);
    assert.equal(run.output.length, 1);
    assert.match(stripBuild(run.output[0]), /^FAILED tls-inspection-user: .*schannel broke/);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Write-RgRegistryData'), []);
    assert.deepEqual(run.errors, []);
  });
});
