import type { StepRoom } from '../room.ts';
import { checkScriptStep, halfWords, parameterWords, scriptData, unsimulatedWords, SCRIPT_RUNTIME, SCRIPT_SET_RUNTIME, type ScriptSource, type ScriptStepProps } from './script-common.ts';

/** Props of {@link scriptSetting}. */
export interface ScriptSettingProps extends ScriptStepProps {
  /**
   * The set half: a `.ps1` file beside the descriptor defining one function that takes the same `-Step` and
   * parameters, changes the device only through `$PSCmdlet.ShouldProcess` (`[CmdletBinding(SupportsShouldProcess
   * = $true)]`) and throws when it cannot. The test half tested again verifies it.
   * @pattern \.ps1$
   * @example "./volume-set.ps1"
   */
  readonly set: string;
}

/** A setting written by the admin: `test` compares, `set` applies when it is not compliant, `test` again verifies. */
export interface ScriptSettingStep extends ScriptSettingProps {
  readonly kind: 'scriptSetting';
}

/**
 * A setting in the admin's own PowerShell.
 * @example
 * scriptSetting({ id: 'volume', test: './volume-test.ps1', set: './volume-set.ps1', parameters: { MinimumPercent: 30 } })
 */
export function scriptSetting(props: ScriptSettingProps): ScriptSettingStep {
  return Object.freeze({ kind: 'scriptSetting', ...props });
}

type Resolved = ScriptSettingStep & { readonly source?: ScriptSource };

export const scriptSettingRoom: StepRoom<Resolved> = {
  kind: 'scriptSetting',
  category: 'setting',
  script: 'custom/script-step.ps1',
  setScript: 'custom/script-step-set.ps1',
  functions: { test: 'Test-RgScriptStep', set: 'Set-RgScriptStep' },
  runtime: SCRIPT_RUNTIME,
  setRuntime: SCRIPT_SET_RUNTIME,
  contextOf: (step) => step.context ?? 'any',
  check: (step, issue) => checkScriptStep(step, issue),
  toData: (step) => scriptData(step),
  title: (step) => `${step.source?.test.synopsis || `${step.test} passes`}`.replace(/\s+/g, ' '),
  explain: (step) => ({
    detects: `${halfWords(step, 'test', step.test)}${parameterWords(step)}${unsimulatedWords(step)}`,
    changes: `${halfWords(step, 'set', step.set)}, then tests again`,
  }),
};
