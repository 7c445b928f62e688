import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'ime-service-broken',
  description: 'The Intune Management Extension set to Manual by a cleanup tool, and stopped.',
  services: [{ name: 'IntuneManagementExtension', status: 'Stopped', startType: 'Manual' }],
});
