import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';

/** Props of {@link shortcut}. */
export interface ShortcutProps extends StepBase {
  /**
   * The shortcut's name as the desktop shows it, without `.lnk`, e.g. `Contoso Portal`.
   * @maxLength 200
   * @example "Contoso Portal"
   */
  readonly name: string;
  /**
   * Whose desktop: `allUsers`, every user's (`%PUBLIC%\\Desktop`, a system-context package); `user`, the
   * signed-in user's own (wherever it is redirected, e.g. to OneDrive; a user-context package).
   * @default "allUsers"
   */
  readonly desktop?: 'allUsers' | 'user';
  /**
   * Whether the shortcut should be there.
   * @default "present"
   */
  readonly state?: 'present' | 'absent';
  /**
   * What it opens: an absolute path, which may start with an environment variable
   * (`%ProgramFiles%\\Contoso\\Portal\\Portal.exe`). No arguments here: they go in `arguments`.
   * Needed for `present`.
   * @maxLength 260
   * @example "%ProgramFiles%\\Contoso\\Portal\\Portal.exe"
   */
  readonly target?: string;
  /**
   * Its arguments as one string, as the shortcut holds them (quote an argument with spaces yourself).
   * Compared exactly; absent means none.
   * @maxLength 1024
   * @example "--profile work"
   */
  readonly arguments?: string;
  /** The folder it starts in (absolute, variables allowed); not compared when absent. */
  readonly workingDirectory?: string;
  /**
   * Its icon: a file, optionally with `,index` (`%ProgramFiles%\\Contoso\\Portal\\Portal.exe,0`); not compared when absent.
   * @example "%ProgramFiles%\\Contoso\\Portal\\Portal.exe,0"
   */
  readonly icon?: string;
  /**
   * Its tooltip (the shortcut's Comment); not compared when absent.
   * @maxLength 259
   */
  readonly description?: string;
}

/**
 * A setting: a shortcut (.lnk) on every user's desktop or the user's own, present with the wanted target,
 * arguments, working folder, icon and description, or absent; read and written through the WScript.Shell COM
 * object. Context: system for every user's desktop, user for the user's.
 */
export interface ShortcutStep extends ShortcutProps {
  readonly kind: 'shortcut';
}

/**
 * A desktop shortcut.
 * @example
 * shortcut({ id: 'portal-shortcut', name: 'Contoso Portal', target: '%ProgramFiles%\\Contoso\\Portal\\Portal.exe', arguments: '--profile work' })
 */
export function shortcut(props: ShortcutProps): ShortcutStep {
  return Object.freeze({ kind: 'shortcut', ...props });
}

