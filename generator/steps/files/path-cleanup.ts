import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepContext, StepIssue, StepRoom } from '../room.ts';
import { checkProfiles, everyProfile, PROFILE_RUNTIME, profileData, profileWords, type ProfileScopeProps } from '../profiles.ts';

/** Props of {@link pathCleanup}. */
export interface PathCleanupProps extends ActionStepBase, ProfileScopeProps {
  /**
   * Folders to clean, full paths that may start with an environment variable (`%LOCALAPPDATA%\\Microsoft\\Teams\\
   * Cache`). Variables of the user (`%APPDATA%`, `%LOCALAPPDATA%`, `%USERPROFILE%`, `%TEMP%`) make a user-context
   * step: the signed-in user's folders; with `profiles: 'all'` (or `'allSignedOut'`) those folders in every user's
   * profile, from SYSTEM.
   * @minItems 1
   * @maxItems 16
   */
  readonly folders: readonly string[];
  /**
   * File name patterns (`*` and `?`) of the files to delete, in the folders and below them.
   * @default ["*"]
   * @example ["*.tmp", "*.log"]
   */
  readonly include?: readonly string[];
  /**
   * Only files last written at least this many days ago.
   * @minimum 0
   * @maximum 3650
   * @default 0
   */
  readonly minAgeDays?: number;
  /**
   * When the cleanup is needed: `always` (whenever the gate reports the symptom), `notEmpty` (a matching file
   * is there) or `largerThan` (the matching files together exceed `largerThanMB`).
   * @default "notEmpty"
   */
  readonly trigger?: 'always' | 'notEmpty' | 'largerThan';
  /** With `trigger: 'largerThan'`: the size in MB (1 MB = 1,048,576 bytes) above which it is needed. @minimum 1 */
  readonly largerThanMB?: number;
  /**
   * `delete`: the matching files are deleted (a file in use is left and counted); `rename`: each folder is renamed
   * to `<folder>.old` (an earlier `.old` deleted first), for caches an app rebuilds; no include or age then.
   * @default "delete"
   */
  readonly mode?: 'delete' | 'rename';
  /** Services (by service name) stopped before the cleanup and started again after it, if they were running. */
  readonly stopServices?: readonly string[];
  /** Processes (names without .exe, this session) ended before the cleanup and started again after it from where they ran. */
  readonly stopProcesses?: readonly string[];
}

/**
 * An action: deletes files in folders (or renames the folders to `.old`), with services and processes stopped
 * around it and started again, when its gate reports the symptom (and the trigger holds), at most once per
 * cooldown. The summary says how much it freed; the folders read again verify it.
 */
export interface PathCleanupStep extends PathCleanupProps {
  readonly kind: 'pathCleanup';
}

/**
 * Clean folders.
 * @example
 * pathCleanup({ id: 'clear-spool', folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'], stopServices: ['Spooler'], gate: { probes: ['spooler-ok'] }, cooldown: 'PT1H' })
 */
export function pathCleanup(props: PathCleanupProps): PathCleanupStep {
  return Object.freeze({ kind: 'pathCleanup', ...props });
}

const USER_VARIABLES = /^%(APPDATA|LOCALAPPDATA|USERPROFILE|TEMP|TMP)%/i;
const ABSOLUTE = /^([A-Za-z]:\\|%[A-Za-z0-9_()]+%\\?)/;

/** The folder written with the usual variables replaced by their usual places, lower case, no trailing backslash. */
function canonical(folder: string): string {
  const user = 'c:\\users\\<user>';
  const map: Record<string, string> = {
    systemroot: 'c:\\windows', windir: 'c:\\windows', systemdrive: 'c:', programfiles: 'c:\\program files', 'programfiles(x86)': 'c:\\program files (x86)',
    programw6432: 'c:\\program files', commonprogramfiles: 'c:\\program files\\common files', programdata: 'c:\\programdata', allusersprofile: 'c:\\programdata',
    public: 'c:\\users\\public', userprofile: user, appdata: `${user}\\appdata\\roaming`, localappdata: `${user}\\appdata\\local`, temp: `${user}\\appdata\\local\\temp`, tmp: `${user}\\appdata\\local\\temp`,
  };
  const text = folder.replace(/^%([A-Za-z0-9_()]+)%/, (whole, name: string) => map[name.toLowerCase()] ?? whole).toLowerCase();
  return text.replace(/\\+$/, '').replace(/\\{2,}/g, '\\');
}

