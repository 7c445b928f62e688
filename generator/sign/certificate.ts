/**
 * What signing and verification need to know about an X.509 certificate. `node:crypto`'s
 * X509Certificate does the signature and issuer checks; the fields it lacks (raw issuer and serial for
 * issuerAndSerialNumber, key usage bits, EKU presence, SKI) come from a DER walk of the TBS part.
 */
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { OID } from './algorithms.ts';
import { TAG, children, contentOf, encodingOf, parseDer, readOid, readTime, type Tlv } from './der.ts';

export interface CertificateInfo {
  readonly der: Uint8Array;
  readonly x509: X509Certificate;
  /** The certificate's public key, made once (X509Certificate's publicKey getter makes a new KeyObject at every read). */
  readonly publicKey: KeyObject;
  /** SHA-1 of the DER, hex upper case: the thumbprint Windows shows. */
  readonly thumbprint: string;
  /** `CN=..., O=...` as one line. */
  readonly subject: string;
  /** DER of the issuer Name, as copied into issuerAndSerialNumber. */
  readonly issuerName: Uint8Array;
  /** DER of the subject Name (the issuer Name of certificates it issues). */
  readonly subjectName: Uint8Array;
  /** DER of the serialNumber INTEGER element. */
  readonly serialNumber: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  /** Extended key usage OIDs, or undefined when the extension is absent (any usage). */
  readonly extendedKeyUsage: readonly string[] | undefined;
  /** True when a keyUsage extension is present and lacks digitalSignature. */
  readonly lacksDigitalSignature: boolean;
  readonly isCa: boolean;
  readonly selfIssued: boolean;
}

const cache = new Map<string, CertificateInfo>();

/** Parses (and caches) a DER certificate; throws with a readable reason when it is not one. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const key = Buffer.from(der).toString('base64');
  const known = cache.get(key);
  if (known) return known;
  const x509 = new X509Certificate(der);
  const tbs = children(children(parseDer(der))[0]!);
  let index = tbs[0]!.tag === 0xa0 ? 1 : 0;
  const serial = tbs[index]!;
  const issuer = tbs[index + 2]!;
  const validity = children(tbs[index + 3]!);
  const subject = tbs[index + 4]!;
  index += 6;
  let extensions: Tlv[] = [];
  for (const field of tbs.slice(index)) if (field.tag === 0xa3) extensions = children(children(field)[0]!);
  let subjectKeyIdentifier: Uint8Array | undefined;
  let extendedKeyUsage: string[] | undefined;
  let lacksDigitalSignature = false;
  let isCa = false;
  for (const extension of extensions) {
    const parts = children(extension);
    const id = readOid(parts[0]!);
    const value = parseDer(contentOf(parts[parts.length - 1]!));
    if (id === OID.subjectKeyIdentifier) subjectKeyIdentifier = contentOf(value);
    else if (id === OID.extendedKeyUsage) extendedKeyUsage = children(value).map(readOid);
    else if (id === OID.basicConstraints) {
      const first = children(value)[0];
      isCa = first !== undefined && first.tag === TAG.boolean && contentOf(first)[0] !== 0;
    } else if (id === OID.keyUsage) {
      const bits = contentOf(value);
      lacksDigitalSignature = bits.length < 2 || (bits[1]! & 0x80) === 0;
    }
  }
  const info: CertificateInfo = {
    der: Uint8Array.from(der),
    x509,
    publicKey: x509.publicKey,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    subject: x509.subject.split('\n').join(', '),
    issuerName: Uint8Array.from(encodingOf(issuer)),
    subjectName: Uint8Array.from(encodingOf(subject)),
    serialNumber: Uint8Array.from(encodingOf(serial)),
    notBefore: readTime(validity[0]!),
    notAfter: readTime(validity[1]!),
    subjectKeyIdentifier,
    extendedKeyUsage,
    lacksDigitalSignature,
    isCa,
    selfIssued: x509.subject === x509.issuer,
  };
  if (cache.size > 1000) cache.clear();
  cache.set(key, info);
  return info;
}

/** Every certificate in a PEM text, as DER; a DER input is returned as itself. */
export function certificatesFromFile(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('-----BEGIN')) return [Uint8Array.from(bytes)];
  const out: Uint8Array[] = [];
  for (const match of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    out.push(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
  }
  return out;
}

export const allowsCodeSigning = (certificate: CertificateInfo): boolean =>
  certificate.extendedKeyUsage === undefined ||
  certificate.extendedKeyUsage.includes(OID.codeSigning) ||
  certificate.extendedKeyUsage.includes(OID.anyExtendedKeyUsage);

export const validAt = (certificate: CertificateInfo, when: Date): boolean =>
  certificate.notBefore.getTime() <= when.getTime() && when.getTime() <= certificate.notAfter.getTime();
