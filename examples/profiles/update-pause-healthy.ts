import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'update-pause-healthy',
  description: 'Windows Update paused for 3 days.',
  clock: '2026-03-02T08:00:00Z',
  registry: [{ path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'PauseUpdatesExpiryTime', kind: 'String', value: '2026-03-05T08:00:00Z' }],
});
