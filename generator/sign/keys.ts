/**
 * Loading a signer: a PFX/PKCS#12 file, or a PEM/DER certificate (chain) plus a PEM/DER private key.
 * Passwords come from an environment variable, a file or an interactive prompt, never from argv, and
 * never appear in a message.
 */
import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { HASHES, OID, type HashAlgorithm } from './algorithms.ts';
import { allowsCodeSigning, certificatesFromFile, readCertificate, type CertificateInfo } from './certificate.ts';
import { TAG, children, nullValue, oid, parseDer, sequence } from './der.ts';
import { Pkcs12PasswordError, readPkcs12 } from './pkcs12.ts';
import { systemErrorWords } from '../system-error.ts';
import { SigningError } from './signing-error.ts';

/** Where a password comes from. `value` is for programmatic callers (tests, a secret store); the CLI never fills it from argv. */
export type PasswordSource = { readonly env: string } | { readonly file: string } | { readonly prompt: true } | { readonly value: string };

export type SignerSource =
  | { readonly pfx: string | Uint8Array; readonly password?: PasswordSource }
  | {
      /** PEM (signer first or any order; chain certificates may follow) or DER. */
      readonly cert: string | Uint8Array;
      readonly key: string | Uint8Array;
      /** Only for an encrypted PEM/PKCS#8 key. */
      readonly password?: PasswordSource;
      /** Extra PEM/DER files of intermediate (and optionally root) certificates. */
      readonly chain?: readonly (string | Uint8Array)[];
    };

/** A loaded signing identity. */
export interface Signer {
  /** SHA-1 of the signer certificate, hex upper case, as Windows shows it. */
  readonly thumbprint: string;
  /** Signer certificate subject, `CN=..., O=...`. */
  readonly subject: string;
  readonly certificate: CertificateInfo;
  /** DER of every certificate to embed: the signer and the chain given with it (root included if given). */
  readonly certificates: readonly Uint8Array[];
  readonly keyType: 'rsa' | 'ec';
  /** AlgorithmIdentifier for SignerInfo.digestEncryptionAlgorithm, as signtool/osslsigncode write it. */
  signatureAlgorithm(hash: HashAlgorithm): Uint8Array;
  /**
   * Signs `data` (the DER SET of signed attributes). Replace to sign with an HSM or KMS. Asynchronous:
   * the built-in signer runs in libuv's thread pool, so the signing stage's workers sign on every core.
   */
  sign(hash: HashAlgorithm, data: Uint8Array): Promise<Uint8Array>;
}

const describe = (input: string | Uint8Array, kind: string): string => (typeof input === 'string' ? input : `<${kind} bytes>`);
const read = async (input: string | Uint8Array): Promise<Uint8Array> => (typeof input === 'string' ? readFile(input) : input);

/** Reads a line from the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new SigningError('BadPassword', 'a password is needed but there is no terminal to ask on; set --password-env or --password-file');
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chunk: Buffer): void => {
      for (const c of chunk.toString('utf8')) {
        if (c === '\r' || c === '\n') {
          finish();
          resolve(answer);
          return;
        }
        if (c === '\u0003') {
          finish();
          reject(new SigningError('BadPassword', 'password prompt cancelled'));
          return;
        }
        answer = c === '\u007f' || c === '\b' ? answer.slice(0, -1) : answer + c;
      }
    };
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

export async function resolvePassword(source: PasswordSource | undefined, what: string): Promise<string | undefined> {
  if (!source) return undefined;
  if ('value' in source) return source.value;
  if ('env' in source) {
    const value = process.env[source.env];
    if (value === undefined) throw new SigningError('BadPassword', `${what}: environment variable ${source.env} is not set`);
    return value;
  }
  if ('file' in source) {
    try {
      return (await readFile(source.file, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      throw new SigningError('BadPassword', `${what}: cannot read password file ${source.file}: ${systemErrorWords(error)}`);
    }
  }
  return promptPassword(`Password for ${what}: `);
}

/** An encrypted PEM, or a DER EncryptedPrivateKeyInfo (whose first field is an AlgorithmIdentifier, not a version). */
function isEncryptedKey(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) return text.includes('ENCRYPTED');
  try {
    return children(parseDer(bytes))[0]?.tag === TAG.sequence;
  } catch {
    return false;
  }
}

function privateKeyFrom(bytes: Uint8Array, password: string | undefined, what: string): KeyObject {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = text.includes('-----BEGIN');
  if (pem && text.includes('ENCRYPTED') && password === undefined) {
    throw new SigningError('BadPassword', `${what}: the private key is encrypted; give its password with --password-env or --password-file`);
  }
  try {
    return pem
      ? createPrivateKey({ key: text, format: 'pem', passphrase: password ?? '' })
      : createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8', ...(password !== undefined ? { passphrase: password } : {}) });
  } catch (error) {
    const message = String((error as Error).message);
    if (/decrypt|bad password|passphrase/i.test(message)) throw new SigningError('BadPassword', `${what}: wrong password for the private key`);
    throw new SigningError('BadKeyFile', `${what}: not a readable private key (PEM or PKCS#8 DER)`);
  }
}

const publicDer = (key: KeyObject): Buffer => (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });

/**
 * Checks the certificate is fit to sign code now: codeSigning EKU, digitalSignature, not a CA, within
 * its validity, a supported key. Throws SigningError naming `what`.
 */
