/**
 * Example: clear the Teams cache for the signed-in user, an action that is the point ('always': no probe), at
 * most once a week, when the cache has grown past 500 MB. New Teams (the MSTeams package) keeps its cache in
 * %LOCALAPPDATA%\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\Microsoft\MSTeams, classic Teams in
 * %APPDATA%\Microsoft\Teams (docs/reference/user-profiles.md, "Teams caches"); Teams rebuilds both at its next
 * start. Files Teams holds open while it runs are left and counted, not forced.
 */
import { defineRemediation, pathCleanup } from 'remgen';

export default defineRemediation({
  id: 'teams-cache',
  displayName: 'Teams cache cleared past 500 MB',
  description: "Clears the new and classic Teams caches of the signed-in user when they exceed 500 MB, at most once a week.",
  publisher: 'remgen examples',
  context: 'user',
  steps: [
    pathCleanup({
      id: 'clear-teams-cache',
      folders: ['%LOCALAPPDATA%\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams', '%APPDATA%\\Microsoft\\Teams'],
      trigger: 'largerThan',
      largerThanMB: 500,
      gate: 'always',
      cooldown: 'P7D',
    }),
  ],
});