/** Folders a cleanup must never empty: the system's own, the program roots, profile roots and their AppData roots. */
const PROTECTED = [
  /^[a-z]:$/, /^c:\\windows$/, /^c:\\windows\\(system32|syswow64)$/, /^c:\\windows\\(winsxs|servicing|boot|fonts|installer|system32\\(config|drivers|driverstore))(\\|$)/, /^c:\\program files( \(x86\))?$/, /^c:\\program files\\common files$/,
  /^c:\\programdata$/, /^c:\\programdata\\microsoft$/, /^c:\\users$/, /^c:\\users\\[^\\]+$/, /^c:\\users\\[^\\]+\\appdata(\\(local|roaming|locallow))?$/,
  /^c:\\users\\[^\\]+\\(desktop|documents|downloads|pictures|music|videos|onedrive[^\\]*)$/,
];

function checkFolders(step: PathCleanupProps, issue: StepIssue): void {
  const folders = step.folders ?? [];
  if (folders.length === 0) issue(['folders'], 'give at least one folder to clean');
  folders.forEach((folder, index) => {
    if (typeof folder !== 'string' || !ABSOLUTE.test(folder)) {
      issue(['folders', index], `folder ${JSON.stringify(folder)} is not a full path: start it with a drive (C:\\) or a variable (%LOCALAPPDATA%\\)`);
      return;
    }
    if (/[*?]/.test(folder)) {
      issue(['folders', index], `folder ${JSON.stringify(folder)} has a wildcard: name the folder, and the files in include`);
      return;
    }
    const place = canonical(folder);
    if (PROTECTED.some((rule) => rule.test(place))) {
      issue(['folders', index], `folder ${JSON.stringify(folder)} is a system folder or a profile root (${place}): remgen does not empty it; name the cache or temp folder below it, e.g. '%LOCALAPPDATA%\\Microsoft\\Teams\\Cache'`);
    }
  });
  const kinds = new Set(folders.filter((f) => typeof f === 'string').map((f) => USER_VARIABLES.test(f)));
  if (kinds.size > 1) issue(['folders'], "the folders mix the user's (%LOCALAPPDATA%, ...) and the machine's: a step runs in one context; split it in two");
}

const contextOf = (step: PathCleanupProps): StepContext => (!everyProfile(step) && (step.folders ?? []).some((f) => USER_VARIABLES.test(f)) ? 'user' : 'system');

const triggerWords = (step: PathCleanupProps): string =>
  step.trigger === 'always' ? 'whenever the gate reports the symptom' : step.trigger === 'largerThan' ? `when the matching files exceed ${step.largerThanMB} MB` : 'when a matching file is there';

