import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SigningError, ensureDevelopmentSigner, issueCertificate, loadSigner, signScript, signerFromKey, stripSignature, verifyScript, type Signer,
} from '../../generator/sign/index.ts';
import { lintTemplate, templateSource } from '../../generator/render/templates.ts';
import { renderTrustScript, TRUST_SCRIPT_TEMPLATE } from '../../generator/render/trust-script.ts';
import { testPki, type TestPki } from './support/pki.ts';
import { SAMPLES } from './support/samples.ts';
import { ensureOsslsigncode, osslVerify } from './support/tools.ts';

const refusal = (code: string, ...patterns: RegExp[]) => (error: unknown): boolean => {
  assert.ok(error instanceof SigningError, `expected a SigningError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  for (const pattern of patterns) assert.match(error.message, pattern);
  return true;
};

describe('sign: encoding policy, re-signing and refusals', function () {
  let pki: TestPki;
  let rsa: Signer;
  const anchors = (): { trustAnchors: Uint8Array[] } => ({ trustAnchors: [readFileSync(pki.rootPem)] });

  before(async function () {
    await ensureOsslsigncode();
    pki = await testPki();
    rsa = await loadSigner({ cert: pki.rsa.chain, key: pki.rsa.key });
  });

  it('refuses BOM-less non-ASCII text with the locale explanation, and signs it with add-bom', async function () {
    const text = Buffer.from("Write-Output 'caf\u00e9'\r\n", 'utf8');
    await assert.rejects(signScript(text, 'late.ps1', rsa), refusal('AmbiguousEncoding', /late\.ps1/, /ANSI code page/, /--add-bom/));
    const signed = await signScript(text, 'late.ps1', rsa, { encodingPolicy: 'add-bom' });
    assert.deepEqual([...signed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(Buffer.from(signed).includes(text));
    assert.equal(verifyScript(signed, 'late.ps1', anchors()).status, 'Valid');
    const file = join(mkdtempSync(join(tmpdir(), 'remgen-bom-')), 'late.ps1');
    writeFileSync(file, signed);
    assert.ok((await osslVerify(file, pki.rootPem)).ok);
    await assert.rejects(signScript(Uint8Array.of(0x41, 0xff, 0x0d, 0x0a), 'bad.ps1', rsa, { encodingPolicy: 'add-bom' }), refusal('InvalidText', /bad\.ps1/));
  });

  it('replaces an existing block when re-signing (one block, verifies) and stripSignature gives the original', async function () {
    const ec = await loadSigner({ cert: pki.ec.chain, key: pki.ec.key });
    const once = await signScript(SAMPLES[0]!.bytes, 'plain.ps1', rsa);
    const twice = await signScript(once, 'plain.ps1', ec);
    const blocks = Buffer.from(twice).toString('latin1').split('# SIG # Begin signature block').length - 1;
    assert.equal(blocks, 1);
    const result = verifyScript(twice, 'plain.ps1', anchors());
    assert.equal(result.status, 'Valid');
    assert.equal(result.signerThumbprint, ec.thumbprint);
    assert.ok(Buffer.from(stripSignature(twice, 'plain.ps1')).equals(SAMPLES[0]!.bytes));
  });

  it('gives identical bytes for identical input and key under SOURCE_DATE_EPOCH', async function () {
    const saved = process.env['SOURCE_DATE_EPOCH'];
    process.env['SOURCE_DATE_EPOCH'] = '1700000000';
    try {
      const a = await signScript(SAMPLES[1]!.bytes, 'module.psm1', rsa);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const b = await signScript(SAMPLES[1]!.bytes, 'module.psm1', rsa);
      assert.ok(Buffer.from(a).equals(b));
    } finally {
      if (saved === undefined) delete process.env['SOURCE_DATE_EPOCH'];
      else process.env['SOURCE_DATE_EPOCH'] = saved;
    }
  });

  it('reports NotSigned, a malformed block, an untrusted root and an unsupported file type', async function () {
    assert.equal(verifyScript(SAMPLES[0]!.bytes, 'plain.ps1', anchors()).status, 'NotSigned');
    const signed = Buffer.from(await signScript(SAMPLES[0]!.bytes, 'plain.ps1', rsa)).toString('latin1');
    const broken = Buffer.from(signed.replace(/\r\n# ([A-Za-z0-9+/]{10})/, '\r\n# !$1'), 'latin1');
    const malformed = verifyScript(broken, 'plain.ps1', anchors());
    assert.equal(malformed.status, 'UnknownError');
    assert.equal(malformed.reason, 'MalformedSignature');
    await assert.rejects(signScript(broken, 'plain.ps1', rsa), refusal('MalformedSignatureBlock', /plain\.ps1/));
    const truncated = Buffer.from(signed.replace(/# SIG # End signature block\r\n$/, ''), 'latin1');
    assert.equal(verifyScript(truncated, 'plain.ps1', anchors()).reason, 'MalformedSignature');
    const untrusted = verifyScript(Buffer.from(signed, 'latin1'), 'plain.ps1', { trustAnchors: [readFileSync(pki.tsa.rootPem)] });
    assert.equal(untrusted.status, 'NotTrusted');
    assert.equal(untrusted.reason, 'UntrustedRoot');
    assert.equal(verifyScript(SAMPLES[0]!.bytes, 'notes.txt').status, 'NotSupportedFileFormat');
    await assert.rejects(signScript(SAMPLES[0]!.bytes, 'notes.txt', rsa), refusal('UnsupportedFileType', /notes\.txt/));
  });

  it('refuses a wrong PFX password without revealing the password, for both PFX forms', async function () {
    for (const pfx of [pki.rsa.pfxAes, pki.rsa.pfx3des]) {
      const secret = 'not-the-password-42';
      await assert.rejects(loadSigner({ pfx, password: { value: secret } }), (error: unknown) => {
        refusal('BadPassword', new RegExp(pfx.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))(error);
        assert.ok(!(error as Error).message.includes(secret));
        return true;
      });
    }
    process.env['REMGEN_TEST_PFX_PASSWORD'] = pki.password;
    assert.equal((await loadSigner({ pfx: pki.rsa.pfxAes, password: { env: 'REMGEN_TEST_PFX_PASSWORD' } })).thumbprint, rsa.thumbprint);
    assert.equal((await loadSigner({ pfx: pki.rsa.pfx3des, password: { file: join(pki.dir, 'pass.txt') } })).thumbprint, rsa.thumbprint);
    await assert.rejects(loadSigner({ pfx: pki.rsa.pfxAes, password: { env: 'REMGEN_TEST_UNSET_VARIABLE' } }), refusal('BadPassword', /REMGEN_TEST_UNSET_VARIABLE/));
  });

  it('refuses a certificate without codeSigning, a CA certificate, a key that does not match, and an expired certificate', async function () {
    await assert.rejects(loadSigner({ cert: pki.noEku.cert, key: pki.noEku.key }), refusal('UnsuitableCertificate', /Code Signing/, /noeku\.pem/));
    await assert.rejects(loadSigner({ cert: pki.rootPem, key: pki.rootKey }), refusal('UnsuitableCertificate', /CA certificate/));
    await assert.rejects(loadSigner({ cert: pki.rsa.cert, key: pki.ec.key }), refusal('KeyMismatch', /rsa\.pem/));
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const expired = issueCertificate({ commonName: 'expired', publicKey, privateKey, notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    assert.throws(() => signerFromKey(privateKey, [expired], 'expired.pem'), refusal('ExpiredCertificate', /expired\.pem/, /2021-01-01/));
  });
});

describe('sign: development certificate', function () {
  before(ensureOsslsigncode);

  it('is created once under .remgen/, exported as .cer, with a signed ASCII CRLF trust script that osslsigncode verifies', async function () {
    const project = mkdtempSync(join(tmpdir(), 'remgen-dev-'));
    const first = await ensureDevelopmentSigner(project, renderTrustScript);
    assert.equal(first.created, true);
    assert.equal(first.certificatePath, join(project, '.remgen', 'dev-signing.cer'));
    const script = readFileSync(first.trustScriptPath);
    const text = script.toString('latin1');
    assert.ok(script.every((b) => b < 0x80), 'ASCII');
    assert.ok(script[0] !== 0xef, 'no BOM');
    assert.ok(!/[^\r]\n/.test(text), 'CRLF only');
    assert.match(text, /^#Requires -Version 5\.1\r$/m);
    assert.match(text, /Cert:\\LocalMachine\\Root/);
    assert.match(text, /TrustedPublisher/);
    assert.match(text, new RegExp(`\\$expectedThumbprint = '${first.signer.thumbprint}'`));
    assert.match(text, /exit 0\r\n[\s\S]*exit 1\r\n\}\r\n\r\n# SIG # Begin signature block/);
    assert.ok(!/Write-Host/.test(text));
    const pem = `-----BEGIN CERTIFICATE-----\n${readFileSync(first.certificatePath).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const pemFile = join(project, 'dev.pem');
    writeFileSync(pemFile, pem);
    const ossl = await osslVerify(first.trustScriptPath, pemFile);
    assert.ok(ossl.ok, ossl.output);
    assert.equal(verifyScript(script, 'trust-remgen-dev.ps1', { trustAnchors: [readFileSync(first.certificatePath)] }).status, 'Valid');

    const second = await ensureDevelopmentSigner(project, renderTrustScript);
    assert.equal(second.created, false);
    assert.equal(second.signer.thumbprint, first.signer.thumbprint);
  });

  it('its trust script is a handlebars template that the template linter accepts, rendered by the render stage; the development signer only signs it', async function () {
    assert.equal(TRUST_SCRIPT_TEMPLATE, 'sign/trust-certificate.ps1.hbs');
    const source = templateSource(TRUST_SCRIPT_TEMPLATE);
    assert.match(source, /\{\{psString certificateBase64\}\}/);
    lintTemplate(TRUST_SCRIPT_TEMPLATE, source);
    assert.throws(() => lintTemplate(TRUST_SCRIPT_TEMPLATE, source.replace('{{psString thumbprint}}', '{{thumbprint}}')), /raw '\{\{thumbprint\}\}'/);

    const project = mkdtempSync(join(tmpdir(), 'remgen-dev-'));
    const rendered: { der: Uint8Array; thumbprint: string }[] = [];
    const dev = await ensureDevelopmentSigner(project, (certificate) => {
      rendered.push(certificate);
      return renderTrustScript(certificate);
    });
    assert.equal(rendered.length, 1);
    assert.equal(rendered[0]!.thumbprint, dev.signer.thumbprint);
    assert.ok(Buffer.from(rendered[0]!.der).equals(readFileSync(dev.certificatePath)));
    const written = readFileSync(dev.trustScriptPath);
    assert.ok(Buffer.from(stripSignature(written, 'trust-remgen-dev.ps1')).equals(Buffer.from(renderTrustScript(rendered[0]!))), 'the signed file is the rendered bytes plus a signature block');
    assert.match(written.toString('latin1'), /Generated by remgen from templates\/sign\/trust-certificate\.ps1\.hbs/);
    // A thumbprint is data like any other: it reaches the script only through psString.
    assert.match(Buffer.from(renderTrustScript({ der: rendered[0]!.der, thumbprint: "it's" })).toString('latin1'), /\$expectedThumbprint = 'it''s'\r\n/);
  });
});
