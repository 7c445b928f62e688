/**
 * Device facts for the OneDrive rooms' specs (docs/reference/intune-configmgr.md 3.4): the bundled
 * profiles' data (remediations/profiles/device-data.ts): where OneDrive.exe is installed, the Business1
 * account values it writes under HKCU, and what `OneDrive.exe /reset` does.
 */
export { BUSINESS1, PER_MACHINE, PER_MACHINE_X86, PER_USER, reset, running, signedIn, start, TENANT, USER_ONEDRIVE } from '../../../remediations/profiles/device-data.ts';
