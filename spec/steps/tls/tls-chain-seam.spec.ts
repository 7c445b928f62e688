/**
 * The real Get-RgTlsChain seam of templates/runtime/tls-chain.ps1 (not the simulation's fake), run in the engine
 * against servers this test opens on 127.0.0.1: a TLS server with a chain made here (root, intermediate, leaf),
 * a proxy that tunnels CONNECT to it, one that answers 407, one that never answers, and a TLS port that never
 * answers. Its C# callback is compiled as C# 5 against .NET Framework 4.7.2 (spec/support/tls-recorder.ts).
 */
import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';
import { psString } from '../../../generator/render/escape.ts';
import { issueCertificate } from '../../../generator/sign/certificate-builder.ts';
import { readCertificate } from '../../../generator/sign/certificate.ts';
import { engine, scriptFile } from '../../support/engine.ts';
import { compileRecorder, recorderSource } from '../../support/tls-recorder.ts';

const pem = (der: Uint8Array): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
const sha1 = (der: Uint8Array): string => createHash('sha1').update(der).digest('hex').toUpperCase();

/** A three-certificate chain as an inspecting proxy would make one. */
function testChain() {
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 86_400_000 * 30);
  const rootKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leafKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const root = issueCertificate({ commonName: 'remgen test inspection root', publicKey: rootKeys.publicKey, privateKey: rootKeys.privateKey, notBefore, notAfter, ca: true });
  const ca = issueCertificate({ commonName: 'remgen test issuing CA', publicKey: caKeys.publicKey, privateKey: rootKeys.privateKey, notBefore, notAfter, ca: true, issuer: readCertificate(root) });
  const leaf = issueCertificate({
    commonName: 'login.microsoftonline.com', publicKey: leafKeys.publicKey, privateKey: caKeys.privateKey, notBefore, notAfter,
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'], issuer: readCertificate(ca),
  });
  return { root, ca, leaf, key: leafKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

const listen = (server: Server | TlsServer): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

/** A proxy that reads one CONNECT head, then answers as `answer` says. */
function proxy(answer: (head: string, socket: Socket) => void, heads: string[]): Server {
  return createServer((socket) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      heads.push(head.slice(0, end));
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length > 0) socket.unshift(rest);
      answer(head, socket);
    };
    socket.on('data', onData);
    socket.on('error', () => {});
  });
}

