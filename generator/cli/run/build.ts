import { relative, resolve } from 'node:path';
import { build, type BuildOutcome, type BuildTimings } from '../../build.ts';
import type { TargetName } from '../../descriptor/remediation.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { SigningError, type SigningArgs } from '../../sign/index.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import { buildSigning } from '../signing-options.ts';
import { systemErrorWords } from '../../system-error.ts';
import { WriteError, type FileStatus } from '../../write/index.ts';

/**
 * What `remgen build --json` prints on success (README, "remgen build --json"). A failed build prints
 * `{ ok: false, diagnostics }` or `{ ok: false, unknownIds }`; `--check --json` prints `{ ok, stale }`.
 */
export interface BuildJson {
  readonly ok: true;
  /** The output folder, relative to the working directory. */
  readonly out: string;
  readonly signing:
    /** `development`: signed with the development certificate in `.remgen/`. */
    | { readonly status: 'signed'; readonly subject: string; readonly thumbprint: string; readonly development: boolean }
    | { readonly status: 'unsigned'; readonly note: string };
  /** `build`: the package's build id, the one its summary lines carry (`tls@3f9a0c1`); absent for the module. */
  readonly packages: readonly { readonly id: string; readonly target: string; readonly dir: string; readonly descriptor: string; readonly build?: string }[];
  /** Every file of the build, manifest.json included, with what the build did to it; paths relative to `out`. */
  readonly files: readonly { readonly path: string; readonly status: FileStatus; readonly sha256: string | null; readonly size: number | null }[];
  readonly summary: Readonly<Record<'created' | 'updated' | 'unchanged' | 'removed', number>>;
  readonly timings: BuildTimings;
}

export interface BuildArgs extends SigningArgs {
  readonly ids: string[];
  readonly target: string[];
  readonly catalog: string;
  readonly out: string;
  readonly check: boolean;
  readonly json: boolean;
}

/** `remgen build`: the handler, loaded only when this command runs. */
export async function runBuild(args: BuildArgs & Record<string, unknown>): Promise<number> {
  // Which certificate signs, and the development certificate's banner, are diagnostics: stderr.
  const log = printError;
  const out = resolve(args.out);
  const shownOut = relative(process.cwd(), out) || '.';
  let signing: Awaited<ReturnType<typeof buildSigning>>;
  try {
    signing = await buildSigning(args, log);
  } catch (error) {
    if (!(error instanceof SigningError)) throw error;
    printError(`remgen build: ${error.message}; nothing was written to ${shownOut}/`);
    return error.code === 'Usage' ? EXIT.usage : EXIT.failed;
  }
  let outcome: BuildOutcome;
  try {
    outcome = await build({
      catalog: args.catalog,
      out,
      ids: args.ids,
      targets: args.target as TargetName[],
      check: args.check,
      ...(signing.signing ? { signing: signing.signing } : {}),
    });
  } catch (error) {
    if (error instanceof SigningError) {
      printError(`remgen build: ${error.message}; nothing was written to ${shownOut}/`);
      return error.code === 'Usage' ? EXIT.usage : EXIT.failed;
    }
    if (!(error instanceof WriteError)) throw error;
    const where = relative(process.cwd(), error.path) || 'the current folder';
    printError(error.written
      ? `remgen build: wrote ${shownOut}/, but cannot remove its old copy ${where}: ${systemErrorWords(error.cause)}; delete it by hand`
      : `remgen build: cannot write ${where}: ${systemErrorWords(error.cause)}; ${shownOut}/ was left as it was`);
    return EXIT.failed;
  }

  if (outcome.kind === 'invalid') {
    for (const d of outcome.diagnostics) printError(formatDiagnostic(d));
    printError(`remgen build: ${plural(outcome.diagnostics.length, 'error')}; nothing was written to ${shownOut}/`);
    if (args.json) printJson({ ok: false, diagnostics: outcome.diagnostics.map((d) => ({ ...d, file: relative(process.cwd(), d.file) })) });
    return EXIT.failed;
  }
  if (outcome.kind === 'unknown-ids') {
    printError(`remgen build: no remediation or bundle named ${outcome.ids.map((id) => `'${id}'`).join(', ')}; known: ${outcome.known.join(', ')}`);
    if (args.json) printJson({ ok: false, unknownIds: outcome.ids });
    return EXIT.failed;
  }

  const { reports, synthesis } = outcome;
  const count = (status: string): number => reports.filter((r) => r.status === status).length;
  const signed = synthesis.signer ? `signed by ${synthesis.signer.subject} (${synthesis.signer.thumbprint})` : signing.note;
  if (outcome.kind === 'checked') {
    const stale = reports.filter((r) => r.status !== 'unchanged');
    const label = { created: 'missing', updated: 'stale', removed: 'extra' } as const;
    if (args.json) {
      printJson({ ok: stale.length === 0, stale: stale.map((r) => ({ path: r.path, status: label[r.status as keyof typeof label] })) });
    } else {
      for (const r of stale) print(`  ${label[r.status as keyof typeof label].padEnd(9)} ${shownOut}/${r.path}`);
      print(stale.length === 0
        ? `remgen build --check: ${shownOut}/ is up to date (${plural(reports.length, 'file')})`
        : `remgen build --check: ${plural(stale.length, 'file')} of ${reports.length} stale or missing in ${shownOut}/; run 'remgen build'`);
    }
    return stale.length === 0 ? EXIT.ok : EXIT.stale;
  }

  if (args.json) {
    const result: BuildJson = {
      ok: true,
      out: shownOut,
      signing: synthesis.signer
        ? { status: 'signed', subject: synthesis.signer.subject, thumbprint: synthesis.signer.thumbprint, development: synthesis.signer.development === true }
        : { status: 'unsigned', note: signing.note },
      packages: synthesis.packages.map((p) => ({ id: p.remediation.id, target: p.target, dir: p.dir, descriptor: p.descriptorPath, ...(synthesis.builds.has(p.dir) ? { build: synthesis.builds.get(p.dir)! } : {}) })),
      files: reports.map((r) => ({ path: r.path, status: r.status, sha256: r.sha256 ?? null, size: r.size ?? null })),
      summary: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), removed: count('removed') },
      timings: outcome.timings,
    };
    printJson(result);
  } else {
    print(`remgen build: ${plural(synthesis.packages.length, 'package')} from ${args.catalog}/ into ${shownOut}/`);
    for (const r of reports) print(`  ${r.status.padEnd(9)} ${shownOut}/${r.path}`);
    print(`Summary: ${plural(reports.length, 'file')}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged${count('removed') ? `, ${count('removed')} removed` : ''}; ${signed}.`);
  }
  return EXIT.ok;
}
