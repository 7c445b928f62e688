/** What the process rooms share: which processes, and the rules for them. Defines no room. */
import type { StepIssue } from '../room.ts';

/** Processes of one name. */
export interface ProcessMatch {
  /**
   * The process name as Task Manager's Details tab shows it, without `.exe`, e.g. `Teams`; no wildcard.
   * @maxLength 260
   * @example "Teams"
   */
  readonly processName: string;
  /**
   * `session`: only processes in the script's own logon session (a user-context script sees its user's);
   * `any`: every session's (system context, e.g. a process of any signed-in user).
   * @default "session"
   */
  readonly scope?: 'session' | 'any';
}

export function checkProcessMatch(step: ProcessMatch, issue: StepIssue): void {
  const name = step.processName;
  if (typeof name !== 'string' || name.trim() === '' || /[\\/*?:"<>|]/.test(name)) {
    issue(['processName'], `process name ${JSON.stringify(name)} is not one process name: write the name Task Manager shows without folder or wildcard, e.g. 'Teams'`);
  } else if (/\.exe$/i.test(name)) {
    issue(['processName'], `process name ${JSON.stringify(name)} ends in .exe: write it without, e.g. ${JSON.stringify(name.slice(0, -4))}`);
  }
}

export const processMatchData = (step: ProcessMatch): { ProcessName: string; AnySession: boolean } => ({ ProcessName: step.processName, AnySession: step.scope === 'any' });

export const processWords = (step: ProcessMatch): string => `${step.processName}.exe ${step.scope === 'any' ? 'in any session' : "in the script's session"}`;
