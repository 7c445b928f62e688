import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getEngine } from '../engine/index.ts';
import { fileKind, type LintFinding, type LintRule, type LintSubject } from './rule.ts';
import allowlistedCommands from './rules/allowlisted-commands.ts';
import convertToJsonDepth from './rules/convertto-json-depth.ts';
import coreOnlyOutsideSeams from './rules/core-only-outside-seams.ts';
import dotnetSurface from './rules/dotnet-surface.ts';
import exitLast from './rules/exit-last.ts';
import explicitEncoding from './rules/explicit-encoding.ts';
import nativeCommands from './rules/native-commands.ts';
import no7OnlyParameters from './rules/no-7-only-parameters.ts';
import no7OnlySyntax from './rules/no-7-only-syntax.ts';
import noAliases from './rules/no-aliases.ts';
import noForbiddenCommands from './rules/no-forbidden-commands.ts';
import noTopLevelReturn from './rules/no-top-level-return.ts';
import parseErrors from './rules/parse-errors.ts';
import signatureLast from './rules/signature-last.ts';
import tls12BeforeWebCall from './rules/tls12-before-web-call.ts';
import useBasicParsing from './rules/use-basic-parsing.ts';

export type { LintFinding, LintRule, LintSubject } from './rule.ts';

/**
 * Every lint rule, one file each under rules/ with a bad and a good fixture under
 * spec/fixtures/lint/<name>/ (spec/lint/rules.spec.ts fails for a rule without them). Add a rule by
 * adding its import and its entry here.
 */
export const rules: readonly LintRule[] = [
  // integrity (engine issue)
  parseErrors,
  no7OnlySyntax,
  no7OnlyParameters,
  exitLast,
  noTopLevelReturn,
  noAliases,
  noForbiddenCommands,
  coreOnlyOutsideSeams,
  signatureLast,
  // Windows PowerShell 5.1 surface
  allowlistedCommands,
  dotnetSurface,
  nativeCommands,
  // the known 5.1 traps
  useBasicParsing,
  explicitEncoding,
  convertToJsonDepth,
  tls12BeforeWebCall,
];

export interface LintOptions {
  /** The rules to run (default: all of {@link rules}). */
  readonly rules?: readonly LintRule[];
}

/** At most this many parse requests wait at the engine host at once (it answers them in order). */
const IN_FLIGHT = 16;

/**
 * The rules that hold a device script to the seams and the curated 5.1 command list; a test file (a Pester
 * suite, the harness) calls Pester and the harness's own helpers and keeps only the rest: it parses, has
 * no 7-only syntax or parameters, no aliases, the 5.1 .NET surface.
 */
const DEVICE_ONLY = new Set(['exit-last', 'no-top-level-return', 'core-only-outside-seams', 'allowlisted-commands', 'native-commands']);

/** Runs the rules over one parsed file. */
export async function lintSubject(subject: LintSubject, options: LintOptions = {}): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  const test = (subject.kind ?? fileKind(subject.file)) === 'test';
  for (const rule of options.rules ?? rules) {
    if (test && DEVICE_ONLY.has(rule.name)) continue;
    for (const f of await rule.check(subject)) findings.push({ file: subject.file, rule: rule.name, line: f.line, column: f.column, message: f.message });
  }
  return findings;
}

/**
 * Parses every file with PowerShell's own parser (the engine host) and runs every rule over it; the
 * findings sorted by file, line and column. Throws when a file cannot be read.
 */
export async function lintFiles(files: readonly string[], options: LintOptions = {}): Promise<LintFinding[]> {
  const engine = getEngine();
  const findings: LintFinding[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const file = files[index]!;
      const text = await readFile(file, 'utf8');
      const facts = await engine.parse(resolve(file));
      findings.push(...(await lintSubject({ file, text, facts }, options)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, files.length) }, worker));
  return sortFindings(findings);
}

export function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings.sort((a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/** `file:line:col rule: message`. */
export function formatFinding(finding: LintFinding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`;
}
