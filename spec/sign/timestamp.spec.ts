import assert from 'node:assert/strict';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SigningError, issueCertificate, loadSigner, readCertificate, signScript, signerFromKey, verifyScript, type Signer,
} from '../../generator/sign/index.ts';
import { appendSignatureBlock, splitScript } from '../../generator/sign/powershell-sip.ts';
import { testPki, type TestPki } from './support/pki.ts';
import { SAMPLES } from './support/samples.ts';
import { startTsa, type LoopbackTsa } from './support/tsa.ts';
import { ensureOsslsigncode, osslVerify, tool } from './support/tools.ts';

describe('sign: RFC 3161 timestamps from a loopback openssl TSA', function () {
  let pki: TestPki;
  let tsa: LoopbackTsa;
  let work: string;
  let rsa: Signer;
  const options = (): { trustAnchors: Uint8Array[]; timestampTrustAnchors: Uint8Array[] } => ({
    trustAnchors: [readFileSync(pki.rootPem)],
    timestampTrustAnchors: [readFileSync(pki.tsa.rootPem)],
  });

  before(async function () {
    await ensureOsslsigncode();
    pki = await testPki();
    tsa = await startTsa(pki.tsa.config);
    work = mkdtempSync(join(tmpdir(), 'remgen-ts-'));
    rsa = await loadSigner({ cert: pki.rsa.chain, key: pki.rsa.key });
  });
  after(async function () {
    await tsa?.close();
  });

  it('timestamps RSA and ECDSA signatures; osslsigncode verifies the TSA signature and remgen reports genTime', async function () {
    const ec = await loadSigner({ cert: pki.ec.chain, key: pki.ec.key });
    for (const [signer, sample] of [[rsa, SAMPLES[0]!], [ec, SAMPLES[4]!]] as const) {
      const before = tsa.served();
      const signed = await signScript(sample.bytes, sample.name, signer, { timestampUrls: [tsa.url] });
      assert.equal(tsa.served(), before + 1, 'one TSA request per signature');
      const file = join(work, `ts-${signer.thumbprint}-${sample.name}`);
      writeFileSync(file, signed);
      const ossl = await osslVerify(file, pki.rootPem, ['-TSA-CAfile', pki.tsa.rootPem]);
      assert.ok(ossl.ok, ossl.output);
      assert.match(ossl.output, /Timestamp Server Signature verification: ok/);
      const result = verifyScript(signed, sample.name, options());
      assert.equal(result.status, 'Valid', result.message);
      assert.ok(result.timestamp && Math.abs(result.timestamp.getTime() - Date.now()) < 60_000, 'genTime is now');
      assert.equal(result.timestampSignerSubject, 'CN=remgen Test TSA');
    }
  });

  it('verifies a file osslsigncode timestamped against the same TSA (UTF-16LE)', async function () {
    const sample = SAMPLES[5]!;
    const input = join(work, 'ossl-in.ps1');
    const output = join(work, 'ossl-ts.ps1');
    writeFileSync(input, sample.bytes);
    const signed = await tool('osslsigncode', ['sign', '-certs', pki.rsa.chain, '-key', pki.rsa.key, '-ts', tsa.url, '-in', input, '-out', output]);
    assert.ok(signed.ok, signed.output);
    const result = verifyScript(readFileSync(output), 'ossl-ts.ps1', options());
    assert.equal(result.status, 'Valid', result.message);
    assert.ok(result.timestamp);
  });

  it('rejects a timestamp from an untrusted TSA root, and a token whose TSA signature was altered', async function () {
    const signed = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', rsa, { timestampUrls: [tsa.url] });
    const untrusted = verifyScript(signed, 'plain.ps1', { trustAnchors: [readFileSync(pki.rootPem)] });
    assert.equal(untrusted.reason, 'InvalidTimestamp', untrusted.message);
    assert.notEqual(untrusted.status, 'Valid');

    // The TSA's signature value is the last element of the DER (the token ends the outer SignerInfo).
    const parts = splitScript(signed, 'plain.ps1');
    const der = Buffer.from(parts.signature!);
    der[der.length - 5]! ^= 0x01;
    const altered = appendSignatureBlock(parts.content, parts.encoding, der);
    const result = verifyScript(altered, 'plain.ps1', options());
    assert.equal(result.reason, 'InvalidTimestamp', result.message);
    const file = join(work, 'bad-tsa-signature.ps1');
    writeFileSync(file, altered);
    const ossl = await osslVerify(file, pki.rootPem, ['-TSA-CAfile', pki.tsa.rootPem]);
    assert.match(ossl.output, /Timestamp Server Signature verification: failed/);
  });

  it('tries the URLs in order: an unreachable TSA first, then the loopback one', async function () {
    const signed = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', rsa, {
      timestampUrls: ['http://127.0.0.1:9/', tsa.url],
      timestampAttempts: 1,
      timestampTimeoutMs: 2000,
    });
    assert.ok(verifyScript(signed, 'plain.ps1', options()).timestamp);
  });

  it('fails with TimestampFailed naming the file when no TSA answers', async function () {
    await assert.rejects(
      signScript(SAMPLES[0]!.bytes, 'plain.ps1', rsa, { timestampUrls: ['http://127.0.0.1:9/'], timestampAttempts: 2, timestampTimeoutMs: 1000 }),
      (error: unknown) => error instanceof SigningError && error.code === 'TimestampFailed' && /plain\.ps1/.test(error.message) && /127\.0\.0\.1:9/.test(error.message),
    );
  });

  it('an expired signer certificate verifies with a timestamp from its validity period, and not without', async function () {
    // A leaf that lives for three seconds, issued by the test root.
    const root = readCertificate(Buffer.from(readFileSync(pki.rootPem, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const notAfter = new Date(Math.floor(Date.now() / 1000) * 1000 + 3000);
    const leaf = issueCertificate({
      commonName: 'remgen Short-Lived Signer',
      publicKey,
      privateKey: createPrivateKey(readFileSync(pki.rootKey)),
      issuer: root,
      notBefore: new Date(Date.now() - 60_000),
      notAfter,
    });
    const shortLived = signerFromKey(privateKey, [leaf, root.der], 'short-lived');
    const withTimestamp = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', shortLived, { timestampUrls: [tsa.url] });
    const withoutTimestamp = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', shortLived);
    assert.equal(verifyScript(withoutTimestamp, 'plain.ps1', options()).status, 'Valid', 'valid while the certificate lives');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, notAfter.getTime() - Date.now() + 1100)));
    const stamped = verifyScript(withTimestamp, 'plain.ps1', options());
    assert.equal(stamped.status, 'Valid', stamped.message);
    const unstamped = verifyScript(withoutTimestamp, 'plain.ps1', options());
    assert.equal(unstamped.status, 'NotTrusted');
    assert.equal(unstamped.reason, 'NotTimeValid', unstamped.message);

    const stampedFile = join(work, 'expired-stamped.ps1');
    const unstampedFile = join(work, 'expired-unstamped.ps1');
    writeFileSync(stampedFile, withTimestamp);
    writeFileSync(unstampedFile, withoutTimestamp);
    const osslStamped = await osslVerify(stampedFile, pki.rootPem, ['-TSA-CAfile', pki.tsa.rootPem]);
    assert.ok(osslStamped.ok, osslStamped.output);
    assert.ok(!(await osslVerify(unstampedFile, pki.rootPem)).ok, 'osslsigncode rejects the expired signature without a timestamp');

    await assert.rejects(signScript(SAMPLES[0]!.bytes, 'plain.ps1', shortLived), (error: unknown) => error instanceof SigningError && error.code === 'ExpiredCertificate');
  });
});
