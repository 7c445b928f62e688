/** What the command rooms share: a program and its arguments, and the rules for them. Defines no room. */
import type { StepIssue } from '../room.ts';

/** A program run directly (never through `cmd /c` or a shell string), with its arguments. */
export interface ProgramCall {
  /**
   * The program: an absolute path, which may start with an environment variable (`%ProgramFiles%\\Contoso\\
   * agent.exe`), or the file name of a program in System32 (`w32tm.exe`), which is run from
   * `%SystemRoot%\\System32`.
   * @maxLength 260
   * @example "w32tm.exe"
   */
  readonly program: string;
  /**
   * Its arguments, one item each; each is quoted as the program's C runtime splits it back, so spaces and
   * quotes need no escaping.
   * @example ["/query", "/status"]
   */
  readonly arguments?: readonly string[];
  /**
   * How long the program may run, in seconds; one still running then is ended and counts as failed.
   * @minimum 1
   * @maximum 3600
   * @default 60
   */
  readonly timeoutSeconds?: number;
  /**
   * Exit codes that mean success.
   * @default [0]
   */
  readonly successExitCodes?: readonly number[];
}

const SYSTEM32_NAME = /^[A-Za-z0-9_.-]+\.(exe|com)$/i;
const ABSOLUTE = /^([A-Za-z]:\\|%[A-Za-z0-9_()]+%\\)[^*?"<>|]+\.(exe|com)$/i;
const SHELLS = /^(cmd|command|powershell|pwsh|wscript|cscript|bash|wsl)(\.exe|\.com)?$/i;

export function checkProgramCall(step: ProgramCall, issue: StepIssue): void {
  const program = step.program;
  const leaf = typeof program === 'string' ? program.split('\\').pop()! : '';
  if (typeof program !== 'string' || !(SYSTEM32_NAME.test(program) || ABSOLUTE.test(program))) {
    issue(['program'], `program ${JSON.stringify(program)} is neither an absolute path to an .exe (e.g. '%ProgramFiles%\\Contoso\\agent.exe') nor the name of a System32 program (e.g. 'w32tm.exe'); a name is never looked up on PATH`);
  } else if (SHELLS.test(leaf)) {
    issue(['program'], `program ${JSON.stringify(program)} is a shell: a command line through it is a string to be parsed again (quoting, injection). Run the program itself with its arguments as a list`);
  }
  (step.arguments ?? []).forEach((argument, index) => {
    if (typeof argument !== 'string' || /[\r\n\0]/.test(argument)) issue(['arguments', index], `argument ${JSON.stringify(argument)} must be a string without line breaks`);
  });
  const timeout = step.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600)) {
    issue(['timeoutSeconds'], `timeoutSeconds ${JSON.stringify(timeout)} must be a whole number of seconds from 1 to 3600`);
  }
  (step.successExitCodes ?? []).forEach((code, index) => {
    if (!Number.isInteger(code) || code < -2147483648 || code > 4294967295) issue(['successExitCodes', index], `exit code ${JSON.stringify(code)} is not an exit code: use a whole number such as 0`);
  });
}

export const programCallData = (step: ProgramCall): { Program: string; Arguments: string[]; TimeoutSeconds: number; SuccessExitCodes: number[] } => ({
  Program: step.program, Arguments: [...(step.arguments ?? [])], TimeoutSeconds: step.timeoutSeconds ?? 60, SuccessExitCodes: [...(step.successExitCodes ?? [0])],
});

export const programWords = (step: ProgramCall): string => [step.program, ...(step.arguments ?? []).map((a) => (/\s/.test(a) || a === '' ? JSON.stringify(a) : a))].join(' ');
