/**
 * What the OneDrive rooms (oneDriveAccount, oneDriveReset) share: where OneDrive.exe is installed and where
 * it keeps the work or school account. A module of its own, since rooms do not import each other.
 */

/**
 * The three places OneDrive.exe is installed, in the order Microsoft's reset article tries them
 * (docs/reference/intune-configmgr.md 3.4): per user (the default), then per machine under Program
 * Files, then per machine under Program Files (x86). The script expands the variables in the user's own
 * environment; the 64-bit relaunch makes %ProgramFiles% the 64-bit folder.
 */
export const ONEDRIVE_LOCATIONS: readonly string[] = [
  '%LOCALAPPDATA%\\Microsoft\\OneDrive\\OneDrive.exe',
  '%ProgramFiles%\\Microsoft OneDrive\\OneDrive.exe',
  '%ProgramFiles(x86)%\\Microsoft OneDrive\\OneDrive.exe',
];

/**
 * The first work or school account OneDrive configured (reference 3.4): `UserEmail` present means the account
 * is provisioned, `ConfiguredTenantId` is its tenant. Under HKCU.
 */
export const BUSINESS1_SUBKEY = 'Software\\Microsoft\\OneDrive\\Accounts\\Business1';

/** The locations in words, for `explain`. */
export const LOCATION_WORDS = ONEDRIVE_LOCATIONS.join(', ');
