/**
 * The real network seams of templates/runtime/network.ps1 (not the simulation's fakes), run in the engine:
 * a TCP connect to a listener this test opens on 127.0.0.1, to a closed port, to a port that never
 * answers in time, and DNS lookups of localhost, of a name under .invalid and of an address, one by one and
 * as a list.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { psString } from '../../generator/render/escape.ts';
import { engine, scriptFile } from '../support/engine.ts';

function runtimeScript(body: string, logPath: string): string {
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'core.ps1'))}`,
    `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'platform.ps1'))}`,
    `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'network.ps1'))}`,
    "$RgPackage = [ordered]@{ Id = 'spec'; Context = 'system'; LogMaxBytes = 1048576 }",
    "$RgScriptName = 'spec.ps1'",
    `$RgLogPath = ${psString(logPath)}`,
    body,
    'exit 0',
    '',
  ].join('\r\n');
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

describe('engine: the real network seams', function () {
  this.timeout(120_000);
  let open: Server;
  let openPort: number;
  let closedPort: number;
  before(async () => {
    open = createServer((socket) => socket.end());
    openPort = await listen(open);
    const closing = createServer();
    closedPort = await listen(closing);
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  });
  after(() => { open.close(); });

  const run = async (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-net-'));
    const result = await engine().run({ file: scriptFile(runtimeScript(body, join(dir, 'spec.log'))) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result;
  };

  it('Test-RgTcpEndpoint: a listener is reachable, a closed port is not, with the reason', async () => {
    const result = await run([
      `$up = Test-RgTcpEndpoint -HostName '127.0.0.1' -Port ${openPort} -TimeoutMilliseconds 3000`,
      '[string]$up.Reachable; [string]$up.Error',
      `$down = Test-RgTcpEndpoint -HostName '127.0.0.1' -Port ${closedPort} -TimeoutMilliseconds 3000`,
      '[string]$down.Reachable; [string]$down.Error',
    ].join('\r\n'));
    assert.equal(result.output[0], 'True');
    assert.equal(result.output[1], '');
    assert.equal(result.output[2], 'False');
    assert.match(result.output[3]!, /\S/, 'a closed port says why');
  });

  it('Test-RgTcpEndpointList checks in parallel: two connects that time out take one timeout, in order, each with its reason', async () => {
    // 192.0.2.1 (TEST-NET-1) is never routed: the connect either hangs until the timeout or fails at once.
    const started = Date.now();
    const result = await run([
      '$list = @(',
      "    @{ HostName = '192.0.2.1'; Port = 443; TimeoutMilliseconds = 1500 },",
      `    @{ HostName = '127.0.0.1'; Port = ${openPort}; TimeoutMilliseconds = 1500 },`,
      "    @{ HostName = '192.0.2.2'; Port = 443; TimeoutMilliseconds = 1500 }",
      ')',
      '$results = @(Test-RgTcpEndpointList -Endpoint $list)',
      '$results.Count',
      "foreach ($r in $results) { $r.HostName + ':' + $r.Port + ' ' + $r.Reachable + ' ' + $r.Error }",
    ].join('\r\n'));
    const elapsed = Date.now() - started;
    assert.equal(result.output[0], '3');
    assert.match(result.output[1]!, /^192\.0\.2\.1:443 False \S/);
    assert.equal(result.output[2], `127.0.0.1:${openPort} True `);
    assert.match(result.output[3]!, /^192\.0\.2\.2:443 False \S/);
    assert.ok(elapsed < 2900 + 5000, `parallel, not 2 x 1500 ms in sequence plus overhead (${elapsed} ms)`);
  });

  it('Resolve-RgHostNameList resolves a list in order: localhost and an address do, a name under .invalid does not, with the reason', async () => {
    const result = await run([
      "$results = @(Resolve-RgHostNameList -HostName @('localhost', 'no-such-host.invalid', '127.0.0.1') -TimeoutMilliseconds 5000)",
      '$results.Count',
      "foreach ($r in $results) { $r.HostName + ' ' + $r.Resolved + ' ' + @($r.Addresses).Count + ' ' + ($r.Addresses -is [string[]]) + ' [' + $r.Error + ']' }",
      "[string](@($results[0].Addresses | Where-Object -FilterScript { $_ -eq '127.0.0.1' -or $_ -eq '::1' }).Count -gt 0)",
      "[string]($results[2].Addresses -contains '127.0.0.1')",
    ].join('\r\n'));
    assert.equal(result.output[0], '3');
    assert.match(result.output[1]!, /^localhost True [1-9]\d* True \[\]$/);
    assert.match(result.output[2]!, /^no-such-host\.invalid False 0 True \[\S.*\]$/, 'a name that does not resolve says why');
    assert.doesNotMatch(result.output[2]!, /no answer within/, 'a failed lookup is not reported as a timeout');
    assert.match(result.output[3]!, /^127\.0\.0\.1 True [1-9]\d* True \[\]$/);
    assert.deepEqual(result.output.slice(4), ['True', 'True']);
  });

  it('Resolve-RgHostNameList: an empty list returns nothing; odd input and a zero timeout do not throw', async () => {
    const result = await run([
      '$empty = @(Resolve-RgHostNameList -HostName @())',
      "'empty ' + $empty.Count",
      "$odd = @(Resolve-RgHostNameList -HostName @('', 'bad..name..invalid', (('x' * 300) + '.invalid')) -TimeoutMilliseconds 0)",
      "'odd ' + $odd.Count",
      "foreach ($r in $odd) { [string]$r.Resolved + ' ' + [bool]$r.Error }",
      "'done'",
    ].join('\r\n'));
    assert.deepEqual(result.output, ['empty 0', 'odd 3', 'False True', 'False True', 'False True', 'done']);
  });
});
