import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'update-policy-removed-healthy',
  description: 'No WSUS policy values; the Windows Update for Business deferral policy is there and stays.',
  registry: [{ path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'DeferQualityUpdatesPeriodInDays', kind: 'DWord', value: 3 }],
});
