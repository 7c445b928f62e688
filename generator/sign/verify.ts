/**
 * Verifying a signed script the way Get-AuthenticodeSignature reports it: file hash, signature, chain to
 * trust anchors, code-signing usage, validity at the timestamp time, nested signatures
 * (docs/reference/authenticode.md 3). Revocation (CRL/OCSP), name constraints and policies are not
 * checked.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { OID, hashByOid, signatureAlgorithmFits, type HashAlgorithm } from './algorithms.ts';
import { allowsCodeSigning, certificatesFromFile, readCertificate, validAt, type CertificateInfo } from './certificate.ts';
import { DerError, TAG, contentOf, encodingOf, readOid, readTime } from './der.ts';
import { attributeValue, parseSignedData, parseSignerInfo, parseSpcIndirectData, type ParsedSignerInfo } from './pkcs7.ts';
import { SCRIPT_EXTENSIONS, hashInputDigest, isAmbiguous, splitScript } from './powershell-sip.ts';
import { SigningError } from './signing-error.ts';
import { parseTimestampToken } from './timestamp.ts';

/** The values of System.Management.Automation.SignatureStatus. */
export type SignatureStatus = 'Valid' | 'UnknownError' | 'NotSigned' | 'HashMismatch' | 'NotTrusted' | 'NotSupportedFileFormat' | 'Incompatible';

/** Why a status was given; finer than the Windows status. */
export type VerifyReason =
  | 'Valid'
  | 'NotSigned'
  | 'UnsupportedFileType'
  | 'MalformedSignature'
  | 'NotPowerShellSip'
  | 'UnsupportedAlgorithm'
  | 'FileHashMismatch'
  | 'BadSignature'
  | 'SignerCertificateMissing'
  | 'InvalidTimestamp'
  | 'UntrustedRoot'
  | 'IncompleteChain'
  | 'NotTimeValid'
  | 'NotCodeSigning';

export interface VerifyOptions {
  /** Trusted roots (or any certificate to stop the chain at), DER or PEM. @default the system store (Node's bundled roots) */
  readonly trustAnchors?: readonly (X509Certificate | Uint8Array)[];
  /** Anchors for timestamp authorities. @default the same as trustAnchors */
  readonly timestampTrustAnchors?: readonly (X509Certificate | Uint8Array)[];
  /** "Now" for signatures without a timestamp. @default the current time */
  readonly now?: Date;
  /**
   * For a signer checking what it has just signed: the content it hashed and the digest it took. When the
   * file's content is byte for byte this content, the digest is used instead of hashing the content again
   * (with the same function: a second pass could only find what comparing the bytes finds).
   */
  readonly signedContent?: { readonly content: Uint8Array; readonly hash: HashAlgorithm; readonly digest: Uint8Array };
}

export interface VerifyResult {
  readonly status: SignatureStatus;
  readonly reason: VerifyReason;
  /** One line, names the file. */
  readonly message: string;
  readonly signerThumbprint?: string;
  readonly signerSubject?: string;
  readonly hashAlgorithm?: HashAlgorithm;
  /** genTime of a verified RFC 3161 timestamp (or the time of a legacy countersignature). */
  readonly timestamp?: Date;
  readonly timestampSignerSubject?: string;
  /** Results of nested (dual) signatures, each checked against the same file content. */
  readonly nested: readonly VerifyResult[];
  /** Remarks that do not change the status. */
  readonly warnings: readonly string[];
}

