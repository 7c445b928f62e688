import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'netfx3-healthy',
  description: '.NET Framework 3.5 enabled.',
  windowsFeatures: [{ name: 'NetFx3', state: 'Enabled' }, { name: 'NetFx4-AdvSrvs', state: 'Enabled' }, { name: 'SMB1Protocol', state: 'Disabled' }],
});
