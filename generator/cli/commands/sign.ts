import type { SignArgs } from '../run/sign.ts';
import { signingOptions } from '../signing-options.ts';
import type { RemgenCommand } from './command.ts';

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
    const { runSign } = await import('../run/sign.ts');
    return runSign(args);
  },
};

export default signCommand;
