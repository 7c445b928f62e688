import type { ParseFacts } from '../engine/index.ts';

/**
 * A rule over one PowerShell file, as PSScriptAnalyzer has them: one rule a file under rules/, each with
 * a bad and a good fixture under spec/fixtures/lint/<rule>/. The build's tests run every rule over every
 * file the build writes; `remgen lint FILE...` runs them over any script.
 */
export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

/**
 * What kind of PowerShell file it is, from its extension: a `script` (.ps1) runs from start to exit; a
 * `module` (.psm1) is loaded into the caller's session and must never exit; a `manifest` (.psd1) is a data file.
 */
/**
 * `test`: a file of a package's Pester suite (`tests/` beside the scripts: `*.Tests.ps1`, the simulation
 * harness, the data files). It runs on an admin's machine under Pester, not on a device.
 */
export type PowerShellFileKind = 'script' | 'module' | 'manifest' | 'test';

export function fileKind(file: string): PowerShellFileKind {
  const lower = file.toLowerCase();
  if (/(^|[\\/])tests[\\/]/.test(lower) && (lower.endsWith('.tests.ps1') || lower.endsWith('invoke-rgsimulation.ps1') || lower.endsWith('.psd1'))) return 'test';
  if (lower.endsWith('.psm1')) return 'module';
  if (lower.endsWith('.psd1')) return 'manifest';
  return 'script';
}

/** What a rule sees: the file's text, its kind and PowerShell's own parse of it (engine host facts). */
export interface LintSubject {
  readonly file: string;
  readonly text: string;
  readonly facts: ParseFacts;
  /** Default: from the file name ({@link fileKind}). */
  readonly kind?: PowerShellFileKind;
}

export interface LintRule {
  /** kebab-case, e.g. `no-7-only-syntax`. */
  readonly name: string;
  /** One sentence for `remgen lint --help` and the docs. */
  readonly description: string;
  /** Findings in the file; line and column are 1-based. */
  check(subject: LintSubject): readonly Omit<LintFinding, 'file' | 'rule'>[] | Promise<readonly Omit<LintFinding, 'file' | 'rule'>[]>;
}
