import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkRunWindow, runWindowData, runWindowWords, type TaskRunWindow } from './task-common.ts';

/** Props of {@link scheduledTaskRan}. */
export interface ScheduledTaskRanProps extends StepBase, TaskRunWindow {}

/**
 * A probe (any context): a scheduled task ran within the last N hours (and ended with a success result,
 * when given). A task that is not registered or never ran fails. Reads only; gates a scheduledTaskRun action.
 */
export interface ScheduledTaskRanStep extends ScheduledTaskRanProps {
  readonly kind: 'scheduledTaskRan';
}

/**
 * A scheduled task ran recently.
 * @example
 * scheduledTaskRan({ id: 'defender-scan-ran', taskPath: '\\Microsoft\\Windows\\Windows Defender\\', taskName: 'Windows Defender Scheduled Scan', withinHours: 168 })
 */
export function scheduledTaskRan(props: ScheduledTaskRanProps): ScheduledTaskRanStep {
  return Object.freeze({ kind: 'scheduledTaskRan', ...props });
}

export const scheduledTaskRanRoom: StepRoom<ScheduledTaskRanStep> = {
  kind: 'scheduledTaskRan',
  category: 'probe',
  script: 'tasks/scheduled-task-ran.ps1',
  functions: { test: 'Test-RgScheduledTaskRan' },
  runtime: ['task-read.ps1'],
  // Reading a task's last run needs no elevation for tasks visible to everyone.
  contextOf: () => 'any',
  check: checkRunWindow,
  toData: runWindowData,
  title: (step) => `Scheduled task ${step.taskPath}${step.taskName} ran within ${step.withinHours} h`,
  explain: (step) => ({
    detects: runWindowWords(step),
    changes: 'nothing (a probe)',
  }),
};
