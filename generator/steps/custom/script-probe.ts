import type { StepRoom } from '../room.ts';
import { checkScriptStep, halfWords, parameterWords, scriptData, unsimulatedWords, SCRIPT_RUNTIME, type ScriptSource, type ScriptStepProps } from './script-common.ts';

/** Props of {@link scriptProbe}. */
export type ScriptProbeProps = ScriptStepProps;

/** A probe written by the admin: the function in `test` reads and reports; nothing is changed. */
export interface ScriptProbeStep extends ScriptProbeProps {
  readonly kind: 'scriptProbe';
}

/**
 * A probe in the admin's own PowerShell, for a check no typed kind covers.
 * @example
 * scriptProbe({ id: 'volume-audible', test: './volume-test.ps1', parameters: { MinimumPercent: 30 }, unsimulated: ['Get-CimInstance'] })
 */
export function scriptProbe(props: ScriptProbeProps): ScriptProbeStep {
  return Object.freeze({ kind: 'scriptProbe', ...props });
}

type Resolved = ScriptProbeStep & { readonly source?: ScriptSource };

export const scriptProbeRoom: StepRoom<Resolved> = {
  kind: 'scriptProbe',
  category: 'probe',
  script: 'custom/script-step.ps1',
  functions: { test: 'Test-RgScriptStep' },
  runtime: SCRIPT_RUNTIME,
  contextOf: (step) => step.context ?? 'any',
  check: (step, issue) => checkScriptStep(step, issue),
  toData: (step) => scriptData(step),
  title: (step) => `${step.source?.test.synopsis || `${step.test} reports`}`.replace(/\s+/g, ' '),
  explain: (step) => ({
    detects: `${halfWords(step, 'test', step.test)}${parameterWords(step)}${unsimulatedWords(step)}`,
    changes: 'nothing (a probe)',
  }),
};
