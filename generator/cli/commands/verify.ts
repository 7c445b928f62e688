import type { VerifyArgs } from '../run/verify.ts';
import type { RemgenCommand } from './command.ts';

const verifyCommand: RemgenCommand = {
  command: 'verify <files..>',
  describe: 'Check Authenticode signatures of PowerShell scripts, reported as Get-AuthenticodeSignature names them',
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, describe: 'scripts to verify' })
      .option('ca', { type: 'string', array: true, nargs: 1, describe: 'trusted root (or anchor) certificates, PEM or DER; default: the system store' })
      .option('tsa-ca', { type: 'string', array: true, nargs: 1, describe: 'trusted roots for timestamp authorities; default: the --ca certificates' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON result per file' })
      .example('$0 verify out/**/*.ps1 --ca .remgen/dev-signing.cer', 'files signed with the development certificate')
      .example('$0 verify a.ps1 --json', 'machine-readable result, against the system roots'),
  async handler(args: VerifyArgs) {
    const { runVerify } = await import('../run/verify.ts');
    return runVerify(args);
  },
};

export default verifyCommand;
