import { readFile } from 'node:fs/promises';
import { certificatesFromFile, verifyScript, type VerifyResult } from '../../sign/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import type { RemgenCommand } from './command.ts';

interface VerifyArgs {
  readonly files: string[];
  readonly ca?: string[];
  readonly tsaCa?: string[];
  readonly json: boolean;
}

async function anchors(files: readonly string[] | undefined): Promise<Uint8Array[] | undefined> {
  if (!files || files.length === 0) return undefined;
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      out.push(...certificatesFromFile(await readFile(file)));
    } catch (error) {
      throw new Error(`${file}: ${systemErrorWords(error)}`, { cause: error });
    }
  }
  return out;
}

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
    let trustAnchors: Uint8Array[] | undefined;
    let timestampTrustAnchors: Uint8Array[] | undefined;
    try {
      trustAnchors = await anchors(args.ca);
      timestampTrustAnchors = await anchors(args.tsaCa);
    } catch (error) {
      printError(`remgen verify: cannot read a --ca/--tsa-ca certificate: ${(error as Error).message}`);
      return EXIT.usage;
    }
    const results: (VerifyResult & { file: string })[] = [];
    for (const file of args.files) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        results.push({ file, status: 'UnknownError', reason: 'NotSigned', message: `${file}: cannot read (${systemErrorWords(error)})`, nested: [], warnings: [] });
        continue;
      }
      const result = verifyScript(bytes, file, {
        ...(trustAnchors ? { trustAnchors } : {}),
        ...(timestampTrustAnchors ? { timestampTrustAnchors } : {}),
      });
      results.push({ file, ...result });
    }
    const valid = results.filter((r) => r.status === 'Valid').length;
    if (args.json) {
      printJson(results);
    } else {
      for (const r of results) {
        (r.status === 'Valid' ? print : printError)(`${r.status.padEnd(13)} ${r.message}`);
        for (const warning of r.warnings) printError(`  warning: ${warning}`);
      }
      print(`Summary: ${plural(valid, 'file')} valid, ${results.length - valid} not valid.`);
    }
    return valid === results.length ? EXIT.ok : EXIT.failed;
  },
};

export default verifyCommand;
