import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Catalog } from '../../generator/check/catalog.ts';
import { signScript, signScripts, startSigning, stripSignature, verifyScript, type Signer, type Signing } from '../../generator/sign/index.ts';
import { synthesize } from '../../generator/synthesize.ts';
import { readSignedOutput } from '../../generator/write/index.ts';
import { REPO } from '../support/temp-catalog.ts';
import { testPki } from './support/pki.ts';
import { SAMPLES } from './support/samples.ts';
import { selfSignedSigner } from './support/signer.ts';
import { startTsa } from './support/tsa.ts';

/** Issue 9, item 4: signing is one stage (render -> sign -> finish -> write), given the previous output as data. */

const anchorsOf = (signer: Signer): { trustAnchors: Uint8Array[] } => ({ trustAnchors: [signer.certificates[signer.certificates.length - 1]!] });
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
/** Paths that are nowhere on disk, so whatever the stage keeps can only have come from the data it was given. */
const NOWHERE = 'no-such-folder-remgen-spec';

describe('sign stage: signScripts', function () {
  this.timeout(60_000);
  const signer = selfSignedSigner('remgen stage spec');
  const other = selfSignedSigner('remgen stage spec, another signer');
  const scripts = new Map(SAMPLES.filter((s) => s.name.endsWith('.ps1')).map((s) => [`${NOWHERE}/${s.name}`, s.bytes]));

  before(() => {
    for (const path of scripts.keys()) assert.equal(existsSync(path), false, path);
  });

  it('signs every script in memory; each new signature verifies against the signer', async () => {
    const signed = await signScripts(scripts, { signer });
    assert.deepEqual([...signed.keys()], [...scripts.keys()]);
    for (const [path, bytes] of signed) {
      const result = verifyScript(bytes, path, anchorsOf(signer));
      assert.equal(result.status, 'Valid', `${path}: ${result.message}`);
      assert.equal(result.signerThumbprint, signer.thumbprint);
      assert.ok(Buffer.from(stripSignature(bytes, path)).equals(Buffer.from(stripSignature(scripts.get(path)!, path))));
    }
  });

  it('signs the same bytes of the same kind of file once (each package\'s copy of the Pester suite), a .ps1 and a .psm1 of the same bytes separately', async () => {
    let signatures = 0;
    const counting: Signer = { ...signer, signatureAlgorithm: (hash) => signer.signatureAlgorithm(hash), sign: (hash, data) => { signatures += 1; return signer.sign(hash, data); } };
    const [, first] = [...scripts][0]!;
    const [, second] = [...scripts][1]!;
    const copies = new Map<string, Uint8Array>([
      [`${NOWHERE}/a/tests/Same.Tests.ps1`, first],
      [`${NOWHERE}/b/tests/Same.Tests.ps1`, first],
      [`${NOWHERE}/c/tests/Other.Tests.ps1`, first],
      [`${NOWHERE}/c/module.psm1`, first],
      [`${NOWHERE}/d/other.ps1`, second],
    ]);
    const signed = await signScripts(copies, { signer: counting });
    assert.equal(signatures, 3, 'one signature for the three .ps1 copies, one for the .psm1, one for the other script');
    for (const [path, bytes] of signed) assert.equal(verifyScript(bytes, path, anchorsOf(signer)).status, 'Valid', path);
    assert.ok(Buffer.from(signed.get(`${NOWHERE}/a/tests/Same.Tests.ps1`)!).equals(Buffer.from(signed.get(`${NOWHERE}/c/tests/Other.Tests.ps1`)!)));
  });

  it('shares a signature only between equal bytes: two scripts of one length that differ in their last byte are signed each', async () => {
    let signatures = 0;
    const counting: Signer = { ...signer, signatureAlgorithm: (hash) => signer.signatureAlgorithm(hash), sign: (hash, data) => { signatures += 1; return signer.sign(hash, data); } };
    const [, first] = [...scripts][0]!;
    const changed = Uint8Array.from(first);
    // The last byte before the final CRLF: a letter for another letter, the length the same.
    const at = changed.length - 3;
    changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
    const signed = await signScripts(new Map([[`${NOWHERE}/a.ps1`, first], [`${NOWHERE}/b.ps1`, changed]]), { signer: counting });
    assert.equal(signatures, 2);
    for (const [path, bytes] of signed) assert.equal(verifyScript(bytes, path, anchorsOf(signer)).status, 'Valid', path);
    assert.ok(Buffer.from(stripSignature(signed.get(`${NOWHERE}/b.ps1`)!, 'b.ps1')).equals(Buffer.from(changed)));
  });

  it('keeps the previous bytes of an unchanged script signed by the same signer, and signs a changed one again', async () => {
    const previous = await signScripts(scripts, { signer });
    const [changedPath] = [...scripts.keys()];
    const changed = new Map(scripts);
    changed.set(changedPath!, Buffer.concat([scripts.get(changedPath!)!, Buffer.from("Write-Output 'changed'\r\n", 'latin1')]));
    const again = await signScripts(changed, { signer, options: { signingTime: new Date(Date.now() + 60_000) } }, previous);
    for (const [path, bytes] of again) {
      if (path === changedPath) {
        assert.notDeepEqual(bytes, previous.get(path));
        assert.equal(verifyScript(bytes, path, anchorsOf(signer)).status, 'Valid');
        assert.match(text(stripSignature(bytes, path)), /Write-Output 'changed'\r\n$/);
      } else {
        assert.equal(bytes, previous.get(path), `${path}: the very bytes it was given`);
      }
    }
  });

  it('signs again what it cannot keep: another signer, a broken signature, an unsigned file, bytes that are no script', async () => {
    const path = `${NOWHERE}/plain.ps1`;
    const content = scripts.get(path)!;
    const byOther = await signScript(content, path, other);
    const mine = await signScript(content, path, signer);
    const broken = Buffer.from(mine);
    const blockStart = text(broken).indexOf('# SIG # Begin signature block');
    broken[blockStart + 60] = broken[blockStart + 60] === 0x41 ? 0x42 : 0x41;
    for (const [what, old] of [['another signer', byOther], ['a broken signature', broken], ['unsigned', content], ['not a script', Uint8Array.of(0, 1, 2)]] as const) {
      const signed = (await signScripts(new Map([[path, content]]), { signer }, new Map([[path, old]]))).get(path)!;
      assert.notEqual(signed, old, what);
      const result = verifyScript(signed, path, anchorsOf(signer));
      assert.equal(result.status, 'Valid', `${what}: ${result.message}`);
      assert.equal(result.signerThumbprint, signer.thumbprint, what);
    }
  });

  it('refuses a signature that does not verify instead of returning it', async () => {
    // A signer whose key signs, but whose certificates name another key: the new signature cannot verify.
    const lying: Signer = { ...signer, sign: (hash, data) => other.sign(hash, data) };
    await assert.rejects(signScripts(new Map([[`${NOWHERE}/plain.ps1`, SAMPLES[0]!.bytes]]), { signer: lying }), /plain\.ps1: the new signature does not verify \(HashMismatch/);
  });

  it('without timestamps every script starts when given: all their private-key operations are under way at once', async () => {
    let inFlight = 0;
    let most = 0;
    const held: Array<() => void> = [];
    // Holds each signature until 12 are asked for (or 2 s pass), counting those asked and not yet answered.
    const holding: Signer = {
      ...signer,
      signatureAlgorithm: (hash) => signer.signatureAlgorithm(hash),
      sign: (hash, data) => new Promise((resolveSignature, reject) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        const go = (): void => {
          inFlight -= 1;
          signer.sign(hash, data).then(resolveSignature, reject);
        };
        held.push(go);
        if (held.length === 12) held.splice(0).forEach((release) => release());
        else setTimeout(() => held.includes(go) && held.splice(held.indexOf(go), 1) && go(), 2000);
      }),
    };
    const many = new Map(Array.from({ length: 12 }, (_, i) => [`${NOWHERE}/p${i}.ps1`, Buffer.from(`Write-Output ${i}\r\n`, 'latin1')]));
    const session = startSigning({ signer: holding });
    for (const [path, bytes] of many) session.add(path, bytes);
    const signed = await session.done();
    assert.equal(most, 12);
    assert.deepEqual([...signed.keys()], [...many.keys()], 'in the order given');
    for (const [path, bytes] of signed) assert.equal(verifyScript(bytes, path, anchorsOf(signer)).status, 'Valid', path);
  });

  it('a failure: the error of the first script given that failed, once every script started has ended', async () => {
    let calls = 0;
    let ended = 0;
    const failing: Signer = {
      ...signer,
      signatureAlgorithm: (hash) => signer.signatureAlgorithm(hash),
      sign: (hash, data) => {
        calls += 1;
        const call = calls;
        const after = (ms: number, work: () => Promise<Uint8Array>): Promise<Uint8Array> =>
          new Promise<void>((wait) => setTimeout(wait, ms)).then(work).finally(() => { ended += 1; });
        // The second script fails late, the third at once: the second's error is the one given.
        if (call === 2) return after(300, () => Promise.reject(new Error('the HSM refused the second')));
        if (call === 3) return after(0, () => Promise.reject(new Error('the HSM refused the third')));
        return after(call === 6 ? 600 : 0, () => signer.sign(hash, data));
      },
    };
    const six = new Map(Array.from({ length: 6 }, (_, i) => [`${NOWHERE}/f${i}.ps1`, Buffer.from(`Write-Output ${i}\r\n`, 'latin1')]));
    await assert.rejects(signScripts(six, { signer: failing }), /the HSM refused the second/);
    assert.equal(ended, 6, 'the slowest signature (600 ms) had ended before the error was given');
  });

  it('asks the timestamp server for up to 8 signatures at once (the network wait is what overlaps)', async function () {
    const pki = await testPki();
    const tsa = await startTsa(pki.tsa.config);
    let inFlight = 0;
    let most = 0;
    // A proxy in front of the TSA that holds each query until 8 are waiting (or 500 ms pass), counting those open.
    const waiting = new Set<() => void>();
    const release = (go: () => void): void => {
      if (waiting.delete(go)) go();
    };
    const proxy: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        const go = (): void => {
          void fetch(tsa.url, { method: 'POST', body: Buffer.concat(chunks), headers: { 'content-type': 'application/timestamp-query' } })
            .then(async (answer) => {
              const body = Buffer.from(await answer.arrayBuffer());
              inFlight -= 1;
              response.writeHead(answer.status, { 'content-type': 'application/timestamp-reply' }).end(body);
            });
        };
        waiting.add(go);
        if (waiting.size >= 8) for (const next of [...waiting]) release(next);
        else setTimeout(() => release(go), 500);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const address = proxy.address();
      assert.ok(address && typeof address !== 'string');
      const many = new Map(Array.from({ length: 12 }, (_, i) => [`${NOWHERE}/s${i}.ps1`, Buffer.from(`Write-Output ${i}\r\n`, 'latin1')]));
      const url = `http://127.0.0.1:${address.port}/`;
      // The test TSA chains to a root of its own, which only an explicit anchor makes trusted.
      await assert.rejects(signScripts(new Map([...many].slice(0, 1)), { signer, options: { timestampUrls: [url] } }), /s0\.ps1: the new signature does not verify \(UnknownError: .*timestamp/);
      most = 0;
      const signing: Signing = { signer, options: { timestampUrls: [url], timestampTimeoutMs: 20_000 }, timestampTrustAnchors: [readFileSync(pki.tsa.rootPem)] };
      const signed = await signScripts(many, signing);
      assert.equal(most, 8);
      for (const [path, bytes] of signed) {
        const result = verifyScript(bytes, path, { ...anchorsOf(signer), timestampTrustAnchors: [readFileSync(pki.tsa.rootPem)] });
        assert.equal(result.status, 'Valid', `${path}: ${result.message}`);
        assert.ok(result.timestamp, `${path} is timestamped`);
      }
      // Timestamped and unchanged: kept on the next build, with no new request.
      const served = tsa.served();
      const again = await signScripts(many, signing, signed);
      for (const [path, bytes] of again) assert.equal(bytes, signed.get(path), path);
      assert.equal(tsa.served(), served);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await tsa.close();
    }
  });
});

