import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE } from './device-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-healthy',
  description: 'A hybrid-joined Windows 11 device with nothing wrong: TLS 1.2 on, clock in sync, Microsoft 365 reachable, the user clean.',
  ...HEALTHY_DEVICE,
});
