/** endpoints: a probe room (DNS and TCP reachability of the Microsoft 365 endpoints, proxy reported; never changes anything). */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps, Endpoint, RegistryEntry } from '../../../generator/model/profile.ts';
import { endpoints, endpointsRoom } from '../../../generator/steps/network/endpoints.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof endpointsRoom.check>[0]): string[] => {
  const found: string[] = [];
  endpointsRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const SIGN_IN = ['login.microsoftonline.com', 'login.windows.net', 'enterpriseregistration.windows.net'];

describe('step room: endpoints (probe)', () => {
  it('defaults to the Microsoft 365 sign-in endpoints on 443 and 3000 ms; a tenant adds its SharePoint hosts; either context', () => {
    const step = endpoints({ id: 'm365' });
    assert.equal(step.kind, 'endpoints');
    assert.deepEqual(endpointsRoom.toData(step), {
      Endpoints: SIGN_IN.map((host) => ({ Host: host, Port: 443 })),
      TimeoutMilliseconds: 3000,
    });
    assert.deepEqual(endpointsRoom.toData(endpoints({ id: 'm365', tenant: 'contoso', endpoints: [{ host: 'proxy.contoso.com', port: 8080 }], timeoutMilliseconds: 5000 })), {
      Endpoints: [{ Host: 'proxy.contoso.com', Port: 8080 }, { Host: 'contoso.sharepoint.com', Port: 443 }, { Host: 'contoso-my.sharepoint.com', Port: 443 }],
      TimeoutMilliseconds: 5000,
    });
    assert.equal(endpointsRoom.contextOf(step), 'any');
    assert.equal(endpointsRoom.category, 'probe');
    assert.equal(endpointsRoom.title(step), '3 endpoints are reachable');
    assert.deepEqual(endpointsRoom.runtime, ['network.ps1', 'registry.ps1', 'proxy.ps1']);
  });

  it('refuses hosts, ports, tenants and timeouts that are not ones, an empty list and duplicates', () => {
    assert.deepEqual(issues(endpoints({ id: 'm365', tenant: 'contoso' })), []);
    assert.deepEqual(issues(endpoints({ id: 'm365', endpoints: [] })), ['endpoints: endpoints is empty: leave it out for the Microsoft 365 sign-in endpoints, or name at least one']);
    assert.deepEqual(issues(endpoints({ id: 'm365', endpoints: [{ host: 'https://login.microsoftonline.com/' }, { host: 'a.example', port: 0 }] })), [
      'endpoints.0.host: "https://login.microsoftonline.com/" is not a host name: write a name such as login.microsoftonline.com (no scheme, path or port)',
      'endpoints.1.port: port 0 is not a TCP port: use a whole number from 1 to 65535',
    ]);
    assert.deepEqual(issues(endpoints({ id: 'm365', tenant: 'contoso.sharepoint.com', timeoutMilliseconds: 10 })), [
      'tenant: tenant "contoso.sharepoint.com" is not a SharePoint tenant name: write the part before .sharepoint.com, e.g. contoso',
      'timeoutMilliseconds: timeoutMilliseconds 10 is out of range: use a whole number from 100 to 30000',
    ]);
    assert.deepEqual(issues(endpoints({ id: 'm365', endpoints: [{ host: 'A.example' }, { host: 'a.example', port: 443 }] })), ['endpoints: a.example:443 is listed twice']);
  });

  it('explains itself: what it checks, and that it changes nothing', () => {
    const explained = endpointsRoom.explain(endpoints({ id: 'm365', tenant: 'contoso' }));
    assert.match(explained.detects, /^each of login\.microsoftonline\.com:443, login\.windows\.net:443, enterpriseregistration\.windows\.net:443, contoso\.sharepoint\.com:443, contoso-my\.sharepoint\.com:443 resolves in DNS and accepts a TCP connection within 3000 ms/);
    assert.match(explained.detects, /WinINet .* WinHTTP/);
    assert.equal(explained.changes, 'nothing: a probe only reads and reports');
  });
});

