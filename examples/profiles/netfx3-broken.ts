import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'netfx3-broken',
  description: '.NET Framework 3.5 not enabled (the Windows default); enabling it finishes at the next restart.',
  windowsFeatures: [{ name: 'NetFx3', state: 'Disabled', restartNeeded: true }, { name: 'NetFx4-AdvSrvs', state: 'Enabled' }, { name: 'SMB1Protocol', state: 'Disabled' }],
});
