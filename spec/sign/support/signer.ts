import { generateKeyPairSync } from 'node:crypto';
import { issueCertificate, signerFromKey, type Signer } from '../../../generator/sign/index.ts';

/** A self-signed ECDSA P-256 code-signing signer made in-process (no openssl), valid from an hour ago for a day. */
export function selfSignedSigner(commonName: string): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const der = issueCertificate({ commonName, publicKey, privateKey, notBefore: new Date(now - 3600_000), notAfter: new Date(now + 24 * 3600_000) });
  return signerFromKey(privateKey, [der], commonName);
}
