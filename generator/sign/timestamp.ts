/**
 * RFC 3161 timestamps for Authenticode: the imprint is H(SignerInfo.encryptedDigest value) and the token
 * goes into the unsigned attribute 1.3.6.1.4.1.311.3.3.1 (docs/reference/authenticode.md 2.6).
 */
import { createHash, randomBytes } from 'node:crypto';
import { OID, digestAlgorithmIdentifier, hashByOid, type HashAlgorithm } from './algorithms.ts';
import {
  TAG, boolean, children, contentOf, encodingOf, expectChildren, integer, octetString, parseDer, readInteger, readOid, readTime,
  sequence, setOf, oid, unsignedInteger,
} from './der.ts';
import { parseSignedData, type ParsedSignedData } from './pkcs7.ts';
import { systemErrorWords } from '../system-error.ts';
import { SigningError } from './signing-error.ts';

export interface TimestampOptions {
  /** Tried in order; the first that answers with a matching token wins. */
  readonly urls: readonly string[];
  /** Attempts per URL. @default 2 */
  readonly attempts?: number;
  /** Per-request timeout in milliseconds. @default 15000 */
  readonly timeoutMs?: number;
}

export interface TstInfo {
  readonly hash: HashAlgorithm | undefined;
  readonly imprint: Uint8Array;
  readonly genTime: Date;
  readonly nonce: bigint | undefined;
}

export interface ParsedTimestampToken extends ParsedSignedData {
  readonly tstInfo: TstInfo;
}

export function parseTimestampToken(token: Uint8Array): ParsedTimestampToken {
  const signed = parseSignedData(token);
  if (signed.contentType !== OID.tstInfo) throw new Error('timestamp token does not hold a TSTInfo');
  const fields = expectChildren(parseDer(signed.content), TAG.sequence, 'TSTInfo');
  const [algorithm, imprint] = children(fields[2]!);
  let nonce: bigint | undefined;
  for (const field of fields.slice(5)) {
    if (field.tag === TAG.integer) nonce = readInteger(field);
  }
  return {
    ...signed,
    tstInfo: {
      hash: hashByOid(readOid(children(algorithm!)[0]!)),
      imprint: contentOf(imprint!),
      genTime: readTime(fields[4]!),
      nonce,
    },
  };
}

/** TimeStampReq { v1, imprint, nonce, certReq TRUE }. */
export function timestampRequest(hash: HashAlgorithm, signature: Uint8Array, nonce: Uint8Array): Uint8Array {
  return sequence(
    integer(1),
    sequence(digestAlgorithmIdentifier(hash), octetString(createHash(hash).update(signature).digest())),
    unsignedInteger(nonce),
    boolean(true),
  );
}

async function requestOnce(url: string, request: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
    body: Buffer.from(request),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The token from a TimeStampResp, after checking status, imprint and nonce. */
export function tokenFromResponse(response: Uint8Array, hash: HashAlgorithm, signature: Uint8Array, nonce: bigint): Uint8Array {
  const [statusInfo, token] = expectChildren(parseDer(response), TAG.sequence, 'TimeStampResp');
  const status = readInteger(children(statusInfo!)[0]!);
  if (status !== 0n && status !== 1n) throw new Error(`the TSA refused the request (PKIStatus ${status})`);
  if (!token) throw new Error('the TSA granted the request but sent no token');
  const parsed = parseTimestampToken(encodingOf(token));
  const expected = createHash(hash).update(signature).digest();
  if (parsed.tstInfo.hash !== hash || !expected.equals(parsed.tstInfo.imprint)) throw new Error('the token is for a different message imprint');
  if (parsed.tstInfo.nonce !== nonce) throw new Error('the token nonce does not match the request');
  return Uint8Array.from(encodingOf(token));
}

/**
 * Asks the TSAs in turn for a token over `signature` and returns the unsigned Attribute that carries it.
 * Throws SigningError('TimestampFailed') listing what each URL answered.
 */
export async function timestampAttribute(hash: HashAlgorithm, signature: Uint8Array, options: TimestampOptions): Promise<Uint8Array> {
  const attempts = options.attempts ?? 2;
  const timeoutMs = options.timeoutMs ?? 15000;
  const failures: string[] = [];
  for (const url of options.urls) {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const nonceBytes = randomBytes(8);
      nonceBytes[0]! &= 0x7f;
      const nonce = BigInt('0x' + nonceBytes.toString('hex'));
      try {
        const response = await requestOnce(url, timestampRequest(hash, signature, nonceBytes), timeoutMs);
        const token = tokenFromResponse(response, hash, signature, nonce);
        return sequence(oid(OID.rfc3161Timestamp), setOf(token));
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        failures.push(`${url} (attempt ${attempt}): ${(error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : systemErrorWords(cause?.code ? cause : error)}`);
      }
    }
  }
  throw new SigningError('TimestampFailed', `no timestamp authority answered: ${failures.join('; ')}`);
}
