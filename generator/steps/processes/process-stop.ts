import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkProcessMatch, processMatchData, processWords, type ProcessMatch } from './process-common.ts';

/** Props of {@link processStop}. */
export interface ProcessStopProps extends ActionStepBase, ProcessMatch {}

/**
 * An action: ends every process of the name forcefully (as `taskkill /f`: unsaved work in it is lost) when
 * its gate probes report the symptom, at most once per cooldown. Verified by listing the processes again.
 */
export interface ProcessStopStep extends ProcessStopProps {
  readonly kind: 'processStop';
}

/**
 * End a process.
 * @example
 * processStop({ id: 'close-teams', processName: 'Teams', gate: { probes: ['teams-cache-small'] }, cooldown: 'P1D' })
 */
export function processStop(props: ProcessStopProps): ProcessStopStep {
  return Object.freeze({ kind: 'processStop', ...props });
}

export const processStopRoom: StepRoom<ProcessStopStep> = {
  kind: 'processStop',
  category: 'action',
  script: 'processes/process-stop.ps1',
  setScript: 'processes/process-stop-set.ps1',
  functions: { test: 'Test-RgProcessStopped', set: 'Stop-RgProcessNow' },
  runtime: ['process.ps1'],
  setRuntime: ['process-write.ps1'],
  // The user's own processes as the user; other sessions' need an administrator.
  contextOf: (step) => (step.scope === 'any' ? 'system' : 'user'),
  check: checkProcessMatch,
  toData: processMatchData,
  title: (step) => `Process ${step.processName} ended when the symptom is seen`,
  explain: (step) => ({
    detects: `${processWords(step)} is running, ${gateWords(step.gate)}`,
    changes: `ends every ${step.processName}.exe ${step.scope === 'any' ? 'in any session' : "in the script's session"} forcefully (at most once per ${durationWords(step.cooldown)}), then lists the processes again to verify`,
  }),
};
