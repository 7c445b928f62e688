import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  certificatesFromFile,
  DEVELOPMENT_CERTIFICATE_FILE,
  DEVELOPMENT_DIRECTORY,
  readCertificate,
  TRUST_SCRIPT_FILE,
  verifyScript,
  type VerifyResult,
} from '../../sign/index.ts';
import { systemErrorWords } from '../../system-error.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';

export interface VerifyArgs {
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

/**
 * What to do about files that are NotTrusted because no --ca was given: most often they were signed by
 * `remgen build` with the development certificate of this project, which no system store trusts.
 */
async function trustHint(results: readonly VerifyResult[]): Promise<string | undefined> {
  const untrusted = results.filter((r) => r.status === 'NotTrusted');
  if (untrusted.length === 0) return undefined;
  const cer = join(DEVELOPMENT_DIRECTORY, DEVELOPMENT_CERTIFICATE_FILE);
  const development = await readFile(cer).then((der) => readCertificate(der).thumbprint, () => undefined);
  if (development !== undefined && untrusted.every((r) => r.signerThumbprint === development)) {
    return `hint: ${untrusted.length === 1 ? 'it is' : 'they are'} signed with this project's development certificate (remgen build makes it when no ` +
      `certificate is configured), which no system store trusts: add --ca ${cer} to check against it; ` +
      `${join(DEVELOPMENT_DIRECTORY, TRUST_SCRIPT_FILE)} trusts it on a lab device`;
  }
  return 'hint: the signing chain ends in a root this machine does not trust; give that root with --ca FILE to check against it';
}

/** `remgen verify`: the handler, loaded only when this command runs. */
export async function runVerify(args: VerifyArgs): Promise<number> {
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
    // Results (one line per file, then the summary) on stdout; warnings and hints on stderr.
    for (const r of results) {
      print(`${r.status.padEnd(13)} ${r.message}`);
      for (const warning of r.warnings) printError(`${r.file}: warning: ${warning}`);
    }
    print(`Summary: ${plural(valid, 'file')} valid, ${results.length - valid} not valid.`);
  }
  const hint = trustAnchors ? undefined : await trustHint(results);
  if (hint) printError(hint);
  return valid === results.length ? EXIT.ok : EXIT.failed;
}
