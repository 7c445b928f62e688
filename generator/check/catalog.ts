import type { Bundle, Remediation } from '../descriptor/remediation.ts';
import type { DeviceProfileProps } from '../model/profile.ts';
import type { Expectations } from '../model/expectation.ts';

/** A remediation that passed every check, with the file it was declared in. */
export interface CheckedRemediation {
  readonly remediation: Remediation;
  /** Absolute path of the descriptor file. */
  readonly file: string;
  /** Id of the bundle that holds it, if any. */
  readonly bundle?: string;
}

export interface CheckedBundle {
  readonly bundle: Bundle;
  readonly file: string;
}

/** The checked model the planner works from: remediations sorted by id, each once. */
export interface Catalog {
  readonly remediations: readonly CheckedRemediation[];
  readonly bundles: readonly CheckedBundle[];
  /** The catalog's device profiles (`profiles/`), sorted by name; absent for a catalog built in memory. */
  readonly profiles?: readonly DeviceProfileProps[];
  /** What the Pester suites assert on those profiles (`profiles/expected.json`), by package id then profile. */
  readonly expectations?: Expectations;
}
