import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'teams-cache-broken',
  description: 'New Teams with a 650 MB cache, and classic Teams leftovers of 80 MB.',
  fileSystem: [
    { path: '%LOCALAPPDATA%\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\\Default\\Cache\\data_1', length: 524288000 },
    { path: '%LOCALAPPDATA%\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\\Default\\IndexedDB\\db.ldb', length: 157286400 },
    { path: '%APPDATA%\\Microsoft\\Teams\\Cache\\data_0', length: 83886080 },
  ],
});
