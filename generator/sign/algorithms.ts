/** Object identifiers and the digest/signature algorithm tables Authenticode uses. */
import { nullValue, oid, sequence } from './der.ts';

export type HashAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';
/** Algorithms remgen signs with; SHA-1 is only ever verified. */
export type SigningHashAlgorithm = Exclude<HashAlgorithm, 'sha1'>;

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  spcStatementType: '1.3.6.1.4.1.311.2.1.11',
  spcSpOpusInfo: '1.3.6.1.4.1.311.2.1.12',
  spcIndividualCodeSigning: '1.3.6.1.4.1.311.2.1.21',
  spcSipInfo: '1.3.6.1.4.1.311.2.1.30',
  nestedSignature: '1.3.6.1.4.1.311.2.4.1',
  rfc3161Timestamp: '1.3.6.1.4.1.311.3.3.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  anyExtendedKeyUsage: '2.5.29.37.0',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extendedKeyUsage: '2.5.29.37',
  authorityKeyIdentifier: '2.5.29.35',
  commonName: '2.5.4.3',
} as const;

interface HashInfo {
  readonly oid: string;
  readonly rsa: string;
  readonly ecdsa: string;
  readonly length: number;
}

export const HASHES: Readonly<Record<HashAlgorithm, HashInfo>> = {
  sha1: { oid: '1.3.14.3.2.26', rsa: '1.2.840.113549.1.1.5', ecdsa: '1.2.840.10045.4.1', length: 20 },
  sha256: { oid: '2.16.840.1.101.3.4.2.1', rsa: '1.2.840.113549.1.1.11', ecdsa: '1.2.840.10045.4.3.2', length: 32 },
  sha384: { oid: '2.16.840.1.101.3.4.2.2', rsa: '1.2.840.113549.1.1.12', ecdsa: '1.2.840.10045.4.3.3', length: 48 },
  sha512: { oid: '2.16.840.1.101.3.4.2.3', rsa: '1.2.840.113549.1.1.13', ecdsa: '1.2.840.10045.4.3.4', length: 64 },
};

export function hashByOid(dotted: string): HashAlgorithm | undefined {
  return (Object.keys(HASHES) as HashAlgorithm[]).find((name) => HASHES[name].oid === dotted);
}

/** `AlgorithmIdentifier { hash, NULL }` as signtool and osslsigncode write it. */
export function digestAlgorithmIdentifier(hash: HashAlgorithm): Uint8Array {
  let encoded = digestAlgorithmIdentifiers.get(hash);
  if (!encoded) digestAlgorithmIdentifiers.set(hash, (encoded = sequence(oid(HASHES[hash].oid), nullValue())));
  return encoded;
}
/** Encoded once per algorithm; callers copy, never modify. */
const digestAlgorithmIdentifiers = new Map<HashAlgorithm, Uint8Array>();

/**
 * Whether a SignerInfo signature algorithm OID is acceptable for this key type and digest: the bare key
 * algorithm (what signtool writes for RSA) or the combined hash-with-key OID.
 */
export function signatureAlgorithmFits(algorithm: string, keyType: string | undefined, hash: HashAlgorithm): boolean {
  if (keyType === 'rsa') return algorithm === OID.rsaEncryption || algorithm === HASHES[hash].rsa;
  if (keyType === 'ec') return algorithm === OID.ecPublicKey || algorithm === HASHES[hash].ecdsa;
  return false;
}
