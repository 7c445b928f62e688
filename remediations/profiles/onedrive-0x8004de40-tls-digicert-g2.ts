import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE } from './device-data.ts';
import { digicertG2Chain, INSPECTED_HOSTS } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-digicert-g2',
  description: 'A healthy device whose sign-in endpoints all present Microsoft chains under DigiCert Global Root G2, directly.',
  ...HEALTHY_DEVICE,
  tlsChains: INSPECTED_HOSTS.map(digicertG2Chain),
});
