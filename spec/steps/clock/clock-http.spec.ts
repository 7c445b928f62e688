/**
 * The real Get-RgHttpDate seam of templates/runtime/clock.ps1 (not the simulation's fake), run in the engine
 * against HTTP servers this test opens on 127.0.0.1: a Date header read from a HEAD answer, from an error
 * answer, a server that never answers (timeout), and a closed port.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';
import { psString } from '../../../generator/render/escape.ts';
import { engine, scriptFile } from '../../support/engine.ts';

function runtimeScript(body: string, logPath: string): string {
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    ...['core.ps1', 'platform.ps1', 'clock.ps1'].map((file) => `. ${psString(join(TEMPLATE_ROOT, 'runtime', file))}`),
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

describe('engine: the real Get-RgHttpDate seam', function () {
  this.timeout(120_000);
  const DATE = 'Tue, 01 Dec 2026 08:00:00 GMT';
  const methods: string[] = [];
  let server: Server;
  let silent: Server;
  let port: number;
  let silentPort: number;
  let closedPort: number;
  before(async () => {
    server = createServer((request, response) => {
      methods.push(request.method ?? '');
      response.sendDate = false;
      if (request.url === '/missing') { response.writeHead(404, { Date: DATE }); response.end(); return; }
      if (request.url === '/nodate') { response.writeHead(200); response.end(); return; }
      response.writeHead(200, { Date: DATE, 'Content-Type': 'text/plain' });
      response.end();
    });
    port = await listen(server);
    silent = createServer(() => { /* never answers */ });
    silentPort = await listen(silent);
    const closing = createServer();
    closedPort = await listen(closing);
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  });
  after(() => { server.close(); silent.closeAllConnections(); silent.close(); });

  const run = async (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-clock-'));
    const result = await engine().run({ file: scriptFile(runtimeScript(body, join(dir, 'spec.log'))) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result;
  };
  const show = (uri: string, timeout = 3000) => [
    `$r = Get-RgHttpDate -Uri ${psString(uri)} -TimeoutMilliseconds ${timeout}`,
    "if ($null -ne $r.Date) { $r.Date.Kind.ToString() + ' ' + $r.Date.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) } else { 'none' }",
    '[string]$r.Error',
  ].join('\r\n');

  it('reads the Date header of a HEAD answer as UTC; TLS 1.2 is on afterwards', async () => {
    const result = await run(show(`http://127.0.0.1:${port}/`) + "\r\n([Net.ServicePointManager]::SecurityProtocol -band [Net.SecurityProtocolType]::Tls12) -ne 0");
    assert.deepEqual(result.output, ['Utc 2026-12-01T08:00:00.0000000Z', '', 'True']);
    assert.equal(methods.at(-1), 'HEAD');
  });

  it('an error answer (404) still carries the server\'s Date; no Date header is an error, not a crash', async () => {
    assert.deepEqual((await run(show(`http://127.0.0.1:${port}/missing`))).output, ['Utc 2026-12-01T08:00:00.0000000Z', '']);
    assert.deepEqual((await run(show(`http://127.0.0.1:${port}/nodate`))).output, ['none', 'the answer has no Date header']);
  });

  it('a server that does not answer times out; a closed port says why', async () => {
    const started = Date.now();
    const slow = await run(show(`http://127.0.0.1:${silentPort}/`, 1000));
    assert.ok(Date.now() - started < 30_000);
    assert.equal(slow.output[0], 'none');
    assert.match(slow.output[1]!, /\S/);
    const closed = await run(show(`http://127.0.0.1:${closedPort}/`));
    assert.equal(closed.output[0], 'none');
    assert.match(closed.output[1]!, /\S/);
  });
});