describe('sign stage in the pipeline: synthesize with the previous output as data', function () {
  this.timeout(60_000);
  const catalogRoot = join(REPO, 'remediations');
  const signer = selfSignedSigner('remgen synthesize spec');
  let catalog: Catalog;
  before(async () => {
    const checked = await loadAndCheck(catalogRoot);
    assert.deepEqual(checked.diagnostics, []);
    catalog = checked.catalog;
  });
  const run = (signing: Signing, previous?: ReadonlyMap<string, Uint8Array>, generatorVersion = '0.0.0-stage') =>
    synthesize(catalog, { catalogRoot, ids: ['tls'], generatorVersion, signing, ...(previous ? { previous } : {}) });

  it('keeps a valid same-signer signature from the previous bytes (paths not on disk), and the Graph body carries those bytes', async () => {
    const first = await run({ signer });
    const scripts = first.entries.filter((e) => e.signed).map((e) => e.path);
    assert.ok(scripts.includes('intune/tls/detect.ps1') && scripts.includes('module/tls/Tls/Tls.psm1'), scripts.join(', '));
    for (const path of scripts) assert.equal(existsSync(path), false, `${path} is not on disk here`);
    const previous = new Map(scripts.map((path) => [path, first.files.get(path)!]));
    // A later signing time: a new signature would differ, so equal bytes can only be kept ones.
    const second = await run({ signer, options: { signingTime: new Date(Date.now() + 60_000) } }, previous);
    for (const path of scripts) assert.equal(second.files.get(path), previous.get(path), path);
    const body = JSON.parse(text(second.files.get('intune/tls/deviceHealthScript.json')!)) as Record<string, string>;
    assert.ok(Buffer.from(body.detectionScriptContent!, 'base64').equals(Buffer.from(previous.get('intune/tls/detect.ps1')!)));
    assert.deepEqual(second.entries, first.entries);
  });

  it('re-signs a script whose content changed, and one whose previous signature is by another signer', async () => {
    const first = await run({ signer }, undefined, '0.0.0-before');
    const other = await run({ signer: selfSignedSigner('remgen synthesize spec, another signer') });
    const previous = new Map([
      ['intune/tls/detect.ps1', first.files.get('intune/tls/detect.ps1')!], // other content (its marker header names 0.0.0-before)
      ['intune/tls/remediate.ps1', other.files.get('intune/tls/remediate.ps1')!], // same content, another signer
    ]);
    const second = await run({ signer }, previous);
    for (const [path, old] of previous) {
      const now = second.files.get(path)!;
      assert.notDeepEqual(now, old, path);
      const result = verifyScript(now, path, anchorsOf(signer));
      assert.equal(result.status, 'Valid', `${path}: ${result.message}`);
      assert.equal(result.signerThumbprint, signer.thumbprint);
      assert.match(text(now), /0\.0\.0-stage/);
    }
  });
});

