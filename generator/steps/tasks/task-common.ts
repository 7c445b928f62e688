/** What the scheduled-task rooms share: where a task is, and the rules for it. Defines no room. */
import type { StepIssue } from '../room.ts';

/** Where a registered scheduled task is. */
export interface TaskLocation {
  /**
   * The task's folder as Task Scheduler shows it, with a leading and a trailing backslash; `\` is the root.
   * @pattern ^\\(.+\\)?$
   * @maxLength 260
   * @example "\\Microsoft\\Windows\\Workplace Join\\"
   */
  readonly taskPath: string;
  /**
   * The task's name (no wildcard).
   * @maxLength 238
   * @example "Automatic-Device-Join"
   */
  readonly taskName: string;
}

const BAD_NAME = /[\\/:*?"<>|]/;

export function checkTaskLocation(step: TaskLocation, issue: StepIssue): void {
  const path = step.taskPath;
  if (typeof path !== 'string' || !path.startsWith('\\') || !path.endsWith('\\') || path.includes('\\\\') || /[*?]/.test(path)) {
    issue(['taskPath'], `task path ${JSON.stringify(path)} is not a Task Scheduler folder: write it with a leading and a trailing backslash and no wildcard, e.g. '\\Microsoft\\Windows\\Workplace Join\\' ('\\' for the root)`);
  }
  const name = step.taskName;
  if (typeof name !== 'string' || name.trim() === '' || BAD_NAME.test(name)) {
    issue(['taskName'], `task name ${JSON.stringify(name)} is not one task's name: no wildcard, no backslash (put the folder in taskPath)`);
  }
}

export const taskLocationData = (step: TaskLocation): { TaskPath: string; TaskName: string } => ({ TaskPath: step.taskPath, TaskName: step.taskName });

export const taskWords = (step: TaskLocation): string => `the scheduled task ${step.taskPath}${step.taskName}`;

/** Props of the rooms that look at a task's last run (the scheduledTaskRan probe, the scheduledTaskRun action). */
export interface TaskRunWindow extends TaskLocation {
  /**
   * The task must have run within this many hours (Task Scheduler's last run time).
   * @minimum 1
   * @maximum 8760
   * @example 24
   */
  readonly withinHours: number;
  /**
   * Last run results that count as success (0 is "The operation completed successfully"); absent: any
   * result, only the time counts.
   * @example [0]
   */
  readonly successResults?: readonly number[];
}

export function checkRunWindow(step: TaskRunWindow, issue: StepIssue): void {
  checkTaskLocation(step, issue);
  if (!Number.isInteger(step.withinHours) || step.withinHours < 1 || step.withinHours > 8760) {
    issue(['withinHours'], `withinHours ${JSON.stringify(step.withinHours)} must be a whole number of hours from 1 to 8760 (a year)`);
  }
  (step.successResults ?? []).forEach((result, index) => {
    if (!Number.isInteger(result) || result < -2147483648 || result > 4294967295) {
      issue(['successResults', index], `result ${JSON.stringify(result)} is not a task result code: use a whole number such as 0`);
    }
  });
}

export const runWindowData = (step: TaskRunWindow): { TaskPath: string; TaskName: string; WithinHours: number; SuccessResults: number[] } => ({
  ...taskLocationData(step), WithinHours: step.withinHours, SuccessResults: [...(step.successResults ?? [])],
});

export const runWindowWords = (step: TaskRunWindow): string =>
  `${taskWords(step)} ran within the last ${step.withinHours} hour${step.withinHours === 1 ? '' : 's'}${step.successResults?.length ? ` and its last result was ${step.successResults.join(' or ')}` : ''}`;
