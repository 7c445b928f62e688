/**
 * OneDrive error 0x8004de40, the cached credentials rung: a stale OneDrive or Office token in Credential
 * Manager keeps the sign-in failing. Facts: docs/reference/intune-configmgr.md 3.2 (cmdkey is per user,
 * the untranslated target= token, the Office ADAL entries).
 */
import { cachedCredentials, defineRemediation } from 'remgen';
import { oneDriveSignedIn } from './onedrive-reset.ts';

// Deleting cached tokens only costs the user a sign-in prompt: once a day at most.
export const clearCredentials = cachedCredentials({ id: 'clear-credentials', gate: { probes: ['onedrive-signed-in'] }, cooldown: 'P1D' });

export default defineRemediation({
  id: 'cached-credentials',
  displayName: 'OneDrive 0x8004de40: stale OneDrive and Office credentials cleared (user)',
  description:
    'When OneDrive is installed but its work account has not signed in, this package, run as the signed-in user, deletes ' +
    'the cached OneDrive and Office sign-in entries from Credential Manager (cmdkey /delete; entries named ' +
    "'OneDrive Cached Credential*' and 'MicrosoftOffice1?_Data:ADAL:*'), so the next sign-in starts clean, then lists " +
    'them again to verify. It works on non-English Windows too, and runs at most once a day.',
  publisher: 'remgen',
  context: 'user',
  steps: [oneDriveSignedIn, clearCredentials],
});
