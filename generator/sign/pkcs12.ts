/**
 * A PKCS#12 (PFX) reader for the files signing keys come in: OpenSSL 3's default (PBES2 with PBKDF2 and
 * AES, SHA-256 MAC) and Windows' TripleDES-SHA1 export (pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC).
 * RFC 7292; the key derivation is appendix B.2.
 */
import { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { hashByOid, type HashAlgorithm } from './algorithms.ts';
import { DerError, TAG, children, contentOf, encodingOf, expectChildren, parseDer, readInteger, readOid, type Tlv } from './der.ts';

export class Pkcs12PasswordError extends Error {}

const OIDS = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  sha1And3KeyTripleDes: '1.2.840.113549.1.12.1.3',
  sha1And40BitRc2: '1.2.840.113549.1.12.1.6',
} as const;

const PRF: Record<string, HashAlgorithm> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** Password as PKCS#12 wants it for its own KDF: BMPString, big-endian, NUL-terminated. */
function bmpPassword(password: string): Buffer {
  return Buffer.from(password + '\0', 'utf16le').swap16();
}

/** RFC 7292 B.2: derive `length` bytes of key material of kind `id` (1 key, 2 IV, 3 MAC key). */
export function pkcs12Kdf(hash: HashAlgorithm, password: Buffer, salt: Uint8Array, iterations: number, id: number, length: number): Buffer {
  const u = createHash(hash).digest().length;
  const v = hash === 'sha384' || hash === 'sha512' ? 128 : 64;
  const fill = (source: Uint8Array): Buffer => {
    if (source.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i += 1) out[i] = source[i % source.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r += 1) A = createHash(hash).update(A).digest();
    blocks.push(A);
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    // A wrong password shows up as bad padding.
    throw new Pkcs12PasswordError('wrong password');
  }
}

/** Decrypts data protected by a PBES2 or PKCS#12 PBE AlgorithmIdentifier. */
function decrypt(algorithm: Tlv, data: Uint8Array, password: string): Buffer {
  const [idTlv, params] = children(algorithm);
  const id = readOid(idTlv!);
  if (id === OIDS.pbes2) {
    const [kdf, scheme] = children(params!);
    const [kdfId, kdfParams] = children(kdf!);
    if (readOid(kdfId!) !== OIDS.pbkdf2) throw new DerError('PBES2 key derivation other than PBKDF2');
    const kp = children(kdfParams!);
    const salt = contentOf(kp[0]!);
    const iterations = Number(readInteger(kp[1]!));
    let prf: HashAlgorithm = 'sha1';
    for (const extra of kp.slice(2)) if (extra.tag === TAG.sequence) prf = PRF[readOid(children(extra)[0]!)] ?? prf;
    const [cipherId, iv] = children(scheme!);
    const cipher = CIPHERS[readOid(cipherId!)];
    if (!cipher) throw new DerError(`unsupported PBES2 cipher ${readOid(cipherId!)}`);
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, contentOf(iv!), data);
  }
  if (id === OIDS.sha1And3KeyTripleDes) {
    const [salt, iterations] = children(params!);
    const count = Number(readInteger(iterations!));
    const bmp = bmpPassword(password);
    const key = pkcs12Kdf('sha1', bmp, contentOf(salt!), count, 1, 24);
    const iv = pkcs12Kdf('sha1', bmp, contentOf(salt!), count, 2, 8);
    return decipher('des-ede3-cbc', key, iv, data);
  }
  if (id === OIDS.sha1And40BitRc2) {
    throw new DerError(
      'this PFX uses RC2-40 encryption (old OpenSSL "legacy" default), which remgen does not read; re-export it ' +
        'with AES (OpenSSL 3 default) or TripleDES-SHA1 (Windows), e.g. openssl pkcs12 -export -certpbe AES-256-CBC',
    );
  }
  throw new DerError(`unsupported PFX encryption ${id}`);
}

/** The value of `[0] IMPLICIT OCTET STRING`, primitive or (BER) constructed from chunks. */
function implicitOctets(tlv: Tlv): Uint8Array {
  if (tlv.tag === 0x80) return contentOf(tlv);
  return Buffer.concat(children(tlv).map(contentOf));
}

export interface Pkcs12Contents {
  /** PKCS#8 DER private keys. */
  readonly keys: Uint8Array[];
  /** DER certificates in file order. */
  readonly certificates: Uint8Array[];
}

/** Reads a PFX, checking its MAC; throws Pkcs12PasswordError when the password is wrong. */
export function readPkcs12(pfx: Uint8Array, password: string): Pkcs12Contents {
  const [version, authSafe, macData] = expectChildren(parseDer(pfx), TAG.sequence, 'PFX');
  if (readInteger(version!) !== 3n) throw new DerError('PFX version is not 3');
  const [authType, authWrapped] = children(authSafe!);
  if (readOid(authType!) !== OIDS.data) throw new DerError('PFX authSafe is not data (public-key integrity mode is not supported)');
  const authOctets = contentOf(children(authWrapped!)[0]!);
  if (macData) {
    const [mac, macSalt, iterTlv] = children(macData);
    const [digestAlgorithm, digest] = children(mac!);
    const hash = hashByOid(readOid(children(digestAlgorithm!)[0]!));
    if (!hash) throw new DerError('unsupported PFX MAC algorithm');
    const iterations = iterTlv ? Number(readInteger(iterTlv)) : 1;
    const length = createHash(hash).digest().length;
    const expected = contentOf(digest!);
    // Some exporters write an empty password as zero bytes instead of a BMP NUL; accept both.
    const candidates = password === '' ? [bmpPassword(''), Buffer.alloc(0)] : [bmpPassword(password)];
    const ok = candidates.some((candidate) => {
      const key = pkcs12Kdf(hash, candidate, contentOf(macSalt!), iterations, 3, length);
      const actual = createHmac(hash, key).update(authOctets).digest();
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    });
    if (!ok) throw new Pkcs12PasswordError('wrong password (the PFX integrity check failed)');
  }
  const result: Pkcs12Contents = { keys: [], certificates: [] };
  for (const info of expectChildren(parseDer(authOctets), TAG.sequence, 'AuthenticatedSafe')) {
    const [type, wrapped] = children(info);
    const contentType = readOid(type!);
    let safeContents: Uint8Array;
    if (contentType === OIDS.data) {
      safeContents = contentOf(children(wrapped!)[0]!);
    } else if (contentType === OIDS.encryptedData) {
      const encrypted = children(children(wrapped!)[0]!);
      const [, algorithm, data] = children(encrypted[1]!);
      safeContents = decrypt(algorithm!, implicitOctets(data!), password);
    } else {
      continue;
    }
    for (const bag of expectChildren(parseDer(safeContents), TAG.sequence, 'SafeContents')) {
      const [bagId, bagValue] = children(bag);
      const id = readOid(bagId!);
      const value = children(bagValue!)[0]!;
      if (id === OIDS.keyBag) {
        result.keys.push(Uint8Array.from(encodingOf(value)));
      } else if (id === OIDS.shroudedKeyBag) {
        const [algorithm, data] = children(value);
        result.keys.push(decrypt(algorithm!, contentOf(data!), password));
      } else if (id === OIDS.certBag) {
        const [certType, certValue] = children(value);
        if (readOid(certType!) === OIDS.x509Certificate) result.certificates.push(Uint8Array.from(contentOf(children(certValue!)[0]!)));
      }
    }
  }
  return result;
}
