/**
 * The signing options of `build` and `sign` (yargs), and the signer they choose: `signerFromArgs` in
 * generator/sign/, with the development certificate's trust script rendered by the render stage.
 */
import type { Argv } from 'yargs';
import { DEFAULT_PASSWORD_ENV } from '../sign/defaults.ts';
import type { SignerChoice, Signing, SigningArgs } from '../sign/index.ts';

/** Adds the signer options to a yargs command (`build`, `sign`). */
export function signingOptions<T>(yargs: Argv<T>): Argv<T & SigningArgs> {
  return yargs
    .option('sign', {
      type: 'boolean',
      default: true,
      describe: 'Sign the output; --no-sign writes unsigned scripts',
    })
    .option('pfx', { type: 'string', describe: 'PFX/PKCS#12 file with the code-signing certificate, its chain and key' })
    .option('cert', { type: 'string', describe: 'PEM or DER code-signing certificate (a PEM may carry the chain after it); needs --key' })
    .option('key', { type: 'string', describe: 'PEM or PKCS#8 DER private key for --cert' })
    .option('chain', { type: 'string', array: true, nargs: 1, describe: 'Extra PEM/DER files of intermediate (and optionally root) certificates to embed' })
    .option('password-env', {
      type: 'string',
      describe: `Environment variable holding the PFX/key password (default ${DEFAULT_PASSWORD_ENV} when set; else a prompt)`,
    })
    .option('password-file', { type: 'string', describe: 'File whose first line is the PFX/key password' })
    .option('timestamp-url', {
      type: 'string',
      array: true,
      nargs: 1,
      describe: 'RFC 3161 timestamp server; repeat to give fallbacks, tried in order',
    })
    .option('hash', { choices: ['sha256', 'sha384', 'sha512'] as const, default: 'sha256' as const, describe: 'Digest algorithm' })
    .conflicts('pfx', ['cert', 'key'])
    .conflicts('password-env', 'password-file');
}

/** The signer the options choose, for this process (its environment, `.remgen/` in the working directory). */
export async function chooseSigner(args: SigningArgs): Promise<SignerChoice> {
  // Imported here, not at the top: the option declarations above are all that parsing needs.
  const [{ renderTrustScript }, { signerFromArgs }] = await Promise.all([import('../render/trust-script.ts'), import('../sign/index.ts')]);
  return signerFromArgs(args, { env: process.env, projectDir: process.cwd(), renderTrustScript });
}

/** The choice as a build uses it, the line about the signer (and the development certificate's banner) logged. */
function announced(choice: SignerChoice, log: (line: string) => void): Signing {
  if ('unsigned' in choice) throw new Error('signing-options: --no-sign has nothing to sign with');
  if (choice.created) {
    const bar = '!'.repeat(78);
    log(bar);
    log(choice.description);
    log(bar);
  } else {
    log(choice.description);
  }
  return { signer: choice.signer, options: choice.options, ...(choice.development ? { development: true } : {}) };
}

/**
 * What `remgen build` signs with, and the note for an unsigned build's summary. With no certificate
 * configured it is a function that `build` calls only when it gets to signing, so a failing build creates
 * no `.remgen/`. Throws SigningError (code 'Usage' for option mistakes).
 */
export async function buildSigning(
  args: SigningArgs,
  log: (line: string) => void,
): Promise<{ signing?: Signing | (() => Promise<Signing>); note: string }> {
  if (args.sign !== false && !args.pfx && !args.cert && !args.key) {
    return { signing: async () => announced(await chooseSigner(args), log), note: 'signed with the development certificate' };
  }
  const choice = await chooseSigner(args);
  if ('unsigned' in choice) return { note: choice.description };
  return { signing: announced(choice, log), note: `signed by ${choice.signer.subject} (${choice.signer.thumbprint})` };
}
