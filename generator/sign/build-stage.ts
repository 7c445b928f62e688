/**
 * The sign stage as `build` plugs it in: options in, `{ stage, note }` out, the development certificate
 * announced loudly when it is first created. With no certificate configured the stage is a function
 * that `build` calls only when it gets to signing, so a failing build creates no `.remgen/`.
 */
import type { Signer } from './keys.ts';
import { signScript } from './sign-script.ts';
import { signerFromArgs, type SignerChoice, type SigningArgs } from './signing-options.ts';

export interface BuildSignStage {
  /** `development` is set for the development certificate, so the package READMEs can say so. */
  readonly signer: Signer & { readonly development?: boolean };
  sign(path: string, bytes: Uint8Array): Promise<Uint8Array>;
}

/** Throws SigningError (code 'Usage' for option mistakes). */
export async function resolveBuildSigning(
  args: Record<string, unknown>,
  log: (line: string) => void,
): Promise<{ stage?: BuildSignStage | (() => Promise<BuildSignStage>); note: string }> {
  const choose = () => signerFromArgs(args, process.env, process.cwd());
  const { sign, pfx, cert, key } = args as SigningArgs;
  if (sign !== false && !pfx && !cert && !key) {
    return { stage: async () => stageOf(await choose(), log), note: 'signed with the development certificate' };
  }
  const choice = await choose();
  if ('unsigned' in choice) return { note: choice.description };
  return { stage: stageOf(choice, log), note: `signed by ${choice.signer.subject} (${choice.signer.thumbprint})` };
}

function stageOf(choice: SignerChoice, log: (line: string) => void): BuildSignStage {
  if ('unsigned' in choice) throw new Error('build-stage: --no-sign has no sign stage');
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
    signer: choice.development ? { ...signer, development: true } : signer,
    sign: (path, bytes) => signScript(bytes, path, signer, options),
  };
}
