import { durationWords, gateWords, type ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkScriptStep, halfWords, parameterWords, scriptData, unsimulatedWords, SCRIPT_RUNTIME, SCRIPT_SET_RUNTIME, type ScriptSource, type ScriptStepProps } from './script-common.ts';

/** Props of {@link scriptAction}. */
export interface ScriptActionProps extends ScriptStepProps, ActionStepBase {
  /**
   * The set half: a `.ps1` file beside the descriptor defining one function that takes the same `-Step` and
   * parameters, acts only through `$PSCmdlet.ShouldProcess` and throws when it cannot.
   * @pattern \.ps1$
   * @example "./sync-templates.ps1"
   */
  readonly set: string;
}

/** An action written by the admin: run when its gate says so, at most once per cooldown. */
export interface ScriptActionStep extends ScriptActionProps {
  readonly kind: 'scriptAction';
}

/**
 * An action in the admin's own PowerShell.
 * @example
 * scriptAction({ id: 'sync', test: './sync-needed.ps1', set: './sync.ps1', gate: 'always', cooldown: 'P1D' })
 */
export function scriptAction(props: ScriptActionProps): ScriptActionStep {
  return Object.freeze({ kind: 'scriptAction', ...props });
}

type Resolved = ScriptActionStep & { readonly source?: ScriptSource };

export const scriptActionRoom: StepRoom<Resolved> = {
  kind: 'scriptAction',
  category: 'action',
  script: 'custom/script-step.ps1',
  setScript: 'custom/script-step-set.ps1',
  functions: { test: 'Test-RgScriptStep', set: 'Set-RgScriptStep' },
  runtime: SCRIPT_RUNTIME,
  setRuntime: SCRIPT_SET_RUNTIME,
  contextOf: (step) => step.context ?? 'any',
  check: (step, issue) => checkScriptStep(step, issue),
  toData: (step) => scriptData(step),
  title: (step) => `${step.source?.set?.synopsis || `${step.set} runs`}`.replace(/\s+/g, ' '),
  explain: (step) => ({
    detects: `${halfWords(step, 'test', step.test)}${parameterWords(step)}, ${gateWords(step.gate)}${unsimulatedWords(step)}`,
    changes: `${halfWords(step, 'set', step.set)} (at most once per ${durationWords(step.cooldown)})`,
  }),
};
