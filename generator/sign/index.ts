/**
 * Authenticode for PowerShell scripts (.ps1, .psm1, .psd1), in-process, in TypeScript, and the sign stage
 * of the pipeline.
 * Specification: docs/reference/authenticode.md. Output is byte-identical to osslsigncode 2.9 for the
 * same key, certificates and signing time.
 *
 * Public API (what the build and the CLI use):
 * - `loadSigner(source)`: a Signer from a PFX or PEM/DER cert + key (password from env, file or prompt).
 * - `signScript(bytes, fileName, signer, options)`: the whole signed file; replaces an existing block.
 * - `verifyScript(bytes, fileName, { trustAnchors })`: a VerifyResult named like Get-AuthenticodeSignature.
 * - `stripSignature(bytes, fileName)`: the content without its block (for `build --check`).
 * - `signScripts(scripts, signing, previous)`: the sign stage: every script of a build, in memory, keeping
 *   an unchanged script's valid signature found in `previous`, every new signature verified;
 *   `startSigning(signing, previous)` the same as a session the build feeds package by package as it renders.
 * - `ensureDevelopmentSigner(projectDir, renderTrustScript)`: the `.remgen/` development signer, its `.cer`
 *   and the trust script (rendered by the caller, signed here).
 * - `signerFromArgs(args, context)`: the signer the signing options choose (their yargs declaration is in
 *   generator/cli/signing-options.ts).
 * Every refusal is a SigningError (`code`, message naming the file, never a password).
 *
 * Reproducibility: with SOURCE_DATE_EPOCH (or `signingTime`) and an RSA key, same input gives the same
 * bytes. ECDSA signatures are randomised and timestamps carry the TSA's time, so those are not.
 */
export type { HashAlgorithm, SigningHashAlgorithm } from './algorithms.ts';
export { readCertificate, certificatesFromFile, type CertificateInfo } from './certificate.ts';
export { issueCertificate, type CertificateRequest } from './certificate-builder.ts';
export {
  ensureDevelopmentSigner,
  CERTIFICATE_FILE as DEVELOPMENT_CERTIFICATE_FILE,
  DEVELOPMENT_DIRECTORY,
  TRUST_SCRIPT_FILE,
  type DevelopmentSigner,
  type TrustScriptRenderer,
} from './dev-certificate.ts';
export { loadSigner, signerFromKey, type PasswordSource, type Signer, type SignerSource } from './keys.ts';
export { SCRIPT_EXTENSIONS, type EncodingPolicy } from './powershell-sip.ts';
export { replaceFile } from './replace-file.ts';
export { signScript, stripSignature, signingTimeFromEnvironment, type SignOptions } from './sign-script.ts';
export { SigningError, type SigningErrorCode } from './signing-error.ts';
export { signerFromArgs, DEFAULT_PASSWORD_ENV, type SignerChoice, type SignerContext, type SigningArgs } from './signing-options.ts';
export { signScripts, startSigning, type Signing, type SigningSession } from './stage.ts';
export { verifyScript, type SignatureStatus, type VerifyOptions, type VerifyReason, type VerifyResult } from './verify.ts';
