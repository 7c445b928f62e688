import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, withoutSignIn } from './device-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-onedrive-not-installed',
  description: 'A healthy device where OneDrive is not installed (a kiosk image): nothing to check or reset for OneDrive, and no error.',
  ...HEALTHY_DEVICE,
  registry: withoutSignIn(HEALTHY_DEVICE.registry ?? []),
  files: [],
  processes: [],
});