export function assertSigningCertificate(certificate: CertificateInfo, key: KeyObject, what: string, now = new Date()): void {
  const unsuitable = (why: string): never => {
    throw new SigningError('UnsuitableCertificate', `${what}: certificate "${certificate.subject}" cannot sign code: ${why}`);
  };
  if (certificate.isCa) unsuitable('it is a CA certificate (basicConstraints CA:TRUE); sign with an end-entity code-signing certificate issued by it');
  if (certificate.extendedKeyUsage === undefined || !allowsCodeSigning(certificate)) {
    unsuitable('it has no Code Signing extended key usage (1.3.6.1.5.5.7.3.3), which Windows requires');
  }
  if (certificate.lacksDigitalSignature) unsuitable('its key usage does not include digitalSignature');
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) unsuitable(`its RSA key has ${details.modulusLength} bits; at least 2048 are needed`);
  } else if (key.asymmetricKeyType === 'ec') {
    if (!['prime256v1', 'secp384r1', 'P-256', 'P-384'].includes(details.namedCurve ?? '')) unsuitable(`ECDSA curve ${details.namedCurve} is not P-256 or P-384`);
  } else {
    unsuitable(`key type ${key.asymmetricKeyType} is not RSA or ECDSA (RSA-PSS keys do not interoperate with Authenticode)`);
  }
  if (now.getTime() > certificate.notAfter.getTime()) {
    throw new SigningError('ExpiredCertificate', `${what}: certificate "${certificate.subject}" expired on ${certificate.notAfter.toISOString()}; signatures made with it are not valid`);
  }
  if (now.getTime() < certificate.notBefore.getTime()) {
    throw new SigningError('ExpiredCertificate', `${what}: certificate "${certificate.subject}" is not valid before ${certificate.notBefore.toISOString()}`);
  }
}

/** A Signer over an in-memory key; `certificates` must hold the signer certificate matching `key`. */
export function signerFromKey(key: KeyObject, certificates: readonly Uint8Array[], what: string): Signer {
  const keyPublic = publicDer(key);
  const leafDer = certificates.find((der) => publicDer(readCertificate(der).x509.publicKey).equals(keyPublic));
  if (!leafDer) throw new SigningError('KeyMismatch', `${what}: no certificate matches the private key`);
  const certificate = readCertificate(leafDer);
  assertSigningCertificate(certificate, key, what);
  const keyType = key.asymmetricKeyType === 'rsa' ? 'rsa' : 'ec';
  const unique = new Map(certificates.map((der) => [readCertificate(der).thumbprint, der] as const));
  const signatureAlgorithms = new Map<HashAlgorithm, Uint8Array>();
  return {
    thumbprint: certificate.thumbprint,
    subject: certificate.subject,
    certificate,
    certificates: [...unique.values()],
    keyType,
    signatureAlgorithm: (hash) => {
      let encoded = signatureAlgorithms.get(hash);
      if (!encoded) {
        encoded = keyType === 'rsa' ? sequence(oid(OID.rsaEncryption), nullValue()) : sequence(oid(HASHES[hash].ecdsa));
        signatureAlgorithms.set(hash, encoded);
      }
      return encoded;
    },
    sign: (hash, data) =>
      new Promise((resolvePromise, reject) => {
        // The callback form of crypto.sign: the private-key operation leaves the main thread.
        cryptoSign(hash, data, keyType === 'ec' ? { key, dsaEncoding: 'der' } : key, (error, signature) => {
          if (error) reject(error);
          else resolvePromise(signature);
        });
      }),
  };
}

/** Loads and checks a signing identity. Errors are SigningError with a message naming the file, never the password. */
export async function loadSigner(source: SignerSource): Promise<Signer> {
  if ('pfx' in source) {
    const what = describe(source.pfx, 'PFX');
    let bytes: Uint8Array;
    try {
      bytes = await read(source.pfx);
    } catch (error) {
      throw new SigningError('BadKeyFile', `${what}: cannot read: ${systemErrorWords(error)}`);
    }
    const password = (await resolvePassword(source.password, what)) ?? '';
    let contents;
    try {
      contents = readPkcs12(bytes, password);
    } catch (error) {
      if (error instanceof Pkcs12PasswordError) throw new SigningError('BadPassword', `${what}: wrong password for the PFX file`);
      throw new SigningError('BadKeyFile', `${what}: not a readable PFX/PKCS#12 file: ${(error as Error).message}`);
    }
    if (contents.keys.length === 0) throw new SigningError('BadKeyFile', `${what}: the PFX holds no private key`);
    const key = privateKeyFrom(contents.keys[0]!, undefined, what);
    return signerFromKey(key, contents.certificates, what);
  }
  const what = describe(source.cert, 'certificate');
  const certificates: Uint8Array[] = [];
  for (const input of [source.cert, ...(source.chain ?? [])]) {
    try {
      const found = certificatesFromFile(await read(input));
      found.forEach((der) => readCertificate(der));
      certificates.push(...found);
    } catch (error) {
      throw new SigningError('BadKeyFile', `${describe(input, 'certificate')}: not a readable PEM or DER certificate (${systemErrorWords(error)})`);
    }
  }
  const keyWhat = describe(source.key, 'key');
  let keyBytes: Uint8Array;
  try {
    keyBytes = await read(source.key);
  } catch (error) {
    throw new SigningError('BadKeyFile', `${keyWhat}: cannot read: ${systemErrorWords(error)}`);
  }
  const password = isEncryptedKey(keyBytes) ? await resolvePassword(source.password, keyWhat) : undefined;
  return signerFromKey(privateKeyFrom(keyBytes, password, keyWhat), certificates, what);
}
