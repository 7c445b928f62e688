import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkRunWindow, runWindowData, runWindowWords, taskWords, type TaskRunWindow } from './task-common.ts';

/** Props of {@link scheduledTaskRun}. */
export interface ScheduledTaskRunProps extends ActionStepBase, TaskRunWindow {}

/**
 * An action (system context): starts a registered scheduled task now (the same `Start-RgScheduledTask` seam
 * joinRepair uses). Runs only when its gate probes report the symptom, at most once per cooldown; verified by
 * reading the task's last run again (it must then lie within `withinHours`).
 */
export interface ScheduledTaskRunStep extends ScheduledTaskRunProps {
  readonly kind: 'scheduledTaskRun';
}

/**
 * Run a scheduled task.
 * @example
 * scheduledTaskRun({ id: 'run-sync', taskPath: '\\Contoso\\', taskName: 'Sync', withinHours: 24, gate: { probes: ['sync-ran'] }, cooldown: 'PT12H' })
 */
export function scheduledTaskRun(props: ScheduledTaskRunProps): ScheduledTaskRunStep {
  return Object.freeze({ kind: 'scheduledTaskRun', ...props });
}

export const scheduledTaskRunRoom: StepRoom<ScheduledTaskRunStep> = {
  kind: 'scheduledTaskRun',
  category: 'action',
  script: 'tasks/scheduled-task-run.ps1',
  setScript: 'tasks/scheduled-task-run-set.ps1',
  functions: { test: 'Test-RgScheduledTaskRun', set: 'Start-RgScheduledTaskRun' },
  runtime: ['task-read.ps1'],
  setRuntime: ['tasks.ps1'],
  // Start-ScheduledTask on a task of another principal needs an administrator.
  contextOf: () => 'system',
  check: checkRunWindow,
  toData: runWindowData,
  title: (step) => `Scheduled task ${step.taskPath}${step.taskName} run when it has not run within ${step.withinHours} h`,
  explain: (step) => ({
    detects: `${runWindowWords(step)}, ${gateWords(step.gate)}`,
    changes: `starts ${taskWords(step)} (at most once per ${durationWords(step.cooldown)}), then reads its last run again to verify`,
  }),
};
