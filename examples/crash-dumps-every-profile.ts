/**
 * Example: a cache cleared in every user's profile from SYSTEM, as an action that is the point ('always': no
 * probe), at most once a day. Windows Error Reporting keeps user-mode crash dumps in each user's
 * %LOCALAPPDATA%\CrashDumps when local dumps are turned on; old ones are only disk space. The package runs as
 * SYSTEM and reads every profile of the ProfileList (not the system accounts, Default or Public), signed in or
 * not; the summary counts the profiles.
 */
import { defineRemediation, pathCleanup } from 'remgen';

export default defineRemediation({
  id: 'crash-dumps-every-profile',
  displayName: 'Old crash dumps removed in every profile',
  description: 'Deletes user-mode crash dumps older than 14 days in every user profile, at most once a day.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    pathCleanup({ id: 'old-crash-dumps', folders: ['%LOCALAPPDATA%\\CrashDumps'], include: ['*.dmp'], minAgeDays: 14, profiles: 'all', gate: 'always', cooldown: 'P1D' }),
  ],
});
