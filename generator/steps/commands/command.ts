import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkProgramCall, programCallData, programWords, type ProgramCall } from './command-common.ts';

/** Props of {@link command}. */
export interface CommandProps extends StepBase, ProgramCall {
  /**
   * A .NET regular expression its standard output (the lines joined with line feeds) must match, e.g.
   * `Source: time\\.windows\\.com`; absent: the exit code alone decides.
   * @maxLength 1000
   */
  readonly stdoutPattern?: string;
}

/**
 * A probe: runs a read-only program (Invoke-RgNativeCommand: the program and its arguments, no shell) and
 * passes when it exits with a success code (and its output matches `stdoutPattern`). The program must not
 * change the device: detection runs it on every check.
 */
export interface CommandStep extends CommandProps {
  readonly kind: 'command';
}

/**
 * A program's exit code and output as a check.
 * @example
 * command({ id: 'time-source', program: 'w32tm.exe', arguments: ['/query', '/source'], stdoutPattern: 'time\\.windows\\.com' })
 */
export function command(props: CommandProps): CommandStep {
  return Object.freeze({ kind: 'command', ...props });
}

export const commandRoom: StepRoom<CommandStep> = {
  kind: 'command',
  category: 'probe',
  script: 'commands/command.ps1',
  functions: { test: 'Test-RgCommand' },
  runtime: ['command.ps1', 'file.ps1'],
  // What the program needs is the admin's to say: the remediation's context.
  contextOf: () => 'any',
  check(step, issue) {
    checkProgramCall(step, issue);
    if (step.stdoutPattern !== undefined) {
      try {
        new RegExp(step.stdoutPattern);
      } catch (error) {
        issue(['stdoutPattern'], `stdoutPattern is not a regular expression: ${(error as Error).message}`);
      }
    }
  },
  toData: (step) => ({ ...programCallData(step), StdoutPattern: step.stdoutPattern ?? '' }),
  title: (step) => `Command ${step.program} succeeds`,
  explain: (step) => ({
    detects: `${programWords(step)} exits with ${(step.successExitCodes ?? [0]).join(' or ')}${step.stdoutPattern ? ` and its output matches /${step.stdoutPattern}/` : ''}`,
    changes: 'nothing (a probe; the program is run on every check)',
  }),
};
