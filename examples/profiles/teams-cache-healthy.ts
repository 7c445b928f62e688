import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'teams-cache-healthy',
  description: 'New Teams with a 120 MB cache; no classic Teams.',
  fileSystem: [{ path: '%LOCALAPPDATA%\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\\Default\\Cache\\data_1', length: 125829120 }],
});