describe('step room: endpoints, in the engine', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'reach-room',
    displayName: 'endpoints room',
    description: 'A probe of the Microsoft 365 endpoints.',
    publisher: 'spec',
    context: 'user',
    steps: [endpoints({ id: 'm365-reachable', tenant: 'contoso' })],
  });
  const HOSTS = [...SIGN_IN, 'contoso.sharepoint.com', 'contoso-my.sharepoint.com'];
  const up = (hostName: string): Endpoint => ({ hostName, reachable: true, addresses: ['20.190.160.1'] });
  const SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
  const direct = { filePath: 'netsh.exe', argumentList: ['winhttp', 'show', 'proxy'], exitCode: 0, output: ['', 'Current WinHTTP proxy settings:', '', '    Direct access (no proxy server).', ''] };
  const device = (endpointList: Endpoint[], more: Partial<DeviceProfileProps> = {}): Device =>
    new Device({ name: 'net', description: 'spec', endpoints: endpointList, commands: [direct], ...more });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (netsh on the native list, .NET surface of the seams)', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('all reachable: compliant, every endpoint connected at once with the timeout, the proxy in the log', async () => {
    const run = await device(HOSTS.map(up)).run(scripts.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT reach-room: all 1 checks passed');
    const list = run.calls.filter((c) => c.Seam === 'Test-RgTcpEndpointList');
    assert.equal(list.length, 1, 'one parallel connect for all endpoints');
    assert.deepEqual(list[0]!.Arguments.Endpoint, HOSTS.map((h) => `${h}:443`));
    const each = run.calls.filter((c) => c.Seam === 'Test-RgTcpEndpoint');
    assert.deepEqual(each.map((c) => c.Arguments.TimeoutMilliseconds), HOSTS.map(() => 3000));
    assert.ok(run.log.some((l) => l.includes('m365-reachable: compliant (all 5 endpoints reachable; the user goes direct (WinINet), SYSTEM goes direct (WinHTTP))')));
    assert.ok(run.log.some((l) => l.includes('login.microsoftonline.com resolves to 20.190.160.1')));
    assert.ok(run.log.some((l) => l.includes('m365-reachable: the user goes direct (WinINet), SYSTEM goes direct (WinHTTP); WinINet proxy: none; WinHTTP proxy: none (direct access)')));
    assert.deepEqual(run.errors, []);
  });

  it('one unreachable: non-compliant, named with its reason, the proxy settings in Actual', async () => {
    const list = HOSTS.map(up);
    list[0] = { hostName: 'login.microsoftonline.com', reachable: false };
    list[4] = { hostName: 'contoso-my.sharepoint.com', reachable: false, error: 'No connection could be made because the target machine actively refused it' };
    const run = await device(list).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(
      stripBuild(run.output[0]),
      'NON-COMPLIANT reach-room: 1 of 1 checks failed: m365-reachable (is login.microsoftonline.com:443 unreachable (timed out after 3000 ms); contoso-my.sharepoint.com:443 unreachable (No connection could be made because the target machine actively refused it); the user goes direct (WinINet), SYSTEM goes direct (WinHTTP); WinINet proxy: none; WinHTTP proxy: none (direct access), want all 5 endpoints resolve and accept TCP connections)',
    );
  });

  it('a DNS failure: the host is not connected to, and says it does not resolve', async () => {
    const run = await device(HOSTS.filter((h) => h !== 'enterpriseregistration.windows.net').map(up)).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /m365-reachable \(is enterpriseregistration\.windows\.net:443 does not resolve \(No such host is known\); the user goes direct \(WinINet\), SYSTEM goes direct \(WinHTTP\); WinINet proxy: none;/);
    const connected = run.calls.filter((c) => c.Seam === 'Test-RgTcpEndpoint').map((c) => c.Arguments.HostName);
    assert.equal(connected.length, 4);
    assert.ok(!connected.includes('enterpriseregistration.windows.net'));
  });

  it('a seam that throws: the check fails with the reason, one summary line, nothing on stderr', async () => {
    const run = await device(HOSTS.map(up), { faults: { throws: { 'Test-RgTcpEndpointList': 'socket layer broken' } } }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(run.output.length, 1);
    assert.match(stripBuild(run.output[0]), /^NON-COMPLIANT reach-room: 1 of 1 checks failed: m365-reachable/);
    assert.match(run.output[0]!, /socket layer broken/);
    assert.ok(run.log.some((l) => l.includes('m365-reachable: test failed: socket layer broken')));
    assert.deepEqual(run.errors, []);
  });

  it('proxies reported: WinINet server and PAC from HKCU, WinHTTP from a localized netsh; a failing netsh is unknown, not a crash', async () => {
    const wininet: RegistryEntry[] = [
      { path: SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
      { path: SETTINGS, name: 'ProxyServer', kind: 'String', value: 'proxy.contoso.com:8080' },
      { path: SETTINGS, name: 'AutoConfigURL', kind: 'String', value: 'http://wpad.contoso.com/proxy.pac' },
    ];
    const german = { ...direct, output: ['', 'Aktuelle WinHTTP-Proxyeinstellungen:', '', '    Proxyserver:  http=proxy.contoso.com:8080', '    Umgehungsliste     :  <local>', ''] };
    const list = HOSTS.map(up);
    list[1] = { hostName: 'login.windows.net', reachable: false };
    const run = await device(list, { registry: wininet, commands: [german] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /login\.windows\.net:443 unreachable \(timed out after 3000 ms\); the user through proxy\.contoso\.com:8080 \(WinINet\), SYSTEM through proxy\.contoso\.com:8080 \(WinHTTP\); WinINet proxy: proxy proxy\.contoso\.com:8080, PAC http:\/\/wpad\.contoso\.com\/proxy\.pac; WinHTTP proxy: http=proxy\.contoso\.com:8080 \(bypass <local>\), want/);

    const failing = await device(HOSTS.map(up), { commands: [{ ...direct, exitCode: 1, output: [] }] }).run(scripts.detect);
    assert.equal(failing.exitCode, 0);
    assert.ok(failing.log.some((l) => l.includes('WinHTTP proxy: unknown (netsh exit code 1)')));
    const missing = await device(HOSTS.map(up), { commands: [] }).run(scripts.detect);
    assert.equal(missing.exitCode, 0);
    assert.ok(missing.log.some((l) => l.includes('WinHTTP proxy: unknown (The system cannot find the file specified')));
  });

  it('the route each context takes: the user through their Internet Options proxy, SYSTEM direct; bypassed hosts named (GetSystemWebProxy, WinHTTP bypass list)', async () => {
    const wininet: RegistryEntry[] = [
      { path: SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
      { path: SETTINGS, name: 'ProxyServer', kind: 'String', value: 'proxy.contoso.com:8080' },
      { path: SETTINGS, name: 'ProxyOverride', kind: 'String', value: 'login.windows.net;<local>' },
    ];
    const run = await device(HOSTS.map(up), { registry: wininet }).run(scripts.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.ok(run.log.some((l) => l.includes('m365-reachable: compliant (all 5 endpoints reachable; the user through proxy.contoso.com:8080 (WinINet; login.windows.net bypassed), SYSTEM goes direct (WinHTTP))')), run.log.join('\n'));
    const asked = run.calls.filter((c) => c.Seam === 'Get-RgSystemWebProxy');
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]!.Arguments.Uri, HOSTS.map((h) => `https://${h}/`));

    // SYSTEM's own package reads only WinHTTP (its Internet Options are not the user's).
    const system = await intuneScripts(defineRemediation({ ...remediation, id: 'reach-system', context: 'system' }));
    const german = { ...direct, output: ['', 'Aktuelle WinHTTP-Proxyeinstellungen:', '', '    Proxyserver:  proxy.contoso.com:8080', '    Umgehungsliste     :  *.sharepoint.com;<local>', ''] };
    const machine = await device(HOSTS.map(up), { registry: wininet, commands: [german] }).run(system.detect);
    assert.equal(machine.exitCode, 0, machine.output.join('\n'));
    assert.deepEqual(machine.calls.filter((c) => c.Seam === 'Get-RgSystemWebProxy'), []);
    assert.ok(machine.log.some((l) => l.includes('m365-reachable: compliant (all 5 endpoints reachable; SYSTEM through proxy.contoso.com:8080 (WinHTTP; contoso.sharepoint.com, contoso-my.sharepoint.com bypassed))')), machine.log.join('\n'));
  });

  it('the remediation changes nothing and fails while an endpoint fails', async () => {
    const run = await device(HOSTS.slice(1).map(up)).run(scripts.remediate);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Write-RgRegistryData'), []);
    assert.equal(run.exitCode, 1);
    assert.match(stripBuild(run.output[0]), /^FAILED reach-room: 1 of 1 checks still failed: m365-reachable \(is login\.microsoftonline\.com:443 does not resolve/);
    assert.deepEqual(run.errors, []);
  });
});
