import type { StepBase } from '../../model/step.ts';
import type { StepContext, StepIssue, StepRoom } from '../room.ts';

/** Props of {@link fileLine}. */
export interface FileLineProps extends StepBase {
  /**
   * The text file's full path; it may start with an environment variable the script expands on the device
   * (`%ProgramData%`, `%APPDATA%`, `%ProgramFiles%`, ...). No wildcard.
   * @maxLength 260
   * @example "%ProgramData%\\Contoso\\Agent\\agent.ini"
   */
  readonly path: string;
  /**
   * The whole line, without its line break, compared exactly (case and spaces), e.g. `Server=agent.contoso.com`.
   * Needed for `present`; for `absent` give it or `match`.
   * @maxLength 4096
   */
  readonly line?: string;
  /**
   * A .NET regular expression for the line(s) `line` replaces (ini/conf style: `^Server\s*=`): the first
   * matching line becomes `line` and later matching ones are dropped; with `absent`, every matching line is
   * removed. Case-sensitive unless it starts with `(?i)`. It must not match every line.
   * @example "^Server\\s*="
   */
  readonly match?: string;
  /**
   * Where a missing line goes: after the first line matching this .NET regular expression (an ini section
   * header such as `^\[Agent\]$`); without it the line is appended at the end. When nothing matches, the step
   * fails and writes nothing.
   * @example "^\\[Agent\\]\\s*$"
   */
  readonly after?: string;
  /**
   * Whether the line should be in the file.
   * @default "present"
   */
  readonly state?: 'present' | 'absent';
  /**
   * The encoding of a file the step creates. An existing file keeps its own (a UTF-8 or UTF-16 LE BOM, UTF-8
   * without one, else the ANSI code page), its line endings and its other lines.
   * @default "utf8"
   */
  readonly newFileEncoding?: 'utf8' | 'utf8bom' | 'utf16le' | 'ansi';
}

/**
 * A setting: a line present in a text file (replacing the line(s) a regex matches, or inserted) or absent.
 * Context: user for a path under the user's profile variables, else system.
 */
export interface FileLineStep extends FileLineProps {
  readonly kind: 'fileLine';
}

/**
 * A line in a text file.
 * @example
 * fileLine({ id: 'agent-server', path: '%ProgramData%\\Contoso\\Agent\\agent.ini', match: '^Server\\s*=', line: 'Server=agent.contoso.com', after: '^\\[Agent\\]\\s*$' })
 */
export function fileLine(props: FileLineProps): FileLineStep {
  return Object.freeze({ kind: 'fileLine', ...props });
}

const USER_VARIABLES = /^%(APPDATA|LOCALAPPDATA|USERPROFILE|TEMP|TMP|HOMEPATH|OneDrive)%/i;
const ABSOLUTE = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+\\|%[A-Za-z0-9_()]+%\\)/;
/** The Windows folder: remgen does not change the OS's own files. */
const SYSTEM = /^([A-Za-z]:\\Windows\\|%(SystemRoot|windir)%\\)/i;
/** Lines of every kind an ini or conf file has: a pattern matching all of them matches every line. */
const SAMPLE_LINES = ['', ' ', 'x', '[Agent]', 'Server=agent.contoso.com', '; a comment', '# a comment', 'LogLevel = 3'];

const state = (step: FileLineProps): 'present' | 'absent' => step.state ?? 'present';

/** The pattern as JavaScript compiles it: .NET's leading inline `(?i)` becomes the `i` flag. Else the error. */
function compile(pattern: string): RegExp | string {
  const insensitive = pattern.startsWith('(?i)');
  try {
    return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
  } catch (error) {
    return (error as Error).message;
  }
}

