/**
 * The signer that the signing options (`--pfx`, `--cert`/`--key`, `--no-sign`, ...; shared by `build` and
 * `sign`, declared for yargs in generator/cli/signing-options.ts) choose. Passwords never come from argv:
 * `--password-env`, `--password-file`, or a prompt.
 */
import type { SigningHashAlgorithm } from './algorithms.ts';
import { ensureDevelopmentSigner, type TrustScriptRenderer } from './dev-certificate.ts';
import { loadSigner, type PasswordSource } from './keys.ts';
import { signingTimeFromEnvironment, type SignOptions } from './sign-script.ts';
import { SigningError } from './signing-error.ts';
import type { Signing } from './stage.ts';

import { DEFAULT_PASSWORD_ENV } from './defaults.ts';

export { DEFAULT_PASSWORD_ENV };

/** The parsed signing options. */
export interface SigningArgs {
  readonly sign?: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly chain?: readonly string[];
  readonly pfx?: string;
  readonly passwordEnv?: string;
  readonly passwordFile?: string;
  readonly timestampUrl?: readonly string[];
  readonly hash?: SigningHashAlgorithm;
}

/** Where a signer is chosen. */
export interface SignerContext {
  /** Read for the password (DEFAULT_PASSWORD_ENV) and SOURCE_DATE_EPOCH. */
  readonly env: NodeJS.ProcessEnv;
  /** The folder holding `.remgen/`, the development signer. */
  readonly projectDir: string;
  /** The render stage's trust script, which the development signer signs and writes into `.remgen/`. */
  readonly renderTrustScript: TrustScriptRenderer;
}

export type SignerChoice =
  | (Signing & {
      readonly options: SignOptions;
      /** One line for the build log, e.g. `signing with "CN=..." (thumbprint ...) from cert.pfx`. */
      readonly description: string;
      /** No certificate was configured and this call created the development certificate: say so loudly. */
      readonly created?: boolean;
    })
  | { readonly unsigned: true; readonly description: string };

function passwordSource(args: SigningArgs, env: NodeJS.ProcessEnv): PasswordSource | undefined {
  if (args.passwordEnv) return { env: args.passwordEnv };
  if (args.passwordFile) return { file: args.passwordFile };
  if (env[DEFAULT_PASSWORD_ENV] !== undefined) return { value: env[DEFAULT_PASSWORD_ENV] };
  return undefined;
}

/**
 * The signer the options ask for. With no --pfx/--cert the development signer of `context.projectDir` is
 * used (`development` set; created on first use, and then `created` tells the caller to say so loudly).
 * Throws SigningError: code 'Usage' for option mistakes, others for unusable keys or certificates.
 */
export async function signerFromArgs(args: SigningArgs, context: SignerContext): Promise<SignerChoice> {
  const { env } = context;
  if (args.sign === false) return { unsigned: true, description: 'not signing (--no-sign): scripts are written unsigned' };
  const options: SignOptions = {
    hashAlgorithm: args.hash ?? 'sha256',
    timestampUrls: args.timestampUrl ?? [],
    ...(signingTimeFromEnvironment(env) ? { signingTime: signingTimeFromEnvironment(env)! } : {}),
  };
  if (args.pfx && (args.cert || args.key)) throw new SigningError('Usage', '--pfx cannot be combined with --cert/--key');
  if (Boolean(args.cert) !== Boolean(args.key)) throw new SigningError('Usage', '--cert and --key go together (or use --pfx)');
  let password = passwordSource(args, env);
  if (args.pfx) {
    // No password given and no terminal to ask on: try the empty password, which some PFX files have.
    const guessed = password === undefined && !process.stdin.isTTY;
    password ??= process.stdin.isTTY ? { prompt: true } : { value: '' };
    const signer = await loadSigner({ pfx: args.pfx, password }).catch((error: unknown) => {
      if (guessed && error instanceof SigningError && error.code === 'BadPassword') {
        throw new SigningError('Usage', `${args.pfx}: no password given for the PFX file, and there is no terminal to ask on; ` +
          `give it with --password-env NAME, --password-file FILE or the ${DEFAULT_PASSWORD_ENV} environment variable`);
      }
      throw error;
    });
    return { signer, options, description: `signing with "${signer.subject}" (thumbprint ${signer.thumbprint}) from ${args.pfx}` };
  }
  if (args.cert && args.key) {
    const signer = await loadSigner({
      cert: args.cert,
      key: args.key,
      chain: args.chain ?? [],
      ...(password ? { password } : process.stdin.isTTY ? { password: { prompt: true } as const } : {}),
    });
    return { signer, options, description: `signing with "${signer.subject}" (thumbprint ${signer.thumbprint}) from ${args.cert}` };
  }
  const development = await ensureDevelopmentSigner(context.projectDir, context.renderTrustScript);
  const description = development.created
    ? `NO SIGNING CERTIFICATE CONFIGURED: created a DEVELOPMENT code-signing certificate "${development.signer.subject}" ` +
      `(thumbprint ${development.signer.thumbprint}) in ${development.certificatePath}. Scripts signed with it are trusted ` +
      `only on devices where you run ${development.trustScriptPath} (lab devices only). Use --pfx or --cert/--key for real releases.`
    : `signing with the DEVELOPMENT certificate "${development.signer.subject}" (thumbprint ${development.signer.thumbprint}); ` +
      `lab devices trust it via ${development.trustScriptPath}`;
  return { signer: development.signer, options, description, development: true, created: development.created };
}
