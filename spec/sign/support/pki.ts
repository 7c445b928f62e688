/**
 * A throw-away test PKI made with the openssl CLI in a temporary folder, once per process:
 * a root CA, RSA-2048 and ECDSA P-256 code-signing leaves (PEM and PFX in the OpenSSL 3 AES form and the
 * Windows TripleDES-SHA1 form), a leaf without the codeSigning EKU, and a TSA with its own root.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './tools.ts';

export interface TestPki {
  readonly dir: string;
  readonly rootPem: string;
  readonly rootKey: string;
  readonly rsa: { readonly cert: string; readonly key: string; readonly chain: string; readonly pfxAes: string; readonly pfx3des: string };
  readonly ec: { readonly cert: string; readonly key: string; readonly chain: string; readonly pfxAes: string };
  readonly noEku: { readonly cert: string; readonly key: string };
  readonly tsa: { readonly config: string; readonly rootPem: string };
  readonly password: string;
}

const LEAF_EXT = `[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[noeku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
`;

const tsaConfig = (dir: string): string => `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = $dir/tsaserial
signer_cert = $dir/tsa.pem
certs = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

let pki: Promise<TestPki> | undefined;

async function issue(dir: string, name: string, keyArgs: readonly string[], subject: string, ca: string, caKey: string, extension: string): Promise<void> {
  await openssl(['req', '-new', '-newkey', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-sha256',
    '-extfile', 'ext.cnf', '-extensions', extension, '-out', `${name}.pem`], dir);
}

export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-pki-'));
    const password = 'pfx-pa55 word!';
    writeFileSync(join(dir, 'ext.cnf'), LEAF_EXT);
    writeFileSync(join(dir, 'tsa.cnf'), tsaConfig(dir));
    writeFileSync(join(dir, 'tsaserial'), '01\n');
    writeFileSync(join(dir, 'pass.txt'), password);
    const root = (name: string, cn: string): Promise<void> =>
      openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '60', '-subj', `/CN=${cn}`,
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'subjectKeyIdentifier=hash'], dir);
    await Promise.all([root('root', 'remgen Test Root'), root('tsaroot', 'remgen Test TSA Root')]);
    await Promise.all([
      issue(dir, 'rsa', ['rsa:2048'], '/CN=remgen Test RSA Signer/O=remgen tests', 'root.pem', 'root.key', 'leaf'),
      issue(dir, 'ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], '/CN=remgen Test ECDSA Signer', 'root.pem', 'root.key', 'leaf'),
      issue(dir, 'noeku', ['rsa:2048'], '/CN=remgen Test TLS Server', 'root.pem', 'root.key', 'noeku'),
      issue(dir, 'tsa', ['rsa:2048'], '/CN=remgen Test TSA', 'tsaroot.pem', 'tsaroot.key', 'tsa'),
    ]);
    const chain = (name: string): void => {
      writeFileSync(join(dir, `${name}-chain.pem`), readFileSync(join(dir, `${name}.pem`), 'utf8') + readFileSync(join(dir, 'root.pem'), 'utf8'));
    };
    chain('rsa');
    chain('ec');
    const pass = ['-passout', `file:${join(dir, 'pass.txt')}`];
    await Promise.all([
      openssl(['pkcs12', '-export', '-in', 'rsa.pem', '-inkey', 'rsa.key', '-certfile', 'root.pem', '-out', 'rsa-aes.pfx', ...pass], dir),
      openssl(['pkcs12', '-export', '-in', 'rsa.pem', '-inkey', 'rsa.key', '-certfile', 'root.pem', '-out', 'rsa-3des.pfx',
        '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', ...pass], dir),
      openssl(['pkcs12', '-export', '-in', 'ec.pem', '-inkey', 'ec.key', '-certfile', 'root.pem', '-out', 'ec-aes.pfx', ...pass], dir),
    ]);
    const at = (name: string): string => join(dir, name);
    return {
      dir,
      rootPem: at('root.pem'),
      rootKey: at('root.key'),
      rsa: { cert: at('rsa.pem'), key: at('rsa.key'), chain: at('rsa-chain.pem'), pfxAes: at('rsa-aes.pfx'), pfx3des: at('rsa-3des.pfx') },
      ec: { cert: at('ec.pem'), key: at('ec.key'), chain: at('ec-chain.pem'), pfxAes: at('ec-aes.pfx') },
      noEku: { cert: at('noeku.pem'), key: at('noeku.key') },
      tsa: { config: at('tsa.cnf'), rootPem: at('tsaroot.pem') },
      password,
    };
  })();
  return pki;
}
