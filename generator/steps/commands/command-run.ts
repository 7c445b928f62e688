import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkProgramCall, programCallData, programWords, type ProgramCall } from './command-common.ts';

/** Props of {@link commandRun}. */
export interface CommandRunProps extends ActionStepBase, ProgramCall {}

/**
 * An action: runs a program (Invoke-RgNativeCommand: the program and its arguments, no shell) when its gate
 * probes report the symptom, at most once per cooldown; an exit code outside `successExitCodes` or a timeout
 * fails it. Verified by the gate probes tested again, never by the exit code alone.
 */
export interface CommandRunStep extends CommandRunProps {
  readonly kind: 'commandRun';
}

/**
 * Run a program as a repair.
 * @example
 * commandRun({ id: 'resync', program: 'w32tm.exe', arguments: ['/resync'], gate: { probes: ['time-source'] }, cooldown: 'PT4H' })
 */
export function commandRun(props: CommandRunProps): CommandRunStep {
  return Object.freeze({ kind: 'commandRun', ...props });
}

export const commandRunRoom: StepRoom<CommandRunStep> = {
  kind: 'commandRun',
  category: 'action',
  script: 'commands/command-run.ps1',
  setScript: 'commands/command-run-set.ps1',
  functions: { test: 'Test-RgCommandRun', set: 'Invoke-RgCommandRun' },
  runtime: ['command.ps1', 'file.ps1'],
  contextOf: () => 'any',
  check: checkProgramCall,
  toData: programCallData,
  title: (step) => `Command ${step.program} run when the symptom is seen`,
  explain: (step) => ({
    detects: `a run of ${step.program} is needed, ${gateWords(step.gate)}`,
    changes: `runs ${programWords(step)} (at most once per ${durationWords(step.cooldown)}; exit codes ${(step.successExitCodes ?? [0]).join(', ')} count as success), then tests the gate again to verify`,
  }),
};
