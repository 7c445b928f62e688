/** Signing one script: hash its text the PowerShell SIP way, build the PKCS#7, append the block. */
import type { SigningHashAlgorithm } from './algorithms.ts';
import { validAt } from './certificate.ts';
import { DerError } from './der.ts';
import type { Signer } from './keys.ts';
import { signedAttributes, signedData, spcIndirectData } from './pkcs7.ts';
import { appendSignatureBlock, applyEncodingPolicy, assertScriptFile, hashInputDigest, splitScript, type EncodingPolicy } from './powershell-sip.ts';
import { SigningError } from './signing-error.ts';
import { timestampAttribute } from './timestamp.ts';

export interface SignOptions {
  /** @default 'sha256' */
  readonly hashAlgorithm?: SigningHashAlgorithm;
  /** RFC 3161 TSAs, tried in order. No timestamp when empty. */
  readonly timestampUrls?: readonly string[];
  /** Attempts per TSA URL. @default 2 */
  readonly timestampAttempts?: number;
  /** Per-request TSA timeout. @default 15000 */
  readonly timestampTimeoutMs?: number;
  /**
   * The signingTime attribute (informational; verifiers trust only a timestamp).
   * @default SOURCE_DATE_EPOCH when set, else now
   */
  readonly signingTime?: Date;
  /** @default 'error' (see EncodingPolicy) */
  readonly encodingPolicy?: EncodingPolicy;
}

/** The signing time `SOURCE_DATE_EPOCH` asks for, or undefined; throws on a value that is not whole seconds. */
export function signingTimeFromEnvironment(env: NodeJS.ProcessEnv): Date | undefined {
  const value = env['SOURCE_DATE_EPOCH'];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new SigningError('InvalidText', `SOURCE_DATE_EPOCH must be whole seconds since 1970, not ${JSON.stringify(value)}`);
  return new Date(Number(value) * 1000);
}

/**
 * Returns the complete signed file. An existing signature block is replaced. With SOURCE_DATE_EPOCH (or
 * `signingTime`) and an RSA key the output is byte-for-byte reproducible; ECDSA signatures are randomised
 * and a timestamp carries the TSA's own time, so neither is.
 */
export async function signScript(bytes: Uint8Array, fileName: string, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  return (await signScriptParts(bytes, fileName, signer, options)).signed;
}

/** What {@link signScriptParts} signed: the file, and the content and digest its signature covers. */
export interface SignedScript {
  readonly signed: Uint8Array;
  /** The bytes before the signature block (with a BOM when the encoding policy added one). */
  readonly content: Uint8Array;
  readonly hash: SigningHashAlgorithm;
  /** The digest of the content the PowerShell SIP way (what SpcIndirectData carries). */
  readonly digest: Uint8Array;
}

/** {@link signScript}, also giving what the signature covers (so the signing stage can check it without hashing again). */
export async function signScriptParts(bytes: Uint8Array, fileName: string, signer: Signer, options: SignOptions = {}): Promise<SignedScript> {
  assertScriptFile(fileName);
  const hash = options.hashAlgorithm ?? 'sha256';
  const parts = applyEncodingPolicy(splitScript(bytes, fileName), fileName, options.encodingPolicy ?? 'error');
  let digest: Uint8Array;
  try {
    digest = hashInputDigest(hash, parts.content, parts.encoding, true);
  } catch {
    throw new SigningError('InvalidText', `${fileName}: the script is not valid UTF-8 text`);
  }
  const now = new Date();
  if (!validAt(signer.certificate, now)) {
    throw new SigningError('ExpiredCertificate', `${fileName}: signer certificate "${signer.subject}" is not valid now (valid ${signer.certificate.notBefore.toISOString()} to ${signer.certificate.notAfter.toISOString()})`);
  }
  const content = spcIndirectData(hash, digest);
  const attributes = signedAttributes({ hash, content, signingTime: options.signingTime ?? signingTimeFromEnvironment(process.env) ?? now });
  const signature = await signer.sign(hash, attributes);
  const unsignedAttributes: Uint8Array[] = [];
  if (options.timestampUrls?.length) {
    try {
      unsignedAttributes.push(
        await timestampAttribute(hash, signature, {
          urls: options.timestampUrls,
          ...(options.timestampAttempts !== undefined ? { attempts: options.timestampAttempts } : {}),
          ...(options.timestampTimeoutMs !== undefined ? { timeoutMs: options.timestampTimeoutMs } : {}),
        }),
      );
    } catch (error) {
      const reason = error instanceof DerError ? `the TSA answer is not a valid timestamp response (${error.message})` : (error as Error).message;
      throw new SigningError('TimestampFailed', `${fileName}: ${reason}`);
    }
  }
  const der = signedData({
    hash,
    content,
    certificates: signer.certificates,
    issuerName: signer.certificate.issuerName,
    serialNumber: signer.certificate.serialNumber,
    signedAttributes: attributes,
    signatureAlgorithm: signer.signatureAlgorithm(hash),
    signature,
    unsignedAttributes,
  });
  return { signed: appendSignatureBlock(parts.content, parts.encoding, der), content: parts.content, hash, digest };
}

/** The script without its signature block (for comparing a signed output with freshly rendered text). */
export function stripSignature(bytes: Uint8Array, fileName: string): Uint8Array {
  return splitScript(bytes, fileName).content;
}
