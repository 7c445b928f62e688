import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkProcessMatch, processMatchData, processWords, type ProcessMatch } from './process-common.ts';

/** Props of {@link process}. */
export interface ProcessProps extends StepBase, ProcessMatch {
  /** Whether a process of the name should be running or not. */
  readonly state: 'running' | 'notRunning';
}

/** A probe: whether a process of a name runs (this session, or any with `scope: 'any'`). Never changes anything. */
export interface ProcessStep extends ProcessProps {
  readonly kind: 'process';
}

/**
 * A process running or not.
 * @example
 * process({ id: 'teams-closed', processName: 'Teams', state: 'notRunning' })
 */
export function process(props: ProcessProps): ProcessStep {
  return Object.freeze({ kind: 'process', ...props });
}

export const processRoom: StepRoom<ProcessStep> = {
  kind: 'process',
  category: 'probe',
  script: 'processes/process.ps1',
  functions: { test: 'Test-RgProcessState' },
  runtime: ['process.ps1'],
  // Reading this session's processes is the user's view; every session's can be read from either context.
  contextOf: (step) => (step.scope === 'any' ? 'any' : 'user'),
  check: checkProcessMatch,
  toData: (step) => ({ ...processMatchData(step), Want: step.state === 'running' ? 'Running' : 'NotRunning' }),
  title: (step) => `Process ${step.processName} ${step.state === 'running' ? 'running' : 'not running'}`,
  explain: (step) => ({
    detects: `${processWords(step)} is ${step.state === 'running' ? 'running' : 'not running'}`,
    changes: 'nothing (a probe)',
  }),
};
