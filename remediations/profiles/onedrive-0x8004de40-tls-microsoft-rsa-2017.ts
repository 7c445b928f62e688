import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE } from './device-data.ts';
import { INSPECTED_HOSTS, microsoftRsa2017Chain } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-microsoft-rsa-2017',
  description: 'A healthy device whose sign-in endpoints all present chains under Microsoft RSA Root Certificate Authority 2017 (Azure RSA TLS Issuing CA 04), directly.',
  ...HEALTHY_DEVICE,
  tlsChains: INSPECTED_HOSTS.map(microsoftRsa2017Chain),
});
