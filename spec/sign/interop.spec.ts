import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigner, signScript, verifyScript, type Signer } from '../../generator/sign/index.ts';
import { testPki, type TestPki } from './support/pki.ts';
import { SAMPLES, tamper } from './support/samples.ts';
import { ensureOsslsigncode, osslVerify, tool } from './support/tools.ts';

describe('sign: interoperability with osslsigncode 2.9', function () {
  let pki: TestPki;
  let work: string;
  const signers = new Map<string, Signer>();
  const anchors = (): Uint8Array[] => [readFileSync(pki.rootPem)];

  before(async function () {
    await ensureOsslsigncode();
    pki = await testPki();
    work = mkdtempSync(join(tmpdir(), 'remgen-interop-'));
    const password = { value: pki.password };
    signers.set('RSA-2048 PEM', await loadSigner({ cert: pki.rsa.cert, key: pki.rsa.key, chain: [pki.rootPem] }));
    signers.set('RSA-2048 PFX (OpenSSL 3, AES)', await loadSigner({ pfx: pki.rsa.pfxAes, password }));
    signers.set('RSA-2048 PFX (Windows, TripleDES-SHA1)', await loadSigner({ pfx: pki.rsa.pfx3des, password }));
    signers.set('ECDSA P-256 PEM', await loadSigner({ cert: pki.ec.chain, key: pki.ec.key }));
    signers.set('ECDSA P-256 PFX (AES)', await loadSigner({ pfx: pki.ec.pfxAes, password }));
  });

  for (const signerName of ['RSA-2048 PEM', 'RSA-2048 PFX (OpenSSL 3, AES)', 'RSA-2048 PFX (Windows, TripleDES-SHA1)', 'ECDSA P-256 PEM', 'ECDSA P-256 PFX (AES)']) {
    for (const sample of SAMPLES) {
      it(`remgen signs ${sample.name} with ${signerName}; osslsigncode and remgen verify it; a flipped byte fails both`, async function () {
        const signer = signers.get(signerName)!;
        const signed = await signScript(sample.bytes, sample.name, signer);
        const file = join(work, `${signerName.replace(/\W+/g, '-')}-${sample.name}`);
        writeFileSync(file, signed);

        const ossl = await osslVerify(file, pki.rootPem);
        assert.ok(ossl.ok, ossl.output);
        assert.equal(verifyScript(signed, sample.name, { trustAnchors: anchors() }).status, 'Valid');
        assert.equal(signer.certificates.length, 2, 'leaf and root are embedded');

        const bad = tamper(signed);
        const badFile = file.replace(/(\.\w+)$/, '-tampered$1');
        writeFileSync(badFile, bad);
        const osslBad = await osslVerify(badFile, pki.rootPem);
        assert.ok(!osslBad.ok, `osslsigncode accepted a tampered file:\n${osslBad.output}`);
        const result = verifyScript(bad, sample.name, { trustAnchors: anchors() });
        assert.equal(result.status, 'HashMismatch', result.message);
      });
    }
  }

  for (const keyType of ['rsa', 'ec'] as const) {
    for (const sample of SAMPLES) {
      it(`remgen verifies ${sample.name} signed by osslsigncode (${keyType}); a flipped byte fails both`, async function () {
        const input = join(work, `in-${keyType}-${sample.name}`);
        const output = join(work, `ossl-${keyType}-${sample.name}`);
        writeFileSync(input, sample.bytes);
        const signed = await tool('osslsigncode', ['sign', '-certs', pki[keyType].chain, '-key', pki[keyType].key, '-h', 'sha256', '-in', input, '-out', output]);
        assert.ok(signed.ok, signed.output);
        const bytes = readFileSync(output);
        const result = verifyScript(bytes, sample.name, { trustAnchors: anchors() });
        assert.equal(result.status, 'Valid', result.message);
        assert.equal(result.signerThumbprint, (await loadSigner({ cert: pki[keyType].cert, key: pki[keyType].key })).thumbprint);

        const badFile = output.replace(/(\.\w+)$/, '-tampered$1');
        writeFileSync(badFile, tamper(bytes));
        assert.equal(verifyScript(tamper(bytes), sample.name, { trustAnchors: anchors() }).status, 'HashMismatch');
        assert.ok(!(await osslVerify(badFile, pki.rootPem)).ok);
      });
    }
  }

  it('is byte-identical to osslsigncode for the same RSA key, chain and signing time, in every encoding', async function () {
    const signer = signers.get('RSA-2048 PEM')!;
    for (const sample of SAMPLES) {
      const input = join(work, `same-${sample.name}`);
      const output = join(work, `same-ossl-${sample.name}`);
      writeFileSync(input, sample.bytes);
      const result = await tool('osslsigncode', ['sign', '-certs', pki.rsa.chain, '-key', pki.rsa.key, '-time', '1700000000', '-in', input, '-out', output]);
      assert.ok(result.ok, result.output);
      const ours = await signScript(sample.bytes, sample.name, signer, { signingTime: new Date(1700000000 * 1000) });
      assert.ok(Buffer.from(ours).equals(readFileSync(output)), `${sample.name} differs from osslsigncode's output`);
    }
  });

  it('signs with SHA-384 and SHA-512, which osslsigncode verifies', async function () {
    for (const hashAlgorithm of ['sha384', 'sha512'] as const) {
      const signed = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', signers.get('ECDSA P-256 PEM')!, { hashAlgorithm });
      const file = join(work, `hash-${hashAlgorithm}.ps1`);
      writeFileSync(file, signed);
      const ossl = await osslVerify(file, pki.rootPem);
      assert.ok(ossl.ok, ossl.output);
      assert.match(ossl.output, new RegExp(hashAlgorithm.toUpperCase(), 'i'));
      assert.equal(verifyScript(signed, 'plain.ps1', { trustAnchors: anchors() }).hashAlgorithm, hashAlgorithm);
    }
  });
});