class Failure extends Error {
  constructor(
    readonly status: SignatureStatus,
    readonly reason: VerifyReason,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: SignatureStatus, reason: VerifyReason, message: string): never => {
  throw new Failure(status, reason, message);
};

let systemAnchors: CertificateInfo[] | undefined;

function anchorsFrom(input: readonly (X509Certificate | Uint8Array)[] | undefined): CertificateInfo[] {
  if (input === undefined) {
    systemAnchors ??= rootCertificates.flatMap((pem) => certificatesFromFile(Buffer.from(pem))).map(readCertificate);
    return systemAnchors;
  }
  return input.flatMap((anchor) => (anchor instanceof X509Certificate ? [anchor.raw] : certificatesFromFile(anchor))).map(readCertificate);
}

/** Checks signedAttrs (contentType, messageDigest) and the signature; returns the signer certificate. */
function verifySignerInfo(
  signer: ParsedSignerInfo,
  pool: readonly CertificateInfo[],
  digestInput: Uint8Array,
  contentType: string | undefined,
  what: string,
): { certificate: CertificateInfo; hash: HashAlgorithm } {
  const hash = hashByOid(signer.digestAlgorithm) ?? fail('UnknownError', 'UnsupportedAlgorithm', `${what}: unsupported digest algorithm ${signer.digestAlgorithm}`);
  const certificate = pool.find((candidate) =>
    signer.subjectKeyIdentifier
      ? candidate.subjectKeyIdentifier !== undefined && Buffer.from(candidate.subjectKeyIdentifier).equals(signer.subjectKeyIdentifier)
      : Buffer.from(candidate.issuerName).equals(signer.issuerName!) && Buffer.from(candidate.serialNumber).equals(signer.serialNumber!),
  ) ?? fail('NotTrusted', 'SignerCertificateMissing', `${what}: the signer certificate is not in the signature`);
  if (!signer.signedAttributesInput) fail('UnknownError', 'MalformedSignature', `${what}: no authenticated attributes`);
  if (contentType !== undefined) {
    const type = attributeValue(signer.signedAttributes, OID.contentType);
    if (!type || readOid(type) !== contentType) fail('HashMismatch', 'BadSignature', `${what}: the contentType attribute is wrong`);
  }
  const digest = attributeValue(signer.signedAttributes, OID.messageDigest);
  if (!digest || digest.tag !== TAG.octetString || !createHash(hash).update(digestInput).digest().equals(contentOf(digest))) {
    fail('HashMismatch', 'BadSignature', `${what}: the messageDigest attribute does not match the signed content`);
  }
  const keyType = certificate.publicKey.asymmetricKeyType;
  if (!signatureAlgorithmFits(signer.signatureAlgorithm, keyType, hash)) {
    fail('UnknownError', 'UnsupportedAlgorithm', `${what}: signature algorithm ${signer.signatureAlgorithm} does not fit a ${keyType} key`);
  }
  let ok: boolean;
  try {
    ok = cryptoVerify(hash, signer.signedAttributesInput!, certificate.publicKey, signer.signature);
  } catch {
    ok = false;
  }
  if (!ok) fail('HashMismatch', 'BadSignature', `${what}: the signature does not verify with the signer's public key`);
  return { certificate, hash };
}

/**
 * Whether `candidate` issued `certificate` (names match and its key verifies the certificate's signature),
 * remembered per pair: readCertificate gives the same object for the same bytes, and a build verifies every
 * new signature it makes, each with the same chain.
 */
const issuers = new WeakMap<CertificateInfo, WeakMap<CertificateInfo, boolean>>();
function issuedBy(certificate: CertificateInfo, candidate: CertificateInfo): boolean {
  let known = issuers.get(certificate);
  if (!known) issuers.set(certificate, (known = new WeakMap()));
  let issued = known.get(candidate);
  if (issued === undefined) known.set(candidate, (issued = certificate.x509.checkIssued(candidate.x509) && certificate.x509.verify(candidate.publicKey)));
  return issued;
}

/** Builds a chain from `leaf` to an anchor, every certificate valid at `when`; returns it leaf first. */
function buildChain(leaf: CertificateInfo, pool: readonly CertificateInfo[], anchors: readonly CertificateInfo[], when: Date, what: string): CertificateInfo[] {
  const anchorPrints = new Set(anchors.map((a) => a.thumbprint));
  const chain = [leaf];
  for (let current = leaf; chain.length <= 10; ) {
    if (!validAt(current, when)) {
      fail('NotTrusted', 'NotTimeValid', `${what}: certificate "${current.subject}" is not valid at ${when.toISOString()} (valid ${current.notBefore.toISOString()} to ${current.notAfter.toISOString()})`);
    }
    if (anchorPrints.has(current.thumbprint)) return chain;
    const issuer = [...anchors, ...pool].find(
      (candidate) =>
        candidate.thumbprint !== current.thumbprint &&
        candidate.isCa &&
        issuedBy(current, candidate),
    );
    if (!issuer) {
      if (current.selfIssued) fail('NotTrusted', 'UntrustedRoot', `${what}: the chain ends in "${current.subject}", which is not a trusted root`);
      fail('NotTrusted', 'IncompleteChain', `${what}: no issuer found for "${current.subject}" (issuer "${current.x509.issuer.split('\n').join(', ')}")`);
    }
    chain.push(issuer!);
    current = issuer!;
  }
  return fail('NotTrusted', 'IncompleteChain', `${what}: certificate chain longer than 10`);
}

interface TimestampCheck {
  readonly time: Date;
  readonly signerSubject: string;
}

/** Verifies the timestamp (RFC 3161 or legacy countersignature) over `signer`, if there is one. */
function verifyTimestamp(signer: ParsedSignerInfo, outerPool: readonly CertificateInfo[], anchors: readonly CertificateInfo[], what: string): TimestampCheck | undefined {
  const rfc3161 = attributeValue(signer.unsignedAttributes, OID.rfc3161Timestamp);
  const legacy = attributeValue(signer.unsignedAttributes, OID.counterSignature);
  if (!rfc3161 && !legacy) return undefined;
  const label = `${what}: timestamp`;
  try {
    let time: Date;
    let tsaCertificate: CertificateInfo;
    let pool: CertificateInfo[];
    if (rfc3161) {
      const token = parseTimestampToken(encodingOf(rfc3161));
      pool = [...token.certificates.map(readCertificate), ...outerPool];
      if (token.signerInfos.length !== 1) fail('UnknownError', 'InvalidTimestamp', `${label}: expected one TSA signer`);
      const hash = token.tstInfo.hash ?? fail('UnknownError', 'InvalidTimestamp', `${label}: unsupported imprint algorithm`);
      if (!createHash(hash).update(signer.signature).digest().equals(token.tstInfo.imprint)) {
        fail('UnknownError', 'InvalidTimestamp', `${label}: the token covers a different signature`);
      }
      tsaCertificate = verifySignerInfo(token.signerInfos[0]!, pool, token.digestInput, OID.tstInfo, label).certificate;
      time = token.tstInfo.genTime;
    } else {
      const counter = parseSignerInfo(legacy!);
      pool = [...outerPool];
      tsaCertificate = verifySignerInfo(counter, pool, signer.signature, undefined, label).certificate;
      const signingTime = attributeValue(counter.signedAttributes, OID.signingTime) ?? fail('UnknownError', 'InvalidTimestamp', `${label}: no signing time`);
      time = readTime(signingTime);
    }
    if (tsaCertificate.extendedKeyUsage && !tsaCertificate.extendedKeyUsage.includes(OID.timeStamping)) {
      fail('UnknownError', 'InvalidTimestamp', `${label}: certificate "${tsaCertificate.subject}" lacks the timeStamping usage`);
    }
    buildChain(tsaCertificate, pool, anchors, time, label);
    return { time, signerSubject: tsaCertificate.subject };
  } catch (error) {
    if (error instanceof Failure) {
      throw error.reason === 'InvalidTimestamp' ? error : new Failure('UnknownError', 'InvalidTimestamp', error.message);
    }
    throw new Failure('UnknownError', 'InvalidTimestamp', `${label}: malformed (${(error as Error).message})`);
  }
}

interface Context {
  /** The file's digest by an algorithm (PowerShell SIP input), computed once per algorithm. */
  readonly fileDigest: (hash: HashAlgorithm) => Uint8Array;
  readonly anchors: readonly CertificateInfo[];
  readonly timestampAnchors: readonly CertificateInfo[];
  readonly now: Date;
  readonly file: string;
}

function verifySignature(der: Uint8Array, context: Context, depth: number): VerifyResult {
  const what = depth === 0 ? context.file : `${context.file} (nested signature ${depth})`;
  let facts: Partial<VerifyResult> = {};
  try {
    let signed;
    try {
      signed = parseSignedData(der);
    } catch (error) {
      return fail('UnknownError', 'MalformedSignature', `${what}: the signature is not a valid PKCS#7 SignedData (${(error as Error).message})`);
    }
    if (signed.contentType !== OID.spcIndirectData) fail('Incompatible', 'NotPowerShellSip', `${what}: the signature is not an Authenticode signature`);
    const indirect = parseSpcIndirectData(signed.content);
    if (!indirect.isPowerShellSip) fail('Incompatible', 'NotPowerShellSip', `${what}: the signature was made for another file type (not the PowerShell SIP)`);
    const hash = indirect.hash ?? fail('UnknownError', 'UnsupportedAlgorithm', `${what}: unsupported file hash algorithm ${indirect.hashOid}`);
    facts = { hashAlgorithm: hash };
    if (!Buffer.from(context.fileDigest(hash)).equals(indirect.digest)) {
      fail('HashMismatch', 'FileHashMismatch', `${what}: the file content does not match the signed hash (the file changed after signing)`);
    }
    if (signed.signerInfos.length !== 1) fail('UnknownError', 'MalformedSignature', `${what}: expected exactly one SignerInfo, found ${signed.signerInfos.length}`);
    const signerInfo = signed.signerInfos[0]!;
    const pool = signed.certificates.map(readCertificate);
    const { certificate } = verifySignerInfo(signerInfo, [...pool, ...context.anchors], signed.digestInput, OID.spcIndirectData, what);
    facts = { ...facts, signerThumbprint: certificate.thumbprint, signerSubject: certificate.subject };
    const timestamp = verifyTimestamp(signerInfo, pool, context.timestampAnchors, what);
    if (timestamp) facts = { ...facts, timestamp: timestamp.time, timestampSignerSubject: timestamp.signerSubject };
    const when = timestamp?.time ?? context.now;
    const chain = buildChain(certificate, pool, context.anchors, when, what);
    for (const link of chain.slice(0, -1)) {
      if (!allowsCodeSigning(link)) fail('NotTrusted', 'NotCodeSigning', `${what}: certificate "${link.subject}" is not valid for code signing (no Code Signing extended key usage)`);
    }
    if (certificate.lacksDigitalSignature) fail('NotTrusted', 'NotCodeSigning', `${what}: the signer certificate's key usage lacks digitalSignature`);
    const nested = signerInfo.unsignedAttributes
      .filter((a) => a.type === OID.nestedSignature)
      .flatMap((a) => a.values)
      .map((value, index) => verifySignature(encodingOf(value), context, depth + index + 1));
    const firstBad = nested.find((n) => n.status !== 'Valid');
    if (firstBad) return { ...firstBad, ...facts, nested, warnings: [] };
    const stamp = timestamp ? `, timestamped ${timestamp.time.toISOString()}` : '';
    return { status: 'Valid', reason: 'Valid', message: `${what}: Valid, signed by "${certificate.subject}"${stamp}`, ...facts, nested, warnings: [] };
  } catch (error) {
    if (error instanceof Failure) return { status: error.status, reason: error.reason, message: error.message, ...facts, nested: [], warnings: [] };
    if (error instanceof DerError) return { status: 'UnknownError', reason: 'MalformedSignature', message: `${what}: malformed signature (${error.message})`, ...facts, nested: [], warnings: [] };
    throw error;
  }
}

/** Verifies a script's Authenticode signature. Never throws for bad input; the status says what is wrong. */
export function verifyScript(bytes: Uint8Array, fileName: string, options: VerifyOptions = {}): VerifyResult {
  const base = { nested: [], warnings: [] };
  if (!SCRIPT_EXTENSIONS.some((extension) => fileName.toLowerCase().endsWith(extension))) {
    return { status: 'NotSupportedFileFormat', reason: 'UnsupportedFileType', message: `${fileName}: not a PowerShell script (${SCRIPT_EXTENSIONS.join(', ')})`, ...base };
  }
  let parts;
  try {
    parts = splitScript(bytes, fileName);
  } catch (error) {
    if (error instanceof SigningError) return { status: 'UnknownError', reason: 'MalformedSignature', message: error.message, ...base };
    throw error;
  }
  if (!parts.signature) return { status: 'NotSigned', reason: 'NotSigned', message: `${fileName}: NotSigned, the file has no signature block`, ...base };
  const anchors = anchorsFrom(options.trustAnchors);
  const digests = new Map<HashAlgorithm, Uint8Array>();
  const { content, encoding } = parts;
  const known = options.signedContent;
  if (known && Buffer.from(content.buffer, content.byteOffset, content.byteLength).equals(known.content)) digests.set(known.hash, known.digest);
  const fileDigest = (hash: HashAlgorithm): Uint8Array => {
    let digest = digests.get(hash);
    if (!digest) digests.set(hash, (digest = hashInputDigest(hash, content, encoding)));
    return digest;
  };
  const result = verifySignature(
    parts.signature,
    {
      fileDigest,
      anchors,
      timestampAnchors: options.timestampTrustAnchors ? anchorsFrom(options.timestampTrustAnchors) : anchors,
      now: options.now ?? new Date(),
      file: fileName,
    },
    0,
  );
  if (!isAmbiguous(parts.content, parts.encoding)) return result;
  return {
    ...result,
    warnings: [
      `${fileName}: non-ASCII text without a byte order mark was hashed as UTF-8; Windows may hash it in the ANSI code page and report HashMismatch`,
    ],
  };
}
