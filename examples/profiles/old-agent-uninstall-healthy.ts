import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'old-agent-uninstall-healthy',
  description: 'Contoso Agent 5.10.1 (64-bit MSI) only.',
  installedApps: [{ displayName: 'Contoso Agent', displayVersion: '5.10.1', publisher: 'Contoso Ltd.', key: '{9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D}' }],
});
