/**
 * What a package's Pester suite asserts on one bundled device profile: the Intune cycle's exit codes and
 * the actions the remediation took. Recorded from the simulation harness by `npm run profile:expect` into
 * `<catalog>/profiles/expected.json` (package id, then profile name) and reviewed like a golden file.
 */
export interface CycleExpectation {
  /** Detection's exit code (0 compliant, 1 issue found). */
  readonly detect: number;
  /** The remediation's exit code; `null` when detection found nothing (Intune does not run it). */
  readonly remediate: number | null;
  /** Detection afterwards; `null` with `remediate`. */
  readonly again: number | null;
  /**
   * The summary line (the only output) of each run, in order; the run's temporary log root written `%LOGROOT%\`,
   * and without the build id after the package id (`COMPLIANT tls: ...`, report/summary.ts withoutBuildId):
   * the suite puts the package's own id back before comparing, so the id is asserted but never recorded.
   */
  readonly summaries: readonly string[];
  /** The remediation's actions as the harness names them from its seam calls, in order. */
  readonly actions: readonly string[];
}

export type Expectations = Readonly<Record<string, Readonly<Record<string, CycleExpectation>>>>;

/** Where the expectations live, relative to the catalog folder. */
export const EXPECTATIONS_FILE = 'profiles/expected.json';
