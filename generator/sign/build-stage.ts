/**
 * The sign stage as `build` plugs it in: options in, `{ stage, note }` out, the development certificate
 * announced loudly when it is first created.
 */
import type { Signer } from './keys.ts';
import { signScript } from './sign-script.ts';
import { signerFromArgs } from './signing-options.ts';

export interface BuildSignStage {
  readonly signer: Signer;
  sign(path: string, bytes: Uint8Array): Promise<Uint8Array>;
}

/** Throws SigningError (code 'Usage' for option mistakes). */
export async function resolveBuildSigning(
  args: Record<string, unknown>,
  log: (line: string) => void,
): Promise<{ stage?: BuildSignStage; note: string }> {
  const choice = await signerFromArgs(args, process.env, process.cwd());
  if ('unsigned' in choice) return { note: choice.description };
  if (choice.development?.created) {
    const bar = '!'.repeat(78);
    log(bar);
    log(choice.description);
    log(bar);
  } else {
    log(choice.description);
  }
  const { signer, options } = choice;
  return {
    stage: { signer, sign: (path, bytes) => signScript(bytes, path, signer, options) },
    note: choice.development ? `signed with the development certificate ${signer.thumbprint}` : `signed by ${signer.subject} (${signer.thumbprint})`,
  };
}
