import type { Context } from '../model/step.ts';
import type { StepCategory } from '../model/step.ts';
import type { PsValue } from '../render/escape.ts';

/** A semantic finding about a step: `path` is relative to the step object, e.g. `['value']`. */
export type StepIssue = (path: readonly (string | number)[], message: string) => void;

/** Where a step can run: one context, or either (a read-only probe of machine-wide facts). */
export type StepContext = Context | 'any';

/**
 * A step kind: the TypeScript half of a room. The PowerShell half is `templates/steps/<script>` (the
 * test function, and everything the test needs) and, for kinds that change the device, `<setScript>`
 * (the set function); only the remediation carries the set half. The tests are `spec/steps/<kind>*.spec.ts`.
 *
 * The category is the contract:
 * - `probe`: reads and reports, never changes; no set half.
 * - `setting`: test + set; the remediation sets what is wrong and verifies by testing again.
 * - `action`: disruptive; gated by a symptom probe and a cooldown, verified by re-reading state.
 */
export interface StepRoom<S extends { readonly kind: string; readonly id: string }> {
  readonly kind: S['kind'];
  readonly category: StepCategory;
  /** File of the test half under `templates/steps/`. */
  readonly script: string;
  /** File of the set half under `templates/steps/`: settings and actions only. */
  readonly setScript?: string;
  /** PowerShell functions the halves define: `test` returns a result record, `set` applies. */
  readonly functions: { readonly test: string; readonly set?: string };
  /** Files under `templates/runtime/` the test half needs (seams, shared helpers), beyond core and platform. */
  readonly runtime: readonly string[];
  /** Files under `templates/runtime/` the set half needs besides `runtime` (the write seams). */
  readonly setRuntime?: readonly string[];
  /**
   * Files under `templates/runtime/` one step needs beyond the room's (every user's profile, say): `test` for both
   * halves, `set` for the set half. Their functions are called through names in the step's data (`& $Step.X`), so a
   * script without them refers to none.
   */
  stepRuntime?(step: S): { readonly test: readonly string[]; readonly set?: readonly string[] };
  /** Where the step can run. */
  contextOf(step: S): StepContext;
  /** Rules the JSON Schema cannot say; report every problem, throw none. */
  check(step: S, issue: StepIssue): void;
  /** The step as data for the generated script's step table (keys are PowerShell identifiers). */
  toData(step: S): { readonly [key: string]: PsValue };
  /** A plain-words title when the descriptor gives none. */
  title(step: S): string;
  /** What the step looks at and what it would change, for `remgen explain` and the package README. */
  explain(step: S): { readonly detects: string; readonly changes: string };
}
