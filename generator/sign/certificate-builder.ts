/**
 * Issues X.509 v3 certificates in-process: the development code-signing certificate, and test PKIs.
 * Only the fields Authenticode cares about are offered.
 */
import { createHash, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { HASHES, OID } from './algorithms.ts';
import type { CertificateInfo } from './certificate.ts';
import {
  bitString, boolean, children, contentOf, element, explicit, integer, nullValue, octetString, oid, parseDer, sequence, setOf,
  time, unsignedInteger, utf8String,
} from './der.ts';

export interface CertificateRequest {
  readonly commonName: string;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** @default false */
  readonly ca?: boolean;
  /** @default [codeSigning] for end-entity certificates, none for CAs */
  readonly extendedKeyUsage?: readonly string[];
  /** Self-signed when absent (then `privateKey` must be the subject's). */
  readonly issuer?: CertificateInfo;
  /** The issuer's private key (or the subject's for a self-signed certificate). */
  readonly privateKey: KeyObject;
}

const name = (commonName: string): Uint8Array => sequence(setOf(sequence(oid(OID.commonName), utf8String(commonName))));

const extension = (id: string, critical: boolean, value: Uint8Array): Uint8Array =>
  critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));

/** DER of a signed certificate (SHA-256 with RSA or ECDSA, by the signing key's type). */
export function issueCertificate(request: CertificateRequest): Uint8Array {
  const spki = request.publicKey.export({ type: 'spki', format: 'der' });
  const publicKeyBits = contentOf(children(parseDer(spki))[1]!).subarray(1);
  const keyId = createHash('sha1').update(publicKeyBits).digest();
  const ca = request.ca ?? false;
  const signatureAlgorithm =
    request.privateKey.asymmetricKeyType === 'rsa' ? sequence(oid(HASHES.sha256.rsa), nullValue()) : sequence(oid(HASHES.sha256.ecdsa));
  const usages = request.extendedKeyUsage ?? (ca ? [] : [OID.codeSigning]);
  const extensions = [
    extension(OID.basicConstraints, true, ca ? sequence(boolean(true)) : sequence()),
    // digitalSignature (bit 0) for end entities; keyCertSign + cRLSign (bits 5, 6) for CAs.
    extension(OID.keyUsage, true, ca ? bitString(Uint8Array.of(0x06), 1) : bitString(Uint8Array.of(0x80), 7)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
  ];
  if (usages.length > 0) extensions.push(extension(OID.extendedKeyUsage, false, sequence(...usages.map(oid))));
  if (request.issuer?.subjectKeyIdentifier) {
    extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(element(0x80, request.issuer.subjectKeyIdentifier))));
  }
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, integer(2)),
    unsignedInteger(serial),
    signatureAlgorithm,
    request.issuer ? request.issuer.subjectName : name(request.commonName),
    sequence(time(request.notBefore), time(request.notAfter)),
    name(request.commonName),
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = cryptoSign('sha256', tbs, request.privateKey);
  return sequence(tbs, signatureAlgorithm, bitString(signature));
}
