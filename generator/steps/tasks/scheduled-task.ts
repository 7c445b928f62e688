import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkTaskLocation, taskLocationData, taskWords, type TaskLocation } from './task-common.ts';

/** Props of {@link scheduledTask}. */
export interface ScheduledTaskProps extends StepBase, TaskLocation {
  /** Whether the task should be enabled or disabled. */
  readonly state: 'enabled' | 'disabled';
  /**
   * What a task that is not registered means: `nonCompliant` (the step fails, naming it) or `notApplicable`
   * (the step passes; e.g. a vendor task on devices without the vendor's software). remgen never creates tasks.
   * @default "nonCompliant"
   */
  readonly ifMissing?: 'nonCompliant' | 'notApplicable';
}

/**
 * A setting (system context): a registered scheduled task is enabled or disabled (the ScheduledTasks module,
 * Windows 8 and later, through seams).
 */
export interface ScheduledTaskStep extends ScheduledTaskProps {
  readonly kind: 'scheduledTask';
}

/**
 * A scheduled task enabled or disabled.
 * @example
 * scheduledTask({ id: 'onedrive-reporting-off', taskPath: '\\', taskName: 'OneDrive Reporting Task', state: 'disabled' })
 */
export function scheduledTask(props: ScheduledTaskProps): ScheduledTaskStep {
  return Object.freeze({ kind: 'scheduledTask', ...props });
}

export const scheduledTaskRoom: StepRoom<ScheduledTaskStep> = {
  kind: 'scheduledTask',
  category: 'setting',
  script: 'tasks/scheduled-task.ps1',
  setScript: 'tasks/scheduled-task-set.ps1',
  functions: { test: 'Test-RgScheduledTaskState', set: 'Set-RgScheduledTaskState' },
  runtime: ['task-read.ps1'],
  setRuntime: ['task-write.ps1'],
  // Enabling or disabling a task registered for all users needs an administrator: SYSTEM.
  contextOf: () => 'system',
  check(step, issue) {
    checkTaskLocation(step, issue);
  },
  toData: (step) => ({
    ...taskLocationData(step),
    Want: step.state === 'enabled' ? 'Enabled' : 'Disabled',
    IfMissing: step.ifMissing === 'notApplicable' ? 'NotApplicable' : 'NonCompliant',
  }),
  title: (step) => `Scheduled task ${step.taskPath}${step.taskName} ${step.state}`,
  explain: (step) => ({
    detects: `${taskWords(step)} is ${step.state}${step.ifMissing === 'notApplicable' ? ' (a device without the task passes)' : ' (a device without the task fails)'}`,
    changes: `${step.state === 'enabled' ? 'enables' : 'disables'} the task; a missing task is never created`,
  }),
};
