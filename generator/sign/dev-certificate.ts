/**
 * The development signer: with no certificate configured, a build signs with a self-signed code-signing
 * certificate kept under `.remgen/` (git-ignored), and exports its `.cer` and a signed PowerShell script
 * that trusts it on a lab device. The render stage writes that script (`renderTrustScript` in
 * generator/render/trust-script.ts); this module only signs it.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readCertificate } from './certificate.ts';
import { issueCertificate } from './certificate-builder.ts';
import { signerFromKey, type Signer } from './keys.ts';
import { replaceFile } from './replace-file.ts';
import { signScript } from './sign-script.ts';

export const DEVELOPMENT_DIRECTORY = '.remgen';
const KEY_FILE = 'dev-signing-key.pem';
export const CERTIFICATE_FILE = 'dev-signing.cer';
export const TRUST_SCRIPT_FILE = 'trust-remgen-dev.ps1';
/** Renew when less than this is left, so a build never signs with a certificate about to lapse. */
const RENEW_MS = 30 * 24 * 3600 * 1000;
const LIFETIME_MS = 2 * 365 * 24 * 3600 * 1000;

export interface DevelopmentSigner {
  readonly signer: Signer;
  /** True when this call created the certificate (say so loudly). */
  readonly created: boolean;
  /** The DER `.cer` to import on lab devices. */
  readonly certificatePath: string;
  /** The signed trust script, `.remgen/trust-remgen-dev.ps1`. */
  readonly trustScriptPath: string;
}

async function loadExisting(directory: string): Promise<Signer | undefined> {
  try {
    const [keyPem, der] = await Promise.all([readFile(join(directory, KEY_FILE), 'utf8'), readFile(join(directory, CERTIFICATE_FILE))]);
    if (readCertificate(der).notAfter.getTime() - Date.now() < RENEW_MS) return undefined;
    return signerFromKey(createPrivateKey(keyPem), [der], join(directory, CERTIFICATE_FILE));
  } catch {
    return undefined;
  }
}

/**
 * The unsigned PowerShell that trusts a certificate (DER) with the given thumbprint on a lab device:
 * `renderTrustScript` of the render stage, passed in by the caller.
 */
export type TrustScriptRenderer = (certificate: { readonly der: Uint8Array; readonly thumbprint: string }) => Uint8Array;

/**
 * Loads the development signer of `projectDir`, creating it (RSA-3072, two years, codeSigning) when it is
 * missing or expires within 30 days, and writes the trust script (`renderTrustScript`'s bytes, signed
 * with the development certificate) when the certificate is new or the script is missing.
 */
export async function ensureDevelopmentSigner(projectDir: string, renderTrustScript: TrustScriptRenderer): Promise<DevelopmentSigner> {
  const directory = join(projectDir, DEVELOPMENT_DIRECTORY);
  const certificatePath = join(directory, CERTIFICATE_FILE);
  const trustScriptPath = join(directory, TRUST_SCRIPT_FILE);
  let signer = await loadExisting(directory);
  const created = signer === undefined;
  if (!signer) {
    await mkdir(directory, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const now = Date.now();
    const der = issueCertificate({
      commonName: `remgen development code signing (${hostname()})`,
      publicKey,
      privateKey,
      notBefore: new Date(now - 3600 * 1000),
      notAfter: new Date(now + LIFETIME_MS),
    });
    await replaceFile(join(directory, KEY_FILE), Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string), 0o600);
    await replaceFile(certificatePath, der);
    signer = signerFromKey(privateKey, [der], certificatePath);
  }
  const haveScript = await access(trustScriptPath).then(() => true, () => false);
  if (created || !haveScript) {
    const script = renderTrustScript({ der: signer.certificate.der, thumbprint: signer.thumbprint });
    await replaceFile(trustScriptPath, await signScript(script, TRUST_SCRIPT_FILE, signer));
  }
  return { signer, created, certificatePath, trustScriptPath };
}
