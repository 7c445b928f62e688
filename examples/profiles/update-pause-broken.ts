import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'update-pause-broken',
  description: 'Windows Update paused for five weeks from Settings (pause end, start, feature and quality times set).',
  clock: '2026-03-02T08:00:00Z',
  registry: [
    { path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'PauseUpdatesExpiryTime', kind: 'String', value: '2026-04-06T08:00:00Z' },
    { path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'PauseUpdatesStartTime', kind: 'String', value: '2026-03-02T08:00:00Z' },
    { path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'PauseFeatureUpdatesEndTime', kind: 'String', value: '2026-04-06T08:00:00Z' },
    { path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'PauseQualityUpdatesEndTime', kind: 'String', value: '2026-04-06T08:00:00Z' },
    { path: 'HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings', name: 'FlightSettingsMaxPauseDays', kind: 'DWord', value: 35 },
  ],
});
