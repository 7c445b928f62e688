import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';
import { checkProcessMatch } from './process-common.ts';

/** Props of {@link processStart}. */
export interface ProcessStartProps extends ActionStepBase {
  /**
   * The program: an absolute path to an .exe, which may start with an environment variable the script
   * expands on the device (`%ProgramFiles%\\Contoso\\Tray\\ContosoTray.exe`, `%LOCALAPPDATA%\\...` for a
   * user's own install). Never looked up on PATH, never a shell.
   * @maxLength 260
   * @example "%ProgramFiles%\\Contoso\\Tray\\ContosoTray.exe"
   */
  readonly program: string;
  /**
   * Its arguments, one item each; each is quoted as the program's C runtime splits it back, so spaces and
   * quotes need no escaping.
   * @example ["/background"]
   */
  readonly arguments?: readonly string[];
  /**
   * The name its process has (Task Manager's Details tab, without `.exe`).
   * @default the program's file name without `.exe`
   */
  readonly processName?: string;
  /**
   * Who runs it: `user`, the signed-in user in their session (a user-context package); `system`, the
   * SYSTEM account in session 0 (a system-context package; a tray agent started so shows no icon to anyone).
   * @default "user"
   */
  readonly runAs?: 'user' | 'system';
  /**
   * How long to wait, in seconds, for its process to be seen after the start; none by then fails the step.
   * @minimum 0
   * @maximum 300
   * @default 30
   */
  readonly waitSeconds?: number;
}

/**
 * An action: starts a program (not waited for) when its gate probes report the symptom, e.g. a tray agent
 * that is not running, at most once per cooldown; verified by reading the processes again.
 */
export interface ProcessStartStep extends ProcessStartProps {
  readonly kind: 'processStart';
}

/**
 * Start a program.
 * @example
 * processStart({ id: 'start-tray', program: '%ProgramFiles%\\Contoso\\Tray\\ContosoTray.exe', gate: { probes: ['tray-running'] }, cooldown: 'PT1H' })
 */
export function processStart(props: ProcessStartProps): ProcessStartStep {
  return Object.freeze({ kind: 'processStart', ...props });
}

const ABSOLUTE_EXE = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+\\|%[A-Za-z0-9_()]+%\\)[^*?"<>|]+\.exe$/i;
const SHELLS = /^(cmd|powershell|pwsh|wscript|cscript|mshta|rundll32|bash|wsl)\.exe$/i;
const USER_VARIABLES = /%(APPDATA|LOCALAPPDATA|USERPROFILE|HOMEPATH|OneDrive|TEMP|TMP)%/i;

const leafName = (program: string): string => (program.split('\\').pop() ?? '').replace(/\.exe$/i, '');
const nameOf = (step: ProcessStartProps): string => step.processName ?? leafName(step.program);
const runAs = (step: ProcessStartProps): 'user' | 'system' => step.runAs ?? 'user';
const commandWords = (step: ProcessStartProps): string =>
  [step.program, ...(step.arguments ?? []).map((a) => (/\s/.test(a) || a === '' ? JSON.stringify(a) : a))].join(' ');

function check(step: ProcessStartStep, issue: StepIssue): void {
  const program = step.program;
  if (typeof program !== 'string' || !ABSOLUTE_EXE.test(program)) {
    issue(['program'], `program ${JSON.stringify(program)} is not an absolute path to an .exe: write it in full, e.g. '%ProgramFiles%\\Contoso\\Tray\\ContosoTray.exe' (a name is never looked up on PATH)`);
  } else {
    if (SHELLS.test(program.split('\\').pop()!)) {
      issue(['program'], `program ${JSON.stringify(program)} is a shell or script host: a command line through it is parsed again (quoting, injection). Start the program itself with its arguments as a list`);
    }
    if (runAs(step) === 'system' && USER_VARIABLES.test(program)) {
      issue(['program'], `program ${JSON.stringify(program)} uses a user's folder variable, but runAs is system: as SYSTEM it expands to SYSTEM's own profile. Use runAs 'user', or a machine-wide path`);
    }
  }
  (step.arguments ?? []).forEach((argument, index) => {
    if (typeof argument !== 'string' || /[\r\n\0]/.test(argument)) issue(['arguments', index], `argument ${JSON.stringify(argument)} must be a string without line breaks`);
  });
  if (step.processName !== undefined) checkProcessMatch({ processName: step.processName }, issue);
  const wait = step.waitSeconds;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0 || wait > 300)) {
    issue(['waitSeconds'], `waitSeconds ${JSON.stringify(wait)} must be a whole number of seconds from 0 to 300`);
  }
}

export const processStartRoom: StepRoom<ProcessStartStep> = {
  kind: 'processStart',
  category: 'action',
  script: 'processes/process-start.ps1',
  setScript: 'processes/process-start-set.ps1',
  functions: { test: 'Test-RgProcessStarted', set: 'Start-RgProcessNow' },
  runtime: ['process.ps1', 'file.ps1'],
  setRuntime: ['process-write.ps1'],
  // Start-RgProcess starts the program as the script's account in the script's session: the context decides who.
  contextOf: (step) => runAs(step),
  check,
  toData: (step) => ({ Program: step.program, Arguments: [...(step.arguments ?? [])], ProcessName: nameOf(step), WaitSeconds: step.waitSeconds ?? 30 }),
  title: (step) => `${nameOf(step)} started when the symptom is seen`,
  explain: (step) => ({
    detects: `${nameOf(step)}.exe is not running ${runAs(step) === 'system' ? 'as SYSTEM' : "in the user's session"}, ${gateWords(step.gate)}`,
    changes: `starts ${commandWords(step)} ${runAs(step) === 'system' ? 'as SYSTEM' : 'as the signed-in user'} (at most once per ${durationWords(step.cooldown)}; nothing is started while it already runs), then waits up to ${step.waitSeconds ?? 30} s for ${nameOf(step)}.exe to be seen to verify`,
  }),
};