describe('engine: the real Get-RgTlsChain seam', function () {
  this.timeout(180_000);
  const chain = testChain();
  const heads: string[] = [];
  const sockets: Socket[] = [];
  let tls: TlsServer;
  let tunnel: Server;
  let auth: Server;
  let silentProxy: Server;
  let silentTls: Server;
  const ports: Record<string, number> = {};
  let dll: string;
  before(async () => {
    dll = compileRecorder();
    tls = createTlsServer({ key: chain.key, cert: pem(chain.leaf) + pem(chain.ca) + pem(chain.root) }, (socket) => socket.end());
    tls.on('tlsClientError', () => {});
    ports.tls = await listen(tls);
    tunnel = proxy((head, socket) => {
      const upstream = connect(ports.tls!, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
        socket.pipe(upstream);
        upstream.pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
    }, heads);
    ports.tunnel = await listen(tunnel);
    auth = proxy((_head, socket) => {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n');
    }, heads);
    ports.auth = await listen(auth);
    silentProxy = createServer((socket) => { sockets.push(socket); socket.on('error', () => {}); });
    ports.silentProxy = await listen(silentProxy);
    silentTls = createServer((socket) => { sockets.push(socket); socket.on('error', () => {}); });
    ports.silentTls = await listen(silentTls);
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of [tls, tunnel, auth, silentProxy, silentTls]) server.close();
  });

  const run = async (call: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-tlschain-'));
    const body = [
      'Set-StrictMode -Version 3.0',
      "$ErrorActionPreference = 'Stop'",
      ...['core.ps1', 'platform.ps1', 'tls-chain.ps1'].map((file) => `. ${psString(join(TEMPLATE_ROOT, 'runtime', file))}`),
      "$RgPackage = [ordered]@{ Id = 'spec'; Context = 'system'; LogMaxBytes = 1048576 }",
      "$RgScriptName = 'spec.ps1'",
      `$RgLogPath = ${psString(join(dir, 'spec.log'))}`,
      `$null = [System.Reflection.Assembly]::LoadFrom(${psString(dll)})`,
      `$r = ${call}`,
      "'status ' + $r.ProxyStatus + '; timedout ' + $r.TimedOut + '; error ' + $r.Error",
      "'policy ' + $r.PolicyErrors",
      "foreach ($c in @($r.Chain)) { $c.Subject + ' | ' + $c.Issuer + ' | ' + $c.Thumbprint }",
      'exit 0',
      '',
    ].join('\r\n');
    const result = await engine().run({ file: scriptFile(body) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result.output;
  };

  const expectChain = (output: readonly string[], status: number) => {
    assert.equal(output[0], `status ${status}; timedout False; error `, output.join('\n'));
    const certificates = output.slice(2);
    assert.equal(certificates.length, 3, output.join('\n'));
    assert.equal(certificates[0], `CN=login.microsoftonline.com | CN=remgen test issuing CA | ${sha1(chain.leaf)}`);
    assert.equal(certificates[1], `CN=remgen test issuing CA | CN=remgen test inspection root | ${sha1(chain.ca)}`);
    // The root, judged by its thumbprint: the SHA-1 of the DER this test made.
    assert.equal(certificates[2], `CN=remgen test inspection root | CN=remgen test inspection root | ${sha1(chain.root)}`);
    assert.match(output[1]!, /^policy .*RemoteCertificateChainErrors/, 'a root this machine does not trust is still read, and says so');
  };

  it('the callback compiles as C# 5 against .NET Framework 4.7.2, and C# 6 does not', () => {
    assert.ok(dll.endsWith('.dll'));
    assert.throws(() => compileRecorder(recorderSource().replace('this.called = true;', 'this.called = true; string probe = sender?.ToString();')), /CS8026|C# 5/);
  });

  it('direct: the chain as presented, leaf first, root last, with SHA-1 thumbprints', async () => {
    // Direct: no proxy asked, so ProxyStatus stays 0.
    expectChain(await run(`Get-RgTlsChain -HostName '127.0.0.1' -Port ${ports.tls} -TimeoutMilliseconds 5000`), 0);
  });

  it('through an explicit proxy: CONNECT host:port first, then TLS through the tunnel', async () => {
    const before = heads.length;
    const output = await run(`Get-RgTlsChain -HostName 'login.microsoftonline.com' -Port 443 -Proxy '127.0.0.1:${ports.tunnel}' -TimeoutMilliseconds 5000`);
    expectChain(output, 200);
    assert.equal(heads.length, before + 1);
    assert.match(heads.at(-1)!, /^CONNECT login\.microsoftonline\.com:443 HTTP\/1\.1\r\nHost: login\.microsoftonline\.com:443$/);
  });

  it('a proxy that answers 407: proxy authentication required, no chain, no TLS error', async () => {
    const output = await run(`Get-RgTlsChain -HostName 'login.microsoftonline.com' -Proxy '127.0.0.1:${ports.auth}' -TimeoutMilliseconds 5000`);
    assert.equal(output[0], `status 407; timedout False; error the proxy 127.0.0.1:${ports.auth} answered CONNECT with 407 Proxy Authentication Required`);
    assert.equal(output.length, 2);
  });

  it('a proxy that never answers CONNECT, and a TLS port that never answers, time out (and say which)', async () => {
    const proxyOut = await run(`Get-RgTlsChain -HostName 'login.microsoftonline.com' -Proxy '127.0.0.1:${ports.silentProxy}' -TimeoutMilliseconds 1000`);
    assert.equal(proxyOut[0], `status 0; timedout True; error the proxy 127.0.0.1:${ports.silentProxy} did not answer CONNECT within 1000 ms`);
    const tlsOut = await run(`Get-RgTlsChain -HostName '127.0.0.1' -Port ${ports.silentTls} -TimeoutMilliseconds 1000`);
    assert.equal(tlsOut[0], 'status 0; timedout True; error no TLS answer within 1000 ms');
  });
});
