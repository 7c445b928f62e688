import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE } from './device-data.ts';
import { ANTIVIRUS_ROOT, INSPECTED_HOSTS, inspectedChain } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-antivirus',
  description:
    'An antivirus web shield inspects TLS on the device itself: every sign-in endpoint presents a leaf under the product\'s own ' +
    'root, which the machine trusts (no policy errors), for SYSTEM and the user alike.',
  ...HEALTHY_DEVICE,
  tlsChains: INSPECTED_HOSTS.map((h) => inspectedChain(h, ANTIVIRUS_ROOT)),
});