describe("the previous output: the write stage's reader, run by build before the pipeline", function () {
  it('reads the files the manifest in out/ lists as signed, skipping missing ones, unsigned ones and paths outside out/', async () => {
    const root = mkdtempSync(join(tmpdir(), 'remgen-previous-'));
    const out = join(root, 'out');
    mkdirSync(join(out, 'intune', 'a'), { recursive: true });
    writeFileSync(join(out, 'intune/a/detect.ps1'), 'signed\r\n');
    writeFileSync(join(out, 'intune/a/README.md'), 'not signed\r\n');
    writeFileSync(join(root, 'outside.ps1'), 'outside\r\n');
    const entry = (path: string, signed: boolean) => ({ path, signed, sha256: '', size: 0, remediation: 'a', target: 'intune', descriptor: 'a.ts' });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({
      generator: { name: 'remgen', version: '0' },
      signing: { status: 'signed', thumbprint: 'AB', subject: 'CN=x' },
      files: [entry('intune/a/detect.ps1', true), entry('intune/a/remediate.ps1', true), entry('intune/a/README.md', false), entry('../outside.ps1', true)],
    }));
    const previous = await readSignedOutput(out);
    assert.deepEqual([...previous.keys()], ['intune/a/detect.ps1']);
    assert.equal(Buffer.from(previous.get('intune/a/detect.ps1')!).toString('latin1'), 'signed\r\n');
    assert.deepEqual([...(await readSignedOutput(join(root, 'no-out'))).keys()], []);
    writeFileSync(join(out, 'manifest.json'), '{ not json');
    assert.deepEqual([...(await readSignedOutput(out)).keys()], []);
  });
});
