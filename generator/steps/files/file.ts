import type { StepBase } from '../../model/step.ts';
import type { StepContext, StepRoom } from '../room.ts';
import { checkProfiles, everyProfile, PROFILE_RUNTIME, profileData, profileWords, type ProfileScopeProps } from '../profiles.ts';

/** Props of {@link file}. */
export interface FileProps extends StepBase, ProfileScopeProps {
  /**
   * The file's full path; it may start with an environment variable the script expands on the device
   * (`%ProgramData%`, `%LOCALAPPDATA%`, `%APPDATA%`, `%USERPROFILE%`, `%ProgramFiles%`, ...). No wildcard.
   * @maxLength 260
   * @example "%APPDATA%\\Contoso\\settings.json"
   */
  readonly path: string;
  /**
   * Whether the file should exist.
   * @default "present"
   */
  readonly state?: 'present' | 'absent';
  /**
   * A JSON file's property that must hold a value: `property` is a dotted path of object members
   * (`update.channel`); missing objects on the way are created, other properties are kept.
   */
  readonly json?: { readonly property: string; readonly value: string | number | boolean };
  /**
   * The file's exact bytes, by SHA-256 (64 hex digits). Needs `source`.
   * @pattern ^[0-9A-Fa-f]{64}$
   */
  readonly sha256?: string;
  /**
   * Where the bytes come from: an `https://` URL (downloaded through the system proxy) or a full path (a
   * share, e.g. `\\\\server\\share\\file`). The copy is verified by `sha256` before it replaces anything.
   * @example "https://downloads.contoso.com/agent/config.xml"
   */
  readonly source?: string;
}

/**
 * A setting: a file exists or not, and holds a JSON property's value or exact bytes by SHA-256. Context:
 * user for a path under the user's profile variables, else system.
 */
export interface FileStep extends FileProps {
  readonly kind: 'file';
}

/**
 * A file setting.
 * @example
 * file({ id: 'teams-config', path: '%APPDATA%\\Contoso\\settings.json', json: { property: 'update.channel', value: 'stable' } })
 */
export function file(props: FileProps): FileStep {
  return Object.freeze({ kind: 'file', ...props });
}

const USER_VARIABLES = /^%(APPDATA|LOCALAPPDATA|USERPROFILE|TEMP|TMP|HOMEPATH|OneDrive)%/i;
const ABSOLUTE = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+\\|%[A-Za-z0-9_()]+%\\)/;
/** The Windows folder: remgen does not delete or overwrite the OS's own files. */
const SYSTEM = /^([A-Za-z]:\\Windows\\|%(SystemRoot|windir)%\\)/i;

const contextOf = (step: FileProps): StepContext => (!everyProfile(step) && USER_VARIABLES.test(step.path) ? 'user' : 'system');
const state = (step: FileProps): 'present' | 'absent' => step.state ?? 'present';
const jsonText = (value: string | number | boolean): string => JSON.stringify(value);

function describe(step: FileProps): string {
  if (state(step) === 'absent') return `${step.path} is absent`;
  if (step.json) return `${step.path} has ${step.json.property} = ${jsonText(step.json.value)}`;
  if (step.sha256) return `${step.path} has exactly the bytes of ${step.source} (SHA-256 ${step.sha256.toUpperCase()})`;
  return `${step.path} exists`;
}

export const fileRoom: StepRoom<FileStep> = {
  kind: 'file',
  category: 'setting',
  script: 'files/file.ps1',
  setScript: 'files/file-set.ps1',
  functions: { test: 'Test-RgFileState', set: 'Set-RgFileState' },
  runtime: ['file.ps1'],
  stepRuntime: (step) => (everyProfile(step) ? { test: [...PROFILE_RUNTIME, 'file-profiles.ps1'] } : { test: [] }),
  setRuntime: ['file-write.ps1'],
  contextOf,
  check(step, issue) {
    const path = step.path;
    checkProfiles(step, typeof path === 'string' && USER_VARIABLES.test(path), "a path in a user's profile (%APPDATA%, %LOCALAPPDATA%, %USERPROFILE%, ...)", issue);
    if (typeof path !== 'string' || !ABSOLUTE.test(path)) {
      issue(['path'], `path ${JSON.stringify(path)} is not a full path: start it with a drive (C:\\), a share (\\\\server\\share\\) or a variable (%ProgramData%\\)`);
    } else if (/[*?]/.test(path)) {
      issue(['path'], `path ${JSON.stringify(path)} has a wildcard: a file step is about one file; name it exactly`);
    } else if (SYSTEM.test(path)) {
      issue(['path'], `path ${JSON.stringify(path)} is in the Windows folder: remgen does not change the system's own files; use a registry or service step instead`);
    }
    if (step.sha256 !== undefined && step.source === undefined) issue(['sha256'], 'sha256 needs a source to take the bytes from: add source (an https:// URL or a full path)');
    if (step.source !== undefined && step.sha256 === undefined) {
      issue(['source'], 'a download without a hash: add sha256 (the 64 hex digits of the file), so nothing unverified replaces the file');
    }
    if (step.source !== undefined && /^[a-z]+:\/\//i.test(step.source) && !/^https:\/\//i.test(step.source)) {
      issue(['source'], `source ${JSON.stringify(step.source)} is not https: download over https:// only`);
    }
    if (step.json && step.sha256) issue(['json'], 'json and sha256 both set: a file holds either a JSON property or exact bytes; choose one');
    if (state(step) === 'absent' && (step.json || step.sha256 || step.source)) issue(['state'], 'state absent with content: a file that must be absent holds nothing; remove json, sha256 and source');
    if (step.json && (typeof step.json.property !== 'string' || !/^[^.]+(\.[^.]+)*$/.test(step.json.property))) {
      issue(['json', 'property'], `property ${JSON.stringify(step.json.property)} is not a dotted path of member names, e.g. 'update.channel'`);
    }
  },
  toData: (step) => ({
    Path: step.path,
    Want: state(step) === 'absent' ? 'Absent' : 'Present',
    Content: step.json ? 'Json' : step.sha256 ? 'Sha256' : 'None',
    Property: step.json?.property ?? '',
    Json: step.json ? jsonText(step.json.value) : '',
    Sha256: (step.sha256 ?? '').toUpperCase(),
    Source: step.source ?? '',
    ...profileData(step, { ProfilesTest: 'Test-RgFileStateProfiles', ProfilesFind: 'Get-RgFileStateProfiles' }),
  }),
  title: (step) => describe(step),
  explain: (step) => ({
    detects: `${describe(step)}${profileWords(step)}`,
    changes: state(step) === 'absent' ? 'deletes the file'
      : step.json ? `sets ${step.json.property} to ${jsonText(step.json.value)}, keeping the rest of the file (created when missing)`
        : step.sha256 ? `copies ${step.source} beside the file, checks its SHA-256, and only then replaces the file (a mismatch replaces nothing)`
          : 'creates the file, empty',
  }),
};