const ABSOLUTE = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+\\|%[A-Za-z0-9_()]+%\\)[^*?"<>|]*$/;
const USER_VARIABLES = /%(APPDATA|LOCALAPPDATA|USERPROFILE|HOMEPATH|OneDrive|TEMP|TMP)%/i;
const desktop = (step: ShortcutProps): 'allUsers' | 'user' => step.desktop ?? 'allUsers';
const state = (step: ShortcutProps): 'present' | 'absent' => step.state ?? 'present';
const where = (step: ShortcutProps): string => `${desktop(step) === 'allUsers' ? "every user's desktop (%PUBLIC%\\Desktop)" : "the user's desktop"}`;
/** An icon as WScript.Shell reads it back: `path,index`. */
const iconLocation = (icon: string | undefined): string => (icon === undefined ? '' : /,-?\d+$/.test(icon) ? icon : `${icon},0`);

function checkPath(step: ShortcutStep, key: 'target' | 'workingDirectory' | 'icon', issue: StepIssue): void {
  const value = step[key];
  if (value === undefined) return;
  const path = key === 'icon' && typeof value === 'string' ? value.replace(/,-?\d+$/, '') : value;
  if (typeof path !== 'string' || !ABSOLUTE.test(path)) {
    const hint = key === 'target' && typeof path === 'string' && /["]|\s\/|\s-/.test(path) ? ' (arguments go in arguments, not in the target)' : '';
    issue([key], `${key} ${JSON.stringify(value)} is not an absolute path: start it with a drive (C:\\), a share (\\\\server\\share\\) or a variable (%ProgramFiles%\\)${hint}`);
  } else if (desktop(step) === 'allUsers' && USER_VARIABLES.test(path)) {
    issue([key], `${key} ${JSON.stringify(value)} uses a user's folder variable on every user's desktop: as SYSTEM it expands to SYSTEM's own profile. Use desktop 'user', or a machine-wide path`);
  }
}

function check(step: ShortcutStep, issue: StepIssue): void {
  if (typeof step.name !== 'string' || step.name.trim() === '' || /[\\/:*?"<>|]/.test(step.name)) {
    issue(['name'], `name ${JSON.stringify(step.name)} is not a file name: write the name the desktop shows, without a folder or any of \\ / : * ? " < > |`);
  } else if (/\.lnk$/i.test(step.name)) {
    issue(['name'], `name ${JSON.stringify(step.name)} ends in .lnk: write it without, e.g. ${JSON.stringify(step.name.slice(0, -4))}`);
  }
  if (state(step) === 'present' && step.target === undefined) issue(['target'], 'a present shortcut needs a target: add target (the absolute path it opens)');
  if (state(step) === 'absent' && (step.target ?? step.arguments ?? step.workingDirectory ?? step.icon ?? step.description) !== undefined) {
    issue(['state'], 'state absent with target or other properties: a shortcut that must be absent holds nothing; keep only name and desktop');
  }
  checkPath(step, 'target', issue);
  checkPath(step, 'workingDirectory', issue);
  checkPath(step, 'icon', issue);
  for (const key of ['arguments', 'description'] as const) {
    const value = step[key];
    if (value !== undefined && (typeof value !== 'string' || /[\r\n\0]/.test(value))) issue([key], `${key} ${JSON.stringify(value)} must be one line of text`);
  }
}

function describe(step: ShortcutProps): string {
  if (state(step) === 'absent') return `no shortcut ${step.name} on ${where(step)}`;
  const extras = [
    step.workingDirectory !== undefined ? `starting in ${step.workingDirectory}` : '',
    step.icon !== undefined ? `icon ${iconLocation(step.icon)}` : '',
    step.description !== undefined ? `description ${JSON.stringify(step.description)}` : '',
  ].filter(Boolean);
  return `shortcut ${step.name} on ${where(step)} opens ${step.target}${step.arguments ? ` ${step.arguments}` : ' with no arguments'}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

export const shortcutRoom: StepRoom<ShortcutStep> = {
  kind: 'shortcut',
  category: 'setting',
  script: 'files/shortcut.ps1',
  setScript: 'files/shortcut-set.ps1',
  functions: { test: 'Test-RgShortcut', set: 'Set-RgShortcutState' },
  runtime: ['file.ps1', 'shortcut.ps1'],
  setRuntime: ['shortcut-write.ps1', 'file-write.ps1'],
  contextOf: (step) => (desktop(step) === 'allUsers' ? 'system' : 'user'),
  check,
  toData: (step) => ({
    Folder: desktop(step) === 'allUsers' ? 'CommonDesktopDirectory' : 'DesktopDirectory',
    Name: step.name,
    Want: state(step) === 'absent' ? 'Absent' : 'Present',
    TargetPath: step.target ?? '',
    Arguments: step.arguments ?? '',
    WorkingDirectory: step.workingDirectory ?? '',
    IconLocation: iconLocation(step.icon),
    Description: step.description ?? '',
  }),
  title: describe,
  explain: (step) => ({
    detects: describe(step),
    changes: state(step) === 'absent' ? `deletes ${step.name}.lnk from ${where(step)}`
      : `creates ${step.name}.lnk on ${where(step)}, or corrects the one there (WScript.Shell's CreateShortcut and Save), with these properties; properties not given are left as they are`,
  }),
};
