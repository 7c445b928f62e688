/**
 * OneDrive error 0x8004de40, the last rung of Microsoft's article: reset OneDrive for the user. Facts:
 * docs/reference/intune-configmgr.md 3.0 and 3.4 (the three install locations, /reset, restart, the
 * Business1 account values, why a reset is expensive).
 */
import { defineRemediation, oneDriveAccount, oneDriveReset } from 'remgen';

/**
 * The symptom: OneDrive is installed but its work account never finished signing in (no Business1
 * UserEmail). Not installed passes: the error cannot happen there.
 */
export const oneDriveSignedIn = oneDriveAccount({ id: 'onedrive-signed-in', title: 'OneDrive signed in to the work account' });

// A reset makes OneDrive sync every library again: once a week at most.
export const resetOneDrive = oneDriveReset({ id: 'reset-onedrive', gate: { probes: ['onedrive-signed-in'] }, cooldown: 'P7D' });

export default defineRemediation({
  id: 'onedrive-reset',
  displayName: 'OneDrive 0x8004de40: OneDrive reset when it cannot sign in (user)',
  description:
    'When OneDrive is installed but its work account has not signed in (no Business1 account), this package, run as the ' +
    'signed-in user, closes OneDrive, runs OneDrive.exe /reset from where it is installed (per user, or per machine in ' +
    'Program Files), and starts OneDrive again when it has not restarted within 2 minutes. Local files are kept, but every ' +
    'library syncs again, so the reset runs at most once a week. The check keeps failing until the user has signed in; ' +
    'devices without OneDrive are left alone.',
  publisher: 'remgen',
  context: 'user',
  steps: [oneDriveSignedIn, resetOneDrive],
});
