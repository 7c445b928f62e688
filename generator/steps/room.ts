import type { Context } from '../model/step.ts';
import type { StepCategory } from '../model/step.ts';
import type { PsValue } from '../render/escape.ts';

/** Shared PowerShell the runtime adds to a script only when one of its steps needs it. */
export type RuntimePart = 'registry';

/** A semantic finding about a step: `path` is relative to the step object, e.g. `['value']`. */
export type StepIssue = (path: readonly (string | number)[], message: string) => void;

/**
 * A step kind: the TypeScript half of a room. The PowerShell half is `templates/steps/<file>.ps1`
 * with the functions named here; the tests are `spec/steps/<file>.spec.ts`.
 */
export interface StepRoom<S extends { readonly kind: string; readonly id: string }> {
  readonly kind: S['kind'];
  readonly category: StepCategory;
  /** File name of the PowerShell half under `templates/steps/`. */
  readonly script: string;
  /** PowerShell functions the script defines: `test` returns a result record, `set` applies. */
  readonly functions: { readonly test: string; readonly set?: string };
  readonly runtime: readonly RuntimePart[];
  /** Where the step can run. */
  contextOf(step: S): Context;
  /** Rules the JSON Schema cannot say; report every problem, throw none. */
  check(step: S, issue: StepIssue): void;
  /** The step as data for the generated script's step table (keys are PowerShell identifiers). */
  toData(step: S): { readonly [key: string]: PsValue };
  /** A plain-words title when the descriptor gives none. */
  title(step: S): string;
  /** What the step looks at and what it would change, for `remgen explain` and the package README. */
  explain(step: S): { readonly detects: string; readonly changes: string };
}