export const pathCleanupRoom: StepRoom<PathCleanupStep> = {
  kind: 'pathCleanup',
  category: 'action',
  script: 'files/path-cleanup.ps1',
  setScript: 'files/path-cleanup-set.ps1',
  functions: { test: 'Test-RgPathCleanup', set: 'Invoke-RgPathCleanup' },
  runtime: ['cleanup.ps1', 'file.ps1'],
  stepRuntime: (step) => (everyProfile(step) ? { test: [...PROFILE_RUNTIME, 'cleanup-profiles.ps1'] } : { test: [] }),
  setRuntime: ['cleanup-write.ps1', 'file-write.ps1', 'service.ps1', 'service-write.ps1', 'process.ps1', 'process-write.ps1'],
  contextOf,
  check(step, issue) {
    checkFolders(step, issue);
    checkProfiles(step, (step.folders ?? []).some((f) => USER_VARIABLES.test(f)), "folders in a user's profile (%LOCALAPPDATA%, %APPDATA%, %USERPROFILE%, %TEMP%)", issue);
    if (everyProfile(step) && (step.stopProcesses ?? []).length > 0) {
      issue(['stopProcesses'], "stopProcesses ends this session's processes, and a cleanup in every profile runs as SYSTEM: use profiles: 'allSignedOut' to leave signed-in users alone, or a processStop step with scope: 'any' gating it");
    }
    (step.include ?? []).forEach((pattern, index) => {
      if (typeof pattern !== 'string' || pattern === '' || /[\\/]/.test(pattern)) issue(['include', index], `include pattern ${JSON.stringify(pattern)} must be a file name pattern such as '*.tmp' (no folder)`);
    });
    const age = step.minAgeDays;
    if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > 3650)) issue(['minAgeDays'], `minAgeDays ${JSON.stringify(age)} must be a whole number of days from 0 to 3650`);
    if (step.trigger === 'largerThan' && !(typeof step.largerThanMB === 'number' && step.largerThanMB >= 1)) {
      issue(['largerThanMB'], "trigger 'largerThan' needs largerThanMB, a size in MB of at least 1");
    }
    if (step.trigger !== 'largerThan' && step.largerThanMB !== undefined) issue(['largerThanMB'], "largerThanMB is used only with trigger 'largerThan'");
    if (step.mode === 'rename' && (step.include !== undefined || step.minAgeDays !== undefined)) {
      issue(['mode'], "mode 'rename' renames whole folders: leave include and minAgeDays out, or use mode 'delete'");
    }
    if (contextOf(step) === 'user' && (step.stopServices ?? []).length > 0) {
      issue(['stopServices'], "a user-context cleanup cannot stop services (that needs an administrator): use machine folders, or stop the user's processes instead");
    }
    for (const [key, list] of [['stopServices', step.stopServices], ['stopProcesses', step.stopProcesses]] as const) {
      (list ?? []).forEach((name, index) => {
        if (typeof name !== 'string' || name.trim() === '' || /[\\/*?]/.test(name) || /\.exe$/i.test(name)) issue([key, index], `${JSON.stringify(name)} is not one ${key === 'stopServices' ? 'service' : 'process'} name (no folder, wildcard or .exe)`);
      });
    }
  },
  toData: (step) => ({
    Folders: [...step.folders],
    Include: [...(step.include ?? ['*'])],
    MinAgeDays: step.minAgeDays ?? 0,
    Trigger: step.trigger === 'always' ? 'Always' : step.trigger === 'largerThan' ? 'LargerThan' : 'NotEmpty',
    LargerThanBytes: step.trigger === 'largerThan' ? Math.round((step.largerThanMB ?? 0) * 1048576) : 0,
    Mode: step.mode === 'rename' ? 'Rename' : 'Delete',
    StopServices: [...(step.stopServices ?? [])],
    StopProcesses: [...(step.stopProcesses ?? [])],
    ...profileData(step, { ProfilesFolders: 'Get-RgCleanupProfileFolders' }),
  }),
  title: (step) => `Folders cleaned: ${step.folders.join(', ')}`,
  explain: (step) => {
    const files = `${(step.include ?? ['*']).join(', ')}${step.minAgeDays ? ` older than ${step.minAgeDays} days` : ''}`;
    const around = [...(step.stopServices ?? []).map((s) => `the service ${s}`), ...(step.stopProcesses ?? []).map((p) => `${p}.exe`)];
    return {
      detects: `files ${files} in ${step.folders.join(', ')}${profileWords(step)}, ${triggerWords(step)}; ${gateWords(step.gate)}`,
      changes: `${step.mode === 'rename' ? 'renames each folder to <folder>.old' : `deletes the files ${files} there and below (files in use are left)`}${around.length ? `, with ${around.join(' and ')} stopped before and started again after` : ''} (at most once per ${durationWords(step.cooldown)}); the summary says how much was freed, and the folders read again verify`,
    };
  },
};
