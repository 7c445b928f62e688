/**
 * Device facts for the OneDrive rooms' specs (../shared/reference/intune-configmgr.md 3.4): where OneDrive.exe
 * is installed, the Business1 account values it writes under HKCU, and what `OneDrive.exe /reset` does.
 */
import type { Program, RegistryEntry, RunningProcess } from '../../generator/model/profile.ts';

export const PER_USER = '%LOCALAPPDATA%\\Microsoft\\OneDrive\\OneDrive.exe';
export const PER_MACHINE = 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe';
export const PER_MACHINE_X86 = 'C:\\Program Files (x86)\\Microsoft OneDrive\\OneDrive.exe';
export const BUSINESS1 = 'HKCU\\Software\\Microsoft\\OneDrive\\Accounts\\Business1';
export const TENANT = '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab';

/** Business1 as OneDrive leaves it after a completed sign-in (UserFolder too, which the probe does not read). */
export const signedIn = (tenant = TENANT): RegistryEntry[] => [
  { path: BUSINESS1, name: 'UserEmail', kind: 'String', value: 'adele.vance@contoso.com' },
  { path: BUSINESS1, name: 'ConfiguredTenantId', kind: 'String', value: tenant },
  { path: BUSINESS1, name: 'UserFolder', kind: 'String', value: 'C:\\Users\\AdeleV\\OneDrive - Contoso' },
];

/** Where the per-user OneDrive runs from on the device, as the process list shows it. */
export const USER_ONEDRIVE = 'C:\\Users\\AdeleV\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe';

/** The OneDrive client running in the user's session. */
export const running = (path = USER_ONEDRIVE, id = 5120): RunningProcess => ({ name: 'OneDrive', id, path });

/**
 * `OneDrive.exe /reset` at `path`: closes the running OneDrive and is itself a OneDrive process for 20 s while
 * it resets; OneDrive comes back on its own after `after` seconds, or not at all (undefined); `writes` are the
 * values a silent sign-in leaves once it is back.
 */
export const reset = (path: string, after?: number, writes: readonly RegistryEntry[] = []): Program => ({
  filePath: path,
  argumentList: ['/reset'],
  stops: ['OneDrive'],
  runsForSeconds: 20,
  starts: after === undefined ? [] : [{ name: 'OneDrive', afterSeconds: after }],
  writes,
});

/** `OneDrive.exe` started by hand (no arguments): it runs. */
export const start = (path: string): Program => ({ filePath: path, runs: true });
