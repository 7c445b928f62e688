import type { Bundle, Remediation } from '../descriptor/remediation.ts';

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
}
