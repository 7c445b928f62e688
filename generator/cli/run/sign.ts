import { readFile } from 'node:fs/promises';
import { SigningError, replaceFile, signScript, type SigningArgs } from '../../sign/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError } from '../output.ts';
import { chooseSigner } from '../signing-options.ts';

export interface SignArgs extends SigningArgs {
  readonly files: string[];
  readonly addBom: boolean;
}

/** `remgen sign`: the handler, loaded only when this command runs. */
export async function runSign(args: SignArgs): Promise<number> {
  let choice;
  try {
    choice = await chooseSigner(args);
  } catch (error) {
    if (!(error instanceof SigningError)) throw error;
    printError(`remgen sign: ${error.message}`);
    return error.code === 'Usage' ? EXIT.usage : EXIT.failed;
  }
  if ('unsigned' in choice) {
    printError('remgen sign: --no-sign leaves nothing to do');
    return EXIT.usage;
  }
  (choice.created ? printError : print)(choice.description);
  const options = { ...choice.options, encodingPolicy: args.addBom ? ('add-bom' as const) : ('error' as const) };
  let failed = 0;
  for (const file of args.files) {
    try {
      const signed = await signScript(await readFile(file), file, choice.signer, options);
      await replaceFile(file, signed);
      print(`Signed  ${file}`);
    } catch (error) {
      failed += 1;
      const message = error instanceof SigningError ? error.message : `${file}: ${systemErrorWords(error)}`;
      printError(`Failed  ${message}`);
    }
  }
  const total = args.files.length;
  print(`Summary: ${plural(total - failed, 'file')} signed, ${failed} failed; signer ${choice.signer.subject} (${choice.signer.thumbprint}).`);
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
