import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { detectEncoding, hashInput, hashInputDigest } from '../../generator/sign/powershell-sip.ts';
import { signScriptParts } from '../../generator/sign/sign-script.ts';
import { verifyScript } from '../../generator/sign/verify.ts';
import { selfSignedSigner } from './support/signer.ts';

/**
 * The digest the signer and the verifier take of a script (the PowerShell SIP's input: its text as UTF-16LE) is
 * computed without making that input: ASCII is widened 64 KiB at a time. It must be the digest of exactly the
 * bytes hashInput makes, at every chunk boundary and for every encoding.
 */

/** ASCII script text of `length` bytes, CRLF lines, no two chunks alike (a chunk hashed twice or skipped shows). */
function asciiScript(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = i % 64 === 62 ? 0x0d : i % 64 === 63 ? 0x0a : 0x21 + ((i * 7 + Math.floor(i / 65536)) % 90);
  return bytes;
}

const whole = (algorithm: string, content: Uint8Array): string => createHash(algorithm).update(hashInput(content, detectEncoding(content))).digest('hex');
const chunked = (algorithm: string, content: Uint8Array): string => hashInputDigest(algorithm, content, detectEncoding(content)).toString('hex');

describe('sign: the SIP digest taken a chunk at a time', () => {
  const CHUNK = 64 * 1024;
  for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17]) {
    it(`an ASCII script of ${length} bytes: the digest of hashInput's bytes, sha256 and sha1`, () => {
      const content = asciiScript(length);
      assert.equal(chunked('sha256', content), whole('sha256', content));
      assert.equal(chunked('sha1', content), whole('sha1', content));
    });
  }

  it('a byte changed just past a chunk boundary changes the digest (the second chunk is hashed, not the first twice)', () => {
    const content = asciiScript(2 * CHUNK);
    const changed = Uint8Array.from(content);
    changed[CHUNK] = changed[CHUNK] === 0x41 ? 0x42 : 0x41;
    assert.notEqual(chunked('sha256', changed), chunked('sha256', content));
    assert.equal(chunked('sha256', changed), whole('sha256', changed));
  });

  it('two scripts in a row reuse the buffer without carrying the first one over', () => {
    const long = asciiScript(CHUNK + 100);
    const short = asciiScript(50);
    chunked('sha256', long);
    assert.equal(chunked('sha256', short), whole('sha256', short));
  });

  it('UTF-8 with a BOM, UTF-8 without one and UTF-16LE/BE: the digest of hashInput\'s bytes', () => {
    const text = `Write-Output 'caf\u00e9 \u2713'\r\n`.repeat(5000);
    const samples = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    ];
    for (const sample of samples) assert.equal(chunked('sha256', sample), whole('sha256', sample), detectEncoding(sample));
  });

  it('refuses text that is not UTF-8 when strict, as hashInput does', () => {
    const invalid = Uint8Array.from([0x41, 0xc3, 0x28, 0x0d, 0x0a]);
    assert.throws(() => hashInput(invalid, 'no-bom', true));
    assert.throws(() => hashInputDigest('sha256', invalid, 'no-bom', true));
  });
});

describe('sign: the signer\'s own check of what it signed takes the digest it computed', () => {
  const signer = selfSignedSigner('remgen hash-input spec');
  const anchors = { trustAnchors: [signer.certificates[signer.certificates.length - 1]!] };
  const content = asciiScript(70_000);

  it('uses the given digest when the file holds exactly the content given: a wrong one is a HashMismatch', async () => {
    const parts = await signScriptParts(content, 'a.ps1', signer);
    assert.equal(verifyScript(parts.signed, 'a.ps1', { ...anchors, signedContent: parts }).status, 'Valid');
    const wrong = Uint8Array.from(parts.digest);
    wrong[0] = wrong[0]! ^ 1;
    assert.equal(verifyScript(parts.signed, 'a.ps1', { ...anchors, signedContent: { ...parts, digest: wrong } }).status, 'HashMismatch');
  });

  it('hashes the file itself when its content is not the content given (a changed byte, a different length)', async () => {
    const parts = await signScriptParts(content, 'a.ps1', signer);
    const wrong = new Uint8Array(parts.digest.length);
    const other = Uint8Array.from(content);
    other[69_999] = 0x42;
    assert.equal(verifyScript(parts.signed, 'a.ps1', { ...anchors, signedContent: { ...parts, content: other, digest: wrong } }).status, 'Valid');
    assert.equal(verifyScript(parts.signed, 'a.ps1', { ...anchors, signedContent: { ...parts, content: content.subarray(1), digest: wrong } }).status, 'Valid');
  });
});
