import { readFile } from 'node:fs/promises';
import { SigningError, replaceFile, signScript, type SigningArgs } from '../../sign/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError } from '../output.ts';
import { chooseSigner, signingOptions } from '../signing-options.ts';
import type { RemgenCommand } from './command.ts';

interface SignArgs extends SigningArgs {
  readonly files: string[];
  readonly addBom: boolean;
}

const signCommand: RemgenCommand = {
  command: 'sign <files..>',
  describe: 'Authenticode-sign PowerShell scripts (.ps1, .psm1, .psd1) in place, replacing any existing signature',
  builder: (yargs) =>
    signingOptions(
      yargs
        .positional('files', { type: 'string', array: true, describe: 'scripts to sign' })
        .option('add-bom', {
          type: 'boolean',
          default: false,
          describe: 'give BOM-less files with non-ASCII text a UTF-8 BOM before signing (otherwise they are refused)',
        }),
    )
      .example('$0 sign --pfx codesign.pfx --password-env PFX_PASSWORD out/*.ps1', 'sign with a PFX whose password is in $PFX_PASSWORD')
      .example('$0 sign --cert cert.pem --key key.pem --timestamp-url http://timestamp.example/ a.ps1', 'PEM certificate and key, RFC 3161 timestamp')
      .example('$0 sign a.ps1', 'no certificate given: sign with the development certificate in .remgen/')
      .example('SOURCE_DATE_EPOCH=1700000000 $0 sign --pfx c.pfx a.ps1', 'reproducible signing time'),
  async handler(args: SignArgs) {
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
  },
};

export default signCommand;