function check(step: FileLineStep, issue: StepIssue): void {
  const path = step.path;
  if (typeof path !== 'string' || !ABSOLUTE.test(path)) {
    issue(['path'], `path ${JSON.stringify(path)} is not a full path: start it with a drive (C:\\), a share (\\\\server\\share\\) or a variable (%ProgramData%\\)`);
  } else if (/[*?]/.test(path)) {
    issue(['path'], `path ${JSON.stringify(path)} has a wildcard: a fileLine step is about one file; name it exactly`);
  } else if (SYSTEM.test(path)) {
    issue(['path'], `path ${JSON.stringify(path)} is in the Windows folder: remgen does not change the system's own files; use a registry or service step instead`);
  }
  if (step.line !== undefined && (typeof step.line !== 'string' || /[\r\n\0]/.test(step.line))) {
    issue(['line'], `line ${JSON.stringify(step.line)} must be one line: no line breaks`);
  }
  if (state(step) === 'present' && step.line === undefined) issue(['line'], 'state present needs the line to put in the file: add line');
  if (state(step) === 'absent' && step.line === undefined && step.match === undefined) issue(['line'], 'state absent needs line (the exact line) or match (a pattern) to remove');
  if (state(step) === 'absent' && step.line !== undefined && step.match !== undefined) {
    issue(['match'], 'state absent with both line and match: give the exact line or the pattern, not both');
  }
  if (state(step) === 'absent' && step.after !== undefined) issue(['after'], 'after places a line that is added: it has no meaning with state absent; remove it');
  for (const key of ['match', 'after'] as const) {
    const pattern = step[key];
    if (pattern === undefined) continue;
    const regex = typeof pattern === 'string' ? compile(pattern) : 'not a string';
    if (typeof regex === 'string') {
      issue([key], `${key} ${JSON.stringify(pattern)} is not a regular expression: ${regex}`);
    } else if (SAMPLE_LINES.every((sample) => regex.test(sample))) {
      issue([key], `${key} ${JSON.stringify(pattern)} matches every line: it would ${key === 'match' ? (state(step) === 'absent' ? 'empty the file' : 'replace the whole file with one line') : 'say nothing about where the line goes'}; anchor it to what the line starts with, e.g. '^Server\\s*='`);
    } else if (key === 'match' && state(step) === 'present' && typeof step.line === 'string' && !regex.test(step.line)) {
      issue(['match'], `match ${JSON.stringify(pattern)} does not match the line ${JSON.stringify(step.line)}: the line replaces the lines the pattern finds, so it must be one of them`);
    }
  }
}

function describe(step: FileLineProps): string {
  if (state(step) === 'absent') return step.match !== undefined ? `${step.path} has no line matching ${step.match}` : `${step.path} has no line ${step.line}`;
  return step.match !== undefined ? `${step.path} has the line ${step.line} (in place of lines matching ${step.match})` : `${step.path} has the line ${step.line}`;
}

export const fileLineRoom: StepRoom<FileLineStep> = {
  kind: 'fileLine',
  category: 'setting',
  script: 'files/file-line.ps1',
  setScript: 'files/file-line-set.ps1',
  functions: { test: 'Test-RgFileLine', set: 'Set-RgFileLine' },
  runtime: ['file.ps1', 'text-file.ps1'],
  setRuntime: ['text-file-write.ps1'],
  contextOf: (step): StepContext => (USER_VARIABLES.test(step.path) ? 'user' : 'system'),
  check,
  toData: (step) => ({
    Path: step.path,
    Want: state(step) === 'absent' ? 'Absent' : 'Present',
    Line: step.line ?? '',
    Match: step.match ?? '',
    After: step.after ?? '',
    NewEncoding: step.newFileEncoding ?? 'utf8',
  }),
  title: describe,
  explain: (step) => ({
    detects: describe(step),
    changes: state(step) === 'absent'
      ? `removes ${step.match !== undefined ? `every line matching ${step.match}` : `every line ${step.line}`}, keeping the other lines, the file's encoding and its line endings`
      : `${step.match !== undefined ? `replaces the first line matching ${step.match} with ${step.line} (dropping later matches); when none matches, ` : ''}${step.after !== undefined ? `puts ${step.line} after the first line matching ${step.after}` : `appends ${step.line}`}; keeps the other lines, the file's encoding and its line endings (a missing file is created, ${step.newFileEncoding ?? 'utf8'})`,
  }),
};
