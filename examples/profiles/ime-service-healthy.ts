import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'ime-service-healthy',
  description: 'The Intune Management Extension automatic and running.',
  services: [{ name: 'IntuneManagementExtension', status: 'Running', startType: 'Automatic' }],
});
