import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, signedIn } from './device-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-onedrive-not-installed',
  description: 'A healthy device where OneDrive is not installed (a kiosk image): nothing to check or reset for OneDrive, and no error.',
  ...HEALTHY_DEVICE,
  registry: (HEALTHY_DEVICE.registry ?? []).filter((e) => !signedIn().some((s) => s.path === e.path && s.name === e.name)),
  files: [],
  processes: [],
});
