import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'old-agent-uninstall-broken',
  description: 'Contoso Agent 5.1.9 (32-bit MSI) left beside 5.10.1; its uninstaller asks for a restart (3010).',
  installedApps: [
    { displayName: 'Contoso Agent', displayVersion: '5.10.1', publisher: 'Contoso Ltd.', key: '{9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D}' },
    { displayName: 'Contoso Agent', displayVersion: '5.1.9', publisher: 'Contoso Ltd.', key: '{6F3A1B2C-0D4E-4F5A-8B9C-1D2E3F4A5B6C}', scope: 'machine32', uninstall: { exitCode: 3010 } },
  ],
});
